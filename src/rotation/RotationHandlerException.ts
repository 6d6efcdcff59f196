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
 * - `InvalidSecretValue`: a value is not the JSON object the handler expects (the value is not quoted);
 * - `StepFailed`: a step failed with an error of yours (or a driver's, or any not of this package's or
 *   the service's making), or one that quoted a secret value. The message is `<step> failed: ` and that
 *   error's name and message with every secret value masked; `originalName` and `originalCode` are its
 *   `name` and `code`. The error itself is not kept (not even as `cause`): whatever a handler rejects
 *   with is logged by the Lambda runtime, properties and all.
 */
export type RotationHandlerErrorCode = 'InvalidEvent' | 'RotationDisabled' | 'UnknownVersion' | 'NotPending' | 'NoCurrentValue' | 'InvalidSecretValue' | 'StepFailed';

/**
 * Thrown by a handler made with `createRotationHandler` when the event or the secret is not one it can
 * rotate, or when a step failed (`StepFailed`).
 */
export class RotationHandlerException extends RotationException {
  static {
    registerException(this, 'RotationHandlerException');
  }

  readonly code: RotationHandlerErrorCode;
  readonly step: RotationStep | undefined;
  /** For `StepFailed`: the `name` of the error the step failed with. */
  readonly originalName: string | undefined;
  /** For `StepFailed`: the `code` of the error the step failed with (`ECONNREFUSED`, a service's error code), when it had one. */
  readonly originalCode: string | undefined;

  constructor(code: RotationHandlerErrorCode, message: string, step?: RotationStep, original?: { name: string; code?: string }) {
    super(message);
    this.code = code;
    this.step = step;
    this.originalName = original?.name;
    this.originalCode = original?.code;
  }
}
