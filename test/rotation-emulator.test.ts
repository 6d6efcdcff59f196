// Rotation end to end inside the embedded emulator: a rotation function made with createRotationHandler
// is registered with the emulator, which runs it as the service runs a rotation Lambda (the empty
// AWSPENDING version first, then the four steps); SecretsManagerRotation diagnoses what it left, repairs
// a rotation stuck at setSecret, and the next rotation succeeds. Everything goes through the client.
import { describe, expect, it } from 'vitest';
import { SecretsManagerClient } from '../src/index.node.js';
import { SecretsManagerEmulator } from '../src/emulator/index.js';
import { createRotationHandler, RotationRepairRefusedException, SecretsManagerRotation, type DatabaseSecret } from '../src/rotation/index.js';
import { rotationFailedAfterSetSecret } from './helpers/rotationFailedAfterSetSecret.js';

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
    expect(status.repairPlan).toEqual([]);
    expect(status.repairChoices?.discard).toMatchObject([{ operation: 'UpdateSecretVersionStage', request: { SecretId: status.arn, VersionStage: 'AWSPENDING', RemoveFromVersionId: failed.VersionId } }]);
    await expect(client.rotateSecretAsync({ SecretId: 'prod/db' })).rejects.toMatchObject({ name: 'InvalidRequestException' });

    // setSecret failed before the database changed: the pending value is not in use, so it is discarded.
    const repaired = await rotation.repairRotationAsync('prod/db', { expected: status, resolve: 'discard' });
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

  it('a rotation whose finishSecret failed after setSecret changed the password: repair refuses to choose, and resolve finish makes the working password AWSCURRENT', async () => {
    const { emulator, client, database, login, record, created, failed, clock, advance } = await rotationFailedAfterSetSecret('finishSecret');
    expect(record).toMatchObject({ status: 'failed', failedStep: 'finishSecret' });
    // The database now takes only the pending version's password; AWSCURRENT still holds the old one.
    expect(login(await currentValue(client, 'prod/db'))).toBe(false);
    advance(2 * 3600_000);

    const rotation = new SecretsManagerRotation(client, { clock });
    const stuck = await rotation.describeRotationAsync('prod/db');
    expect(stuck).toMatchObject({ state: 'stuck', reason: 'PendingVersionNotCurrent', repairPlan: [] });
    // The two ways out, neither taken by default (CancelRotateSecret reference: "determine whether to roll back").
    expect(stuck.repairChoices).toEqual({
      finish: [
        { operation: 'UpdateSecretVersionStage', request: { SecretId: stuck.arn, VersionStage: 'AWSCURRENT', MoveToVersionId: failed.VersionId, RemoveFromVersionId: created.VersionId }, description: expect.any(String) },
        { operation: 'UpdateSecretVersionStage', request: { SecretId: stuck.arn, VersionStage: 'AWSPENDING', RemoveFromVersionId: failed.VersionId }, description: expect.any(String) },
      ],
      discard: [{ operation: 'UpdateSecretVersionStage', request: { SecretId: stuck.arn, VersionStage: 'AWSPENDING', RemoveFromVersionId: failed.VersionId }, description: expect.any(String) }],
    });
    const unchanged = { [created.VersionId!]: ['AWSCURRENT'], [failed.VersionId!]: ['AWSPENDING'] };
    for (const options of [{}, { dryRun: true }, { expected: stuck }]) {
      const refused = await rotation.repairRotationAsync('prod/db', options).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RotationRepairRefusedException);
      expect((refused as Error).message).toMatch(/resolve: 'finish'.*resolve: 'discard'/s);
      expect((refused as RotationRepairRefusedException).performed).toEqual([]);
      expect((await client.describeSecretAsync({ SecretId: 'prod/db' })).VersionIdsToStages).toEqual(unchanged);
    }
    const dry = await rotation.repairRotationAsync('prod/db', { resolve: 'finish', dryRun: true });
    expect(dry).toMatchObject({ plan: stuck.repairChoices!.finish, performed: [] });

    const finished = await rotation.repairRotationAsync('prod/db', { expected: stuck, resolve: 'finish' });
    expect(finished.performed).toEqual(stuck.repairChoices!.finish);
    expect(finished.after).toMatchObject({ state: 'idle', current: { versionId: failed.VersionId }, previous: { versionId: created.VersionId } });
    expect(login(await currentValue(client, 'prod/db'))).toBe(true);
    expect((await client.describeSecretAsync({ SecretId: 'prod/db' })).VersionIdsToStages).toEqual({ [created.VersionId!]: ['AWSPREVIOUS'], [failed.VersionId!]: ['AWSCURRENT'] });

    // The next rotation starts from a password that works.
    database.failing = false;
    await client.rotateSecretAsync({ SecretId: 'prod/db' });
    expect((await emulator.waitForRotations()).at(-1)).toMatchObject({ status: 'succeeded' });
    expect(login(await currentValue(client, 'prod/db'))).toBe(true);
  });

  it('resolve is refused where it does not fit: finish of an empty pending version, a rotation under way, an unknown choice', async () => {
    const { emulator, client, RotationLambdaARN, rotation, failAt, advance } = setup();
    await client.createSecretAsync({ Name: 'prod/db', SecretString: JSON.stringify({ username: 'app', password: 'old-password' }) });
    failAt(true);
    await client.rotateSecretAsync({ SecretId: 'prod/db', RotationLambdaARN, RotationRules: { AutomaticallyAfterDays: 30 } });
    await emulator.waitForRotations();
    await expect(rotation.repairRotationAsync('prod/db', { cancelRotation: true, resolve: 'finish' })).rejects.toThrow(/under way/);
    await expect(rotation.repairRotationAsync('prod/db', { resolve: 'keep' as never })).rejects.toThrow(TypeError);
    advance(2 * 3600_000);
    // An empty pending version (PendingVersionEmpty) has nothing to finish to; discarding it needs no choice.
    const empty = new SecretsManagerEmulator();
    const emptyClient = new SecretsManagerClient({ region: 'us-east-1', credentials: empty.credentials, httpHandler: empty, maxErrorRetry: 0 });
    await emptyClient.createSecretAsync({ Name: 'prod/db', SecretString: '{"password":"old-password"}' });
    const hung = empty.registerRotationFunction('hangs', async () => {
      throw new Error('timed out reaching Secrets Manager');
    });
    await emptyClient.rotateSecretAsync({ SecretId: 'prod/db', RotationLambdaARN: hung });
    await empty.waitForRotations();
    const emptyRotation = new SecretsManagerRotation(emptyClient, { clock: () => new Date(Date.now() + 2 * 3600_000) });
    expect(await emptyRotation.describeRotationAsync('prod/db')).toMatchObject({ reason: 'PendingVersionEmpty' });
    await expect(emptyRotation.repairRotationAsync('prod/db', { resolve: 'finish' })).rejects.toThrow(RotationRepairRefusedException);
    expect((await emptyRotation.repairRotationAsync('prod/db')).after).toMatchObject({ state: 'idle' });
  });
});

