import { describe, expect, it } from 'vitest';
import { useMoto } from './helpers/moto.js';

describe('moto harness', () => {
  const moto = useMoto();

  it('starts on 127.0.0.1 with the user credentials', () => {
    expect(moto().endpoint).toBe(`http://127.0.0.1:${moto().port}`);
    expect(moto().region).toBe('us-east-1');
    expect(moto().credentials.accessKeyId).toMatch(/^AKIA/);
    expect(moto().credentials.sessionToken).toBeUndefined();
  });

  it('creates and describes a secret', async () => {
    const name = moto().uniqueName('harness');
    const created = await moto().createSecret(name, 's3cret');
    expect(created.Name).toBe(name);
    expect(created.ARN).toContain(`:secret:${name}-`);
    expect(created.VersionId).toBeTruthy();

    const described = await moto().describeSecret(created.ARN);
    expect(described.Name).toBe(name);
    expect(described.VersionIdsToStages[created.VersionId]).toEqual(['AWSCURRENT']);

    const value = await moto().send<{ SecretString: string }>('GetSecretValue', { SecretId: name });
    expect(value.SecretString).toBe('s3cret');
  });

  it('returns service errors as JSON without throwing from call()', async () => {
    const res = await moto().call('DescribeSecret', { SecretId: 'nope' });
    expect(res.status).toBe(404);
    expect(res.body.__type).toBe('ResourceNotFoundException');
    await expect(moto().send('DescribeSecret', { SecretId: 'nope' })).rejects.toThrow(/404/);
  });

  it('rejects a wrong secret key (auth is on)', async () => {
    const { accessKeyId } = moto().credentials;
    const res = await moto().call('ListSecrets', {}, { accessKeyId, secretAccessKey: 'wrong' });
    expect(res.status).toBe(403);
    expect(String(res.body)).toContain('SignatureDoesNotMatch');
  });

  it('rejects an unknown access key', async () => {
    const res = await moto().call('ListSecrets', {}, { accessKeyId: 'AKIANOTAREALKEY00000', secretAccessKey: 'x' });
    expect(res.status).toBe(403);
    expect(String(res.body)).toContain('InvalidClientTokenId');
  });

  it('assumeRole gives temporary credentials that work', async () => {
    const temp = await moto().assumeRole();
    expect(temp.accessKeyId).toMatch(/^ASIA/);
    expect(temp.sessionToken).toBeTruthy();

    const { Name } = await moto().createSecret();
    const res = await moto().call('DescribeSecret', { SecretId: Name }, temp);
    expect(res.status).toBe(200);
    expect(res.body.Name).toBe(Name);

    const noToken = await moto().call('DescribeSecret', { SecretId: Name }, { ...temp, sessionToken: undefined });
    expect(noToken.status).toBe(403);
  });

  it('captures server output', () => {
    expect(moto().output()).toContain('POST /');
  });
});
