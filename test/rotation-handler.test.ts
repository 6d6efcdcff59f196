// Rotation functions written with createRotationHandler, run through whole rotations against moto_server
// (signatures checked): a driver plays Secrets Manager's part (test/helpers/rotationDriver.ts) and the
// labels are read back from the emulator after every step. What AWS's templates do is the reference
// (aws-samples/aws-secrets-manager-rotation-lambdas, SecretsManagerRotationTemplate/lambda_function.py).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GetRandomPasswordResponse, PutSecretValueResponse, SecretsManagerClient, DescribeSecretResponse, GetSecretValueResponse, ResourceNotFoundException, UpdateSecretVersionStageResponse } from '../src/index.node.js';
import {
  createRotationHandler,
  isRotationException,
  RotationHandlerException,
  type DatabaseSecret,
  type RotationHandlerClient,
  type RotationStep,
} from '../src/rotation/index.js';
import { useMoto } from './helpers/moto.js';
import { beginRotation, FakeDatabase, labels, rotationEvent, runSteps } from './helpers/rotationDriver.js';

const moto = useMoto();
const client = () => new SecretsManagerClient({ region: moto().region, serviceURL: moto().endpoint, credentials: moto().credentials });

const dbSecret = (password: string): DatabaseSecret => ({ engine: 'postgres', host: 'db.internal', port: 5432, username: 'app', password, dbname: 'orders', note: 'kept' });

/** A handler whose setSecret and testSecret talk to an in-memory database, and a log to read. */
function rotator(db: FakeDatabase, extra: Partial<Parameters<typeof createRotationHandler<DatabaseSecret>>[0]> = {}) {
  const log: string[] = [];
  const handler = createRotationHandler<DatabaseSecret>({
    client: client(),
    async setSecret({ pending, current, previous }) {
      if (db.login(pending.username, pending.password)) return;
      if (!db.login(current.username, current.password) && !(previous && db.login(previous.username, previous.password))) throw new Error('cannot log in');
      db.passwords.set(pending.username, pending.password);
    },
    async testSecret({ pending }) {
      if (!db.login(pending.username, pending.password)) throw new Error(`login failed for ${pending.username} with ${pending.password}`);
    },
    logger: { info: (line) => log.push(line) },
    ...extra,
  });
  return { handler, log };
}

async function currentValue(secretId: string): Promise<DatabaseSecret> {
  // moto answers GetSecretValue without a stage with its own "default" version, which a label move does
  // not update (test-peers: moto 5.2.1); the service answers AWSCURRENT. Hence the explicit stage.
  const res = await client().getSecretValueAsync({ SecretId: secretId, VersionStage: 'AWSCURRENT' });
  return JSON.parse(res.SecretString!) as DatabaseSecret;
}

