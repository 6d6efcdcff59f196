// describeRotationAsync, repairRotationAsync and waitForRotationAsync against moto_server (signatures
// checked): every stuck state the diagnosis knows that the emulator can hold is made on purpose,
// diagnosed, repaired, and then rotated successfully with a rotation function the test drives.
//
// moto reports every version's CreatedDate as the time of the ListSecretVersionIds call (moto 5.2.1,
// secretsmanager/models.py list_secret_version_ids), so by a real clock a pending version is always new:
// the tests that need an old one give SecretsManagerRotation a clock an hour and more ahead.
import { describe, expect, it } from 'vitest';
import { SecretsManagerClient } from '../src/index.node.js';
import {
  createRotationHandler,
  RotationAbandonedException,
  RotationRepairRefusedException,
  RotationStuckException,
  RotationTimeoutException,
  SecretsManagerRotation,
  type RotationClient,
  type RotationPhase,
  type RotationStatus,
} from '../src/rotation/index.js';
import { useMoto } from './helpers/moto.js';
import { beginRotation, labels, rotationEvent, runSteps } from './helpers/rotationDriver.js';

const moto = useMoto();
const client = () => new SecretsManagerClient({ region: moto().region, serviceURL: moto().endpoint, credentials: moto().credentials });
const TWO_HOURS = 2 * 60 * 60 * 1000;
const later = (ms: number) => () => new Date(Date.now() + ms);
/** The operations the rotation helpers use, from a real client, some replaced. */
function wrap(real: SecretsManagerClient, overrides: Partial<RotationClient>): RotationClient {
  return {
    describeSecretAsync: (request, signal) => real.describeSecretAsync(request, signal),
    listSecretVersionIdsAsync: (request, signal) => real.listSecretVersionIdsAsync(request, signal),
    getSecretValueAsync: (request, signal) => real.getSecretValueAsync(request, signal),
    updateSecretVersionStageAsync: (request, signal) => real.updateSecretVersionStageAsync(request, signal),
    cancelRotateSecretAsync: (request, signal) => real.cancelRotateSecretAsync(request, signal),
    ...overrides,
  };
}
const value = (password: string) => JSON.stringify({ engine: 'postgres', host: 'db', username: 'app', password });

/** A rotation function whose database accepts any password: these tests are about the labels. */
const handler = () => createRotationHandler({ client: client(), setSecret: async () => {}, testSecret: async () => {}, logger: { info: () => {} } });

async function rotateSuccessfully(secretId: string, arn: string): Promise<string> {
  const token = await beginRotation(client(), secretId);
  await runSteps(handler(), arn, token);
  const status = await new SecretsManagerRotation(client()).describeRotationAsync(secretId);
  expect(status).toMatchObject({ state: 'idle', current: { versionId: token } });
  return token;
}

