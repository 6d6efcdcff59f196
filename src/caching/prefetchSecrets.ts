import type { IBatchGetSecretValueRequest } from '../generated/models/BatchGetSecretValueRequest.js';
import type { ISecretValueEntry } from '../generated/models/SecretValueEntry.js';
import type { IAmazonSecretsManager } from '../generated/IAmazonSecretsManager.js';
import type { PrefetchResult, PrefetchSource } from './ISecretsManagerCache.js';

/** BatchGetSecretValue's limit: `SecretIdList` and `MaxResults` take at most 20 (botocore's service-2.json). */
const BATCH_SIZE = 20;

/**
 * Whether `id` names the secret whose full ARN is `arn`: that ARN itself, or a partial ARN, which is
 * the full ARN without the hyphen and six random characters the service appends to it ("Secrets
 * Manager automatically adds a hyphen and six random characters after the secret name at the end of
 * the ARN": CreateSecret's `Name` in the service model). A partial ARN must not match a longer name
 * that begins the same way: `...:secret:prod/db` is not `...:secret:prod/db-readonly-AbCdEf`.
 */
function namesArn(id: string, arn: string | undefined): boolean {
  return arn !== undefined && (id === arn || (arn.length === id.length + 7 && arn.startsWith(`${id}-`)));
}

/**
 * The requested ids a BatchGetSecretValue entry answers, as they were asked (a name, a full or a
 * partial ARN), so that a later read by any of them finds it; the name when filters asked, or when no
 * requested id names the entry.
 */
function requestedIds(requested: readonly string[] | undefined, entry: ISecretValueEntry): string[] {
  const named = requested?.filter((id) => id === entry.Name || namesArn(id, entry.ARN)) ?? [];
  const fallback = entry.Name ?? entry.ARN;
  return named.length > 0 ? named : fallback === undefined ? [] : [fallback];
}

/**
 * `SecretsManagerCache.prefetch`: BatchGetSecretValue 20 secrets a call (and page by page with
 * filters), one call at a time since the operation's quota is 100 a second. A secret the service
 * reports in `Errors`, or every secret of a call that failed as a whole, is reported in the result,
 * not thrown; the caller's abort is thrown. A module of its own, loaded at the first prefetch: an app
 * that never prefetches does not load it in a browser.
 */
export async function prefetchSecrets(
  batchGet: IAmazonSecretsManager['batchGetSecretValueAsync'],
  source: PrefetchSource,
  signal: AbortSignal,
  fill: (secretId: string, entry: ISecretValueEntry) => void,
): Promise<PrefetchResult> {
  const ids = Array.isArray(source) ? (source as readonly string[]) : undefined;
  const filters = ids === undefined ? (source as { Filters?: unknown } | undefined)?.Filters : undefined;
  if (ids === undefined && !Array.isArray(filters)) throw new TypeError('prefetch takes an array of secret ids or { Filters: [...] }.');
  for (const id of ids ?? []) if (typeof id !== 'string' || id === '') throw new TypeError('prefetch: every secret id must be a non-empty string.');
  const result: PrefetchResult = { loaded: [], errors: [] };
  const requests: IBatchGetSecretValueRequest[] = ids === undefined ? [{ Filters: filters as IBatchGetSecretValueRequest['Filters'], MaxResults: BATCH_SIZE }] : [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH_SIZE) requests.push({ SecretIdList: unique.slice(i, i + BATCH_SIZE) });
  for (const request of requests) {
    let next: IBatchGetSecretValueRequest | undefined = request;
    while (next !== undefined) {
      let response;
      try {
        response = await batchGet(next, signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        // The whole call failed (throttled, BatchGetSecretValue denied): each of its secrets is reported.
        const { errorCode, name, message } = (error ?? {}) as { errorCode?: string; name?: string; message?: string };
        for (const secretId of next.SecretIdList ?? ['(filters)']) result.errors.push({ secretId, errorCode: errorCode ?? name ?? 'Error', message: message ?? String(error) });
        break;
      }
      for (const entry of response.SecretValues ?? []) {
        for (const id of requestedIds(next.SecretIdList, entry)) {
          fill(id, entry);
          // Asked by its name and its ARN, a secret may come once per id: each id is listed once.
          if (!result.loaded.includes(id)) result.loaded.push(id);
        }
      }
      for (const error of response.Errors ?? []) result.errors.push({ secretId: error.SecretId ?? '', errorCode: error.ErrorCode ?? 'Error', message: error.Message ?? '' });
      next = response.NextToken ? { ...next, NextToken: response.NextToken } : undefined;
    }
  }
  return result;
}
