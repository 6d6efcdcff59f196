import type { IBatchGetSecretValueRequest } from '../generated/models/BatchGetSecretValueRequest.js';
import type { ISecretValueEntry } from '../generated/models/SecretValueEntry.js';
import type { IAmazonSecretsManager } from '../generated/IAmazonSecretsManager.js';
import type { PrefetchResult, PrefetchSource } from './ISecretsManagerCache.js';

/** BatchGetSecretValue's limit: `SecretIdList` and `MaxResults` take at most 20 (botocore's service-2.json). */
const BATCH_SIZE = 20;

/**
 * Which requested id a BatchGetSecretValue entry answers: the id as asked (a name, a full or a
 * partial ARN), so that a later read by the same id finds it. Filters ask for none: the name.
 */
function requestedId(requested: readonly string[] | undefined, entry: ISecretValueEntry): string | undefined {
  if (requested === undefined) return entry.Name ?? entry.ARN;
  return requested.find((id) => id === entry.Name || id === entry.ARN || (entry.ARN !== undefined && id.startsWith('arn:') && entry.ARN.startsWith(id))) ?? entry.Name;
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
        const id = requestedId(next.SecretIdList, entry);
        if (id === undefined) continue;
        fill(id, entry);
        result.loaded.push(id);
      }
      for (const error of response.Errors ?? []) result.errors.push({ secretId: error.SecretId ?? '', errorCode: error.ErrorCode ?? 'Error', message: error.Message ?? '' });
      next = response.NextToken ? { ...next, NextToken: response.NextToken } : undefined;
    }
  }
  return result;
}