describe('the stuck states, made in moto_server, diagnosed, repaired, rotated', () => {
  it('PendingVersionEmpty: the function never stored a value (timed out before createSecret finished)', async () => {
    const secret = await moto().createSecret(undefined, value('pw-0000'));
    const token = await beginRotation(client(), secret.Name);
    // Young, it is a rotation under way.
    const now = await new SecretsManagerRotation(client()).describeRotationAsync(secret.Name);
    expect(now).toMatchObject({ state: 'rotating', pending: { versionId: token, hasValue: false }, repairPlan: [] });
    expect(now.since).toBeInstanceOf(Date);

    const rotation = new SecretsManagerRotation(client(), { clock: later(TWO_HOURS) });
    const stuck = await rotation.describeRotationAsync(secret.Name);
    expect(stuck).toMatchObject({
      arn: secret.ARN,
      name: secret.Name,
      rotationEnabled: true,
      rotationLambdaARN: expect.stringContaining('rotation-under-test'),
      rotationRules: { AutomaticallyAfterDays: 30 },
      state: 'stuck',
      reason: 'PendingVersionEmpty',
      current: { versionId: secret.VersionId, stages: ['AWSCURRENT'] },
      pending: { versionId: token, stages: ['AWSPENDING'], hasValue: false },
      repairPlan: [{ operation: 'UpdateSecretVersionStage', request: { SecretId: secret.ARN, VersionStage: 'AWSPENDING', RemoveFromVersionId: token } }],
    });
    expect(stuck.explanation).toMatch(/holds no value/);

    const dry = await rotation.repairRotationAsync(secret.Name, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, plan: stuck.repairPlan, performed: [] });
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });

    const repaired = await rotation.repairRotationAsync(secret.Name, { expected: stuck });
    expect(repaired.performed).toEqual(stuck.repairPlan);
    expect(repaired.after).toMatchObject({ state: 'idle' });
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: [] });
    await rotateSuccessfully(secret.Name, secret.ARN);
  });

  it('PendingVersionNotCurrent: the function stored the value, then failed in testSecret', async () => {
    const secret = await moto().createSecret(undefined, value('pw-1111'));
    const token = await beginRotation(client(), secret.Name);
    const failing = createRotationHandler({ client: client(), setSecret: async () => {}, testSecret: async () => { throw new Error('cannot log in'); }, logger: { info: () => {} } });
    await runSteps(failing, secret.ARN, token, ['createSecret', 'setSecret']);
    await expect(failing(rotationEvent('testSecret', secret.ARN, token))).rejects.toThrow('cannot log in');

    const rotation = new SecretsManagerRotation(client(), { clock: later(TWO_HOURS) });
    const stuck = await rotation.describeRotationAsync(secret.Name);
    expect(stuck).toMatchObject({ state: 'stuck', reason: 'PendingVersionNotCurrent', pending: { versionId: token, hasValue: true } });
    expect(stuck.explanation).toMatch(/finish the rotation .* discard the pending version/);
    expect(stuck.repairPlan).toEqual([]);
    // The diagnosis read the pending value only to know it is there: it is nowhere in the answer.
    const pendingValue = (await client().getSecretValueAsync({ SecretId: secret.Name, VersionId: token })).SecretString!;
    expect(JSON.stringify(stuck)).not.toContain(JSON.parse(pendingValue).password);

    // The database may take only the pending password by now: no repair without a choice.
    await expect(rotation.repairRotationAsync(secret.Name)).rejects.toThrow(RotationRepairRefusedException);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    // testSecret failed, so the pending password does not work: discard it.
    await rotation.repairRotationAsync(secret.Name, { resolve: 'discard' });
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: [] });
    // The discarded value stays readable by its version id.
    expect((await client().getSecretValueAsync({ SecretId: secret.Name, VersionId: token })).SecretString).toBe(pendingValue);
    await rotateSuccessfully(secret.Name, secret.ARN);
  });

  it('PendingVersionNotCurrent after a finishSecret that failed: resolve finish moves AWSCURRENT as finishSecret would', async () => {
    const secret = await moto().createSecret(undefined, value('pw-1212'));
    const token = await beginRotation(client(), secret.Name);
    const failing = createRotationHandler({ client: client(), setSecret: async () => {}, testSecret: async () => {}, finishSecret: async () => { throw new Error('timed out'); }, logger: { info: () => {} } });
    await runSteps(failing, secret.ARN, token, ['createSecret', 'setSecret', 'testSecret']);
    await expect(failing(rotationEvent('finishSecret', secret.ARN, token))).rejects.toThrow('timed out');

    const rotation = new SecretsManagerRotation(client(), { clock: later(TWO_HOURS) });
    const stuck = await rotation.describeRotationAsync(secret.Name);
    const finished = await rotation.repairRotationAsync(secret.Name, { expected: stuck, resolve: 'finish' });
    expect(finished.performed).toEqual(stuck.repairChoices!.finish);
    // UpdateSecretVersionStage moves AWSPREVIOUS to the version AWSCURRENT left, as its reference says.
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });
    expect(finished.after).toMatchObject({ state: 'idle', current: { versionId: token } });
    await rotateSuccessfully(secret.Name, secret.ARN);
  });

  it('PendingAfterRotationDisabled: CancelRotateSecret left AWSPENDING behind (stuck whatever its age)', async () => {
    const secret = await moto().createSecret(undefined, value('pw-2222'));
    const token = await beginRotation(client(), secret.Name);
    await client().cancelRotateSecretAsync({ SecretId: secret.Name });
    const rotation = new SecretsManagerRotation(client());
    const stuck = await rotation.describeRotationAsync(secret.Name);
    // Its pending version holds no value (nothing was set), so removing AWSPENDING is the repair, no choice needed.
    expect(stuck).toMatchObject({ state: 'stuck', reason: 'PendingAfterRotationDisabled', rotationEnabled: false, pending: { versionId: token, hasValue: false } });
    expect(stuck.repairPlan).toMatchObject([{ request: { VersionStage: 'AWSPENDING', RemoveFromVersionId: token } }]);
    expect(stuck.repairChoices).toBeUndefined();
    const repaired = await rotation.repairRotationAsync(secret.Name);
    expect(repaired.after).toMatchObject({ state: 'idle', rotationEnabled: false });
    // RotateSecret turns rotation on again.
    await rotateSuccessfully(secret.Name, secret.ARN);
  });

  it('with cancelRotation, stops a rotation still under way: CancelRotateSecret, then the pending label', async () => {
    const secret = await moto().createSecret(undefined, value('pw-3333'));
    const token = await beginRotation(client(), secret.Name);
    const rotation = new SecretsManagerRotation(client());
    expect((await rotation.repairRotationAsync(secret.Name)).plan).toEqual([]); // under way: left alone
    const result = await rotation.repairRotationAsync(secret.Name, { cancelRotation: true });
    expect(result.performed.map((step) => step.operation)).toEqual(['CancelRotateSecret', 'UpdateSecretVersionStage']);
    expect(result.after).toMatchObject({ state: 'idle', rotationEnabled: false });
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: [] });
    await rotateSuccessfully(secret.Name, secret.ARN);
  });
});

