import type { GetSecretOptions, ISecretsManagerCache } from './ISecretsManagerCache.js';
import type { SecretParser } from './parseSecretJson.js';

/** Options of {@link withRefreshOnAuthFailure}. */
export interface RefreshOnAuthFailureOptions extends GetSecretOptions {
  /** Whether an error thrown by `use` means the secret was rejected (a database refusing a password after a rotation). */
  isAuthFailure: (error: unknown) => boolean;
}

/**
 * Runs `use` with the secret's SecretString (or, with `parse`, its JSON as `getSecretJson` gives it).
 * When `use` fails with an error that `isAuthFailure` accepts (the database rejected the password:
 * the secret was rotated since it was cached), refreshes the secret once (`refreshNowAsync`, which
 * is rate-limited per secret, so a pool of connections failing together makes one check) and, if a
 * newer version came, runs `use` once more with it. Otherwise, or if that fails too, the error of
 * `use` is thrown. A function, not a method, so that an app that does not use it does not carry it.
 */
export function withRefreshOnAuthFailure<R>(cache: ISecretsManagerCache, secretId: string, use: (secretString: string) => R | Promise<R>, options: RefreshOnAuthFailureOptions): Promise<R>;
export function withRefreshOnAuthFailure<T, R>(cache: ISecretsManagerCache, secretId: string, use: (secret: T) => R | Promise<R>, options: RefreshOnAuthFailureOptions & { parse: SecretParser<T> }): Promise<R>;
export async function withRefreshOnAuthFailure<T, R>(
  cache: ISecretsManagerCache,
  secretId: string,
  use: (secret: T) => R | Promise<R>,
  options: RefreshOnAuthFailureOptions & { parse?: SecretParser<T> },
): Promise<R> {
  if (typeof options?.isAuthFailure !== 'function') throw new TypeError('withRefreshOnAuthFailure needs options.isAuthFailure.');
  const read = { versionStage: options.versionStage, abortSignal: options.abortSignal };
  const item = cache.getCachedSecret(secretId, options.versionStage);
  const get = async (): Promise<T> => {
    if (options.parse !== undefined) return cache.getSecretJson(secretId, { ...read, parse: options.parse });
    const secret = await cache.getSecretString(secretId, read);
    if (secret === undefined) throw new TypeError(`Secret '${secretId}' has no SecretString: pass options.parse to read it as JSON.`);
    return secret as T;
  };
  const first = await get();
  const firstVersion = item.versionId;
  try {
    return await use(first);
  } catch (error) {
    if (!options.isAuthFailure(error)) throw error;
    await cache.refreshNowAsync(secretId, read);
    const second = await get();
    // No newer version: what was rejected is the current secret, and would be rejected again.
    if (firstVersion !== undefined ? item.versionId === firstVersion : second === first) throw error;
    return use(second);
  }
}
