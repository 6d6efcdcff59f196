// SecretsManagerCache against a stub of the service (test/helpers/secretsStub.ts), with an injected
// clock and random source: no test waits for real time. What the emulator can show (a rotation seen
// within one refresh, binary secrets, prefetch, deletion) is in caching-moto.test.ts.
import { inspect } from 'node:util';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ObjectDisposedException,
  SecretCacheConfiguration,
  SecretsManagerCache,
  SecretValidationException,
  SecretValue,
  withRefreshOnAuthFailure,
  type ISecretCacheConfiguration,
} from '../src/caching/index.js';
import { AmazonSecretsManagerException, HttpRequestException, InternalServiceErrorException, RequestTimeoutException } from '../src/index.node.js';
import { manualTime, SecretsStub, settle, versionId } from './helpers/secretsStub.js';

const HOUR = 3_600_000;
const PASSWORD = 'correct horse battery staple';

function setup(config: ISecretCacheConfiguration = {}) {
  const stub = new SecretsStub();
  const { time, Clock, Random } = manualTime();
  const cache = new SecretsManagerCache(stub, { Clock, Random, ...config });
  return { stub, time, cache };
}

const throttled = () => new AmazonSecretsManagerException('Rate exceeded', { statusCode: 400, errorCode: 'ThrottlingException', errorType: 'Sender' });
const accessDenied = () => new AmazonSecretsManagerException('User is not authorized to perform: secretsmanager:GetSecretValue', { statusCode: 400, errorCode: 'AccessDeniedException', errorType: 'Sender' });

describe('SecretCacheConfiguration', () => {
  it("has .NET's names and defaults", () => {
    const config = new SecretCacheConfiguration();
    expect(config).toMatchObject({ CacheItemTTL: 3_600_000, MaxCacheSize: 1024, VersionStage: 'AWSCURRENT', NegativeCacheTTL: 30_000, ExpireAtNextRotation: true, RefreshNowMinInterval: 1_000 });
    expect(config.Client).toBeUndefined();
    expect(config.CacheHook).toBeUndefined();
    expect([SecretCacheConfiguration.DEFAULT_CACHE_ITEM_TTL, SecretCacheConfiguration.DEFAULT_MAX_CACHE_SIZE, SecretCacheConfiguration.DEFAULT_VERSION_STAGE]).toEqual([3_600_000, 1024, 'AWSCURRENT']);
    expect(new SecretCacheConfiguration({ CacheItemTTL: 5, MaxCacheSize: undefined }).MaxCacheSize).toBe(1024);
  });

  it('is checked when the cache is built, with errors that name the setting', () => {
    const stub = new SecretsStub();
    expect(() => new SecretsManagerCache({})).toThrow(/needs a client with getSecretValueAsync/);
    expect(() => new SecretsManagerCache(stub, { CacheItemTTL: 0 })).toThrow(new RangeError('SecretCacheConfiguration.CacheItemTTL must be a number >= 1.'));
    expect(() => new SecretsManagerCache(stub, { MaxCacheSize: Number.NaN })).toThrow(/MaxCacheSize/);
    expect(() => new SecretsManagerCache(stub, { VersionStage: '' })).toThrow(/VersionStage/);
    expect(() => new SecretsManagerCache(stub, { NegativeCacheTTL: -1 })).toThrow(/NegativeCacheTTL/);
    // The client may come in the configuration, as in .NET.
    expect(new SecretsManagerCache({ Client: stub }).size).toBe(0);
  });
});