describe('createRotationHandler through a whole rotation against moto_server', () => {
  it('creates, sets, tests and finishes; labels after each step are the service\'s; every step can run again without harm', async () => {
    const db = new FakeDatabase();
    db.passwords.set('app', 'first-password');
    const secret = await moto().createSecret(undefined, JSON.stringify(dbSecret('first-password')));
    const token = await beginRotation(client(), secret.Name);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    const { handler, log } = rotator(db);
    const step = (name: RotationStep) => handler(rotationEvent(name, secret.ARN, token));

    await step('createSecret');
    const pendingRes = await client().getSecretValueAsync({ SecretId: secret.Name, VersionId: token, VersionStage: 'AWSPENDING' });
    const pending = JSON.parse(pendingRes.SecretString!) as DatabaseSecret;
    expect({ ...pending, password: 'x' }).toEqual({ ...dbSecret('x') });
    expect(pending.password).not.toBe('first-password');
    expect(pending.password).toMatch(/^[^/@"'\\]{32}$/);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    await step('createSecret');
    const again = await client().getSecretValueAsync({ SecretId: secret.Name, VersionId: token, VersionStage: 'AWSPENDING' });
    expect(again.SecretString).toBe(pendingRes.SecretString);

    await step('setSecret');
    expect(db.passwords.get('app')).toBe(pending.password);
    await step('setSecret');
    expect(db.passwords.get('app')).toBe(pending.password);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });

    await step('testSecret');
    await step('testSecret');
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });

    await step('finishSecret');
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });
    expect((await currentValue(secret.Name)).password).toBe(pending.password);

    // A retried rotation after the end: every step finds the version current and does nothing.
    const loginsBefore = db.logins;
    for (const name of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) await step(name);
    expect(db.logins).toBe(loginsBefore);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });

    // One line per step with its duration and outcome, and never a password.
    expect(log).toHaveLength(11);
    expect(log[0]).toMatch(new RegExp(`^rotation createSecret of ${secret.ARN}: stored the new value as version ${token} \\(AWSPENDING\\) in \\d+ ms$`));
    expect(log[6]).toMatch(/^rotation finishSecret of .*: moved AWSCURRENT from version .* to .* and removed AWSPENDING in \d+ ms$/);
    expect(log[7]).toMatch(/nothing to do, version .* is already AWSCURRENT in \d+ ms$/);
    for (const line of log) for (const password of ['first-password', pending.password]) expect(line).not.toContain(password);
  });

  it('rotates a second time from the first rotation\'s result (AWSPREVIOUS moves on)', async () => {
    const db = new FakeDatabase();
    db.passwords.set('app', 'p0-password');
    const secret = await moto().createSecret(undefined, JSON.stringify(dbSecret('p0-password')));
    const { handler } = rotator(db);
    const first = await beginRotation(client(), secret.Name);
    await runSteps(handler, secret.ARN, first);
    const second = await beginRotation(client(), secret.Name);
    await runSteps(handler, secret.ARN, second);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: [], [first]: ['AWSPREVIOUS'], [second]: ['AWSCURRENT'] });
    expect(db.passwords.get('app')).toBe((await currentValue(secret.Name)).password);
  });

  it('takes a createSecret and password options of the user\'s', async () => {
    const secret = await moto().createSecret(undefined, JSON.stringify(dbSecret('old-password')));
    const db = new FakeDatabase();
    db.passwords.set('app', 'old-password');
    const { handler } = rotator(db, {
      passwordOptions: { PasswordLength: 20, ExcludePunctuation: true },
      async createSecret({ current, randomPassword }) {
        return { ...current, password: await randomPassword(), rotatedBy: 'custom' };
      },
    });
    const token = await beginRotation(client(), secret.Name);
    await runSteps(handler, secret.ARN, token);
    const value = await currentValue(secret.Name);
    expect(value.rotatedBy).toBe('custom');
    expect(value.password).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('finishes a finishSecret that moved AWSCURRENT but stopped before removing AWSPENDING', async () => {
    const secret = await moto().createSecret(undefined, JSON.stringify(dbSecret('old-password')));
    const db = new FakeDatabase();
    db.passwords.set('app', 'old-password');
    const { handler } = rotator(db);
    const token = await beginRotation(client(), secret.Name);
    await runSteps(handler, secret.ARN, token, ['createSecret', 'setSecret', 'testSecret']);
    await client().updateSecretVersionStageAsync({ SecretId: secret.Name, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: secret.VersionId });
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT', 'AWSPENDING'] });
    await handler(rotationEvent('finishSecret', secret.ARN, token));
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });
  });
});

describe('createRotationHandler and an AWSPREVIOUS it cannot read', () => {
  // AWS's PostgreSQL single-user template goes on without it: set_secret reads AWSPREVIOUS inside
  // `except (ResourceNotFoundException, KeyError): previous_dict = None`.
  it('a binary AWSPREVIOUS, or one the user\'s parse rejects, gives setSecret previous undefined, logged without the value', async () => {
    for (const variant of ['binary', 'rejected by parse'] as const) {
      const name = `previous-${variant.replace(/ /g, '-')}-${Date.now()}`;
      if (variant === 'binary') await client().createSecretAsync({ Name: name, SecretBinary: new TextEncoder().encode('legacy-binary-value') });
      else await client().createSecretAsync({ Name: name, SecretString: JSON.stringify({ username: 'app', password: 'legacy-password' }) }); // no "engine"
      await client().putSecretValueAsync({ SecretId: name, SecretString: JSON.stringify(dbSecret('old-password')) });
      const { ARN } = await client().describeSecretAsync({ SecretId: name });
      const token = await beginRotation(client(), name);
      const db = new FakeDatabase();
      db.passwords.set('app', 'old-password');
      const seen: unknown[] = [];
      const { handler, log } = rotator(db, {
        parse: (text) => {
          const parsed = JSON.parse(text) as DatabaseSecret;
          if (!parsed.engine) throw new Error('engine key is missing from secret JSON');
          return parsed;
        },
        async setSecret({ pending, previous }) {
          seen.push(previous);
          db.passwords.set(pending.username, pending.password);
        },
      });
      await runSteps(handler, ARN!, token);
      expect({ variant, seen }).toEqual({ variant, seen: [undefined] });
      expect(await labels(client(), name)).toMatchObject({ [token]: ['AWSCURRENT'] });
      const line = log.find((entry) => entry.includes('AWSPREVIOUS'));
      expect(line).toMatch(/^rotation setSecret of .*: the AWSPREVIOUS value could not be read \(.*\); setSecret gets no previous value$/);
      expect(log.join('\n')).not.toMatch(/legacy-binary-value|legacy-password/);
    }
  });
});

