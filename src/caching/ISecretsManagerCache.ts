import type { IFilter } from '../generated/models/Filter.js';
import type { SecretParser } from './parseSecretJson.js';
import type { SecretCacheItem } from './SecretCacheItem.js';
import type { StandardSchemaV1 } from './StandardSchemaV1.js';

/** Per-call options of the cache's reads: a version stage other than the configured one, and a signal. */
export interface GetSecretOptions {
  /** Read this version stage (`AWSPREVIOUS`, `AWSPENDING`, a label of your own) instead of `VersionStage`. */
  versionStage?: string;
  /** Ends this caller's wait; a request other callers share goes on. */
  abortSignal?: AbortSignal;
}

/** Options of `getSecretJson`: the read's, and how to turn the JSON into a value. */
export interface GetSecretJsonOptions<T> extends GetSecretOptions {
  /** A function of the parsed JSON, or a Standard Schema validator (zod, valibot, arktype, ...). Run once per version. */
  parse?: SecretParser<T>;
}

/** A secret `prefetch` could not load, as BatchGetSecretValue reported it (or the error of its whole batch). */
export interface PrefetchError {
  secretId: string;
  errorCode: string;
  message: string;
}

/** What `prefetch` did: the ids it filled the cache with, and the secrets it could not load. */
export interface PrefetchResult {
  loaded: string[];
  errors: PrefetchError[];
}

/** What `prefetch` takes: secret ids (names or ARNs), or BatchGetSecretValue's filters. */
export type PrefetchSource = readonly string[] | { Filters: IFilter[] };

/**
 * A client-side cache of Secrets Manager secrets: .NET's `ISecretsManagerCache`, plus JSON and
 * prefetch. Implement it to stand in for the cache in tests; {@link withRefreshOnAuthFailure} works
 * with any implementation.
 */
export interface ISecretsManagerCache {
  /** The secret's SecretString (`undefined` for a binary secret). .NET's `GetSecretString`. */
  getSecretString(secretId: string, options?: AbortSignal | GetSecretOptions): Promise<string | undefined>;
  /** A copy of the secret's SecretBinary (`undefined` for a text secret). .NET's `GetSecretBinary`. */
  getSecretBinary(secretId: string, options?: AbortSignal | GetSecretOptions): Promise<Uint8Array | undefined>;
  /** The secret's text parsed as JSON and, with `parse`, validated or transformed: once per version. */
  getSecretJson<S extends StandardSchemaV1>(secretId: string, options: GetSecretJsonOptions<StandardSchemaV1.InferOutput<S>> & { parse: S }): Promise<StandardSchemaV1.InferOutput<S>>;
  getSecretJson<T = unknown>(secretId: string, options?: AbortSignal | GetSecretJsonOptions<T>): Promise<T>;
  /** Checks the secret with the service now (no sleep; rate-limited per secret); true when that succeeded. .NET's `RefreshNowAsync`. */
  refreshNowAsync(secretId: string, options?: AbortSignal | GetSecretOptions): Promise<boolean>;
  /** The cache's item for the secret, created (without a call) when there is none. .NET's `GetCachedSecret`. */
  getCachedSecret(secretId: string, versionStage?: string): SecretCacheItem;
  /** Loads many secrets with BatchGetSecretValue, 20 a call; a secret that fails is reported, not thrown. */
  prefetch(source: PrefetchSource, abortSignal?: AbortSignal): Promise<PrefetchResult>;
  /** Drops every value and stops every request under way; later calls throw ObjectDisposedException. .NET's `Dispose`. */
  destroy(): void;
}