describe('repairRotationAsync moves no label blindly', () => {
  it('refuses when the secret is no longer in the state it was diagnosed in', async () => {
    const secret = await moto().createSecret(undefined, value('pw-4444'));
    const first = await beginRotation(client(), secret.Name);
    const rotation = new SecretsManagerRotation(client(), { clock: later(TWO_HOURS) });
    const diagnosed = await rotation.describeRotationAsync(secret.Name);
    // Meanwhile someone cleared it and a new rotation began.
    await client().updateSecretVersionStageAsync({ SecretId: secret.Name, VersionStage: 'AWSPENDING', RemoveFromVersionId: first });
    const second = await beginRotation(client(), secret.Name);
    const error = await rotation.repairRotationAsync(secret.Name, { expected: diagnosed }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RotationRepairRefusedException);
    expect(error).toMatchObject({ name: 'RotationRepairRefusedException', expected: diagnosed, actual: { pending: { versionId: second } }, performed: [] });
    expect((error as Error).message).toContain(`AWSPENDING on ${first}`);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [first]: [], [second]: ['AWSPENDING'] });
  });

  it('refuses when the pending version came to hold a value since the diagnosis: an empty one is discarded with a cancel, one holding a value is not', async () => {
    const secret = await moto().createSecret(undefined, value('pw-4545'));
    const token = await beginRotation(client(), secret.Name);
    const rotation = new SecretsManagerRotation(client());
    const diagnosed = await rotation.describeRotationAsync(secret.Name);
    expect(diagnosed).toMatchObject({ state: 'rotating', pending: { versionId: token, hasValue: false } });
    // Meanwhile the rotation function's createSecret stored the new value.
    await runSteps(handler(), secret.ARN, token, ['createSecret']);
    const error = await rotation.repairRotationAsync(secret.Name, { expected: diagnosed, cancelRotation: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RotationRepairRefusedException);
    expect((error as Error).message).toContain(`AWSPENDING on ${token} (holding a value)`);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
  });

  it('refuses when the service finds the label gone from the version between diagnosis and call', async () => {
    const secret = await moto().createSecret(undefined, value('pw-5555'));
    const token = await beginRotation(client(), secret.Name);
    const real = client();
    // The label is removed by someone else just before the repair's own call reaches the service.
    const racing = wrap(real, {
      updateSecretVersionStageAsync: async (request, signal) => {
        await real.updateSecretVersionStageAsync({ SecretId: secret.Name, VersionStage: 'AWSPENDING', RemoveFromVersionId: token });
        return real.updateSecretVersionStageAsync(request, signal);
      },
    });
    const error = await new SecretsManagerRotation(racing, { clock: later(TWO_HOURS) }).repairRotationAsync(secret.Name).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RotationRepairRefusedException);
    expect((error as RotationRepairRefusedException).cause).toMatchObject({ name: 'InvalidParameterException' });
    expect((error as RotationRepairRefusedException).actual.state).toBe('idle');
  });
});