describe('reads', () => {
  it('serve SecretString and SecretBinary (a copy), undefined for the other kind', async () => {
    const { stub, cache } = setup();
    stub.add('text', PASSWORD);
    stub.add('bytes', new Uint8Array([0, 255, 1]));
    expect(await cache.getSecretString('text')).toBe(PASSWORD);
    expect(await cache.getSecretBinary('text')).toBeUndefined();
    const bytes = (await cache.getSecretBinary('bytes'))!;
    expect([...bytes]).toEqual([0, 255, 1]);
    bytes[0] = 9;
    expect([...(await cache.getSecretBinary('bytes'))!]).toEqual([0, 255, 1]);
    expect(await cache.getSecretString('bytes')).toBeUndefined();
    expect(stub.count()).toBe(2);
  });

  it('reject a secret id that is not a non-empty string before any call', async () => {
    const { stub, cache } = setup();
    await expect(cache.getSecretString('')).rejects.toThrow(new TypeError('secretId must be a non-empty string.'));
    await expect(cache.getSecretString(undefined as unknown as string)).rejects.toThrow(TypeError);
    expect(stub.count()).toBe(0);
  });

  it('hand out nothing a caller can change for the others: stages frozen, binary bytes copied', async () => {
    const { stub, cache } = setup();
    stub.add('key', new Uint8Array([1, 2, 3]));
    const item = cache.getCachedSecret('key');
    const first = await item.getSecretValue();
    expect(Object.isFrozen(first.VersionStages)).toBe(true);
    expect(() => (first.VersionStages as string[]).push('AWSPREVIOUS')).toThrow(TypeError);
    // A caller zeroing its key material after use.
    first.SecretBinary!.fill(0);
    expect([...(await item.getSecretValue()).SecretBinary!]).toEqual([1, 2, 3]);
    expect([...(await cache.getSecretBinary('key'))!]).toEqual([1, 2, 3]);
    expect(stub.count()).toBe(1);
  });

  it('read another version stage on request, held apart from the default one', async () => {
    const { stub, cache } = setup();
    stub.add('db', 'old');
    stub.put('db', 'new');
    expect(await cache.getSecretString('db')).toBe('new');
    expect(await cache.getSecretString('db', { versionStage: 'AWSPREVIOUS' })).toBe('old');
    expect(cache.getCachedSecret('db', 'AWSPREVIOUS').versionStage).toBe('AWSPREVIOUS');
    expect(cache.size).toBe(2);
    const other = new SecretsManagerCache(stub, { VersionStage: 'AWSPREVIOUS' });
    expect(await other.getSecretString('db')).toBe('old');
  });
});

describe('single flight', () => {
  it('1,000 concurrent misses make one call, and all get its answer', async () => {
    const { stub, cache } = setup();
    stub.add('db', PASSWORD);
    stub.hold();
    const reads = Array.from({ length: 1000 }, () => cache.getSecretString('db'));
    await settle();
    expect(stub.count()).toBe(1);
    stub.release();
    expect(new Set(await Promise.all(reads))).toEqual(new Set([PASSWORD]));
    expect(stub.count()).toBe(1);
  });

  it('one waiter aborting rejects with its reason, and neither cancels the shared call nor the other waiters', async () => {
    const { stub, cache } = setup();
    stub.add('db', PASSWORD);
    stub.hold();
    const ac = new AbortController();
    const aborted = cache.getSecretString('db', ac.signal);
    const others = Array.from({ length: 5 }, () => cache.getSecretString('db'));
    await settle();
    ac.abort(new Error('this caller gave up'));
    await expect(aborted).rejects.toThrow('this caller gave up');
    stub.release();
    expect(await Promise.all(others)).toEqual(Array(5).fill(PASSWORD));
    expect(stub.count()).toBe(1);
    // The answer was kept for later reads although its first caller left.
    expect(await cache.getSecretString('db')).toBe(PASSWORD);
    expect(stub.count()).toBe(1);
  });

  it('an already-aborted signal rejects at once, and the options form takes a signal too', async () => {
    const { stub, cache } = setup();
    stub.add('db', '{}');
    await expect(cache.getSecretString('db', AbortSignal.abort(new Error('too late')))).rejects.toThrow('too late');
    expect(stub.count()).toBe(0);
    await cache.getSecretString('db');
    // A hit too: the signal is checked before anything else.
    await expect(cache.getSecretJson('db', { abortSignal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
  });
});

describe('expiry and background refresh', () => {
  it('a warm read never waits: past the refresh point it is served from memory and one check starts behind it', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', PASSWORD);
    await cache.getSecretString('db');
    const item = cache.getCachedSecret('db');
    // Random 0.5: the refresh point is at (0.75 + 0.2 × 0.5) of the TTL.
    expect(item.nextRefresh!.getTime() - time.now).toBe(0.85 * HOUR);
    expect(item.expiration!.getTime() - time.now).toBe(HOUR);
    time.now += 0.85 * HOUR - 1;
    await cache.getSecretString('db');
    expect(stub.count()).toBe(1);
    time.now += 1;
    stub.hold();
    // Served at once, though the check is held.
    expect(await cache.getSecretString('db')).toBe(PASSWORD);
    expect(await cache.getSecretString('db')).toBe(PASSWORD);
    expect(stub.calls.map((c) => c.op)).toEqual(['GetSecretValue', 'DescribeSecret']);
    stub.release();
    await settle();
    expect(item.lastRefreshed!.getTime()).toBe(time.now);
  });

  it('a check whose version did not change costs one DescribeSecret; a new version, DescribeSecret then GetSecretValue', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', 'v1');
    await cache.getSecretString('db');
    time.now += 0.95 * HOUR;
    await cache.getSecretString('db');
    await settle();
    expect(stub.calls.map((c) => c.op)).toEqual(['GetSecretValue', 'DescribeSecret']);
    stub.put('db', 'v2');
    time.now += 0.95 * HOUR;
    expect(await cache.getSecretString('db')).toBe('v1');
    await settle();
    expect(await cache.getSecretString('db')).toBe('v2');
    expect(stub.calls.map((c) => c.op)).toEqual(['GetSecretValue', 'DescribeSecret', 'DescribeSecret', 'GetSecretValue']);
  });

  it('jitter: the refresh point lies between 75% and 95% of the TTL', async () => {
    for (const [random, fraction] of [
      [0, 0.75],
      [0.999999, 0.95],
    ] as const) {
      const { stub, time, cache } = setup();
      time.random = random;
      stub.add('db', PASSWORD);
      await cache.getSecretString('db');
      expect((cache.getCachedSecret('db').nextRefresh!.getTime() - time.now) / HOUR).toBeCloseTo(fraction, 5);
    }
  });

  it('an expired value (no read during its refresh window) is waited for, behind one check', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', 'v1');
    await cache.getSecretString('db');
    stub.put('db', 'v2');
    time.now += HOUR;
    stub.hold();
    const reads = [cache.getSecretString('db'), cache.getSecretString('db')];
    await settle();
    stub.release();
    expect(await Promise.all(reads)).toEqual(['v2', 'v2']);
    expect(stub.calls.map((c) => c.op)).toEqual(['GetSecretValue', 'DescribeSecret', 'GetSecretValue']);
  });

  it('checks with GetSecretValue when DescribeSecret is denied, and from then on', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', 'v1');
    stub.add('api', 'k1');
    stub.fail = (op) => (op === 'DescribeSecret' ? accessDenied() : undefined);
    await cache.getSecretString('db');
    await cache.getSecretString('api');
    time.now += HOUR;
    expect(await cache.getSecretString('db')).toBe('v1');
    expect(await cache.getSecretString('api')).toBe('k1');
    expect(stub.calls.map((c) => c.op)).toEqual(['GetSecretValue', 'GetSecretValue', 'DescribeSecret', 'GetSecretValue', 'GetSecretValue']);
    expect(cache.getCachedSecret('db').lastError).toBeUndefined();
  });

  it('works with a client that has only getSecretValueAsync', async () => {
    let calls = 0;
    const { time, Clock, Random } = manualTime();
    const cache = new SecretsManagerCache({ getSecretValueAsync: async () => ({ SecretString: `v${++calls}`, VersionId: versionId(calls) }) } as never, { Clock, Random });
    expect(await cache.getSecretString('db')).toBe('v1');
    time.now += HOUR;
    expect(await cache.getSecretString('db')).toBe('v2');
    await expect(cache.prefetch(['db'])).rejects.toThrow(/batchGetSecretValueAsync/);
  });
});

