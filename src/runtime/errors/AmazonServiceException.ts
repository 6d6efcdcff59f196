import { hasBrand, registerException } from './brand.js';

/**
 * Who the service blames: `Sender` for a problem with the request (a client fault in the model),
 * `Receiver` for a problem on the service's side (a server fault), `Unknown` when neither the model nor
 * the response says. Mirrors .NET's `Amazon.Runtime.ErrorType`.
 */
export type ErrorType = 'Sender' | 'Receiver' | 'Unknown';

/** What the client learnt about an error response. */
export interface ServiceErrorDetails {
  /** The error code as the service sent it, namespace and URI suffix removed (`ResourceNotFoundException`). */
  errorCode?: string | undefined;
  errorType?: ErrorType | undefined;
  statusCode: number;
  /** From the `x-amzn-RequestId` response header. */
  requestId?: string | undefined;
  cause?: unknown;
}

/**
 * Thrown when the service answered with an error. Mirrors .NET's `Amazon.Runtime.AmazonServiceException`:
 * every instance carries `errorCode`, `errorType`, `statusCode` and `requestId` (the last two are what
 * AWS Support asks for). The service's own exceptions derive from it through
 * `AmazonSecretsManagerException`.
 */
export class AmazonServiceException extends Error {
  /** @internal Registers the class's name and brand as it is defined (see registerException). */
  static readonly brand = /* @__PURE__ */ registerException(this, 'AmazonServiceException');

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, value);
  }

  /** The error code the service sent, or `undefined` when the response carried none (an HTML 502 from a proxy). */
  errorCode: string | undefined;
  errorType: ErrorType;
  /** The HTTP status code of the response. */
  statusCode: number;
  /** The request id of the response (`x-amzn-RequestId`), or `undefined` when it had none. */
  requestId: string | undefined;
  /** How many requests the call sent, this answer's included (mirrors the retry metadata of AWS's SDKs). */
  attempts = 1;
  /** Milliseconds the call spent waiting between attempts. */
  totalRetryDelay = 0;
  /**
   * Whether this client's retry policy retries an error like this one (.NET's `Retryable`, here a
   * boolean): set by the client when it raises the error, whether or not attempts were left to use;
   * `false` on an exception made by hand. See docs/retries.md for what is retried.
   */
  retryable = false;

  constructor(message: string, details: ServiceErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.errorCode = details.errorCode;
    this.errorType = details.errorType ?? 'Unknown';
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
  }
}

/** The constructor shape every service exception class has. */
export type AmazonServiceExceptionClass = new (message: string, details: ServiceErrorDetails) => AmazonServiceException;

/** True when `value` is an {@link AmazonServiceException} from any copy of this package. */
export function isAmazonServiceException(value: unknown): value is AmazonServiceException {
  return value instanceof AmazonServiceException;
}
