// The embedded emulator's own features, through this SDK's client (httpHandler): rotation run as the
// service runs it, signature checking, seeding and inspecting, an injected clock, and requests that
// only other clients send (checked on the raw wire).
import { describe, expect, it } from 'vitest';
import { AmazonServiceException, SecretsManagerClient } from '../src/index.node.js';
import { SecretsManagerEmulator, type RotationEvent } from '../src/emulator/index.js';
import { serviceFailure } from './helpers/outcomes.js';

const CREDENTIALS = { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'emulator-test-secret-key' };

function setup(options: ConstructorParameters<typeof SecretsManagerEmulator>[0] = {}) {
  const emulator = new SecretsManagerEmulator(options);
  const client = new SecretsManagerClient({ region: 'us-east-1', credentials: emulator.credentials, httpHandler: emulator, maxErrorRetry: 0 });
  return { emulator, client };
}

const failure = serviceFailure;

/**
 * A rotation function doing what AWS's single-user template does
 * (aws-samples/aws-secrets-manager-rotation-lambdas, SecretsManagerRotationTemplate/lambda_function.py):
 * createSecret reads AWSPENDING and, when it is missing, puts a new value with the token as
 * AWSPENDING; finishSecret moves AWSCURRENT to the token's version.
 */
function templateRotation(client: SecretsManagerClient, log: RotationEvent[], failAt?: RotationEvent['Step']) {
  return async (event: RotationEvent) => {
    log.push(event);
    if (event.Step === failAt) throw new Error(`${failAt} failed: the database refused the new password`);
    const { SecretId, ClientRequestToken: token } = event;
    if (event.Step === 'createSecret') {
      await client.getSecretValueAsync({ SecretId, VersionStage: 'AWSCURRENT' });
      try {
        await client.getSecretValueAsync({ SecretId, VersionId: token, VersionStage: 'AWSPENDING' });
      } catch (error) {
        if (!(error instanceof AmazonServiceException) || error.name !== 'ResourceNotFoundException') throw error;
        const password = (await client.getRandomPasswordAsync({ ExcludeCharacters: '/@"\'\\' })).RandomPassword!;
        await client.putSecretValueAsync({ SecretId, ClientRequestToken: token, SecretString: JSON.stringify({ password }), VersionStages: ['AWSPENDING'] });
      }
    } else if (event.Step === 'finishSecret') {
      const described = await client.describeSecretAsync({ SecretId });
      const current = Object.entries(described.VersionIdsToStages!).find(([, stages]) => stages.includes('AWSCURRENT'))![0];
      if (current === token) return;
      await client.updateSecretVersionStageAsync({ SecretId, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: current });
    }
  };
}

