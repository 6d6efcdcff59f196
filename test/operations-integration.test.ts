// Every operation moto_server implements, against the real emulator with signature checking on, through
// the client's public API: a secret's lifecycle, binary values byte for byte, paging, tags, resource
// policies, replication, random passwords.
//
// Not implemented by moto 5.2 (it answers them with an HTML 500 page), so covered by test/wire-operations.test.ts
// only: StopReplicationToReplica and ValidateResourcePolicy. moto ignores MaxResults for
// ListSecretVersionIds (it answers every version and an empty NextToken): paging through more than one
// page of versions is tested against a paging server in test/paginators.test.ts.
import { describe, expect, it } from 'vitest';
import {
  BatchGetSecretValueResponse,
  CreateSecretResponse,
  DescribeSecretResponse,
  GetRandomPasswordResponse,
  GetSecretValueResponse,
  InvalidRequestException,
  ListSecretsResponse,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretValueEntry,
} from '../src/index.node.js';
import { useMoto } from './helpers/moto.js';

const moto = useMoto();

function client(): SecretsManagerClient {
  return new SecretsManagerClient({ region: moto().region, serviceURL: moto().endpoint, credentials: moto().credentials });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('a secret\'s lifecycle against moto_server: create → put → stage move → describe → delete → restore', () => {
  it('goes through every step with the emulator\'s real answers', async () => {
    const sm = client();
    const name = moto().uniqueName('lifecycle');
    const created = await sm.createSecretAsync({ Name: name, SecretString: 'v1', Description: 'first', Tags: [{ Key: 'team', Value: 'db' }] });
    expect(created).toBeInstanceOf(CreateSecretResponse);
    expect(created.Name).toBe(name);
    expect(created.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:\\d{12}:secret:${name}-\\w{6}$`));
    const v1 = created.VersionId!;

    // A second version, staged but not current.
    const put = await sm.putSecretValueAsync({ SecretId: name, SecretString: 'v2', VersionStages: ['AWSPENDING'] });
    expect(put.VersionStages).toEqual(['AWSPENDING']);
    const v2 = put.VersionId!;
    expect((await sm.getSecretValueAsync({ SecretId: name })).SecretString).toBe('v1');
    expect((await sm.getSecretValueAsync({ SecretId: name, VersionStage: 'AWSPENDING' })).SecretString).toBe('v2');

    // Move AWSCURRENT to the new version.
    const moved = await sm.updateSecretVersionStageAsync({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v2, RemoveFromVersionId: v1 });
    expect(moved).toMatchObject({ Name: name, ARN: created.ARN });
    // Asked for by stage: moto 5.2 keeps answering GetSecretValue without a stage from the version the
    // secret was created with after AWSCURRENT moves (the service answers the AWSCURRENT version).
    const current = await sm.getSecretValueAsync({ SecretId: name, VersionStage: 'AWSCURRENT' });
    expect(current).toBeInstanceOf(GetSecretValueResponse);
    expect(current).toMatchObject({ SecretString: 'v2', VersionId: v2 });
    expect(current.VersionStages).toContain('AWSCURRENT');
    expect(current.CreatedDate).toBeInstanceOf(Date);

    const described = await sm.describeSecretAsync({ SecretId: name });
    expect(described).toBeInstanceOf(DescribeSecretResponse);
    expect(described).toMatchObject({ Name: name, Description: 'first', Tags: [{ Key: 'team', Value: 'db' }] });
    expect(described.VersionIdsToStages![v2]).toContain('AWSCURRENT');
    expect(described.VersionIdsToStages![v1]).toEqual(['AWSPREVIOUS']);
    expect(described.LastChangedDate).toBeInstanceOf(Date);
    expect(Math.abs(described.CreatedDate!.getTime() - Date.now())).toBeLessThan(10 * 60_000);

    const versions = await sm.listSecretVersionIdsAsync({ SecretId: name });
    expect(versions.Versions!.map((v) => v.VersionId).sort()).toEqual([v1, v2].sort());

    const deleted = await sm.deleteSecretAsync({ SecretId: name, RecoveryWindowInDays: 7 });
    expect(deleted.Name).toBe(name);
    expect(deleted.DeletionDate!.getTime() - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
    const whileDeleted = await sm.getSecretValueAsync({ SecretId: name }).catch((error: unknown) => error);
    expect(whileDeleted).toBeInstanceOf(InvalidRequestException);

    const restored = await sm.restoreSecretAsync({ SecretId: name });
    expect(restored).toMatchObject({ Name: name, ARN: created.ARN });
    expect((await sm.getSecretValueAsync({ SecretId: name, VersionStage: 'AWSCURRENT' })).SecretString).toBe('v2');
    expect((await sm.describeSecretAsync({ SecretId: name })).DeletedDate).toBeUndefined();
  });

  it('maps a second CreateSecret of the same name to ResourceExistsException, an unknown secret to ResourceNotFoundException', async () => {
    const sm = client();
    const secret = await moto().createSecret();
    expect(await sm.createSecretAsync({ Name: secret.Name, SecretString: 'x' }).catch((error: unknown) => error)).toBeInstanceOf(ResourceExistsException);
    expect(await sm.describeSecretAsync({ SecretId: moto().uniqueName('missing') }).catch((error: unknown) => error)).toBeInstanceOf(ResourceNotFoundException);
  });

  it('updates a secret\'s value and description (UpdateSecret); CancelRotateSecret answers moto\'s refusal as its typed error', async () => {
    const sm = client();
    const secret = await moto().createSecret();
    const updated = await sm.updateSecretAsync({ SecretId: secret.Name, SecretString: 'updated', Description: 'changed' });
    expect(updated.Name).toBe(secret.Name);
    expect((await sm.getSecretValueAsync({ SecretId: secret.Name })).SecretString).toBe('updated');
    expect((await sm.describeSecretAsync({ SecretId: secret.Name })).Description).toBe('changed');
    // moto cancels only a rotation with a Lambda function, which the emulator cannot run here: its refusal
    // is the answer to read.
    const refused = await sm.cancelRotateSecretAsync({ SecretId: secret.Name }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidRequestException);
    expect(refused).toMatchObject({ errorCode: 'InvalidRequestException', statusCode: 400, message: expect.stringMatching(/Lambda function ARN/) });
  });
});

describe('binary secrets', () => {
  it('round-trip byte for byte through CreateSecret, PutSecretValue, GetSecretValue and BatchGetSecretValue', async () => {
    const sm = client();
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const name = moto().uniqueName('binary');
    await sm.createSecretAsync({ Name: name, SecretBinary: every });
    const first = await sm.getSecretValueAsync({ SecretId: name });
    expect(first.SecretString).toBeUndefined();
    expect(first.SecretBinary).toBeInstanceOf(Uint8Array);
    expect([...first.SecretBinary!]).toEqual([...every]);

    const reversed = every.slice().reverse();
    await sm.putSecretValueAsync({ SecretId: name, SecretBinary: reversed });
    expect([...(await sm.getSecretValueAsync({ SecretId: name })).SecretBinary!]).toEqual([...reversed]);

    const batch = await sm.batchGetSecretValueAsync({ SecretIdList: [name] });
    expect(batch).toBeInstanceOf(BatchGetSecretValueResponse);
    const entry = batch.SecretValues![0]!;
    expect(entry).toBeInstanceOf(SecretValueEntry);
    expect([...entry.SecretBinary!]).toEqual([...reversed]);
  });
});

describe('listing and paging', () => {
  it('pages through ListSecrets one secret a page, with the paginator and by hand', async () => {
    const sm = client();
    const prefix = moto().uniqueName('paged');
    const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
    for (const name of names) await moto().createSecret(name);
    const filter = { Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 1 };

    const pages = await collect(sm.paginators.listSecrets(filter).responses);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(page).toBeInstanceOf(ListSecretsResponse);
    expect(pages.flatMap((page) => page.SecretList!.map((s) => s.Name)).sort()).toEqual(names);
    expect(pages.slice(0, -1).every((page) => page.SecretList!.length === 1 && typeof page.NextToken === 'string')).toBe(true);

    const items = await collect(sm.paginators.listSecrets(filter).secretList);
    expect(items.map((s) => s.Name).sort()).toEqual(names);

    const first = await sm.listSecretsAsync(filter);
    const second = await sm.listSecretsAsync({ ...filter, NextToken: first.NextToken! });
    expect(first.SecretList).toHaveLength(1);
    expect(second.SecretList![0]!.Name).not.toBe(first.SecretList![0]!.Name);
  });

  it('pages through BatchGetSecretValue by filter, and lists versions', async () => {
    const sm = client();
    const prefix = moto().uniqueName('batch');
    for (const suffix of ['a', 'b']) await moto().createSecret(`${prefix}-${suffix}`, `value-${suffix}`);
    const values = await collect(sm.paginators.batchGetSecretValue({ Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 1 }).secretValues);
    expect(values.map((v) => v.SecretString).sort()).toEqual(['value-a', 'value-b']);
    const versions = await collect(sm.paginators.listSecretVersionIds({ SecretId: `${prefix}-a` }).versions);
    expect(versions).toHaveLength(1);
    expect(versions[0]!.VersionStages).toEqual(['AWSCURRENT']);
  });
});

describe('tags, resource policies, replication, random passwords', () => {
  it('tags and untags a secret (TagResource and UntagResource answer with no members)', async () => {
    const sm = client();
    const secret = await moto().createSecret();
    const tagged = await sm.tagResourceAsync({ SecretId: secret.Name, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    expect(tagged.HttpStatusCode).toBe(200);
    await sm.untagResourceAsync({ SecretId: secret.Name, TagKeys: ['a'] });
    expect((await sm.describeSecretAsync({ SecretId: secret.Name })).Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('puts, gets and deletes a resource policy', async () => {
    const sm = client();
    const secret = await moto().createSecret();
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
    const put = await sm.putResourcePolicyAsync({ SecretId: secret.Name, ResourcePolicy: policy });
    expect(put.Name).toBe(secret.Name);
    expect(JSON.parse((await sm.getResourcePolicyAsync({ SecretId: secret.Name })).ResourcePolicy!)).toEqual(JSON.parse(policy));
    await sm.deleteResourcePolicyAsync({ SecretId: secret.Name });
    expect((await sm.getResourcePolicyAsync({ SecretId: secret.Name })).ResourcePolicy).toBeUndefined();
  });

  it('replicates a secret to a region and removes the replica', async () => {
    const sm = client();
    const secret = await moto().createSecret();
    const replicated = await sm.replicateSecretToRegionsAsync({ SecretId: secret.Name, AddReplicaRegions: [{ Region: 'eu-west-1' }] });
    expect(replicated.ReplicationStatus).toEqual([expect.objectContaining({ Region: 'eu-west-1', Status: 'InSync' })]);
    const removed = await sm.removeRegionsFromReplicationAsync({ SecretId: secret.Name, RemoveReplicaRegions: ['eu-west-1'] });
    // moto 5.2 answers the secret's name in ARN here.
    expect([secret.ARN, secret.Name]).toContain(removed.ARN);
    expect(removed.ReplicationStatus ?? []).toEqual([]);
  });

  it('generates a random password of the asked length and alphabet', async () => {
    const password = await client().getRandomPasswordAsync({ PasswordLength: 40, ExcludePunctuation: true, IncludeSpace: false });
    expect(password).toBeInstanceOf(GetRandomPasswordResponse);
    expect(password.RandomPassword).toMatch(/^[A-Za-z0-9]{40}$/);
  });
});