describe('rotation', () => {
  it('a value is checked when NextRotationDate has passed, within 30 s, whatever the TTL says', async () => {
    const { stub, time, cache } = setup({ CacheItemTTL: 24 * HOUR });
    const secret = stub.add('db', 'before');
    await cache.getSecretString('db');
    // NextRotationDate is learnt from the first DescribeSecret.
    time.now += 0.95 * 24 * HOUR;
    secret.nextRotation = new Date(time.now + 2 * HOUR);
    await cache.getSecretString('db');
    await settle();
    time.random = 1;
    const item = cache.getCachedSecret('db');
    expect(item.expiration!.getTime()).toBe(time.now + 2 * HOUR + 15_000);
    // The rotation happens (on or before the date); the old version is served until the date passes.
    stub.put('db', 'after');
    secret.nextRotation = new Date(time.now + 2 * HOUR + 30 * 24 * HOUR);
    time.now += 2 * HOUR + 15_000;
    expect(await cache.getSecretString('db')).toBe('after');
  });

  it('a NextRotationDate in the past (a failed rotation) or rotation turned off leaves the TTL in charge', async () => {
    const { stub, time, cache } = setup();
    const secret = stub.add('db', PASSWORD, { nextRotation: new Date(Date.UTC(2025, 0, 1)) });
    await cache.getSecretString('db');
    time.now += HOUR;
    await cache.getSecretString('db');
    expect(cache.getCachedSecret('db').expiration!.getTime()).toBe(time.now + HOUR);
    secret.nextRotation = new Date(time.now + 60_000);
    secret.rotationEnabled = false;
    time.now += HOUR;
    await cache.getSecretString('db');
    expect(cache.getCachedSecret('db').expiration!.getTime()).toBe(time.now + HOUR);
  });

  it('ExpireAtNextRotation: false ignores the date', async () => {
    const { stub, time, cache } = setup({ ExpireAtNextRotation: false });
    stub.add('db', PASSWORD, { nextRotation: new Date(Date.UTC(2026, 0, 1, 2)) });
    await cache.getSecretString('db');
    time.now += HOUR;
    await cache.getSecretString('db');
    expect(cache.getCachedSecret('db').expiration!.getTime()).toBe(time.now + HOUR);
  });
});