describe('rotation', () => {
  it('RotateSecret answers first, with the pending version labelled AWSPENDING and no value; then the function runs its four steps', async () => {
    const { emulator, client } = setup();
    const log: RotationEvent[] = [];
    const arn = emulator.registerRotationFunction('rotate-db', templateRotation(client, log));
    const { ARN, VersionId: first } = emulator.seed({ Name: 'prod/db', SecretString: '{"password":"old"}' });
    const rotated = await client.rotateSecretAsync({ SecretId: 'prod/db', RotationLambdaARN: arn, RotationRules: { AutomaticallyAfterDays: 30 } });
    // The function has not run yet: the service invokes it after answering.
    expect(log).toEqual([]);
    const pending = emulator.inspect('prod/db')!.Versions.find((v) => v.VersionId === rotated.VersionId)!;
    expect(pending.VersionStages).toEqual(['AWSPENDING']);
    expect(pending.SecretString).toBeUndefined();
    const records = await emulator.waitForRotations();
    expect(records[0]).toMatchObject({ status: 'succeeded', completed: ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] });
    expect(log.map((e) => e.Step)).toEqual(['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
    expect(log.every((e) => e.SecretId === ARN && e.ClientRequestToken === rotated.VersionId)).toBe(true);
    const described = await client.describeSecretAsync({ SecretId: 'prod/db' });
    expect(described.VersionIdsToStages).toEqual({ [first!]: ['AWSPREVIOUS'], [rotated.VersionId!]: ['AWSPENDING', 'AWSCURRENT'] });
    expect(described).toMatchObject({ RotationEnabled: true, RotationLambdaARN: arn, RotationRules: { AutomaticallyAfterDays: 30 } });
    expect(described.LastRotatedDate).toBeInstanceOf(Date);
    expect(JSON.parse((await client.getSecretValueAsync({ SecretId: 'prod/db' })).SecretString!).password).toHaveLength(32);
    // AWSPENDING and AWSCURRENT on one version is a finished rotation: the next one may start.
    await client.rotateSecretAsync({ SecretId: 'prod/db' });
    expect((await emulator.waitForRotations())[1]!.status).toBe('succeeded');
  });

  it('a function that fails at setSecret leaves AWSPENDING on the new version and AWSCURRENT where it was, and the next RotateSecret is refused', async () => {
    const { emulator, client } = setup();
    const log: RotationEvent[] = [];
    const arn = emulator.registerRotationFunction('rotate-db', templateRotation(client, log, 'setSecret'));
    const { VersionId: first } = emulator.seed({ Name: 'stuck', SecretString: 'old' });
    const rotated = await client.rotateSecretAsync({ SecretId: 'stuck', RotationLambdaARN: arn });
    const [record] = await emulator.waitForRotations();
    expect(record).toMatchObject({ status: 'failed', failedStep: 'setSecret', completed: ['createSecret'] });
    expect(String(record!.error)).toContain('the database refused');
    expect((await client.describeSecretAsync({ SecretId: 'stuck' })).VersionIdsToStages).toEqual({ [first!]: ['AWSCURRENT'], [rotated.VersionId!]: ['AWSPENDING'] });
    expect((await client.getSecretValueAsync({ SecretId: 'stuck' })).SecretString).toBe('old');
    const again = await failure(client.rotateSecretAsync({ SecretId: 'stuck' }));
    expect(again.name).toBe('InvalidRequestException');
    expect(again.message).toContain('previous rotation');
    // Repair as the troubleshooting guide says: take AWSPENDING off the half-made version.
    await client.updateSecretVersionStageAsync({ SecretId: 'stuck', VersionStage: 'AWSPENDING', RemoveFromVersionId: rotated.VersionId! });
    emulator.registerRotationFunction(arn, templateRotation(client, log));
    await client.rotateSecretAsync({ SecretId: 'stuck' });
    expect((await emulator.waitForRotations())[1]!.status).toBe('succeeded');
  });

  it('RotateImmediately false stores the schedule and runs only testSecret, on an AWSPENDING version that is removed afterwards', async () => {
    const { emulator, client } = setup({ now: () => Date.UTC(2026, 0, 10, 15, 0, 0) });
    const seen: { event: RotationEvent; stages: Record<string, string[]>; value?: string }[] = [];
    // RotateSecretRequest.RotateImmediately: "If you set RotateImmediately to false, Secrets Manager
    // tests the rotation configuration by running the testSecret step of the Lambda rotation function.
    // This test creates an AWSPENDING version of the secret and then removes it."
    // The function checks what every AWS rotation template checks on entry
    // (aws-samples/aws-secrets-manager-rotation-lambdas): the token is a version labelled AWSPENDING.
    const arn = emulator.registerRotationFunction('rotate-db', async (event) => {
      const stages = (await client.describeSecretAsync({ SecretId: event.SecretId })).VersionIdsToStages!;
      const pending = await client.getSecretValueAsync({ SecretId: event.SecretId, VersionId: event.ClientRequestToken, VersionStage: 'AWSPENDING' });
      seen.push({ event, stages, value: pending.SecretString! });
    });
    const { VersionId: first } = emulator.seed({ Name: 's', SecretString: 'v' });
    const answer = await client.rotateSecretAsync({ SecretId: 's', RotationLambdaARN: arn, RotationRules: { ScheduleExpression: 'rate(10 days)' }, RotateImmediately: false });
    expect(answer.VersionId).toBeUndefined();
    const [record] = await emulator.waitForRotations();
    expect(record).toMatchObject({ status: 'succeeded', steps: ['testSecret'], completed: ['testSecret'] });
    expect(seen.map((s) => s.event.Step)).toEqual(['testSecret']);
    const token = seen[0]!.event.ClientRequestToken;
    expect(seen[0]!.stages).toEqual({ [first!]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    // No createSecret step runs: the version under test holds the value in use.
    expect(seen[0]!.value).toBe('v');
    const described = await client.describeSecretAsync({ SecretId: 's' });
    // A rate in days is also reported as AutomaticallyAfterDays, and the window opens at midnight UTC.
    expect(described.RotationRules).toEqual({ ScheduleExpression: 'rate(10 days)', AutomaticallyAfterDays: 10 });
    expect(described.NextRotationDate).toEqual(new Date(Date.UTC(2026, 0, 20)));
    expect(described.VersionIdsToStages).toEqual({ [first!]: ['AWSCURRENT'] });
    expect(emulator.inspect('s')!.Versions.map((v) => v.VersionId)).toEqual([first]);
    expect(described.LastRotatedDate).toBeUndefined();
  });

  it('RotateImmediately false whose testSecret fails: the test version is removed all the same, and the next RotateSecret is not refused', async () => {
    const { emulator, client } = setup();
    const arn = emulator.registerRotationFunction('rotate-db', async () => {
      throw new Error('cannot reach the database');
    });
    const { VersionId: first } = emulator.seed({ Name: 's', SecretString: 'v' });
    await client.rotateSecretAsync({ SecretId: 's', RotationLambdaARN: arn, RotateImmediately: false });
    const [record] = await emulator.waitForRotations();
    expect(record).toMatchObject({ status: 'failed', failedStep: 'testSecret', completed: [] });
    expect((await client.describeSecretAsync({ SecretId: 's' })).VersionIdsToStages).toEqual({ [first!]: ['AWSCURRENT'] });
    await client.rotateSecretAsync({ SecretId: 's', RotateImmediately: false });
    expect((await emulator.waitForRotations())[1]!.status).toBe('failed');
  });

  it('NextRotationDate counts from when RotateSecret set the schedule, not from the reading, and a new value by PutSecretValue or UpdateSecret restarts it', async () => {
    // DescribeSecretResponse.NextRotationDate: "The next rotation is scheduled to occur on or before this
    // date." RotationRulesType.AutomaticallyAfterDays: "Secrets Manager calculates the next rotation
    // date based on the previous rotation. Manually updating the secret value by calling PutSecretValue
    // or UpdateSecret is considered a valid rotation."
    const DAY = 86_400_000;
    const start = Date.UTC(2025, 0, 1, 12);
    let now = start;
    const { emulator, client } = setup({ now: () => now });
    const arn = emulator.registerRotationFunction('rotate-db', async (event) => {
      if (event.Step !== 'testSecret') throw new Error('the database refused the new password');
    });
    emulator.seed({ Name: 'scheduled', SecretString: 'v' });
    emulator.seed({ Name: 'failing', SecretString: 'v' });
    await client.rotateSecretAsync({ SecretId: 'scheduled', RotationLambdaARN: arn, RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false });
    await client.rotateSecretAsync({ SecretId: 'failing', RotationLambdaARN: arn, RotationRules: { AutomaticallyAfterDays: 30 } });
    await emulator.waitForRotations();
    const next = async (SecretId: string) => (await client.describeSecretAsync({ SecretId })).NextRotationDate;
    for (const day of [0, 10, 29]) {
      now = start + day * DAY;
      expect(await next('scheduled')).toEqual(new Date(Date.UTC(2025, 0, 31)));
      expect(await next('failing')).toEqual(new Date(Date.UTC(2025, 0, 31)));
    }
    now = start + 45 * DAY;
    expect(await next('scheduled')).toEqual(new Date(Date.UTC(2025, 0, 31)));
    await client.putSecretValueAsync({ SecretId: 'scheduled', SecretString: 'changed by hand' });
    expect(await next('scheduled')).toEqual(new Date(Date.UTC(2025, 2, 17)));
    now = start + 50 * DAY;
    await client.updateSecretAsync({ SecretId: 'failing', SecretString: 'changed by hand' });
    expect(await next('failing')).toEqual(new Date(Date.UTC(2025, 2, 22)));
    // A value stored beside AWSCURRENT is no rotation.
    now = start + 60 * DAY;
    await client.putSecretValueAsync({ SecretId: 'failing', SecretString: 'staged', VersionStages: ['STAGED'] });
    expect(await next('failing')).toEqual(new Date(Date.UTC(2025, 2, 22)));
  });

  it('after CancelRotateSecret, DescribeSecret answers no LastRotatedDate and no NextRotationDate', async () => {
    const { emulator, client } = setup();
    const arn = emulator.registerRotationFunction('rotate-db', templateRotation(client, []));
    emulator.seed({ Name: 's', SecretString: 'v' });
    await client.rotateSecretAsync({ SecretId: 's', RotationLambdaARN: arn, RotationRules: { AutomaticallyAfterDays: 30 } });
    expect((await emulator.waitForRotations())[0]!.status).toBe('succeeded');
    expect((await client.describeSecretAsync({ SecretId: 's' })).LastRotatedDate).toBeInstanceOf(Date);
    await client.cancelRotateSecretAsync({ SecretId: 's' });
    const described = await client.describeSecretAsync({ SecretId: 's' });
    expect(described.RotationEnabled).toBe(false);
    // DescribeSecretResponse.LastRotatedDate: "If the secret isn't configured for rotation or rotation
    // has been disabled, Secrets Manager returns null."
    expect(described.LastRotatedDate).toBeUndefined();
    expect(described.NextRotationDate).toBeUndefined();
  });

  it('a Lambda ARN with no function registered is refused, as the service refuses one it cannot invoke', async () => {
    const { emulator, client } = setup();
    emulator.seed({ Name: 's', SecretString: 'v' });
    const error = await failure(client.rotateSecretAsync({ SecretId: 's', RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:missing' }));
    expect(error.errorCode).toBe('AccessDeniedException');
    expect(emulator.inspect('s')!.Versions).toHaveLength(1);
  });
});

describe('signatures', () => {
  it('accepts the client signed with the given credentials, refuses a wrong secret key and an unknown key', async () => {
    const emulator = new SecretsManagerEmulator({ credentials: CREDENTIALS });
    const good = new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: emulator });
    await good.getRandomPasswordAsync({});
    const wrongSecret = new SecretsManagerClient({ region: 'us-east-1', credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' }, httpHandler: emulator, maxErrorRetry: 0 });
    const bad = await failure(wrongSecret.getRandomPasswordAsync({}));
    expect(bad.errorCode).toBe('InvalidSignatureException');
    expect(bad.message).not.toContain('wrong');
    const unknown = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }, httpHandler: emulator, maxErrorRetry: 0 });
    expect((await failure(unknown.getRandomPasswordAsync({}))).errorCode).toBe('UnrecognizedClientException');
  });

  it('refuses a request whose body was changed after signing', async () => {
    const emulator = new SecretsManagerEmulator({ credentials: CREDENTIALS });
    emulator.seed({ Name: 'a', SecretString: 'A' });
    emulator.seed({ Name: 'b', SecretString: 'B' });
    const tampering = { handle: (request: Parameters<SecretsManagerEmulator['handle']>[0]) => emulator.handle({ ...request, body: String(request.body).replace('"a"', '"b"') }) };
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: tampering, maxErrorRetry: 0 });
    expect((await failure(client.getSecretValueAsync({ SecretId: 'a' }))).errorCode).toBe('InvalidSignatureException');
  });

  it('a clock 20 minutes off is refused with "Signature expired", and the client corrects its skew from the Date header', async () => {
    const emulator = new SecretsManagerEmulator({ credentials: CREDENTIALS });
    const slow = () => new Date(Date.now() - 20 * 60_000);
    const raw = await emulator.respond(await signedRequest(slow()));
    expect(raw.statusCode).toBe(400);
    expect(JSON.parse(raw.body)).toMatchObject({ __type: 'InvalidSignatureException', message: expect.stringContaining('Signature expired') });
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: emulator, clock: slow });
    await expect(client.getRandomPasswordAsync({})).resolves.toBeDefined();
  });
});

