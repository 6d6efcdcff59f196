import { registerException } from './brand.js';
import { RotationException } from './RotationException.js';
import type { RotationStatus, StuckReason } from './RotationStatus.js';

/**
 * Thrown by `waitForRotationAsync` when the rotation it waits for is stuck: `status` is the diagnosis,
 * with its reason and the repair plan that `repairRotationAsync` would carry out (or, when the pending
 * version holds a value, the two `repairChoices` to choose from).
 */
export class RotationStuckException extends RotationException {
  static {
    registerException(this, 'RotationStuckException');
  }

  readonly status: RotationStatus;
  readonly reason: StuckReason;

  constructor(status: RotationStatus) {
    super(`The rotation of ${status.name} is stuck (${status.reason}): ${status.explanation}`);
    this.status = status;
    this.reason = status.reason!;
  }
}
