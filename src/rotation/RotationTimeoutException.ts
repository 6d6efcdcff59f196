import { registerException } from './brand.js';
import { RotationException } from './RotationException.js';
import type { RotationStatus } from './RotationStatus.js';

/**
 * Thrown by `waitForRotationAsync` when its `timeout` passed before the rotation finished. The rotation
 * goes on (the wait only stopped watching it); `status` is the last state seen.
 */
export class RotationTimeoutException extends RotationException {
  static {
    registerException(this, 'RotationTimeoutException');
  }

  readonly status: RotationStatus;
  /** The limit that was reached, in milliseconds. */
  readonly timeout: number;

  constructor(status: RotationStatus, timeout: number) {
    super(`The rotation of ${status.name} had not finished after ${timeout} ms; it was ${status.state}: ${status.explanation}`);
    this.status = status;
    this.timeout = timeout;
  }
}
