import { AmazonClientException } from './AmazonClientException.js';
import { registerException } from './brand.js';

/**
 * Thrown when the request could not be completed at the transport level: the connection was refused or
 * reset, the name did not resolve, the response was cut off, or its body exceeded the size limit. The
 * service may or may not have received the request; `cause` holds the underlying error. Named after
 * .NET's `System.Net.Http.HttpRequestException`, which surfaces the same failures there.
 */
export class HttpRequestException extends AmazonClientException {
  /** @internal Registers the class's name and brand as it is defined (see registerException). */
  static override readonly brand = /* @__PURE__ */ registerException(this, 'HttpRequestException');

  /**
   * True for failures that another attempt may not meet (a reset, a refused connection, a name that did
   * not resolve this time, a response cut off); false for what would recur (a body over the size limit).
   */
  readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? true;
  }
}