/** A GetRandomPassword request signed by the client at `date`, captured before it is sent. */
async function signedRequest(date: Date) {
  let captured: Parameters<SecretsManagerEmulator['handle']>[0] | undefined;
  const capture = {
    handle: async (request: Parameters<SecretsManagerEmulator['handle']>[0]) => {
      captured = request;
      return { response: { statusCode: 200, headers: {}, body: '{}' } };
    },
  };
  await new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: capture, clock: () => date }).getRandomPasswordAsync({});
  return captured!;
}

describe('seeding, inspecting and time', () => {
  it('seed puts a secret as CreateSecret would; inspect shows every version with its value', async () => {
    const { emulator, client } = setup();
    const seeded = emulator.seed({ Name: 'app/key', SecretBinary: new Uint8Array([1, 2, 3]), Tags: [{ Key: 'env', Value: 'test' }] });
    expect([...(await client.getSecretValueAsync({ SecretId: seeded.ARN })).SecretBinary!]).toEqual([1, 2, 3]);
    await client.putSecretValueAsync({ SecretId: 'app/key', SecretString: 'now text' });
    const state = emulator.inspect('app/key')!;
    expect(state.Tags).toEqual([{ Key: 'env', Value: 'test' }]);
    expect(state.Versions.map((v) => v.VersionStages)).toEqual([['AWSPREVIOUS'], ['AWSCURRENT']]);
    expect(state.Versions[1]!.SecretString).toBe('now text');
    expect(emulator.listSecrets().map((s) => s.Name)).toEqual(['app/key']);
    emulator.reset();
    expect(emulator.inspect('app/key')).toBeUndefined();
  });

  it('a secret whose recovery window has passed is gone; before that RestoreSecret brings it back', async () => {
    let now = Date.UTC(2026, 0, 1);
    const { emulator, client } = setup({ now: () => now });
    emulator.seed({ Name: 'old', SecretString: 'v' });
    const deleted = await client.deleteSecretAsync({ SecretId: 'old', RecoveryWindowInDays: 7 });
    expect(deleted.DeletionDate).toEqual(new Date(Date.UTC(2026, 0, 8)));
    const blocked = await failure(client.createSecretAsync({ Name: 'old', SecretString: 'new' }));
    expect(blocked.name).toBe('InvalidRequestException');
    now = Date.UTC(2026, 0, 7, 23);
    expect(emulator.inspect('old')?.DeletedDate).toEqual(new Date(Date.UTC(2026, 0, 8)));
    now = Date.UTC(2026, 0, 8);
    expect((await failure(client.restoreSecretAsync({ SecretId: 'old' }))).name).toBe('ResourceNotFoundException');
    await client.createSecretAsync({ Name: 'old', SecretString: 'new' });
  });

  it('versions: past 100, only versions without a label created more than 24 hours ago are dropped, oldest first', async () => {
    // PutSecretValue: "Secrets Manager keeps 100 of the most recent versions, but it keeps all secret
    // versions created in the last 24 hours."
    let now = Date.UTC(2026, 0, 1);
    const { emulator, client } = setup({ now: () => now });
    const { VersionId: first } = emulator.seed({ Name: 'busy', SecretString: 'v0' });
    const ids = [first!];
    for (let i = 1; i < 105; i++) {
      now += 60_000;
      ids.push((await client.putSecretValueAsync({ SecretId: 'busy', SecretString: `v${i}` })).VersionId!);
    }
    expect(emulator.inspect('busy')!.Versions.map((v) => v.VersionId)).toEqual(ids);
    expect((await client.getSecretValueAsync({ SecretId: 'busy', VersionId: first! })).SecretString).toBe('v0');
    // A day after the first versions: the oldest ones without a label go, down to 100.
    now = Date.UTC(2026, 0, 2, 1);
    ids.push((await client.putSecretValueAsync({ SecretId: 'busy', SecretString: 'v105' })).VersionId!);
    expect(emulator.inspect('busy')!.Versions.map((v) => v.VersionId)).toEqual(ids.slice(6));
    expect((await failure(client.getSecretValueAsync({ SecretId: 'busy', VersionId: first! }))).name).toBe('ResourceNotFoundException');
  });

  it('LastAccessedDate is the day of the last read, midnight UTC', async () => {
    const { emulator, client } = setup({ now: () => Date.UTC(2026, 2, 3, 17, 45) });
    emulator.seed({ Name: 's', SecretString: 'v' });
    await client.getSecretValueAsync({ SecretId: 's' });
    expect((await client.describeSecretAsync({ SecretId: 's' })).LastAccessedDate).toEqual(new Date(Date.UTC(2026, 2, 3)));
  });

  it('a secret is found by name, full ARN and partial ARN (without the random suffix)', async () => {
    const { emulator, client } = setup();
    const { ARN } = emulator.seed({ Name: 'by/arn', SecretString: 'v' });
    for (const SecretId of ['by/arn', ARN, ARN.slice(0, -7)]) {
      expect((await client.getSecretValueAsync({ SecretId })).ARN).toBe(ARN);
    }
  });
});

