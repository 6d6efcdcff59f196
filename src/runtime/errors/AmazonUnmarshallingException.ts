import { AmazonServiceException } from './AmazonServiceException.js';
import { registerException } from './brand.js';

/**
 * Thrown when the service answered with success but the body could not be read as the operation's
 * response: not JSON, not a JSON object, or a member of the wrong type. The request may have taken
 * effect; `requestId` identifies it. Mirrors .NET's `Amazon.Runtime.AmazonUnmarshallingException`.
 */
export class AmazonUnmarshallingException extends AmazonServiceException {
  /** @internal Registers the class's name and brand as it is defined (see registerException). */
  static override readonly brand = /* @__PURE__ */ registerException(this, 'AmazonUnmarshallingException');
}
