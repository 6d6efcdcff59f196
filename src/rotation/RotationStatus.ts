import type { IRotationRulesType } from '../index.js';

/**
 * Where a secret's rotation stands:
 * - `idle`: no `AWSPENDING` label, or `AWSPENDING` on the `AWSCURRENT` version (both are what a
 *   finished rotation leaves, as the RotateSecret reference says);
 * - `rotating`: `AWSPENDING` on another version, created less than `stuckAfter` ago, with rotation on;
 * - `stuck`: a state that every later RotateSecret refuses ("a previous rotation request is still in
 *   progress"), or that no rotation can finish from; `reason` says which.
 */
export type RotationState = 'idle' | 'rotating' | 'stuck';

/**
 * Why a rotation is stuck.
 * - `PendingVersionEmpty`: `AWSPENDING` is on a version with no value, older than `stuckAfter`: the
 *   rotation function never stored one (the classic: a function in a VPC with no route to Secrets
 *   Manager times out in createSecret).
 * - `PendingVersionNotCurrent`: `AWSPENDING` is on a version that has a value (or may have: the caller
 *   could not read it) but never became `AWSCURRENT`, older than `stuckAfter`: the function failed in
 *   setSecret, testSecret or finishSecret. If setSecret ran, the database may already use the pending
 *   password and no longer the current one, so there is no safe default: `repairChoices` holds the two
 *   ways out, finishing the rotation or discarding the pending version, for someone to choose.
 * - `PendingAfterRotationDisabled`: rotation is turned off (CancelRotateSecret) but `AWSPENDING` is still
 *   on a version that is not current, which CancelRotateSecret's reference says it can leave behind. If
 *   that version holds a value (or may: the caller could not read it), setSecret may have run before the
 *   rotation was cancelled, so as for `PendingVersionNotCurrent` `repairChoices` holds the two ways out;
 *   an empty one is simply discarded (`repairPlan`).
 * - `NoCurrentVersion`: `AWSPENDING` is set but no version is `AWSCURRENT` (a secret created without a
 *   value): a rotation function starts from the current value, so none can finish.
 */
export type StuckReason = 'PendingVersionEmpty' | 'PendingVersionNotCurrent' | 'PendingAfterRotationDisabled' | 'NoCurrentVersion';

/** A version of the secret that carries one of the rotation labels. */
export interface RotationVersion {
  versionId: string;
  /** Every staging label on the version. */
  stages: string[];
  /** When the version was created (from ListSecretVersionIds), when it was read. */
  createdDate?: Date;
  /**
   * Whether the version holds a value; read only for a pending version that is not current (a
   * GetSecretValue whose value is dropped at once). Undefined when not read, or when the caller may not
   * read it.
   */
  hasValue?: boolean;
}

/** One call that clears a stuck state, as the request the client would send. */
export type RepairStep =
  | {
      operation: 'UpdateSecretVersionStage';
      request: { SecretId: string; VersionStage: 'AWSPENDING'; RemoveFromVersionId: string };
      /** What the call does, in a sentence. */
      description: string;
    }
  | {
      /** Moves `AWSCURRENT` to the pending version, conditional on where it is now, as finishSecret does. */
      operation: 'UpdateSecretVersionStage';
      request: { SecretId: string; VersionStage: 'AWSCURRENT'; MoveToVersionId: string; RemoveFromVersionId: string };
      description: string;
    }
  | {
      operation: 'CancelRotateSecret';
      request: { SecretId: string };
      description: string;
    };

/** What `describeRotationAsync` answers: the rotation's configuration, its versions and a verdict. */
export interface RotationStatus {
  /** The secret's ARN; repair calls name the secret by it. */
  arn: string;
  name: string;
  rotationEnabled: boolean;
  rotationLambdaARN?: string;
  rotationRules?: IRotationRulesType;
  lastRotatedDate?: Date;
  nextRotationDate?: Date;
  /** The version labelled `AWSCURRENT`, if any. */
  current?: RotationVersion;
  /** The version labelled `AWSPENDING`, if any (it may be the current one). */
  pending?: RotationVersion;
  /** The version labelled `AWSPREVIOUS`, if any. */
  previous?: RotationVersion;
  state: RotationState;
  /** For `rotating` and `stuck`: when the pending version was created, when known. */
  since?: Date;
  /** For `stuck`: why. */
  reason?: StuckReason;
  /** The verdict in a sentence or two, for people; never holds a secret value. */
  explanation: string;
  /**
   * The calls that would clear a stuck state, in order; empty unless `stuck`, and empty when the
   * pending version holds a value (`PendingVersionNotCurrent`, and `PendingAfterRotationDisabled` with a
   * value), which needs a choice (`repairChoices`).
   */
  repairPlan: RepairStep[];
  /**
   * For a stuck pending version that holds a value or may (`PendingVersionNotCurrent`, and
   * `PendingAfterRotationDisabled` unless its pending version is known to be empty): the two ways out,
   * which `repairRotationAsync` takes with `resolve`. `finish` moves `AWSCURRENT` to the pending version (the old value becomes `AWSPREVIOUS`)
   * and removes `AWSPENDING`: right when setSecret ran, since the database then takes the pending
   * password. `discard` removes `AWSPENDING` only: right when the database still takes the current
   * password; the pending version is then left with no label (readable by its id until the service
   * deletes it among old versions).
   */
  repairChoices?: { finish: RepairStep[]; discard: RepairStep[] };
  /** When the diagnosis was made, by the injected clock. */
  checkedAt: Date;
}
