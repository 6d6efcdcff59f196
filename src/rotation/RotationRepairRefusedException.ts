import { registerException } from './brand.js';
import { RotationException } from './RotationException.js';
import type { RepairStep, RotationStatus } from './RotationStatus.js';

/**
 * Thrown by `repairRotationAsync` instead of moving a label blindly: the secret is no longer in the
 * state the repair was planned for (`expected`, when one was given, against `actual`); its pending
 * version holds a value and no `resolve` said whether to finish or discard it (`actual.repairChoices`
 * lists both), or `resolve` does not fit its state; or the service refused a step because a label
 * moved in between (`cause` holds its error, `step` the call). Nothing after the refused step was
 * done; `performed` lists what was.
 */
export class RotationRepairRefusedException extends RotationException {
  static {
    registerException(this, 'RotationRepairRefusedException');
  }

  readonly expected: RotationStatus | undefined;
  readonly actual: RotationStatus;
  readonly step: RepairStep | undefined;
  readonly performed: RepairStep[];

  constructor(message: string, details: { expected?: RotationStatus; actual: RotationStatus; step?: RepairStep; performed?: RepairStep[]; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.expected = details.expected;
    this.actual = details.actual;
    this.step = details.step;
    this.performed = details.performed ?? [];
  }
}
