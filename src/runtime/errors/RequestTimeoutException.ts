import { AmazonClientException } from './AmazonClientException.js';
import { registerException } from './brand.js';

/**
 * Thrown when a call ran out of time: one attempt took longer than the `timeout` option (the client
 * retries that, as a transient failure, while attempts remain), or the whole call, retries and waits
 * included, went past `totalTimeout` (not retried). Distinct from the caller's own abort, which
 * rejects with the signal's reason. The service may have received the request.
 */
export class RequestTimeoutException extends AmazonClientException {
  /** @internal Registers the class's name and brand as it is defined (see registerException). */
  static override readonly brand = /* @__PURE__ */ registerException(this, 'RequestTimeoutException');

  /** `attempt` for the per-attempt `timeout`, `total` for `totalTimeout`. */
  readonly scope: 'attempt' | 'total';
  /** The limit that was reached, in milliseconds. */
  readonly timeout: number;

  constructor(message: string, details: { scope: 'attempt' | 'total'; timeout: number }) {
    super(message);
    this.scope = details.scope;
    this.timeout = details.timeout;
  }
}