describe('createRotationHandler refuses what AWS\'s templates refuse', () => {
  it('a secret with rotation off, a token that is no version, a version not pending, an event that is not one', async () => {
    const secret = await moto().createSecret(undefined, JSON.stringify(dbSecret('pw-123456')));
    const { handler } = rotator(new FakeDatabase());
    const refused = async (event: unknown) => {
      const error = await handler(event as never).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(RotationHandlerException);
      expect(isRotationException(error)).toBe(true);
      return error as RotationHandlerException;
    };
    // Rotation was never turned on for this secret (RotationEnabled false).
    expect((await refused(rotationEvent('createSecret', secret.ARN, secret.VersionId))).code).toBe('RotationDisabled');
    const token = await beginRotation(client(), secret.Name);
    const unknown = await refused(rotationEvent('setSecret', secret.ARN, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'));
    expect(unknown).toMatchObject({ code: 'UnknownVersion', step: 'setSecret', name: 'RotationHandlerException' });
    await runSteps(rotator(new FakeDatabase(), {}).handler, secret.ARN, token, ['createSecret']);
    // The first version is AWSCURRENT, so run for it every step is a no-op; make it AWSPREVIOUS-only first.
    await client().updateSecretVersionStageAsync({ SecretId: secret.Name, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: secret.VersionId });
    expect((await refused(rotationEvent('testSecret', secret.ARN, secret.VersionId))).code).toBe('NotPending');
    for (const event of [null, {}, { Step: 'rotate', SecretId: secret.ARN, ClientRequestToken: token }, { Step: 'createSecret', SecretId: '', ClientRequestToken: token }]) {
      expect((await refused(event)).code).toBe('InvalidEvent');
    }
  });

  it('a current value that is not JSON: the error and the log say so without quoting it', async () => {
    const secret = await moto().createSecret(undefined, 'plain-hunter2-value');
    const token = await beginRotation(client(), secret.Name);
    const { handler, log } = rotator(new FakeDatabase());
    const error = await handler(rotationEvent('createSecret', secret.ARN, token)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'RotationHandlerException', code: 'InvalidSecretValue' });
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as Error).cause).toBeUndefined();
    expect(log.join('\n')).toMatch(/failed in \d+ ms: RotationHandlerException: The secret value is not JSON/);
    expect(log.join('\n')).not.toContain('hunter2');
  });

  it('a failing step is logged with its duration and rethrown as a RotationHandlerException, every secret value masked in message, stack and inspect output, encoded forms included', async () => {
    const secret = await moto().createSecret(undefined, JSON.stringify(dbSecret('old-password')));
    const token = await beginRotation(client(), secret.Name);
    // Punctuation GetRandomPassword may use, which percent-encoding and JSON escaping change.
    const password = 'p%w#{x}^`y|z"q\\r<s>?t';
    const { handler, log } = rotator(new FakeDatabase(), {
      createSecret: async ({ current }) => ({ ...current, password }),
      async setSecret({ pending }) {
        // As drivers fail: the connection URL in the message, the config as a property.
        const error = Object.assign(new Error(`connect ECONNREFUSED postgres://${pending.username}:${encodeURIComponent(pending.password)}@${pending.host}:5432/orders (config ${JSON.stringify({ password: pending.password })}; raw ${pending.password})`), { code: 'ECONNREFUSED', config: { password: pending.password } });
        throw error;
      },
    });
    await handler(rotationEvent('createSecret', secret.ARN, token));
    const error = await handler(rotationEvent('setSecret', secret.ARN, token)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RotationHandlerException);
    expect(error).toMatchObject({ name: 'RotationHandlerException', code: 'StepFailed', step: 'setSecret', originalName: 'Error', originalCode: 'ECONNREFUSED' });
    expect((error as Error).message).toBe('setSecret failed: Error: connect ECONNREFUSED postgres://app:***@db.internal:5432/orders (config {"password":"***"}; raw ***)');
    expect((error as Error).cause).toBeUndefined();
    // What the Lambda runtime logs of a rejected handler ("Invoke Error": name, message, stack), and more.
    const shown = [(error as Error).message, (error as Error).stack!, inspect(error, { depth: 5 }), JSON.stringify(error), log.join('\n')];
    for (const form of [password, encodeURIComponent(password), JSON.stringify(password).slice(1, -1)]) {
      for (const text of shown) expect(text).not.toContain(form);
    }
    // The stack still says where it failed.
    expect((error as Error).stack).toMatch(/^RotationHandlerException: setSecret failed: Error: connect ECONNREFUSED[^\n]*\n {4}at .*rotation-handler\.test\.ts/);
    expect(log.at(-1)).toBe(`rotation setSecret of ${secret.ARN}: failed in ${/failed in (\d+) ms/.exec(log.at(-1)!)![1]} ms: Error: connect ECONNREFUSED postgres://app:***@db.internal:5432/orders (config {"password":"***"}; raw ***)`);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
  });

  it('errors of the service and of the handler itself that quote no value are rethrown as they were', async () => {
    const secret = await moto().createSecret(undefined, JSON.stringify(dbSecret('old-password')));
    const token = await beginRotation(client(), secret.Name);
    const { handler } = rotator(new FakeDatabase(), {
      async setSecret({ client: rotationClient }) {
        await rotationClient.getSecretValueAsync({ SecretId: 'no-such-secret' });
      },
    });
    await handler(rotationEvent('createSecret', secret.ARN, token));
    const error = await handler(rotationEvent('setSecret', secret.ARN, token)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('createRotationHandler with a stub client', () => {
  it('passes the event\'s RotationToken to PutSecretValue (needed for cross-account rotation) and excludes /@"\'\\ by default', async () => {
    const calls: { operation: string; request: Record<string, unknown> }[] = [];
    const token = '11111111-2222-4333-8444-555555555555';
    const stub: RotationHandlerClient = {
      describeSecretAsync: async () => new DescribeSecretResponse({ ARN: 'arn:s', RotationEnabled: true, VersionIdsToStages: { v1v1v1v1v1v1v1v1v1v1v1v1v1v1v1v1v1: ['AWSCURRENT'], [token]: ['AWSPENDING'] } }),
      getSecretValueAsync: async (request) => {
        if (request.VersionStage === 'AWSCURRENT') return new GetSecretValueResponse({ SecretString: JSON.stringify(dbSecret('old-password')) });
        throw new ResourceNotFoundException('no value', { errorCode: 'ResourceNotFoundException', errorType: 'Sender', statusCode: 400, requestId: 'r' } as never);
      },
      getRandomPasswordAsync: async (request) => (calls.push({ operation: 'GetRandomPassword', request: { ...request } }), new GetRandomPasswordResponse({ RandomPassword: 'new-password-123' })),
      putSecretValueAsync: async (request) => (calls.push({ operation: 'PutSecretValue', request: { ...request } }), new PutSecretValueResponse({})),
      updateSecretVersionStageAsync: async () => new UpdateSecretVersionStageResponse({}),
    };
    const handler = createRotationHandler({ client: stub, setSecret: async () => {}, testSecret: async () => {}, logger: { info: () => {} } });
    await handler(rotationEvent('createSecret', 'arn:s', token, 'rotation-token-0123456789-0123456789-abcdef'));
    expect(calls).toEqual([
      { operation: 'GetRandomPassword', request: { ExcludeCharacters: '/@"\'\\' } },
      {
        operation: 'PutSecretValue',
        request: { SecretId: 'arn:s', ClientRequestToken: token, SecretString: JSON.stringify(dbSecret('new-password-123')), VersionStages: ['AWSPENDING'], RotationToken: 'rotation-token-0123456789-0123456789-abcdef' },
      },
    ]);
  });

  it('refuses to be made without a client, setSecret or testSecret', () => {
    expect(() => createRotationHandler({ client: undefined as never, setSecret: async () => {}, testSecret: async () => {} })).toThrow(/needs a client/);
    expect(() => createRotationHandler({ client: client(), setSecret: undefined as never, testSecret: async () => {} })).toThrow(/needs setSecret/);
  });
});
