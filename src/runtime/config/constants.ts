/**
 * Every default of the client in one place; docs/configuration.md has the same table with the .NET
 * counterparts. Change a number here and there together.
 */

/** This package's name and version, sent in `x-amz-user-agent`; a test keeps it equal to package.json. */
export const SDK_NAME = 'amazon-secretsmanager';
export const SDK_VERSION = '0.1.0';

/**
 * The largest response body read, in bytes. The largest real answer (BatchGetSecretValue: 20 secrets
 * of 64 KiB, base64-encoded, plus metadata) stays far below it; a larger body is refused rather than
 * buffered, so a misbehaving proxy cannot exhaust memory.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Retries after the first attempt (.NET `MaxErrorRetry`, default 2): three attempts in all. */
export const DEFAULT_MAX_ERROR_RETRY = 2;

/** Backoff before retry n (1-based) is `random() * min(MAX_BACKOFF_MS, base * 2^(n-1))`: full jitter. */
export const RETRY_BASE_DELAY_MS = 100;
/** The base after a throttling error: the service asked for less traffic, so back off harder. */
export const THROTTLING_BASE_DELAY_MS = 1000;
/** No wait between attempts is longer, whatever the backoff or a `Retry-After` header says (.NET: 20 s). */
export const MAX_BACKOFF_MS = 20_000;

/**
 * The retry quota (a token bucket per client, as .NET's `CapacityManager`): each retry takes tokens,
 * each success gives some back, and when the bucket is empty failures are not retried, so an outage
 * does not multiply the traffic it receives.
 */
export const RETRY_QUOTA_CAPACITY = 500;
export const RETRY_COST = 5;
export const TIMEOUT_RETRY_COST = 10;
export const NO_RETRY_INCREMENT = 1;

/** Each attempt is cut off after this long (the `timeout` option); .NET's HttpClient waits 100 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A signature rejected by the service is put down to our clock when the service's `Date` differs from
 * ours by more than this (.NET `SkewDetectionThreshold`, 4 minutes; SigV4 allows 5).
 */
export const CLOCK_SKEW_THRESHOLD_MS = 4 * 60 * 1000;
