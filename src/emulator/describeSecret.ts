import { nextRotationDate, reportedRules } from './rotationSchedule.js';
import { versionIdsToStages, type StoredSecret } from './StoredSecret.js';

const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

/** The metadata of a secret, as DescribeSecret answers it (members that are unset are left out). */
export function describeSecret(secret: StoredSecret): Record<string, unknown> {
  const rotationConfigured = secret.RotationEnabled || secret.RotationLambdaARN !== undefined;
  return {
    ARN: secret.ARN,
    Name: secret.Name,
    Type: secret.Type,
    Description: secret.Description,
    KmsKeyId: secret.KmsKeyId,
    RotationEnabled: rotationConfigured ? secret.RotationEnabled : undefined,
    RotationLambdaARN: secret.RotationLambdaARN,
    RotationRules: reportedRules(secret.RotationRules),
    // "If the secret isn't configured for rotation or rotation has been disabled, Secrets Manager
    // returns null." (DescribeSecretResponse.LastRotatedDate)
    LastRotatedDate: secret.RotationEnabled ? date(secret.LastRotatedDate) : undefined,
    LastChangedDate: date(secret.LastChangedDate),
    LastAccessedDate: date(secret.LastAccessedDate),
    DeletedDate: date(secret.DeletedDate),
    NextRotationDate: date(nextRotationDate(secret)),
    Tags: secret.Tags.length > 0 ? secret.Tags.map((tag) => ({ ...tag })) : undefined,
    VersionIdsToStages: versionIdsToStages(secret),
    OwningService: secret.OwningService,
    CreatedDate: date(secret.CreatedDate),
    PrimaryRegion: secret.Replicas.length > 0 ? secret.PrimaryRegion : undefined,
    ReplicationStatus: secret.Replicas.length > 0 ? secret.Replicas.map((r) => ({ ...r, LastAccessedDate: date(r.LastAccessedDate) })) : undefined,
  };
}

/** The same facts as a ListSecrets entry: VersionIdsToStages is called SecretVersionsToStages there. */
export function secretListEntry(secret: StoredSecret): Record<string, unknown> {
  const { VersionIdsToStages, ReplicationStatus: _replication, ...rest } = describeSecret(secret);
  return { ...rest, PrimaryRegion: secret.PrimaryRegion, SecretVersionsToStages: VersionIdsToStages };
}

/** LastAccessedDate is a date, not a time: the service rounds it down to midnight UTC (DescribeSecret example: 1523923200). */
export function accessDay(now: number): number {
  return now - (now % 86_400_000);
}
