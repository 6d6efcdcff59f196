// Rotation end to end inside the embedded emulator: a rotation function made with createRotationHandler
// is registered with the emulator, which runs it as the service runs a rotation Lambda (the empty
// AWSPENDING version first, then the four steps); SecretsManagerRotation diagnoses what it left, repairs
// a rotation stuck at setSecret, and the next rotation succeeds. Everything goes through the client.
import { describe, expect, it } from 'vitest';
import { SecretsManagerClient } from '../src/index.node.js';
import { SecretsManagerEmulator } from '../src/emulator/index.js';
import { createRotationHandler, SecretsManagerRotation, type DatabaseSecret } from '../src/rotation/index.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

function setup() {
  // One clock for the emulator (version dates) and the diagnosis (their age), moved by the test.
  let time = Date.parse('2026-06-01T12:00:00Z');
  const emulator = new SecretsManagerEmulator({ now: () => time });
  const client = new SecretsManagerClient({ region: 'us-east-1', credentials: emulator.credentials, httpHandler: emulator, maxErrorRetry: 0 });
  const passwords: string[] = [];
  let failSetSecret = false;
  const handler = createRotationHandler<DatabaseSecret>({
    client,
    logger: quiet,
    setSecret: async ({ pending }) => {
      if (failSetSecret) throw new Error('the database refused the new password');
      passwords.push(pending.password);
    },
    testSecret: async ({ pending }) => {
      expect(passwords).toContain(pending.password);
    },
  });
  const RotationLambdaARN = emulator.registerRotationFunction('rotate-db-user', handler);
  const rotation = new SecretsManagerRotation(client, { clock: () => new Date(time) });
  return { emulator, client, RotationLambdaARN, rotation, passwords, failAt: (fail: boolean) => (failSetSecret = fail), advance: (ms: number) => (time += ms) };
}

async function currentValue(client: SecretsManagerClient, SecretId: string): Promise<DatabaseSecret> {
  return JSON.parse((await client.getSecretValueAsync({ SecretId, VersionStage: 'AWSCURRENT' })).SecretString!);
}

describe('createRotationHandler run by the embedded emulator', () => {
  it('rotates: a new password becomes AWSCURRENT, the old value AWSPREVIOUS, no AWSPENDING is left, and the diagnosis is idle', async () => {
    const { emulator, client, RotationLambdaARN, rotation, passwords } = setup();
    const created = await client.createSecretAsync({ Name: 'prod/db', SecretString: JSON.stringify({ engine: 'postgres', username: 'app', password: 'old-password', host: 'db', port: 5432 }) });

    const started = await client.rotateSecretAsync({ SecretId: 'prod/db', RotationLambdaARN, RotationRules: { AutomaticallyAfterDays: 30 } });
    const [record] = await emulator.waitForRotations();
    expect(record).toMatchObject({ status: 'succeeded', completed: ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] });

    const now = await currentValue(client, 'prod/db');
    expect(now).toMatchObject({ engine: 'postgres', username: 'app', host: 'db', port: 5432 });
    expect(now.password).not.toBe('old-password');
    expect(passwords).toEqual([now.password]);
    const described = await client.describeSecretAsync({ SecretId: 'prod/db' });
    expect(described.VersionIdsToStages).toEqual({ [created.VersionId!]: ['AWSPREVIOUS'], [started.VersionId!]: ['AWSCURRENT'] });

    const status = await rotation.describeRotationAsync('prod/db');
    expect(status.state).toBe('idle');
    expect(status.current?.versionId).toBe(started.VersionId);
    await expect(rotation.waitForRotationAsync('prod/db', { versionId: started.VersionId! })).resolves.toMatchObject({ state: 'idle' });
  });

  it('a rotation that fails at setSecret is diagnosed stuck, repaired, and the next rotation succeeds', async () => {
    const { emulator, client, RotationLambdaARN, rotation, failAt, advance } = setup();
    const created = await client.createSecretAsync({ Name: 'prod/db', SecretString: JSON.stringify({ username: 'app', password: 'old-password' }) });

    failAt(true);
    const failed = await client.rotateSecretAsync({ SecretId: 'prod/db', RotationLambdaARN, RotationRules: { AutomaticallyAfterDays: 30 } });
    const [record] = await emulator.waitForRotations();
    expect(record).toMatchObject({ status: 'failed', completed: ['createSecret'] });
    // As the service leaves it: the value still in use, AWSPENDING on the new version, which holds the value createSecret stored.
    expect((await currentValue(client, 'prod/db')).password).toBe('old-password');
    expect((await client.describeSecretAsync({ SecretId: 'prod/db' })).VersionIdsToStages).toEqual({ [created.VersionId!]: ['AWSCURRENT'], [failed.VersionId!]: ['AWSPENDING'] });

    // A pending version this young may still be a rotation under way; two hours later (past Lambda's limit
    // for all four steps) it is stuck.
    expect((await rotation.describeRotationAsync('prod/db')).state).toBe('rotating');
    advance(2 * 3600_000);
    const status = await rotation.describeRotationAsync('prod/db');
    expect(status).toMatchObject({ state: 'stuck', reason: 'PendingVersionNotCurrent' });
    expect(status.repairPlan).toMatchObject([{ operation: 'UpdateSecretVersionStage', request: { SecretId: status.arn, VersionStage: 'AWSPENDING', RemoveFromVersionId: failed.VersionId } }]);
    await expect(client.rotateSecretAsync({ SecretId: 'prod/db' })).rejects.toMatchObject({ name: 'InvalidRequestException' });

    const repaired = await rotation.repairRotationAsync('prod/db', { expected: status });
    expect(repaired.after).toMatchObject({ state: 'idle' });

    failAt(false);
    const retried = await client.rotateSecretAsync({ SecretId: 'prod/db' });
    await emulator.waitForRotations();
    expect((await currentValue(client, 'prod/db')).password).not.toBe('old-password');
    expect((await rotation.describeRotationAsync('prod/db')).current?.versionId).toBe(retried.VersionId);
  });

  it('RotateImmediately false: the handler\'s testSecret step passes on the version the emulator makes for the test, which is then gone', async () => {
    const { emulator, client, RotationLambdaARN, passwords } = setup();
    const created = await client.createSecretAsync({ Name: 'prod/db', SecretString: JSON.stringify({ username: 'app', password: 'in-use' }) });
    passwords.push('in-use');
    await client.rotateSecretAsync({ SecretId: 'prod/db', RotationLambdaARN, RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false });
    const [record] = await emulator.waitForRotations();
    expect(record).toMatchObject({ status: 'succeeded', completed: ['testSecret'] });
    expect((await client.describeSecretAsync({ SecretId: 'prod/db' })).VersionIdsToStages).toEqual({ [created.VersionId!]: ['AWSCURRENT'] });
  });
});
