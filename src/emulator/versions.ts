import type { EmulatorContext } from './EmulatorContext.js';
import { ServiceError } from './ServiceError.js';
import { attachStage, AWSCURRENT, hasValue, MAX_LABELS_PER_VERSION, pruneVersions, sameValue, type StoredSecret, type StoredVersion } from './StoredSecret.js';

export interface SecretValue {
  SecretString?: string | undefined;
  SecretBinary?: Uint8Array | undefined;
}

/**
 * Creates the version `token` of `secret` with `value` and `stages` (CreateSecret, PutSecretValue,
 * UpdateSecret). The token makes the call idempotent, as each of those operations documents it: a
 * version with this id and the same value is left as it is; with another value the call fails with
 * ResourceExistsException. One exception: the version RotateSecret created has no value yet, and the
 * rotation function's createSecret step fills it in with that token.
 * Returns the version and whether anything changed.
 */
export function putVersion(ctx: EmulatorContext, secret: StoredSecret, token: string, value: SecretValue, stages: readonly string[]): { version: StoredVersion; created: boolean } {
  if (stages.length > MAX_LABELS_PER_VERSION) {
    throw new ServiceError('LimitExceededException', `A version can have at most ${MAX_LABELS_PER_VERSION} staging labels.`);
  }
  const existing = secret.Versions.get(token);
  if (existing && hasValue(existing)) {
    if (sameValue(existing, value)) return { version: existing, created: false };
    throw new ServiceError(
      'ResourceExistsException',
      `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${secret.ARN}.`,
    );
  }
  const firstVersion = secret.Versions.size === 0;
  const version: StoredVersion = existing ?? { VersionId: token, VersionStages: [], CreatedDate: ctx.now() };
  if (value.SecretString !== undefined) version.SecretString = value.SecretString;
  if (value.SecretBinary !== undefined) version.SecretBinary = value.SecretBinary;
  secret.Versions.set(token, version);
  // "If this operation creates the first version for the secret, then Secrets Manager automatically
  // attaches the staging label AWSCURRENT to it." (PutSecretValue, VersionStages)
  const labels = firstVersion && !stages.includes(AWSCURRENT) ? [...stages, AWSCURRENT] : stages;
  for (const stage of labels) attachStage(secret, version, stage);
  secret.LastChangedDate = ctx.now();
  // "Manually updating the secret value by calling PutSecretValue or UpdateSecret is considered a valid
  // rotation." (RotationRulesType.AutomaticallyAfterDays): the schedule counts from a new current value.
  if (labels.includes(AWSCURRENT)) secret.RotationScheduleStart = ctx.now();
  pruneVersions(secret, ctx.now());
  return { version, created: true };
}
