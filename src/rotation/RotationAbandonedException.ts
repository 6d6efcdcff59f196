import { registerException } from './brand.js';
import { RotationException } from './RotationException.js';
import type { RotationStatus } from './RotationStatus.js';

/**
 * Thrown by `waitForRotationAsync` (given the `versionId` of the rotation it waits for) when that
 * version lost `AWSPENDING` without becoming `AWSCURRENT`: the rotation was cancelled, repaired or
 * replaced by another one. `status` is the state then.
 */
export class RotationAbandonedException extends RotationException {
  static {
    registerException(this, 'RotationAbandonedException');
  }

  readonly status: RotationStatus;
  /** The version the wait was for. */
  readonly versionId: string;

  constructor(status: RotationStatus, versionId: string) {
    const now = status.pending ? `AWSPENDING is now on version ${status.pending.versionId}` : 'no version is AWSPENDING now';
    super(`Version ${versionId} of ${status.name} is no longer AWSPENDING and did not become AWSCURRENT (${status.current?.versionId ?? 'none'} is); ${now}. The rotation was cancelled or replaced.`);
    this.status = status;
    this.versionId = versionId;
  }
}
