import { AmazonClientException } from './AmazonClientException.js';
import { registerException } from './brand.js';

/** The constraint of the shape file that a request member broke. */
export type ValidationConstraint = 'required' | 'type' | 'length' | 'range' | 'unknownMember';

/**
 * Thrown before anything is signed or sent, when a request breaks a constraint of the service model
 * that AWS's SDKs check on the client (botocore's ParamValidator): a missing required member, a value
 * of the wrong type, a length or value under its minimum, or a member name the operation does not have
 * (usually a typo). Maximums, patterns and enum values are left to the service. `memberPath` says where
 * (`RotationRules.AutomaticallyAfterDays`), `constraint` says which rule. Fix the request; retrying
 * it unchanged cannot succeed.
 */
export class RequestValidationException extends AmazonClientException {
  /** @internal Registers the class's name and brand as it is defined (see registerException). */
  static override readonly brand = /* @__PURE__ */ registerException(this, 'RequestValidationException');

  /** The request class the rule belongs to (`RotateSecretRequest`). */
  readonly requestType: string;
  /** Dotted path of the member inside the request, with list indexes (`ExternalSecretRotationMetadata[0].Key`). */
  readonly memberPath: string;
  readonly constraint: ValidationConstraint;

  constructor(message: string, details: { requestType: string; memberPath: string; constraint: ValidationConstraint }) {
    super(message);
    this.requestType = details.requestType;
    this.memberPath = details.memberPath;
    this.constraint = details.constraint;
  }
}
