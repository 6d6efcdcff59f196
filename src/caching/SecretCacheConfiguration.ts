import type { CacheClient } from './CacheClient.js';
import type { ISecretCacheHook } from './ISecretCacheHook.js';

/** The settings of a {@link SecretCacheConfiguration}, all optional but `Client` (when no client is passed to the cache's constructor). */
export interface ISecretCacheConfiguration {
  /**
   * Milliseconds a value is served without a successful check with the service (.NET's
   * `CacheItemTTL`, default 3,600,000: one hour). A read finds the value checked in the background
   * once it is older than a random point between 75% and 95% of this, so a warm value
   * is never waited for and a fleet of caches does not check in step.
   */
  CacheItemTTL?: number;
  /** The most secrets (per version stage) held; past it the least recently read is evicted (.NET's `MaxCacheSize`, default 1024). */
  MaxCacheSize?: number;
  /** The version stage read when a call names none (.NET's `VersionStage`, default `AWSCURRENT`). */
  VersionStage?: string;
  /** The client the cache calls (.NET's `Client`): any `IAmazonSecretsManager`, or a `Pick` of it. */
  Client?: CacheClient;
  /** Transforms what is held (.NET's `CacheHook`): see {@link ISecretCacheHook}. */
  CacheHook?: ISecretCacheHook;
  /**
   * Milliseconds past `CacheItemTTL` a value is still served while checks fail with transient errors
   * (throttling, 5xx, timeouts, the network). Default: `CacheItemTTL` (a value at most twice the TTL
   * old), as AWS's Parameter Store and Secrets Manager extension does. 0 serves nothing past the TTL.
   */
  MaxStaleAge?: number;
  /**
   * Milliseconds a definitive error (not found, access denied, deleted, undecryptable) is served from
   * the cache before the service is asked again. Default 30,000.
   */
  NegativeCacheTTL?: number;
  /**
   * Whether a secret with rotation on is checked again when its `NextRotationDate` (the latest time
   * the rotation will happen) has passed, whatever its TTL says. Default true. Learnt from
   * DescribeSecret, so from the first background check on.
   */
  ExpireAtNextRotation?: boolean;
  /** Milliseconds within which a second `refreshNowAsync` of a secret joins the first instead of calling again. Default 1,000. */
  RefreshNowMinInterval?: number;
  /**
   * Milliseconds a value may be kept on DescribeSecret's word alone (the version is unchanged) before
   * a check reads it again with GetSecretValue. DescribeSecret needs neither the value's permission nor
   * its KMS key, so this bounds how long a value stays served after that access is revoked (the role
   * denied `secretsmanager:GetSecretValue`, the key disabled): the next GetSecretValue is denied, a
   * definitive error, and the value is dropped. Default 86,400,000 (a day); `CacheItemTTL` gives .NET's
   * behaviour, a GetSecretValue at every check.
   */
  MaxValueAge?: number;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. For tests and simulations. */
  Clock?: () => number;
  /** Random numbers in [0, 1), for the jitter. Default `Math.random`. */
  Random?: () => number;
}

// The defaults stand outside the class: a class whose body names itself keeps that name only under
// another one in the Node bundle (tools/build.mjs).
const DEFAULT_CACHE_ITEM_TTL = 3_600_000;
const DEFAULT_MAX_CACHE_SIZE = 1024;
const DEFAULT_VERSION_STAGE = 'AWSCURRENT';

/**
 * The settings of a {@link SecretsManagerCache}, with .NET's names and defaults
 * (`Amazon.SecretsManager.Extensions.Caching.SecretCacheConfiguration`) and a few of its own.
 * A plain object of the same shape serves as well.
 */
export class SecretCacheConfiguration implements ISecretCacheConfiguration {
  /** .NET's `DEFAULT_CACHE_ITEM_TTL`: one hour. */
  static readonly DEFAULT_CACHE_ITEM_TTL = DEFAULT_CACHE_ITEM_TTL;
  /** .NET's `DEFAULT_MAX_CACHE_SIZE`. */
  static readonly DEFAULT_MAX_CACHE_SIZE = DEFAULT_MAX_CACHE_SIZE;
  /** .NET's `DEFAULT_VERSION_STAGE`. */
  static readonly DEFAULT_VERSION_STAGE = DEFAULT_VERSION_STAGE;

  CacheItemTTL = DEFAULT_CACHE_ITEM_TTL;
  MaxCacheSize = DEFAULT_MAX_CACHE_SIZE;
  VersionStage = DEFAULT_VERSION_STAGE;
  declare Client?: CacheClient;
  declare CacheHook?: ISecretCacheHook;
  declare MaxStaleAge?: number;
  NegativeCacheTTL = 30_000;
  ExpireAtNextRotation = true;
  RefreshNowMinInterval = 1_000;
  MaxValueAge = 86_400_000;
  declare Clock?: () => number;
  declare Random?: () => number;

  constructor(init: ISecretCacheConfiguration = {}) {
    for (const name in init) if (init[name as keyof ISecretCacheConfiguration] !== undefined) (this as Record<string, unknown>)[name] = init[name as keyof ISecretCacheConfiguration];
  }
}
