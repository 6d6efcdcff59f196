import { hasBrand, registerException } from './brand.js';

/**
 * Thrown for a failure on the client's side of the wire: bad configuration, a request that fails
 * validation, missing credentials, a network error. Nothing reached the service, or nothing came
 * back from it. Mirrors .NET's `Amazon.Runtime.AmazonClientException`; the subclasses say which kind.
 */
export class AmazonClientException extends Error {
  /** @internal Registers the class's name and brand as it is defined (see registerException). */
  static readonly brand = /* @__PURE__ */ registerException(this, 'AmazonClientException');

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, value);
  }

  /**
   * How many attempts the call made, as AWS's SDKs count them: each fetches credentials, signs and
   * sends one request, and may fail before its request leaves (no credentials, say). 0 when the call
   * failed before its first attempt (a request that fails validation, a configuration error).
   */
  attempts = 0;
  /** Milliseconds the call spent waiting between attempts. */
  totalRetryDelay = 0;
  /**
   * Whether this client's retry policy retries an error like this one (.NET's `Retryable`, here a
   * boolean): set by the client when it raises the error, whether or not attempts were left to use;
   * `false` on an exception made by hand. See docs/retries.md for what is retried.
   */
  retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True when `value` is an {@link AmazonClientException} from any copy of this package. */
export function isAmazonClientException(value: unknown): value is AmazonClientException {
  return value instanceof AmazonClientException;
}
