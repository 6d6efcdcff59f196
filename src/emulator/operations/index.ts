import type { EmulatorContext } from '../EmulatorContext.js';
import type { Input } from '../readInput.js';
import { GetRandomPassword } from './password.js';
import { DeleteResourcePolicy, GetResourcePolicy, PutResourcePolicy, ValidateResourcePolicy } from './policies.js';
import { RemoveRegionsFromReplication, ReplicateSecretToRegions, StopReplicationToReplica } from './replication.js';
import { CancelRotateSecret, RotateSecret } from './rotation.js';
import { CreateSecret, DeleteSecret, DescribeSecret, RestoreSecret, UpdateSecret } from './secrets.js';
import { ListSecrets } from './listing.js';
import { TagResource, UntagResource } from './tags.js';
import { BatchGetSecretValue, GetSecretValue, ListSecretVersionIds, PutSecretValue, UpdateSecretVersionStage } from './values.js';

export type OperationHandler = (ctx: EmulatorContext, input: Input) => object;

/** Every operation of the model (model/secretsmanager.json), by the name `X-Amz-Target` carries. */
export const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  BatchGetSecretValue,
  CancelRotateSecret,
  CreateSecret,
  DeleteResourcePolicy,
  DeleteSecret,
  DescribeSecret,
  GetRandomPassword,
  GetResourcePolicy,
  GetSecretValue,
  ListSecretVersionIds,
  ListSecrets,
  PutResourcePolicy,
  PutSecretValue,
  RemoveRegionsFromReplication,
  ReplicateSecretToRegions,
  RestoreSecret,
  RotateSecret,
  StopReplicationToReplica,
  TagResource,
  UntagResource,
  UpdateSecret,
  UpdateSecretVersionStage,
  ValidateResourcePolicy,
};
