/**
 * `amazon-secretsmanager/caching`: a client-side cache of secrets, mirroring .NET's
 * `Amazon.SecretsManager.Extensions.Caching`. A separate entry of the package: it carries no client
 * code, and an app that does not import it pays nothing for it. See docs/caching.md.
 * @packageDocumentation
 * @module amazon-secretsmanager/caching
 */
export { SecretsManagerCache } from './SecretsManagerCache.js';
export type { GetSecretJsonOptions, GetSecretOptions, ISecretsManagerCache, PrefetchError, PrefetchResult, PrefetchSource } from './ISecretsManagerCache.js';
export { withRefreshOnAuthFailure, type RefreshOnAuthFailureOptions } from './withRefreshOnAuthFailure.js';
export { SecretCacheConfiguration, type ISecretCacheConfiguration } from './SecretCacheConfiguration.js';
export { SecretCacheItem } from './SecretCacheItem.js';
export { SecretValue, type ISecretValue } from './SecretValue.js';
export type { ISecretCacheHook } from './ISecretCacheHook.js';
export type { CacheClient } from './CacheClient.js';
export type { SecretParser } from './parseSecretJson.js';
export type { StandardSchemaV1 } from './StandardSchemaV1.js';
export { SecretValidationException, type SecretValidationReason } from './SecretValidationException.js';
export { ObjectDisposedException } from './ObjectDisposedException.js';
export { isDefinitiveError } from './isDefinitiveError.js';