describe('a pending version holding a value is never stripped of AWSPENDING without a choice, rotation off or being cancelled', () => {
  /**
   * A rotation whose setSecret changed the database's password and whose testSecret then failed (the
   * database went down between the two): the database takes only the pending version's password.
   */
  async function setSecretRanThenFailed() {
    const { client, login, record, created, failed, labelsNow, clock, advance } = await rotationFailedAfterSetSecret('testSecret');
    expect(record).toMatchObject({ status: 'failed', failedStep: 'testSecret' });
    expect(login(await currentValue(client, 'prod/db'))).toBe(false);
    return { client, login, labelsNow, currentId: created.VersionId!, pendingId: failed.VersionId!, advance, rotation: new SecretsManagerRotation(client, { clock }) };
  }

  it('PendingAfterRotationDisabled with a value (rotation turned off after setSecret ran): refused without resolve; both choices offered; finish makes the working password AWSCURRENT', async () => {
    const { client, login, labelsNow, currentId, pendingId, rotation } = await setSecretRanThenFailed();
    // Someone turned rotation off (aws secretsmanager cancel-rotate-secret), which leaves the labels.
    await client.cancelRotateSecretAsync({ SecretId: 'prod/db' });
    const stuck = await rotation.describeRotationAsync('prod/db');
    expect(stuck).toMatchObject({ state: 'stuck', reason: 'PendingAfterRotationDisabled', rotationEnabled: false, pending: { versionId: pendingId, hasValue: true }, repairPlan: [] });
    expect(stuck.repairChoices).toEqual({
      finish: [
        { operation: 'UpdateSecretVersionStage', request: { SecretId: stuck.arn, VersionStage: 'AWSCURRENT', MoveToVersionId: pendingId, RemoveFromVersionId: currentId }, description: expect.any(String) },
        { operation: 'UpdateSecretVersionStage', request: { SecretId: stuck.arn, VersionStage: 'AWSPENDING', RemoveFromVersionId: pendingId }, description: expect.any(String) },
      ],
      discard: [{ operation: 'UpdateSecretVersionStage', request: { SecretId: stuck.arn, VersionStage: 'AWSPENDING', RemoveFromVersionId: pendingId }, description: expect.any(String) }],
    });
    expect(stuck.explanation).toMatch(/finish .* discard/s);
    const unchanged = { [currentId]: ['AWSCURRENT'], [pendingId]: ['AWSPENDING'] };
    for (const options of [{}, { dryRun: true }, { expected: stuck }]) {
      const refused = await rotation.repairRotationAsync('prod/db', options).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RotationRepairRefusedException);
      expect((refused as Error).message).toMatch(/resolve: 'finish'.*resolve: 'discard'/s);
      expect(await labelsNow()).toEqual(unchanged);
    }
    const finished = await rotation.repairRotationAsync('prod/db', { expected: stuck, resolve: 'finish' });
    expect(finished.performed).toEqual(stuck.repairChoices!.finish);
    expect(finished.after).toMatchObject({ state: 'idle', rotationEnabled: false, current: { versionId: pendingId } });
    expect(await labelsNow()).toEqual({ [currentId]: ['AWSPREVIOUS'], [pendingId]: ['AWSCURRENT'] });
    expect(login(await currentValue(client, 'prod/db'))).toBe(true);
  });

  it('PendingAfterRotationDisabled with a value: resolve discard removes AWSPENDING only', async () => {
    const { client, labelsNow, currentId, rotation } = await setSecretRanThenFailed();
    await client.cancelRotateSecretAsync({ SecretId: 'prod/db' });
    const stuck = await rotation.describeRotationAsync('prod/db');
    const discarded = await rotation.repairRotationAsync('prod/db', { expected: stuck, resolve: 'discard' });
    expect(discarded.performed).toEqual(stuck.repairChoices!.discard);
    // VersionIdsToStages lists only versions that have staging labels (DescribeSecretResponse reference).
    expect(await labelsNow()).toEqual({ [currentId]: ['AWSCURRENT'] });
    expect(discarded.after).toMatchObject({ state: 'idle', rotationEnabled: false, current: { versionId: currentId } });
  });

  it('cancelling a rotation under way whose pending version holds a value turns rotation off and leaves the labels for a choice', async () => {
    const { client, login, labelsNow, currentId, pendingId, rotation, advance } = await setSecretRanThenFailed();
    advance(5 * 60_000); // five minutes on: still under way, and setSecret has run
    const rotating = await rotation.describeRotationAsync('prod/db');
    expect(rotating).toMatchObject({ state: 'rotating', rotationEnabled: true, pending: { versionId: pendingId, hasValue: true } });
    const unchanged = { [currentId]: ['AWSCURRENT'], [pendingId]: ['AWSPENDING'] };

    // Neither choice is taken while the function may be in setSecret: finish or discard would be a guess.
    for (const resolve of ['finish', 'discard'] as const) {
      const refused = await rotation.repairRotationAsync('prod/db', { cancelRotation: true, resolve, expected: rotating }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RotationRepairRefusedException);
      expect((refused as RotationRepairRefusedException).performed).toEqual([]);
    }
    expect((await rotation.describeRotationAsync('prod/db')).rotationEnabled).toBe(true);

    const dry = await rotation.repairRotationAsync('prod/db', { cancelRotation: true, dryRun: true, expected: rotating });
    expect(dry.plan.map((step) => step.operation)).toEqual(['CancelRotateSecret']);
    const cancelled = await rotation.repairRotationAsync('prod/db', { cancelRotation: true, expected: rotating });
    expect(cancelled.performed).toEqual([{ operation: 'CancelRotateSecret', request: { SecretId: rotating.arn }, description: expect.any(String) }]);
    // The only working password keeps its label, and the diagnosis now asks for the choice.
    expect(await labelsNow()).toEqual(unchanged);
    expect(cancelled.after).toMatchObject({ state: 'stuck', reason: 'PendingAfterRotationDisabled', rotationEnabled: false, repairPlan: [] });
    expect(cancelled.after!.repairChoices).toBeDefined();

    const finished = await rotation.repairRotationAsync('prod/db', { expected: cancelled.after!, resolve: 'finish' });
    expect(finished.after).toMatchObject({ state: 'idle', current: { versionId: pendingId } });
    expect(login(await currentValue(client, 'prod/db'))).toBe(true);
  });
});
