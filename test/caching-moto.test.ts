// SecretsManagerCache over the real client against moto_server with signature checking on: a rotation
// seen within one background check, prefetch past one batch, binary secrets byte for byte, and a
// secret deleted while the cache holds it. Time is the cache's injected clock: only the calls are real.
import { describe, expect, it } from 'vitest';
import { SecretsManagerCache, type CacheClient } from '../src/caching/index.js';
import { SecretsManagerClient } from '../src/index.node.js';
import { useMoto } from './helpers/moto.js';

const moto = useMoto();
const HOUR = 3_600_000;

/** The real client, with each call the cache makes recorded and awaitable. */
function tracked() {
  const real = new SecretsManagerClient({ region: moto().region, serviceURL: moto().endpoint, credentials: moto().credentials });
  const calls: string[] = [];
  const pending = new Set<Promise<unknown>>();
  const track = <T,>(op: string, call: Promise<T>): Promise<T> => {
    calls.push(op);
    pending.add(call);
    void call.catch(() => {}).finally(() => pending.delete(call));
    return call;
  };
  const client: Required<CacheClient> = {
    getSecretValueAsync: (request, signal) => track('GetSecretValue', real.getSecretValueAsync(request, signal)),
    describeSecretAsync: (request, signal) => track('DescribeSecret', real.describeSecretAsync(request, signal)),
    batchGetSecretValueAsync: (request, signal) => track('BatchGetSecretValue', real.batchGetSecretValueAsync(request, signal)),
  };
  /** Waits until no call is under way, and the cache has taken in their answers. */
  const idle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { real, client, calls, idle };
}

function cacheOver(client: CacheClient) {
  const time = { now: Date.now() };
  const cache = new SecretsManagerCache(client, { Clock: () => time.now, Random: () => 0.5 });
  return { time, cache };
}

describe('SecretsManagerCache against moto_server', () => {
  it('serves a rotated secret (a new AWSCURRENT version put while cached) after one background check', async () => {
    const { real, client, calls, idle } = tracked();
    const { time, cache } = cacheOver(client);
    const secret = await moto().createSecret(undefined, 'password-1');
    expect(await cache.getSecretString(secret.Name)).toBe('password-1');
    // An unchanged secret costs one DescribeSecret per check.
    time.now += 0.85 * HOUR;
    expect(await cache.getSecretString(secret.Name)).toBe('password-1');
    await idle();
    expect(calls).toEqual(['GetSecretValue', 'DescribeSecret']);

    const put = await real.putSecretValueAsync({ SecretId: secret.Name, SecretString: 'password-2' });
    time.now += 0.85 * HOUR;
    // The read that starts the check is served at once, with what is held.
    expect(await cache.getSecretString(secret.Name)).toBe('password-1');
    await idle();
    expect(await cache.getSecretString(secret.Name)).toBe('password-2');
    expect(cache.getCachedSecret(secret.Name).versionId).toBe(put.VersionId);
    expect(calls).toEqual(['GetSecretValue', 'DescribeSecret', 'DescribeSecret', 'GetSecretValue']);
    // AWSPREVIOUS on request: the old value.
    expect(await cache.getSecretString(secret.Name, { versionStage: 'AWSPREVIOUS' })).toBe('password-1');
  });

  it('prefetches 45 secrets in 3 BatchGetSecretValue calls, reports the one that does not exist, then reads them without a call', async () => {
    const { client, calls } = tracked();
    const { cache } = cacheOver(client);
    const names: string[] = [];
    for (let i = 0; i < 45; i++) names.push((await moto().createSecret(moto().uniqueName('prefetch'), `value-${i}`)).Name);
    const missing = moto().uniqueName('missing');
    const result = await cache.prefetch([...names, missing]);
    expect(result.loaded.sort()).toEqual([...names].sort());
    expect(result.errors).toEqual([expect.objectContaining({ secretId: missing, errorCode: 'ResourceNotFoundException' })]);
    expect(calls).toEqual(['BatchGetSecretValue', 'BatchGetSecretValue', 'BatchGetSecretValue']);
    for (let i = 0; i < 45; i++) expect(await cache.getSecretString(names[i]!)).toBe(`value-${i}`);
    expect(calls).toHaveLength(3);
  });

  it('serves binary secrets byte for byte, read and prefetched', async () => {
    const { real, client } = tracked();
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const name = moto().uniqueName('binary');
    await real.createSecretAsync({ Name: name, SecretBinary: bytes });
    const { cache } = cacheOver(client);
    expect(await cache.getSecretBinary(name)).toEqual(bytes);
    expect(await cache.getSecretString(name)).toBeUndefined();
    const other = cacheOver(client).cache;
    expect((await other.prefetch([name])).loaded).toEqual([name]);
    expect(await other.getSecretBinary(name)).toEqual(bytes);
  });

  it('a secret deleted while cached: the value is dropped at the next check and the service’s error is served', async () => {
    const { real, client, calls, idle } = tracked();
    const { time, cache } = cacheOver(client);
    const secret = await moto().createSecret(undefined, 'doomed');
    expect(await cache.getSecretString(secret.Name)).toBe('doomed');
    await real.deleteSecretAsync({ SecretId: secret.Name, RecoveryWindowInDays: 7 });
    time.now += HOUR;
    // DescribeSecret still answers for a secret scheduled for deletion; GetSecretValue gives the service's verdict.
    const error = await cache.getSecretString(secret.Name).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidRequestException', statusCode: 400 });
    expect(calls.slice(1)).toEqual(['DescribeSecret', 'GetSecretValue']);
    expect(cache.getCachedSecret(secret.Name).versionId).toBeUndefined();
    // Cached as an error: no call for the next reads.
    await expect(cache.getSecretString(secret.Name)).rejects.toBe(error);
    expect(calls).toHaveLength(3);

    const gone = await moto().createSecret(undefined, 'gone');
    expect(await cache.getSecretString(gone.Name)).toBe('gone');
    await real.deleteSecretAsync({ SecretId: gone.Name, ForceDeleteWithoutRecovery: true });
    time.now += 2 * HOUR;
    await expect(cache.getSecretString(gone.Name)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await idle();
  });
});
