// CreateSecret, DescribeSecret, UpdateSecret, DeleteSecret, RestoreSecret: a secret's life.
import { describeSecret } from '../describeSecret.js';
import type { EmulatorContext } from '../EmulatorContext.js';
import { readBlob, readBoolean, readNumber, readString, readStructureList, type Input } from '../readInput.js';
import { invalidParameter, invalidRequest, markedForDeletion, secretNotFound, ServiceError } from '../ServiceError.js';
import { AWSCURRENT, type StoredReplica, type StoredSecret, type StoredTag } from '../StoredSecret.js';
import { putVersion, type SecretValue } from '../versions.js';

/** CreateSecret Name: "ASCII letters, numbers, and the following characters: /_+=.@-" (CreateSecret, Name). */
const NAME = /^[A-Za-z0-9/_+=.@-]+$/;

/** The six random characters the service appends to a secret's name in its ARN. */
const SUFFIX_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function readToken(ctx: EmulatorContext, input: Input): string {
  // The SDKs and the CLI always send one (the member is an idempotency token); a raw request without
  // one gets a fresh UUID here, as if the caller had generated it.
  return readString(input, 'ClientRequestToken', { min: 32, max: 64 }) ?? ctx.randomUUID();
}

/** SecretString or SecretBinary, never both (CreateSecret, PutSecretValue, UpdateSecret docs). */
export function readValue(input: Input): SecretValue {
  const value: SecretValue = {
    SecretString: readString(input, 'SecretString', { min: 1, max: 65536, sensitive: true }),
    SecretBinary: readBlob(input, 'SecretBinary', { min: 1, max: 65536 }),
  };
  if (value.SecretString !== undefined && value.SecretBinary !== undefined) {
    throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  return value;
}

export function readTags(input: Input, member = 'Tags'): StoredTag[] | undefined {
  return readStructureList(input, member)?.map((tag) => ({
    Key: readString(tag, 'Key', { required: true, min: 1, max: 128 }) as string,
    Value: readString(tag, 'Value', { min: 0, max: 256 }) ?? '',
  }));
}

export function readReplicaRegions(input: Input, member: string): StoredReplica[] | undefined {
  return readStructureList(input, member)?.map((replica) => {
    const Region = readString(replica, 'Region', { min: 1, max: 128 });
    if (Region === undefined || !/^([a-z]+-)+\d+$/.test(Region)) throw invalidParameter('Invalid replica region.');
    const KmsKeyId = readString(replica, 'KmsKeyId', { max: 2048 });
    return { Region, ...(KmsKeyId !== undefined && { KmsKeyId }), Status: 'InSync' as const, StatusMessage: 'Replication succeeded' };
  });
}

const hasValue = (value: SecretValue): boolean => value.SecretString !== undefined || value.SecretBinary !== undefined;

export function CreateSecret(ctx: EmulatorContext, input: Input) {
  const Name = readString(input, 'Name', { required: true, min: 1, max: 512 }) as string;
  if (!NAME.test(Name)) {
    throw invalidParameter('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  }
  const token = readToken(ctx, input);
  const Description = readString(input, 'Description', { max: 2048 });
  const KmsKeyId = readString(input, 'KmsKeyId', { max: 2048 });
  const Type = readString(input, 'Type', { max: 256 });
  const value = readValue(input);
  const Tags = readTags(input) ?? [];
  const Replicas = readReplicaRegions(input, 'AddReplicaRegions') ?? [];
  readBoolean(input, 'ForceOverwriteReplicaSecret');

  const existing = ctx.store.byName(Name);
  if (existing) {
    if (existing.DeletedDate !== undefined) {
      throw invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
    }
    // The same call again (same token, same value) is a no-op, as ClientRequestToken documents.
    const version = existing.Versions.get(token);
    if (version && hasValue(value)) {
      putVersion(ctx, existing, token, value, [AWSCURRENT]);
      return { ARN: existing.ARN, Name, VersionId: token, ReplicationStatus: replicationStatus(existing) };
    }
    throw new ServiceError('ResourceExistsException', `The operation failed because the secret ${Name} already exists.`);
  }
  if (Replicas.some((r) => r.Region === ctx.region)) throw invalidParameter('Invalid replica region.');

  const suffix = ctx.randomInts(6, SUFFIX_CHARS.length).map((i) => SUFFIX_CHARS[i]).join('');
  const now = ctx.now();
  const secret: StoredSecret = {
    ARN: `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${Name}-${suffix}`,
    Name,
    ...(Type !== undefined && { Type }),
    ...(Description !== undefined && { Description }),
    ...(KmsKeyId !== undefined && { KmsKeyId }),
    CreatedDate: now,
    LastChangedDate: now,
    RotationEnabled: false,
    PrimaryRegion: ctx.region,
    Replicas,
    Tags,
    Versions: new Map(),
  };
  ctx.store.add(secret);
  // Without a value there is no version yet, and no VersionId in the answer.
  if (hasValue(value)) putVersion(ctx, secret, token, value, [AWSCURRENT]);
  return { ARN: secret.ARN, Name, VersionId: hasValue(value) ? token : undefined, ReplicationStatus: replicationStatus(secret) };
}

export function replicationStatus(secret: StoredSecret) {
  return secret.Replicas.length > 0 ? secret.Replicas.map((r) => ({ ...r })) : undefined;
}

export function DescribeSecret(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  return describeSecret(secret);
}

export function UpdateSecret(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const token = readToken(ctx, input);
  const Description = readString(input, 'Description', { max: 2048 });
  const KmsKeyId = readString(input, 'KmsKeyId', { max: 2048 });
  const Type = readString(input, 'Type', { max: 256 });
  const value = readValue(input);
  if (secret.DeletedDate !== undefined) throw markedForDeletion();
  // "If you include SecretString or SecretBinary to create a new secret version, Secrets Manager
  // automatically moves the staging label AWSCURRENT to the new version." (UpdateSecret)
  // The version first: it may fail (a token already used with another value), and a call that fails
  // changes nothing.
  if (hasValue(value)) putVersion(ctx, secret, token, value, [AWSCURRENT]);
  if (Description !== undefined) secret.Description = Description;
  if (KmsKeyId !== undefined) secret.KmsKeyId = KmsKeyId;
  if (Type !== undefined) secret.Type = Type;
  secret.LastChangedDate = ctx.now();
  return { ARN: secret.ARN, Name: secret.Name, VersionId: hasValue(value) ? token : undefined };
}

const DAY_MS = 86_400_000;

export function DeleteSecret(ctx: EmulatorContext, input: Input) {
  const secretId = readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string;
  const days = readNumber(input, 'RecoveryWindowInDays');
  const force = readBoolean(input, 'ForceDeleteWithoutRecovery') === true;
  if (days !== undefined && force) {
    throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  if (days !== undefined && (days < 7 || days > 30)) {
    throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  const secret = ctx.store.find(secretId);
  const now = ctx.now();
  if (!secret) {
    // "If you forcibly delete an already deleted or nonexistent secret, the operation does not return
    // ResourceNotFoundException." (DeleteSecret, ForceDeleteWithoutRecovery)
    if (force) return { Name: secretId.startsWith('arn:') ? undefined : secretId, ARN: secretId.startsWith('arn:') ? secretId : undefined, DeletionDate: new Date(now) };
    throw secretNotFound();
  }
  if (secret.Replicas.length > 0) {
    throw invalidRequest(`You can't delete secret ${secret.Name} that still has replica regions [${secret.Replicas.map((r) => r.Region).join(',')}]`);
  }
  if (force) {
    ctx.store.remove(secret);
    return { ARN: secret.ARN, Name: secret.Name, DeletionDate: new Date(now) };
  }
  if (secret.DeletedDate !== undefined) throw markedForDeletion();
  secret.DeletedDate = now + (days ?? 30) * DAY_MS;
  secret.LastChangedDate = now;
  return { ARN: secret.ARN, Name: secret.Name, DeletionDate: new Date(secret.DeletedDate) };
}

export function RestoreSecret(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  if (secret.DeletedDate !== undefined) {
    delete secret.DeletedDate;
    secret.LastChangedDate = ctx.now();
  }
  return { ARN: secret.ARN, Name: secret.Name };
}
