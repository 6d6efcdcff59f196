// GetSecretValue, PutSecretValue, UpdateSecretVersionStage, ListSecretVersionIds, BatchGetSecretValue:
// versions and their staging labels.
import { accessDay } from '../describeSecret.js';
import type { EmulatorContext } from '../EmulatorContext.js';
import { decodePageToken, encodePageToken } from '../pageToken.js';
import { readBoolean, readNumber, readString, readStringList, readStructureList, type Input } from '../readInput.js';
import { invalidParameter, invalidRequest, markedForDeletion, secretNotFound, ServiceError } from '../ServiceError.js';
import { attachStage, AWSCURRENT, detachStage, hasValue, MAX_LABELS_PER_VERSION, versionWithStage, type StoredSecret, type StoredVersion } from '../StoredSecret.js';
import { putVersion } from '../versions.js';
import { matchesFilters, readFilters } from './listing.js';
import { readToken, readValue } from './secrets.js';

const notFoundForStage = (stage: string) => new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
const notFoundForVersion = (id: string) => new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${id}`);

/** The version GetSecretValue reads: by VersionId, by VersionStage, both (they must agree), or AWSCURRENT. */
function selectVersion(secret: StoredSecret, versionId: string | undefined, stage: string | undefined): StoredVersion {
  if (versionId !== undefined) {
    const version = secret.Versions.get(versionId);
    if (!version) throw notFoundForVersion(versionId);
    if (stage !== undefined && !version.VersionStages.includes(stage)) {
      throw invalidRequest('You provided a VersionStage that is not associated to the provided VersionId.');
    }
    if (!hasValue(version)) throw stage !== undefined ? notFoundForStage(stage) : notFoundForVersion(versionId);
    return version;
  }
  const label = stage ?? AWSCURRENT;
  const version = versionWithStage(secret, label);
  // The version RotateSecret created has no value until createSecret puts one: reading it fails as
  // if it were not there, which is what AWS's rotation templates rely on in their createSecret step.
  if (!version || !hasValue(version)) throw notFoundForStage(label);
  return version;
}

function valueEntry(ctx: EmulatorContext, secret: StoredSecret, version: StoredVersion) {
  const day = accessDay(ctx.now());
  secret.LastAccessedDate = day;
  version.LastAccessedDate = day;
  return {
    ARN: secret.ARN,
    Name: secret.Name,
    VersionId: version.VersionId,
    SecretBinary: version.SecretBinary,
    SecretString: version.SecretString,
    VersionStages: [...version.VersionStages],
    CreatedDate: new Date(version.CreatedDate),
  };
}

export function GetSecretValue(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const versionId = readString(input, 'VersionId', { min: 32, max: 64 });
  const stage = readString(input, 'VersionStage', { min: 1, max: 256 });
  if (secret.DeletedDate !== undefined) throw markedForDeletion();
  return valueEntry(ctx, secret, selectVersion(secret, versionId, stage));
}

export function PutSecretValue(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const token = readToken(ctx, input);
  const value = readValue(input);
  const stages = readStringList(input, 'VersionStages', { min: 1, max: 20, itemMin: 1, itemMax: 256 });
  // RotationToken proves a cross-account rotation function was invoked by the service; any value
  // passes here (there is no Lambda to check it against).
  readString(input, 'RotationToken', { min: 36, max: 256, sensitive: true });
  if (secret.DeletedDate !== undefined) throw markedForDeletion();
  if (value.SecretString === undefined && value.SecretBinary === undefined) {
    throw invalidParameter('You must provide either SecretString or SecretBinary.');
  }
  const { version } = putVersion(ctx, secret, token, value, stages ?? [AWSCURRENT]);
  return { ARN: secret.ARN, Name: secret.Name, VersionId: version.VersionId, VersionStages: [...version.VersionStages] };
}

export function UpdateSecretVersionStage(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const stage = readString(input, 'VersionStage', { required: true, min: 1, max: 256 }) as string;
  const removeFrom = readString(input, 'RemoveFromVersionId', { min: 32, max: 64 });
  const moveTo = readString(input, 'MoveToVersionId', { min: 32, max: 64 });
  if (secret.DeletedDate !== undefined) throw markedForDeletion();
  const target = moveTo === undefined ? undefined : secret.Versions.get(moveTo);
  if (moveTo !== undefined && !target) throw invalidParameter(`Secrets Manager can't find the specified version: ${moveTo}`);
  const source = removeFrom === undefined ? undefined : secret.Versions.get(removeFrom);
  if (removeFrom !== undefined && !source) throw invalidParameter(`Secrets Manager can't find the specified version: ${removeFrom}`);
  const holder = versionWithStage(secret, stage);

  // RemoveFromVersionId: "If the staging label you are trying to attach to one version is already
  // attached to a different version, then you must include this parameter and specify the version
  // that the label is to be removed from. If the label is attached and you either do not specify this
  // parameter, or the version ID does not match, then the operation fails."
  if (holder && holder !== target && holder !== source) {
    throw invalidParameter(
      `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.VersionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
    );
  }
  if (source && holder !== source) {
    throw invalidParameter(`The staging label ${stage} is not attached to version ${source.VersionId}, so it can't be removed from it.`);
  }
  if (!target) {
    if (!source) throw invalidParameter('You must specify MoveToVersionId, RemoveFromVersionId, or both.');
    // A secret always has an AWSCURRENT version: the label can move, not vanish.
    if (stage === AWSCURRENT) throw invalidParameter("You can't remove the staging label AWSCURRENT from a version without moving it to another version.");
    detachStage(source, stage);
  } else {
    if (!target.VersionStages.includes(stage) && target.VersionStages.length >= MAX_LABELS_PER_VERSION) {
      throw new ServiceError('LimitExceededException', `A version can have at most ${MAX_LABELS_PER_VERSION} staging labels.`);
    }
    attachStage(secret, target, stage);
  }
  secret.LastChangedDate = ctx.now();
  return { ARN: secret.ARN, Name: secret.Name };
}

