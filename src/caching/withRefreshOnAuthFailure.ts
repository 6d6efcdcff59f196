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
  // The secret and the version it came from, read together from one SecretValue: the version of what
  // `use` was given, not of what the item holds later (a background check may have moved it on, or
  // the item may have been evicted and made anew meanwhile).
  const get = async (): Promise<{ secret: T; versionId: string | undefined }> => {
    options.abortSignal?.throwIfAborted();
    const item = cache.getCachedSecret(secretId, options.versionStage);
    // As getSecretJson reads it (no copy of a binary value), so that the JSON parsed from it is reused.
    const value = item.fresh() ?? (await item.read(options.abortSignal));
    if (options.parse !== undefined) return { secret: await item.json(value, options.parse), versionId: value.VersionId };
    if (value.SecretString === undefined) throw new TypeError(`Secret '${secretId}' has no SecretString: pass options.parse to read it as JSON.`);
    return { secret: value.SecretString as T, versionId: value.VersionId };
  };
  const first = await get();
  try {
    return await use(first.secret);
  } catch (error) {
    if (!options.isAuthFailure(error)) throw error;
    await cache.refreshNowAsync(secretId, { versionStage: options.versionStage, abortSignal: options.abortSignal });
    const second = await get();
    // No newer version: what was rejected is the current secret, and would be rejected again.
    if (first.versionId !== undefined ? second.versionId === first.versionId : second.secret === first.secret) throw error;
    return use(second.secret);
  }
}