describe('GetRandomPassword options', () => {
  it('IncludeSpace, RequireEachIncludedType false and a length the types cannot fill', async () => {
    const { client } = setup();
    const spaced = await client.getRandomPasswordAsync({ PasswordLength: 300, IncludeSpace: true, ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true });
    expect(spaced.RandomPassword).toMatch(/ /);
    expect(spaced.RandomPassword).toMatch(/^[ !"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{300}$/);
    const one = await client.getRandomPasswordAsync({ PasswordLength: 1, RequireEachIncludedType: false });
    expect(one.RandomPassword).toHaveLength(1);
    expect((await failure(client.getRandomPasswordAsync({ PasswordLength: 3 }))).name).toBe('InvalidParameterException');
    expect((await failure(client.getRandomPasswordAsync({ ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true }))).name).toBe('InvalidParameterException');
  });
});

describe('the raw wire, as clients that do not validate send it', () => {
  const raw = async (emulator: SecretsManagerEmulator, target: string, body: string) => {
    const response = await emulator.respond({ method: 'POST', hostname: 'secretsmanager.us-east-1.amazonaws.com', path: '/', headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.1' }, body });
    return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, string> };
  };

  it('a missing required member or a too-short token is ValidationException, naming the member; secret values are never echoed', async () => {
    const emulator = new SecretsManagerEmulator();
    expect(await raw(emulator, 'secretsmanager.GetSecretValue', '{}')).toEqual({ status: 400, body: { __type: 'ValidationException', message: "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null" } });
    const short = await raw(emulator, 'secretsmanager.CreateSecret', '{"Name":"n","ClientRequestToken":"short"}');
    expect(short.body.message).toContain("at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32");
    const big = await raw(emulator, 'secretsmanager.CreateSecret', JSON.stringify({ Name: 'n', SecretString: 'SECRETVALUE'.repeat(6000) }));
    expect(big.body.__type).toBe('ValidationException');
    expect(big.body.message).not.toContain('SECRETVALUE');
  });

  it('an unknown operation, a body that is not JSON, and a wrong member type', async () => {
    const emulator = new SecretsManagerEmulator();
    expect((await raw(emulator, 'secretsmanager.DropTables', '{}')).body.__type).toBe('UnknownOperationException');
    expect((await raw(emulator, 'secretsmanager.ListSecrets', '{nope')).body.__type).toBe('SerializationException');
    expect((await raw(emulator, 'secretsmanager.GetSecretValue', '{"SecretId": 5}')).body.__type).toBe('SerializationException');
    expect((await raw(emulator, 'secretsmanager.constructor', '{}')).body.__type).toBe('UnknownOperationException');
  });

  it('ListSecrets refuses a SortBy outside the model\'s enum, names of Object.prototype members included', async () => {
    const emulator = new SecretsManagerEmulator();
    // ListSecretsRequest.SortBy: SortByType, enum ["created-date", "last-accessed-date", "last-changed-date", "name"].
    for (const SortBy of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const answer = await raw(emulator, 'secretsmanager.ListSecrets', JSON.stringify({ SortBy }));
      expect(answer.status).toBe(400);
      expect(answer.body.__type).toBe('ValidationException');
    }
    expect((await raw(emulator, 'secretsmanager.ListSecrets', '{"SortBy":"name"}')).status).toBe(200);
  });

  it('modelled errors carry Message, timestamps are epoch seconds and blobs base64', async () => {
    const emulator = new SecretsManagerEmulator({ now: () => 1_700_000_000_500 });
    expect((await raw(emulator, 'secretsmanager.DescribeSecret', '{"SecretId":"x"}')).body).toEqual({ __type: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
    await raw(emulator, 'secretsmanager.CreateSecret', '{"Name":"b","SecretBinary":"AAEC"}');
    const value = (await raw(emulator, 'secretsmanager.GetSecretValue', '{"SecretId":"b"}')).body as unknown as Record<string, unknown>;
    expect(value['SecretBinary']).toBe('AAEC');
    expect(value['CreatedDate']).toBe(1_700_000_000.5);
  });
});