describe('errors: which error does what', () => {
  const transient: [string, () => unknown][] = [
    ['throttling (400 ThrottlingException)', throttled],
    ['a 5xx (InternalServiceError)', () => new InternalServiceErrorException('We encountered an internal error.', { statusCode: 500, errorCode: 'InternalServiceError', errorType: 'Receiver' })],
    ['a 503 without a code', () => new AmazonSecretsManagerException('Service Unavailable', { statusCode: 503 })],
    ['a timeout', () => new RequestTimeoutException('The call took longer than 1000 ms.', { scope: 'total', timeout: 1000 })],
    ['a network failure', () => new HttpRequestException('connect ECONNREFUSED')],
    ['expired credentials (not about the secret)', () => new AmazonSecretsManagerException('The security token included in the request is expired', { statusCode: 400, errorCode: 'ExpiredTokenException', errorType: 'Sender' })],
    ['an error that is not the client’s', () => new Error('a stub broke')],
  ];

  for (const [what, error] of transient) {
    it(`${what}: the held value is served past its TTL, up to MaxStaleAge, with backoff between checks`, async () => {
      const { stub, time, cache } = setup({ MaxStaleAge: HOUR });
      stub.add('db', PASSWORD);
      await cache.getSecretString('db');
      stub.fail = () => error();
      time.now += HOUR;
      expect(await cache.getSecretString('db')).toBe(PASSWORD);
      const item = cache.getCachedSecret('db');
      expect(item.lastError).toBeInstanceOf(Error);
      // Backoff: the next check no sooner than 0.5 s to 1 s later; reads meanwhile make no call.
      const calls = stub.count();
      time.now += 499;
      expect(await cache.getSecretString('db')).toBe(PASSWORD);
      expect(stub.count()).toBe(calls);
      time.now += 501;
      expect(await cache.getSecretString('db')).toBe(PASSWORD);
      await settle();
      expect(stub.count()).toBe(calls + 1);
      // Past TTL + MaxStaleAge the error is thrown.
      time.now += HOUR;
      const thrown = await cache.getSecretString('db').catch((e: unknown) => e);
      expect(thrown).toBe(item.lastError);
      expect(cache.getCachedSecret('db').versionId).toBeUndefined();
      // When the service is back, so is the value.
      stub.fail = undefined;
      time.now += 200_000;
      expect(await cache.getSecretString('db')).toBe(PASSWORD);
      expect(item.lastError).toBeUndefined();
    });
  }

  it('backoff doubles from 1 s to 128 s, each delay drawn from its upper half', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', PASSWORD);
    stub.fail = () => throttled();
    const item = cache.getCachedSecret('db');
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      time.random = i % 2;
      await cache.getSecretString('db').catch(() => {});
      delays.push(item.nextRefresh!.getTime() - time.now);
      time.now = item.nextRefresh!.getTime();
    }
    expect(delays).toEqual([500, 2000, 2000, 8000, 8000, 32_000, 32_000, 128_000, 64_000, 128_000]);
    expect(stub.count()).toBe(10);
  });

  it('a miss that fails transiently throws, and the same error is thrown without a call until the backoff ends', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', PASSWORD);
    stub.fail = () => throttled();
    const first = await cache.getSecretString('db').catch((e: unknown) => e);
    expect(first).toMatchObject({ errorCode: 'ThrottlingException' });
    await expect(cache.getSecretString('db')).rejects.toBe(first);
    expect(stub.count()).toBe(1);
    stub.fail = undefined;
    time.now += 1000;
    expect(await cache.getSecretString('db')).toBe(PASSWORD);
  });

  const definitive: [string, (stub: SecretsStub) => void][] = [
    ['not found (deleted for good)', (stub) => stub.secrets.delete('db')],
    ['scheduled for deletion (InvalidRequestException)', (stub) => (stub.secrets.get('db')!.deleted = true)],
    ['access denied', (stub) => (stub.fail = () => accessDenied())],
    ['KMS cannot decrypt', (stub) => (stub.fail = () => new AmazonSecretsManagerException("Secrets Manager can't decrypt the protected secret text using the provided KMS key.", { statusCode: 400, errorCode: 'DecryptionFailure', errorType: 'Sender' }))],
  ];

  for (const [what, breakIt] of definitive) {
    it(`${what}: the held value is dropped at the next check and the error cached for NegativeCacheTTL`, async () => {
      const { stub, time, cache } = setup({ NegativeCacheTTL: 10_000 });
      stub.add('db', PASSWORD);
      await cache.getSecretString('db');
      breakIt(stub);
      time.now += HOUR;
      const error = await cache.getSecretString('db').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmazonSecretsManagerException);
      expect(cache.getCachedSecret('db').versionId).toBeUndefined();
      const calls = stub.count();
      time.now += 9_999;
      await expect(cache.getSecretString('db')).rejects.toBe(error);
      expect(stub.count()).toBe(calls);
      time.now += 1;
      await expect(cache.getSecretString('db')).rejects.toMatchObject({ name: (error as Error).name });
      expect(stub.count()).toBeGreaterThan(calls);
    });
  }

  it('a bad id is asked about once per NegativeCacheTTL however often it is read', async () => {
    const { stub, time, cache } = setup();
    for (let i = 0; i < 100; i++) {
      await expect(cache.getSecretString('no-such-secret')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      time.now += 1000;
    }
    expect(stub.count()).toBe(4);
  });

  it('errors thrown carry no secret value, and neither does the cache when inspected or serialised', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', PASSWORD);
    stub.add('bytes', new TextEncoder().encode(PASSWORD));
    await cache.getSecretString('db');
    await cache.getSecretBinary('bytes');
    const value = await cache.getCachedSecret('db').getSecretValue();
    const shown = [inspect(cache, { depth: 10, showHidden: true }), inspect(cache.getCachedSecret('db'), { depth: 10, showHidden: true }), inspect(value, { depth: 10 }), JSON.stringify(value), JSON.stringify(cache), JSON.stringify(await cache.getCachedSecret('bytes').getSecretValue()), inspect(await cache.getCachedSecret('bytes').getSecretValue())];
    for (const text of shown) expect(text).not.toContain('horse');
    expect(value.SecretString).toBe(PASSWORD);
    stub.fail = () => throttled();
    time.now += 2 * HOUR + 1;
    const error = await cache.getSecretString('db').catch((e: unknown) => e);
    expect(inspect(error, { depth: 10 })).not.toContain('horse');
  });
});

