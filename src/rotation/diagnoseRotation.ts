import type { IDescribeSecretResponse } from '../index.js';
import type { RepairStep, RotationStatus, RotationVersion, StuckReason } from './RotationStatus.js';
import { AWSCURRENT, AWSPENDING, AWSPREVIOUS } from './stagingLabels.js';

/** What a diagnosis is made from: DescribeSecret, and what was learnt about the versions beyond it. */
export interface RotationFacts {
  described: IDescribeSecretResponse;
  /** Version id → creation date, from ListSecretVersionIds (read only when a pending version is not current). */
  createdDates?: ReadonlyMap<string, Date>;
  /** Whether the pending version holds a value, when read. */
  pendingHasValue?: boolean;
  now: Date;
  stuckAfter: number;
}

function versionWith(label: string, facts: RotationFacts): RotationVersion | undefined {
  for (const [versionId, stages] of Object.entries(facts.described.VersionIdsToStages ?? {})) {
    if (!stages.includes(label)) continue;
    const createdDate = facts.createdDates?.get(versionId);
    return { versionId, stages: [...stages], ...(createdDate ? { createdDate } : {}) };
  }
  return undefined;
}

const age = (since: Date | undefined, now: Date): string => {
  if (!since) return 'for an unknown time';
  const minutes = Math.max(0, Math.round((now.getTime() - since.getTime()) / 60_000));
  return minutes < 120 ? `for ${minutes} min` : `for ${Math.round(minutes / 60)} h`;
};

/**
 * The verdict on a secret's rotation, from facts already read: a pure function, so that every state
 * it knows can be tested without a service. The rules are the RotateSecret and CancelRotateSecret
 * references' (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html):
 * `AWSPENDING` absent or on the `AWSCURRENT` version is a finished rotation; on any other version, every
 * later RotateSecret fails until it is removed.
 */