export function ListSecretVersionIds(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const maxResults = readNumber(input, 'MaxResults', { min: 1, max: 100 }) ?? 100;
  const nextToken = readString(input, 'NextToken', { min: 1, max: 4096 });
  const includeDeprecated = readBoolean(input, 'IncludeDeprecated') === true;
  const versions = [...secret.Versions.values()].filter((v) => includeDeprecated || v.VersionStages.length > 0);
  const query = `versions:${secret.ARN}:${includeDeprecated}`;
  const start = nextToken === undefined ? 0 : decodePageToken(nextToken, query);
  const page = versions.slice(start, start + maxResults);
  const next = start + maxResults < versions.length ? encodePageToken(start + maxResults, query) : undefined;
  return {
    Versions: page.map((v) => ({
      VersionId: v.VersionId,
      VersionStages: v.VersionStages.length > 0 ? [...v.VersionStages] : undefined,
      LastAccessedDate: v.LastAccessedDate === undefined ? undefined : new Date(v.LastAccessedDate),
      CreatedDate: new Date(v.CreatedDate),
      KmsKeyIds: [secret.KmsKeyId ?? 'DefaultEncryptionKey'],
    })),
    NextToken: next,
    ARN: secret.ARN,
    Name: secret.Name,
  };
}

/** BatchGetSecretValue answers at most 20 secrets at once (model: MaxResultsBatchType, SecretIdList max 20). */
const BATCH_MAX = 20;

export function BatchGetSecretValue(ctx: EmulatorContext, input: Input) {
  const ids = readStringList(input, 'SecretIdList', { min: 1, max: BATCH_MAX, itemMin: 1, itemMax: 2048 });
  const filters = readFilters(readStructureList(input, 'Filters', { max: 10 }));
  const maxResults = readNumber(input, 'MaxResults', { min: 1, max: BATCH_MAX });
  const nextToken = readString(input, 'NextToken', { min: 1, max: 4096 });
  if ((ids === undefined) === (filters === undefined)) {
    throw invalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  }
  if (maxResults !== undefined && filters === undefined) {
    throw invalidParameter("'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.");
  }
  const SecretValues: ReturnType<typeof valueEntry>[] = [];
  const Errors: { SecretId: string; ErrorCode: string; Message: string }[] = [];
  if (ids) {
    // One secret's failure is an entry in Errors, not a failure of the call (BatchGetSecretValue docs).
    for (const id of ids) {
      try {
        const secret = ctx.store.find(id);
        if (!secret) throw secretNotFound();
        if (secret.DeletedDate !== undefined) throw markedForDeletion();
        SecretValues.push(valueEntry(ctx, secret, selectVersion(secret, undefined, undefined)));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        Errors.push({ SecretId: id, ErrorCode: error.code, Message: error.message });
      }
    }
    return { SecretValues, Errors: Errors.length > 0 ? Errors : undefined };
  }
  const matching = ctx.store.all().filter((s) => s.DeletedDate === undefined && matchesFilters(s, filters!));
  const query = `batch:${JSON.stringify(filters)}`;
  const start = nextToken === undefined ? 0 : decodePageToken(nextToken, query);
  const size = maxResults ?? BATCH_MAX;
  for (const secret of matching.slice(start, start + size)) {
    const current = versionWithStage(secret, AWSCURRENT);
    if (current && hasValue(current)) SecretValues.push(valueEntry(ctx, secret, current));
    else Errors.push({ SecretId: secret.ARN, ErrorCode: 'ResourceNotFoundException', Message: notFoundForStage(AWSCURRENT).message });
  }
  return {
    SecretValues,
    NextToken: start + size < matching.length ? encodePageToken(start + size, query) : undefined,
    Errors: Errors.length > 0 ? Errors : undefined,
  };
}
