import { AmazonServiceException } from '../errors/AmazonServiceException.js';
import { AmazonUnmarshallingException } from '../errors/AmazonUnmarshallingException.js';
import { HttpRequestException } from '../errors/HttpRequestException.js';
import { RequestTimeoutException } from '../errors/RequestTimeoutException.js';

/** Why a failed attempt may be tried again; `undefined` when it may not. */
export type RetryKind = 'throttling' | 'transient' | 'timeout';

/** The codes AWS's SDKs treat as throttling (.NET `RetryPolicy.ThrottlingErrorCodes`, plus JS's `EC2ThrottledException`). */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/** Server-side failures named by code, whatever the status they arrive with. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['InternalServiceError', 'InternalFailure', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeoutException']);

/** Statuses of failures another attempt may not meet (.NET `HttpStatusCodesToRetryOn`, plus 429). */
const TRANSIENT_STATUS: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/**
 * Codes of a rejected signature: when the service's clock differs from ours by minutes, our clock is
 * the likely cause (.NET `ClockSkewPipelineHelper`).
 */
export const CLOCK_SKEW_CODES: ReadonlySet<string> = new Set([
  'RequestTimeTooSkewed',
  'RequestExpired',
  'RequestInTheFuture',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'AuthFailure',
]);

/**
 * Whether a failed attempt may be retried, and as what. Never for the caller's abort, a request that
 * failed validation, an answered call whose body could not be read, or an error the service blames on
 * the request (`Sender`), unless it is throttling.
 */
export function retryKind(error: unknown): RetryKind | undefined {
  if (error instanceof RequestTimeoutException) return error.scope === 'attempt' ? 'timeout' : undefined;
  if (error instanceof HttpRequestException) return error.transient ? 'transient' : undefined;
  // A 2xx whose body could not be read or parsed: the service has acted, and a repeat of a write would
  // act again (or, for RotateSecret, fail with InvalidRequestException for a rotation that succeeded).
  if (error instanceof AmazonUnmarshallingException) return undefined;
  if (!(error instanceof AmazonServiceException)) return undefined;
  if ((error.errorCode !== undefined && THROTTLING_CODES.has(error.errorCode)) || error.statusCode === 429) return 'throttling';
  if (error.errorType === 'Sender') return undefined;
  if ((error.errorCode !== undefined && TRANSIENT_CODES.has(error.errorCode)) || TRANSIENT_STATUS.has(error.statusCode)) return 'transient';
  return undefined;
}

/**
 * A server's `Retry-After` hint in milliseconds: `x-amz-retry-after` (milliseconds), else `retry-after`
 * (seconds, or an HTTP date measured against `now`). `undefined` when absent or unreadable.
 */
export function retryAfterMs(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const amz = headers['x-amz-retry-after'];
  if (amz !== undefined && /^\d+$/.test(amz.trim())) return Number(amz.trim());
  const standard = headers['retry-after']?.trim();
  if (standard === undefined || standard === '') return undefined;
  if (/^\d+$/.test(standard)) return Number(standard) * 1000;
  const date = Date.parse(standard);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
