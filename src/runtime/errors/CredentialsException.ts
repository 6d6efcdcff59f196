import { AmazonClientException } from './AmazonClientException.js';
import { registerException } from './brand.js';

/**
 * Thrown when no usable credentials could be had: none were configured and none were found where the
 * platform looks for them, a credential provider failed, or it returned something that is not a
 * credential. The message says where the client looked; it never contains a key.
 */
export class CredentialsException extends AmazonClientException {
  /** @internal Registers the class's name and brand as it is defined (see registerException). */
  static override readonly brand = /* @__PURE__ */ registerException(this, 'CredentialsException');
}
