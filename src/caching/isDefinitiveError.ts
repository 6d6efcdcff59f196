import { isBranded } from './brand.js';

/**
 * The codes that are the service's answer about the secret itself: it does not exist, was deleted,
 * cannot be decrypted, or this caller may not read it (the errors GetSecretValue and DescribeSecret
 * are modelled with in botocore's secretsmanager/2017-10-17/service-2.json, less InternalServiceError,
 * plus IAM's AccessDeniedException). AWS's Parameter Store and Secrets Manager extension for Lambda
 * documents not-found and access-denied as the errors it caches and throttling, 5xx, timeouts and
 * unreachable endpoints as the ones through which it keeps serving what it holds.
 */
const DEFINITIVE_CODES: ReadonlySet<string> = new Set([
  'ResourceNotFoundException',
  'AccessDeniedException',
  'DecryptionFailure',
  'DecryptionFailureException',
  'InvalidRequestException',
  'InvalidParameterException',
]);

/**
 * Whether a failed check is definitive: the held value is then dropped and the error served from
 * the cache for `NegativeCacheTTL`. Every other failure (throttling, 5xx, timeouts, the network, a
 * response that could not be read: all that the client retries, src/runtime/retries/retryRules.ts,
 * and has retried by the time the cache sees it; but also expired credentials or a rejected
 * signature, which say nothing about the secret) keeps the held value served up to `MaxStaleAge`,
 * with backoff between checks. Read from the errors' public fields and brands (brand.ts), never
 * from the client's code; test/caching-errors.test.ts holds it to the client's retry rules.
 */
export function isDefinitiveError(error: unknown): boolean {
  // A request that broke the model's constraints (an id too long): nothing was sent and nothing will change.
  if (isBranded(error, 'RequestValidationException')) return true;
  return isBranded(error, 'AmazonServiceException') && DEFINITIVE_CODES.has((error as { errorCode?: string }).errorCode!);
}