export function diagnoseRotation(facts: RotationFacts): RotationStatus {
  const { described, now } = facts;
  const arn = described.ARN ?? described.Name ?? '';
  const current = versionWith(AWSCURRENT, facts);
  const pending = versionWith(AWSPENDING, facts);
  const previous = versionWith(AWSPREVIOUS, facts);
  if (pending && pending.versionId !== current?.versionId && facts.pendingHasValue !== undefined) pending.hasValue = facts.pendingHasValue;
  const base = {
    arn,
    name: described.Name ?? arn,
    rotationEnabled: described.RotationEnabled === true,
    ...(described.RotationLambdaARN ? { rotationLambdaARN: described.RotationLambdaARN } : {}),
    ...(described.RotationRules ? { rotationRules: described.RotationRules } : {}),
    ...(described.LastRotatedDate ? { lastRotatedDate: described.LastRotatedDate } : {}),
    ...(described.NextRotationDate ? { nextRotationDate: described.NextRotationDate } : {}),
    ...(current ? { current } : {}),
    ...(pending ? { pending } : {}),
    ...(previous ? { previous } : {}),
    checkedAt: now,
  };

  if (!pending || pending.versionId === current?.versionId) {
    const explanation = pending
      ? `No rotation is under way: AWSPENDING is on the AWSCURRENT version ${pending.versionId}, as a finished rotation may leave it.`
      : 'No rotation is under way: no version is labelled AWSPENDING.';
    return { ...base, state: 'idle', explanation, repairPlan: [] };
  }

  const since = pending.createdDate;
  const stuck = (reason: StuckReason, explanation: string): RotationStatus => ({
    ...base,
    state: 'stuck',
    ...(since ? { since } : {}),
    reason,
    explanation,
    repairPlan: [removePending(arn, pending.versionId)],
  });
  // The pending version may hold the only password the database still takes (setSecret ran, then a
  // later step failed or rotation was turned off), so no repair is made without a choice:
  // CancelRotateSecret's reference says to "determine whether to roll back ... by moving the staging
  // label AWSCURRENT to the version that has AWSPENDING"
  // (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CancelRotateSecret.html).
  // Removing its label alone would leave that password in a version with no label, which
  // ListSecretVersionIds hides and the service may delete. A value that could not be read counts as one.
  const choose = (reason: StuckReason, explanation: string, currentId: string): RotationStatus => ({
    ...stuck(reason, explanation),
    repairPlan: [],
    repairChoices: { finish: [moveCurrent(arn, pending.versionId, currentId), removePending(arn, pending.versionId)], discard: [removePending(arn, pending.versionId)] },
  });
  const held = age(since, now);
  // An unknown creation date counts as old: a label nobody can date is not one to wait for.
  const young = since !== undefined && now.getTime() - since.getTime() < facts.stuckAfter;

  if (!current) {
    return stuck(
      'NoCurrentVersion',
      `AWSPENDING is on version ${pending.versionId} (${held}) but no version is AWSCURRENT, so no rotation function can start from the current value. Remove AWSPENDING, then store a first value with PutSecretValue before rotating.`,
    );
  }
  if (!base.rotationEnabled) {
    const left = `Rotation is turned off, yet AWSPENDING is still on version ${pending.versionId} (${held}), not on the AWSCURRENT version ${current.versionId}: a cancelled rotation left it.`;
    // Nothing stored, nothing set: setSecret runs only after createSecret stored the value, and no step
    // runs once rotation is off (CancelRotateSecret "cancels the rotation").
    if (pending.hasValue === false) return stuck('PendingAfterRotationDisabled', `${left} It holds no value. Every RotateSecret will fail until AWSPENDING is removed.`);
    return choose(
      'PendingAfterRotationDisabled',
      `${left} It ${pending.hasValue ? 'holds' : 'may hold (it could not be read)'} the new value, so setSecret may have run before the rotation was cancelled${young ? ', and as the version is recent the rotation function may still be running the step it was in: let its invocation end before choosing' : ''}. If the database takes the pending password, finish the rotation (AWSCURRENT to version ${pending.versionId}); if it still takes the current one, discard the pending version (remove AWSPENDING). Every RotateSecret will fail until one is done.`,
      current.versionId,
    );
  }
  if (young) {
    const what = pending.hasValue === false ? 'the rotation function has not stored the new value yet' : pending.hasValue ? 'the new value is stored; the function is setting, testing or finishing it' : 'the rotation function is at work';
    return {
      ...base,
      state: 'rotating',
      since: since!,
      explanation: `A rotation is under way: version ${pending.versionId} is AWSPENDING (${held}); ${what}.`,
      repairPlan: [],
    };
  }
  if (pending.hasValue === false) {
    return stuck(
      'PendingVersionEmpty',
      `AWSPENDING has been on version ${pending.versionId} ${held} and it holds no value: the rotation function failed before createSecret stored one (a function in a VPC with no route to Secrets Manager is the usual cause). Every RotateSecret will fail until AWSPENDING is removed.`,
    );
  }
  return choose(
    'PendingVersionNotCurrent',
    `AWSPENDING has been on version ${pending.versionId} ${held} and it never became AWSCURRENT (${current.versionId} is): the rotation function failed in setSecret, testSecret or finishSecret. If setSecret ran, the database now takes the pending password and perhaps no longer the current one: finish the rotation (AWSCURRENT to version ${pending.versionId}). If it did not, discard the pending version (remove AWSPENDING). Every RotateSecret will fail until one is done.`,
    current.versionId,
  );
}

/**
 * Finishes a rotation by hand as finishSecret does: AWSCURRENT moves to the pending version, conditional
 * on being on `currentId` (the service refuses otherwise); the service moves AWSPREVIOUS to the version
 * AWSCURRENT left (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html).
 */
export function moveCurrent(secretId: string, pendingId: string, currentId: string): RepairStep {
  return {
    operation: 'UpdateSecretVersionStage',
    request: { SecretId: secretId, VersionStage: AWSCURRENT, MoveToVersionId: pendingId, RemoveFromVersionId: currentId },
    description: `Move AWSCURRENT from version ${currentId} to ${pendingId}, which becomes the value in use; ${currentId} becomes AWSPREVIOUS (the call fails if AWSCURRENT has moved since).`,
  };
}

/** The documented fix for a leftover pending label: UpdateSecretVersionStage removing it from that version only. */
export function removePending(secretId: string, versionId: string): RepairStep {
  return {
    operation: 'UpdateSecretVersionStage',
    request: { SecretId: secretId, VersionStage: AWSPENDING, RemoveFromVersionId: versionId },
    description: `Remove AWSPENDING from version ${versionId} (the call fails if the label has moved since).`,
  };
}

/** CancelRotateSecret: turns automatic rotation off and cancels a rotation under way. */
export function cancelRotation(secretId: string): RepairStep {
  return {
    operation: 'CancelRotateSecret',
    request: { SecretId: secretId },
    description: 'Turn automatic rotation off and cancel the rotation under way (RotateSecret turns it on again).',
  };
}
