import { registerException } from './brand.js';
import { RotationException } from './RotationException.js';
import type { RotationStep } from './RotationEvent.js';

/**
 * Why a rotation function refused an event, as AWS's templates refuse it (they raise `ValueError`):
 * - `InvalidEvent`: the event is not one Secrets Manager sends (a missing member, an unknown `Step`);
 * - `RotationDisabled`: rotation is not turned on for the secret;
 * - `UnknownVersion`: the `ClientRequestToken` is not a version of the secret;
 * - `NotPending`: that version is not labelled `AWSPENDING`;
 * - `NoCurrentValue`: the secret has no `AWSCURRENT` value to start from;
 * - `InvalidSecretValue`: a value is not the JSON object the handler expects (the value is not quoted).
 */
export type RotationHandlerErrorCode = 'InvalidEvent' | 'RotationDisabled' | 'UnknownVersion' | 'NotPending' | 'NoCurrentValue' | 'InvalidSecretValue';

/** Thrown by a handler made with `createRotationHandler` when the event or the secret is not one it can rotate. */
export class RotationHandlerException extends RotationException {
  static {
    registerException(this, 'RotationHandlerException');
  }

  readonly code: RotationHandlerErrorCode;
  readonly step: RotationStep | undefined;

  constructor(code: RotationHandlerErrorCode, message: string, step?: RotationStep) {
    super(message);
    this.code = code;
    this.step = step;
  }
}
