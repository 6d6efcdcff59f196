import { AmazonClientException } from './AmazonClientException.js';
import { registerException } from './brand.js';

/**
 * Thrown when the client's configuration cannot work: an option of the wrong type or out of range, an
 * unparsable `serviceURL`, a region that is not a region name, or no region at all. `option` names the
 * offending option. Thrown by the constructor where the value is given, or by the first call where it
 * is resolved from the environment.
 */
export class ConfigurationException extends AmazonClientException {
  /** @internal Registers the class's name and brand as it is defined (see registerException). */
  static override readonly brand = /* @__PURE__ */ registerException(this, 'ConfigurationException');

  /** The option at fault (`region`, `serviceURL`, ...). */
  readonly option: string;

  constructor(message: string, option: string, options?: { cause?: unknown }) {
    super(message, options);
    this.option = option;
  }
}
