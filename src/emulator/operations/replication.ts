// ReplicateSecretToRegions, RemoveRegionsFromReplication, StopReplicationToReplica. The emulator holds
// one Region: a replica is its entry in ReplicationStatus (InSync at once), not a secret elsewhere.
import type { EmulatorContext } from '../EmulatorContext.js';
import { readBoolean, readString, readStringList, type Input } from '../readInput.js';
import { invalidParameter, invalidRequest } from '../ServiceError.js';
import { readReplicaRegions, replicationStatus } from './secrets.js';

export function ReplicateSecretToRegions(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.getLive(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const regions = readReplicaRegions(input, 'AddReplicaRegions');
  readBoolean(input, 'ForceOverwriteReplicaSecret');
  if (!regions || regions.length === 0) throw invalidParameter('AddReplicaRegions must contain at least one Region.');
  for (const replica of regions) {
    if (replica.Region === ctx.region) throw invalidParameter('Invalid replica region.');
    const at = secret.Replicas.findIndex((r) => r.Region === replica.Region);
    if (at >= 0) secret.Replicas[at] = replica;
    else secret.Replicas.push(replica);
  }
  secret.LastChangedDate = ctx.now();
  return { ARN: secret.ARN, ReplicationStatus: replicationStatus(secret) ?? [] };
}

export function RemoveRegionsFromReplication(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.getLive(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const regions = readStringList(input, 'RemoveReplicaRegions', { required: true, min: 1, itemMin: 1, itemMax: 128 }) as string[];
  for (const region of regions) {
    if (!secret.Replicas.some((r) => r.Region === region)) throw invalidParameter(`The secret isn't replicated to Region ${region}.`);
  }
  secret.Replicas = secret.Replicas.filter((r) => !regions.includes(r.Region));
  secret.LastChangedDate = ctx.now();
  return { ARN: secret.ARN, ReplicationStatus: replicationStatus(secret) ?? [] };
}

export function StopReplicationToReplica(ctx: EmulatorContext, input: Input): never {
  const secret = ctx.store.getLive(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  // Called on a replica, in the replica's Region; every secret the emulator holds is a primary.
  throw invalidRequest(`The secret ${secret.Name} is a primary secret, not a replica: call StopReplicationToReplica in the replica's Region.`);
}