describe('waitForRotationAsync against moto_server', () => {
  /** A sleep that advances a clock and, on each wait, lets the rotation function take its next step. */
  function scripted(steps: (() => Promise<unknown>)[], stepMs = 5_000) {
    let now = Date.now();
    const sleeps: number[] = [];
    return {
      clock: () => new Date(now),
      sleeps,
      sleep: async (ms: number, signal?: AbortSignal) => {
        signal?.throwIfAborted();
        sleeps.push(ms);
        now += Math.max(ms, stepMs);
        await steps.shift()?.();
      },
    };
  }

  it('reports each stage as the function runs and resolves when the pending version is current', async () => {
    const secret = await moto().createSecret(undefined, value('pw-6666'));
    const token = await beginRotation(client(), secret.Name);
    const run = handler();
    const step = (name: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret') => () => run(rotationEvent(name, secret.ARN, token));
    const script = scripted([async () => {}, step('createSecret'), step('setSecret'), step('testSecret'), step('finishSecret')]);
    const phases: [RotationPhase, number][] = [];
    const done = await new SecretsManagerRotation(client(), script).waitForRotationAsync(secret.Name, { versionId: token, onProgress: ({ phase, elapsed }) => phases.push([phase, elapsed]) });
    expect(phases.map(([phase]) => phase)).toEqual(['creatingSecret', 'settingSecret', 'finished']);
    expect(phases.map(([, elapsed]) => elapsed)).toEqual([0, 10_000, expect.any(Number)]);
    expect(done).toMatchObject({ state: 'idle', current: { versionId: token } });
    // Backoff: 1 s, doubling.
    expect(script.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('rejects with RotationStuckException once the pending version is older than stuckAfter', async () => {
    const secret = await moto().createSecret(undefined, value('pw-7777'));
    const token = await beginRotation(client(), secret.Name);
    // Eleven minutes a poll: moto dates the version at each listing by the real clock, which moves on too.
    const script = scripted([], 11 * 60_000);
    const error = await new SecretsManagerRotation(client(), script).waitForRotationAsync(secret.Name, { versionId: token }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RotationStuckException);
    expect(error).toMatchObject({ reason: 'PendingVersionEmpty', status: { pending: { versionId: token } } });
    expect(script.sleeps).toHaveLength(6);
  });

  it('rejects with RotationTimeoutException when the time is up, and never sleeps past it', async () => {
    const secret = await moto().createSecret(undefined, value('pw-8888'));
    await beginRotation(client(), secret.Name);
    const script = scripted([], 0);
    const error = await new SecretsManagerRotation(client(), script).waitForRotationAsync(secret.Name, { timeout: 10_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RotationTimeoutException);
    expect(error).toMatchObject({ timeout: 10_000, status: { state: 'rotating' } });
    expect(script.sleeps).toEqual([1_000, 2_000, 4_000, 3_000]);
  });

  it('rejects with RotationAbandonedException when the awaited version loses AWSPENDING without becoming current', async () => {
    const secret = await moto().createSecret(undefined, value('pw-9999'));
    const token = await beginRotation(client(), secret.Name);
    const script = scripted([() => client().updateSecretVersionStageAsync({ SecretId: secret.Name, VersionStage: 'AWSPENDING', RemoveFromVersionId: token })]);
    const error = await new SecretsManagerRotation(client(), script).waitForRotationAsync(secret.Name, { versionId: token }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RotationAbandonedException);
    expect(error).toMatchObject({ versionId: token, status: { state: 'idle' } });
  });

  it('stops at once when aborted: before the first call, and during a wait', async () => {
    const secret = await moto().createSecret(undefined, value('pw-aaaa'));
    await beginRotation(client(), secret.Name);
    let calls = 0;
    const real = client();
    const counting = wrap(real, { describeSecretAsync: (request, signal) => (calls++, real.describeSecretAsync(request, signal)) });
    const reason = new Error('operator pressed Ctrl-C');
    await expect(new SecretsManagerRotation(counting).waitForRotationAsync(secret.Name, { abortSignal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(calls).toBe(0);
    const ac = new AbortController();
    const waiting = new SecretsManagerRotation(counting).waitForRotationAsync(secret.Name, { abortSignal: ac.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    ac.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(calls).toBe(1);
  });
});

describe('describeRotationAsync on a healthy secret', () => {
  it('is idle before any rotation and after one, and names the three versions', async () => {
    const secret = await moto().createSecret(undefined, value('pw-bbbb'));
    const rotation = new SecretsManagerRotation(client());
    expect(await rotation.describeRotationAsync(secret.ARN)).toMatchObject({ state: 'idle', rotationEnabled: false, current: { versionId: secret.VersionId }, repairPlan: [] });
    const first = await rotateSuccessfully(secret.Name, secret.ARN);
    const second = await rotateSuccessfully(secret.Name, secret.ARN);
    const status: RotationStatus = await rotation.describeRotationAsync(secret.Name);
    expect(status).toMatchObject({ state: 'idle', rotationEnabled: true, current: { versionId: second }, previous: { versionId: first } });
    expect(status.pending).toBeUndefined();
  });
});