describe('MaxValueAge', () => {
  it('reads the value again after a day of DescribeSecret checks, so that a revoked GetSecretValue drops it', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', PASSWORD);
    expect(await cache.getSecretString('db')).toBe(PASSWORD);
    // The role loses secretsmanager:GetSecretValue; DescribeSecret still works.
    stub.fail = (op) => (op === 'GetSecretValue' ? accessDenied() : undefined);
    let served = 0;
    for (let hour = 1; hour <= 26; hour++) {
      time.now += HOUR;
      const read = await cache.getSecretString('db').then(
        (value) => value,
        (error: unknown) => error,
      );
      if (read !== PASSWORD) {
        expect(read).toMatchObject({ errorCode: 'AccessDeniedException' });
        break;
      }
      served = hour;
      await settle();
    }
    // Served on DescribeSecret's word for the day, then read again, denied, and dropped.
    expect(served).toBeGreaterThanOrEqual(23);
    expect(served).toBeLessThan(26);
    expect(stub.calls.filter((c) => c.op === 'GetSecretValue').length).toBe(2);
  });

  it("set to CacheItemTTL, reads the value with GetSecretValue at every check, as .NET's cache does", async () => {
    const { stub, time, cache } = setup({ MaxValueAge: HOUR });
    stub.add('db', PASSWORD);
    await cache.getSecretString('db');
    for (let i = 0; i < 3; i++) {
      time.now += HOUR;
      await cache.getSecretString('db');
    }
    expect(stub.calls.map((c) => c.op)).toEqual(['GetSecretValue', 'GetSecretValue', 'GetSecretValue', 'GetSecretValue']);
  });
});

describe('LRU eviction', () => {
  it('past MaxCacheSize the least recently read secret goes', async () => {
    const { stub, cache } = setup({ MaxCacheSize: 3 });
    for (const id of ['a', 'b', 'c', 'd']) stub.add(id, id);
    await cache.getSecretString('a');
    await cache.getSecretString('b');
    await cache.getSecretString('c');
    await cache.getSecretString('a');
    await cache.getSecretString('d');
    expect(cache.size).toBe(3);
    expect(stub.count()).toBe(4);
    // b was the least recently read: it is fetched again; a, c and d are not.
    await cache.getSecretString('a');
    await cache.getSecretString('c');
    await cache.getSecretString('d');
    expect(stub.count()).toBe(4);
    await cache.getSecretString('b');
    expect(stub.count()).toBe(5);
  });
});

