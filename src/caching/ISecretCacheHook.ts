import type { SecretValue } from './SecretValue.js';

/**
 * Transforms what the cache holds, as .NET's `ISecretCacheHook`: `put` is given every value before it
 * is stored and returns what to store (encrypted, say); `get` is given what was stored at every read
 * and returns the value. With a hook the cache does not keep parsed JSON (`getSecretJson` parses at
 * every read), since that would hold the value outside the hook.
 */
export interface ISecretCacheHook {
  put(value: SecretValue): unknown;
  get(cached: unknown): SecretValue;
}
