import { NO_RETRY_INCREMENT, RETRY_COST, RETRY_QUOTA_CAPACITY, TIMEOUT_RETRY_COST } from '../config/constants.js';
import type { RetryKind } from './retryRules.js';

/**
 * The client's retry budget (.NET `CapacityManager`, the AWS SDKs' "retry quota"): a retry takes
 * {@link RETRY_COST} tokens ({@link TIMEOUT_RETRY_COST} after a timeout); a call that succeeds gives
 * back what its last retry took, or {@link NO_RETRY_INCREMENT} when it needed none. An empty bucket
 * means failures are returned at once instead of retried.
 */
export class RetryQuota {
  #available = RETRY_QUOTA_CAPACITY;

  get available(): number {
    return this.#available;
  }

  /** Takes the tokens for one retry; returns what was taken, or `undefined` when there are not enough. */
  acquire(kind: RetryKind): number | undefined {
    const cost = kind === 'timeout' ? TIMEOUT_RETRY_COST : RETRY_COST;
    if (this.#available < cost) return undefined;
    this.#available -= cost;
    return cost;
  }

  /** A call succeeded; `lastCost` is what its last retry took (undefined when it was not retried). */
  release(lastCost: number | undefined): void {
    this.#available = Math.min(RETRY_QUOTA_CAPACITY, this.#available + (lastCost ?? NO_RETRY_INCREMENT));
  }
}