describe('refreshNowAsync', () => {
  it('checks at once, without sleeping, and reports success', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', 'v1');
    expect(await cache.refreshNowAsync('db')).toBe(true);
    expect(await cache.getSecretString('db')).toBe('v1');
    stub.put('db', 'v2');
    time.now += 1000;
    const started = performance.now();
    expect(await cache.refreshNowAsync('db')).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
    expect(await cache.getSecretString('db')).toBe('v2');
  });

  it('is rate-limited per secret: calls within RefreshNowMinInterval join the first check', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', 'v1');
    await cache.getSecretString('db');
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.refreshNowAsync('db')));
    expect(results.every(Boolean)).toBe(true);
    for (let i = 0; i < 100; i++) await cache.refreshNowAsync('db');
    expect(stub.count()).toBe(2);
    time.now += 1000;
    await cache.refreshNowAsync('db');
    expect(stub.count()).toBe(3);
  });

  it('bypasses the negative cache, and returns false when the check fails', async () => {
    const { stub, cache } = setup();
    await expect(cache.getSecretString('db')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await cache.refreshNowAsync('db')).toBe(false);
    stub.add('db', PASSWORD);
    // Within the rate limit: no call, the last outcome.
    expect(await cache.refreshNowAsync('db')).toBe(false);
    expect(stub.count()).toBe(2);
  });

  it('a check under way when it is called is followed by a new one', async () => {
    const { stub, cache } = setup();
    stub.add('db', 'v1');
    stub.hold();
    const read = cache.getSecretString('db');
    await settle();
    const refreshed = cache.refreshNowAsync('db');
    await settle();
    expect(stub.count()).toBe(1);
    stub.release();
    expect(await read).toBe('v1');
    expect(await refreshed).toBe(true);
    expect(stub.calls.map((c) => c.op)).toEqual(['GetSecretValue', 'DescribeSecret']);
  });
});

describe('getSecretJson', () => {
  const json = JSON.stringify({ username: 'app', password: PASSWORD, port: 5432 });

  it('parses once per version, with a function, a zod schema or a valibot schema', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', json);
    let parses = 0;
    const parse = (value: unknown) => {
      parses += 1;
      return value as { username: string };
    };
    const a = await cache.getSecretJson('db', { parse });
    const b = await cache.getSecretJson('db', { parse });
    expect(a).toBe(b);
    expect(parses).toBe(1);
    const zodValue = await cache.getSecretJson('db', { parse: z.object({ username: z.string(), port: z.number() }) });
    expectTypeOf(zodValue.port);
    expect(zodValue).toEqual({ username: 'app', port: 5432 });
    const valibotValue = await cache.getSecretJson('db', { parse: v.object({ password: v.string() }) });
    expect(valibotValue.password).toBe(PASSWORD);
    expect(await cache.getSecretJson('db')).toEqual(JSON.parse(json));
    // A check that finds the same version keeps the parsed value; a new version is parsed again.
    time.now += HOUR;
    expect(await cache.getSecretJson('db', { parse })).toBe(a);
    stub.put('db', JSON.stringify({ username: 'app2' }));
    time.now += HOUR;
    expect(await cache.getSecretJson('db', { parse })).toEqual({ username: 'app2' });
    expect(parses).toBe(2);
  });

  it('a validation failure names the paths, never the values, and is cached with its version', async () => {
    const { stub, cache } = setup();
    stub.add('db', JSON.stringify({ username: 'app', password: 12345678, port: 'not-a-port' }));
    for (const schema of [z.object({ password: z.string(), port: z.number() }), v.object({ password: v.string(), port: v.number() })]) {
      const error = (await cache.getSecretJson('db', { parse: schema }).catch((e: unknown) => e)) as SecretValidationException;
      expect(error).toBeInstanceOf(SecretValidationException);
      expect(error.reason).toBe('invalid');
      expect(error.paths).toEqual(['password', 'port']);
      expect(error.message).toBe("Secret 'db' failed validation at password, port.");
      expect(inspect(error)).not.toMatch(/12345678|not-a-port/);
      expect(await cache.getSecretJson('db', { parse: schema }).catch((e: unknown) => e)).toBe(error);
    }
  });

  it('text that is not JSON, or no text at all, is a SecretValidationException without the text', async () => {
    const { stub, cache } = setup();
    stub.add('plain', PASSWORD);
    stub.add('bytes', new Uint8Array([0xff, 0xfe]));
    stub.add('jsonBytes', new TextEncoder().encode('{"a":1}'));
    const error = (await cache.getSecretJson('plain').catch((e: unknown) => e)) as SecretValidationException;
    expect(error).toMatchObject({ name: 'SecretValidationException', reason: 'not-json', message: "Secret 'plain' is not valid JSON." });
    expect(inspect(error)).not.toContain('horse');
    await expect(cache.getSecretJson('bytes')).rejects.toMatchObject({ reason: 'no-string' });
    expect(await cache.getSecretJson('jsonBytes')).toEqual({ a: 1 });
  });

  it('with a CacheHook, parses at every read and stores only what the hook returns', async () => {
    const stored: unknown[] = [];
    let parses = 0;
    const { stub, cache } = setup({
      CacheHook: {
        put: (value) => {
          const sealed = { VersionId: value.VersionId, sealed: Buffer.from(value.SecretString!).toString('base64') };
          stored.push(sealed);
          return sealed;
        },
        get: (cached) => {
          const { VersionId, sealed } = cached as { VersionId: string; sealed: string };
          return new SecretValue({ VersionId, SecretString: Buffer.from(sealed, 'base64').toString() });
        },
      },
    });
    stub.add('db', json);
    const parse = (value: unknown) => {
      parses += 1;
      return value;
    };
    await cache.getSecretJson('db', { parse });
    await cache.getSecretJson('db', { parse });
    expect(parses).toBe(2);
    expect(await cache.getSecretString('db')).toBe(json);
    expect(stored).toHaveLength(1);
  });
});

