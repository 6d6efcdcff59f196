/** One version of a secret as the emulator holds it. Times are milliseconds since the epoch. */
export interface StoredVersion {
  readonly VersionId: string;
  /** Absent on the version RotateSecret creates until the rotation function's createSecret step puts a value. */
  SecretString?: string;
  SecretBinary?: Uint8Array;
  /** Its staging labels, in the order they were attached. No labels: the version is deprecated. */
  VersionStages: string[];
  readonly CreatedDate: number;
  LastAccessedDate?: number;
}

export interface StoredTag {
  Key: string;
  Value: string;
}

export interface StoredRotationRules {
  AutomaticallyAfterDays?: number;
  Duration?: string;
  ScheduleExpression?: string;
}

export interface StoredReplica {
  Region: string;
  KmsKeyId?: string;
  Status: 'InSync' | 'Failed' | 'InProgress';
  StatusMessage: string;
  LastAccessedDate?: number;
}

/** A secret as the emulator holds it: what DescribeSecret reports, plus its versions and policy. */
export interface StoredSecret {
  readonly ARN: string;
  readonly Name: string;
  Type?: string;
  Description?: string;
  KmsKeyId?: string;
  readonly CreatedDate: number;
  LastChangedDate: number;
  LastAccessedDate?: number;
  /** When a scheduled deletion takes effect; set by DeleteSecret, cleared by RestoreSecret. */
  DeletedDate?: number;
  RotationEnabled: boolean;
  RotationLambdaARN?: string;
  RotationRules?: StoredRotationRules;
  LastRotatedDate?: number;
  /**
   * What the rotation schedule counts from: when RotateSecret turned rotation on or set its rules, the
   * last rotation that succeeded, or the last new AWSCURRENT value from PutSecretValue or UpdateSecret.
   */
  RotationScheduleStart?: number;
  OwningService?: string;
  readonly PrimaryRegion: string;
  Replicas: StoredReplica[];
  Tags: StoredTag[];
  ResourcePolicy?: string;
  /** In creation order. */
  readonly Versions: Map<string, StoredVersion>;
}

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
export const AWSPENDING = 'AWSPENDING';

/**
 * "Secrets Manager keeps 100 of the most recent versions, but it keeps all secret versions created in
 * the last 24 hours." (PutSecretValue)
 */
export const MAX_VERSIONS = 100;
export const KEEP_VERSIONS_CREATED_WITHIN_MS = 24 * 3_600_000;
/** A version carries at most 20 staging labels (model: SecretVersionStagesType, max 20). */
export const MAX_LABELS_PER_VERSION = 20;

export function versionWithStage(secret: StoredSecret, stage: string): StoredVersion | undefined {
  for (const version of secret.Versions.values()) if (version.VersionStages.includes(stage)) return version;
  return undefined;
}

/** The staging labels of every version that has any (DescribeSecret's VersionIdsToStages). */
export function versionIdsToStages(secret: StoredSecret): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const version of secret.Versions.values()) if (version.VersionStages.length > 0) out[version.VersionId] = [...version.VersionStages];
  return out;
}

/**
 * Attaches `stage` to `target`, taking it off whichever version had it: a label is on one version
 * at a time. Moving AWSCURRENT moves AWSPREVIOUS to the version AWSCURRENT left (UpdateSecretVersionStage
 * and PutSecretValue docs: "Whenever you move AWSCURRENT, Secrets Manager automatically moves the label
 * AWSPREVIOUS to the version that AWSCURRENT was removed from").
 */
export function attachStage(secret: StoredSecret, target: StoredVersion, stage: string): void {
  if (target.VersionStages.includes(stage)) return;
  const holder = versionWithStage(secret, stage);
  if (holder) holder.VersionStages = holder.VersionStages.filter((s) => s !== stage);
  target.VersionStages.push(stage);
  if (stage === AWSCURRENT && holder) attachStage(secret, holder, AWSPREVIOUS);
}

export function detachStage(version: StoredVersion, stage: string): void {
  version.VersionStages = version.VersionStages.filter((s) => s !== stage);
}

/**
 * Drops the oldest deprecated versions (those with no label) beyond the 100 most recent, as the
 * service's background clean-up does ("the version is considered to be deprecated and can be
 * deleted"), except those created in the last 24 hours. Labelled versions are never dropped.
 */
export function pruneVersions(secret: StoredSecret, now: number): void {
  if (secret.Versions.size <= MAX_VERSIONS) return;
  for (const version of [...secret.Versions.values()]) {
    if (secret.Versions.size <= MAX_VERSIONS) break;
    if (version.VersionStages.length === 0 && now - version.CreatedDate > KEEP_VERSIONS_CREATED_WITHIN_MS) secret.Versions.delete(version.VersionId);
  }
}

export function sameValue(version: StoredVersion, value: { SecretString?: string | undefined; SecretBinary?: Uint8Array | undefined }): boolean {
  if (version.SecretString !== value.SecretString) return false;
  const a = version.SecretBinary;
  const b = value.SecretBinary;
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function hasValue(version: StoredVersion): boolean {
  return version.SecretString !== undefined || version.SecretBinary !== undefined;
}