// A compile-time check that the schema's output type came through.
function expectTypeOf(_: number): void {}

describe('prefetch', () => {
  it('loads 45 secrets in 3 calls of at most 20, then serves them without a call', async () => {
    const { stub, cache } = setup();
    const ids = Array.from({ length: 45 }, (_, i) => `app/secret-${i}`);
    for (const id of ids) stub.add(id, `value-${id}`);
    const result = await cache.prefetch(ids);
    expect(result).toEqual({ loaded: ids, errors: [] });
    expect(stub.calls.map((c) => c.id!.split(',').length)).toEqual([20, 20, 5]);
    for (const id of ids) expect(await cache.getSecretString(id)).toBe(`value-${id}`);
    expect(stub.count()).toBe(3);
  });

  it('reports the secrets it could not load, and a failed call as errors of its secrets, without throwing', async () => {
    const { stub, cache } = setup();
    const ids = Array.from({ length: 25 }, (_, i) => `s${i}`);
    for (const id of ids.slice(1)) stub.add(id, id);
    stub.fail = (op, id) => (op === 'BatchGetSecretValue' && id!.startsWith('s20') ? throttled() : undefined);
    const result = await cache.prefetch(ids);
    expect(result.loaded).toEqual(ids.slice(1, 20));
    expect(result.errors).toEqual([
      { secretId: 's0', errorCode: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." },
      ...ids.slice(20).map((secretId) => ({ secretId, errorCode: 'ThrottlingException', message: 'Rate exceeded' })),
    ]);
  });

  it('maps an entry to the ARN it was asked by', async () => {
    const { stub, cache } = setup();
    const secret = stub.add('db', PASSWORD);
    expect((await cache.prefetch([secret.arn])).loaded).toEqual([secret.arn]);
    expect(await cache.getSecretString(secret.arn)).toBe(PASSWORD);
    expect(stub.count()).toBe(1);
  });

  it('maps an entry to a partial ARN only when that ARN is the whole name, not the start of a longer one', async () => {
    const { stub, cache } = setup();
    const db = stub.add('prod/db', 'db-password');
    const readonly = stub.add('prod/db-readonly', 'readonly-password');
    const partial = db.arn.slice(0, -'-AbCdEf'.length);
    // prod/db-readonly's ARN begins with prod/db's partial ARN; the service answers both, readonly first.
    const result = await cache.prefetch(['prod/db-readonly', partial]);
    expect(result.loaded.sort()).toEqual([partial, 'prod/db-readonly'].sort());
    expect(await cache.getSecretString(partial)).toBe('db-password');
    expect(await cache.getSecretString('prod/db-readonly')).toBe('readonly-password');
    expect(readonly.arn.startsWith(partial)).toBe(true);
    expect(stub.count()).toBe(1);
  });

  it('fills every id a secret was asked by: its name and its ARN in one prefetch', async () => {
    const { stub, cache } = setup();
    const db = stub.add('db', PASSWORD);
    const result = await cache.prefetch(['db', db.arn]);
    expect(result.loaded.sort()).toEqual(['db', db.arn].sort());
    expect(await cache.getSecretString('db')).toBe(PASSWORD);
    expect(await cache.getSecretString(db.arn)).toBe(PASSWORD);
    expect(stub.count()).toBe(1);
  });

  it('rejects bad input and the caller’s abort', async () => {
    const { stub, cache } = setup();
    stub.add('db', PASSWORD);
    await expect(cache.prefetch(['db', ''])).rejects.toThrow(TypeError);
    await expect(cache.prefetch({} as never)).rejects.toThrow(/array of secret ids or \{ Filters/);
    stub.hold();
    const ac = new AbortController();
    const pending = cache.prefetch(['db'], ac.signal);
    await settle();
    ac.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('withRefreshOnAuthFailure', () => {
  const isAuthFailure = (error: unknown) => (error as Error).message === 'password authentication failed';

  /** Logs in to a database that takes only the password 'new'; `meanwhile` runs during the first attempt. */
  async function logIn(cache: SecretsManagerCache, meanwhile?: () => Promise<void>) {
    const seen: string[] = [];
    const result = await withRefreshOnAuthFailure(
      cache,
      'db',
      async (password) => {
        seen.push(password);
        if (seen.length === 1) await meanwhile?.();
        if (password !== 'new') throw new Error('password authentication failed');
        return 'connected';
      },
      { isAuthFailure },
    );
    return { result, seen };
  }

  it('refreshes once when the secret is rejected and runs again with the new version', async () => {
    const { stub, cache } = setup();
    stub.add('db', 'old');
    await cache.getSecretString('db');
    stub.put('db', 'new');
    const { result, seen } = await logIn(cache);
    expect(result).toBe('connected');
    expect(seen).toEqual(['old', 'new']);
  });

  it('throws the error of use when no newer version exists, or when the error is not an auth failure', async () => {
    const { stub, cache } = setup();
    stub.add('db', 'wrong');
    let runs = 0;
    const use = async () => {
      runs += 1;
      throw new Error('password authentication failed');
    };
    await expect(withRefreshOnAuthFailure(cache, 'db', use, { isAuthFailure })).rejects.toThrow('password authentication failed');
    expect(runs).toBe(1);
    await expect(withRefreshOnAuthFailure(cache, 'db', async () => Promise.reject(new Error('connection refused')), { isAuthFailure })).rejects.toThrow('connection refused');
  });

  it('runs again with the new version when the item was evicted while use ran', async () => {
    const { stub, cache } = setup({ MaxCacheSize: 2 });
    stub.add('db', 'old');
    stub.add('a', 'a');
    stub.add('b', 'b');
    // The app reads two other secrets meanwhile (db is evicted), and db is rotated.
    const { result, seen } = await logIn(cache, async () => {
      await cache.getSecretString('a');
      await cache.getSecretString('b');
      stub.put('db', 'new');
    });
    expect(result).toBe('connected');
    expect(seen).toEqual(['old', 'new']);
  });

  it('compares the version of the value use was given, not the one a background check brought in since', async () => {
    const { stub, time, cache } = setup();
    stub.add('db', 'old');
    await cache.getSecretString('db');
    stub.put('db', 'new');
    // Past the refresh point: the read below serves 'old' and starts a check that brings 'new' before use fails.
    time.now += 0.96 * HOUR;
    const { result, seen } = await logIn(cache, settle);
    expect(result).toBe('connected');
    expect(seen).toEqual(['old', 'new']);
  });

  it('passes the parsed JSON with parse', async () => {
    const { stub, cache } = setup();
    stub.add('db', '{"password":"p1"}');
    const password = await withRefreshOnAuthFailure(cache, 'db', (secret: { password: string }) => secret.password, { isAuthFailure, parse: z.object({ password: z.string() }) });
    expect(password).toBe('p1');
  });
});

describe('destroy', () => {
  it('ends the waits under way and every later call with ObjectDisposedException, even if the client ignores the signal', async () => {
    const { time, Clock, Random } = manualTime();
    void time;
    const never = { getSecretValueAsync: () => new Promise<never>(() => {}) };
    const cache = new SecretsManagerCache(never as never, { Clock, Random });
    const waiting = cache.getSecretString('db');
    await settle();
    cache.destroy();
    await expect(waiting).rejects.toBeInstanceOf(ObjectDisposedException);
    await expect(cache.getSecretString('db')).rejects.toThrow('The SecretsManagerCache was destroyed: create a new one.');
    expect(() => cache.getCachedSecret('db')).toThrow(ObjectDisposedException);
    await expect(cache.prefetch(['db'])).rejects.toBeInstanceOf(ObjectDisposedException);
    expect(cache.size).toBe(0);
  });

  it('drops every value: an item a caller kept from getCachedSecret serves nothing after it', async () => {
    const { stub, cache } = setup();
    stub.add('db', PASSWORD);
    const item = cache.getCachedSecret('db');
    expect((await item.getSecretValue()).SecretString).toBe(PASSWORD);
    cache.destroy();
    await expect(item.getSecretValue()).rejects.toBeInstanceOf(ObjectDisposedException);
    expect([item.versionId, item.expiration]).toEqual([undefined, undefined]);
    expect(stub.count()).toBe(1);
  });

  it('aborts the requests under way through their signals', async () => {
    const { stub, cache } = setup();
    stub.add('db', PASSWORD);
    stub.hold();
    const waiting = cache.getSecretString('db');
    await settle();
    cache[Symbol.dispose]();
    await expect(waiting).rejects.toBeInstanceOf(ObjectDisposedException);
  });
});
