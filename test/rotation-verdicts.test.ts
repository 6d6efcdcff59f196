// The verdicts of diagnoseRotation for states the emulator cannot hold, and the rotation helpers'
// errors. moto cannot make a pending version beside no current one (its RotateSecret adds none to a
// secret without versions, and its PutSecretValue makes a first version AWSCURRENT), which the service
// does for a secret created without a value; a stub client plays that service here.
import { describe, expect, it } from 'vitest';
import { AccessDeniedExceptionStub } from './helpers/rotationStubs.js';
import { DescribeSecretResponse, GetSecretValueResponse, ListSecretVersionIdsResponse, ResourceNotFoundException, UpdateSecretVersionStageResponse, CancelRotateSecretResponse } from '../src/index.node.js';
import {
  diagnoseRotation,
  isRotationException,
  RotationException,
  RotationStuckException,
  SecretsManagerRotation,
  STUCK_AFTER_MS,
  type RotationClient,
} from '../src/rotation/index.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const V1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const V2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const described = (stages: Record<string, string[]>, rotationEnabled = true) => new DescribeSecretResponse({ ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:s-AbCdEf', Name: 's', RotationEnabled: rotationEnabled, VersionIdsToStages: stages });

describe('diagnoseRotation', () => {
  it('AWSPENDING on the AWSCURRENT version is a finished rotation, as the RotateSecret reference says', () => {
    expect(diagnoseRotation({ described: described({ [V1]: ['AWSCURRENT', 'AWSPENDING'] }), now: NOW, stuckAfter: STUCK_AFTER_MS })).toMatchObject({ state: 'idle', repairPlan: [] });
  });

  it('NoCurrentVersion: pending beside no current version', () => {
    const status = diagnoseRotation({ described: described({ [V2]: ['AWSPENDING'] }), createdDates: new Map([[V2, new Date(NOW.getTime() - 5_000)]]), pendingHasValue: false, now: NOW, stuckAfter: STUCK_AFTER_MS });
    expect(status).toMatchObject({ state: 'stuck', reason: 'NoCurrentVersion', repairPlan: [{ request: { RemoveFromVersionId: V2 } }] });
    expect(status.explanation).toContain('PutSecretValue');
  });

  it('a pending version of unknown age counts as old: stuck, not rotating', () => {
    expect(diagnoseRotation({ described: described({ [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }), now: NOW, stuckAfter: STUCK_AFTER_MS })).toMatchObject({ state: 'stuck', reason: 'PendingVersionNotCurrent' });
  });

  it('rotating until stuckAfter, stuck from then on', () => {
    const at = (ageMs: number) => diagnoseRotation({ described: described({ [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }), createdDates: new Map([[V2, new Date(NOW.getTime() - ageMs)]]), pendingHasValue: false, now: NOW, stuckAfter: STUCK_AFTER_MS });
    expect(at(STUCK_AFTER_MS - 1).state).toBe('rotating');
    expect(at(STUCK_AFTER_MS)).toMatchObject({ state: 'stuck', reason: 'PendingVersionEmpty' });
  });

  it('PendingAfterRotationDisabled: an empty pending version is discarded by default; one that holds a value, or may (unread), needs a choice', () => {
    const off = (pendingHasValue: boolean | undefined) =>
      diagnoseRotation({ described: described({ [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }, false), ...(pendingHasValue === undefined ? {} : { pendingHasValue }), now: NOW, stuckAfter: STUCK_AFTER_MS });
    const remove = { operation: 'UpdateSecretVersionStage', request: { VersionStage: 'AWSPENDING', RemoveFromVersionId: V2 } };
    const empty = off(false);
    expect(empty).toMatchObject({ state: 'stuck', reason: 'PendingAfterRotationDisabled', repairPlan: [remove] });
    expect(empty.repairChoices).toBeUndefined();
    for (const hasValue of [true, undefined]) {
      const held = off(hasValue);
      expect(held).toMatchObject({ state: 'stuck', reason: 'PendingAfterRotationDisabled', repairPlan: [] });
      expect(held.repairChoices).toMatchObject({
        finish: [{ request: { VersionStage: 'AWSCURRENT', MoveToVersionId: V2, RemoveFromVersionId: V1 } }, remove],
        discard: [remove],
      });
    }
  });
});

describe('SecretsManagerRotation with a stub service', () => {
  function stub(overrides: Partial<RotationClient> = {}): RotationClient {
    return {
      describeSecretAsync: async () => described({ [V2]: ['AWSPENDING'] }),
      listSecretVersionIdsAsync: async () => new ListSecretVersionIdsResponse({ Versions: [{ VersionId: V2, VersionStages: ['AWSPENDING'], CreatedDate: new Date(NOW.getTime() - 1000) }] }),
      getSecretValueAsync: async () => {
        throw new ResourceNotFoundException('no value', { statusCode: 400, errorCode: 'ResourceNotFoundException' });
      },
      updateSecretVersionStageAsync: async () => new UpdateSecretVersionStageResponse({}),
      cancelRotateSecretAsync: async () => new CancelRotateSecretResponse({}),
      ...overrides,
    };
  }

  it('diagnoses a secret created without a value whose rotation began: NoCurrentVersion, repaired by removing AWSPENDING', async () => {
    const removed: unknown[] = [];
    const rotation = new SecretsManagerRotation(stub({ updateSecretVersionStageAsync: async (request) => (removed.push(request), new UpdateSecretVersionStageResponse({})) }), { clock: () => NOW });
    const status = await rotation.describeRotationAsync('s');
    expect(status).toMatchObject({ state: 'stuck', reason: 'NoCurrentVersion', pending: { versionId: V2, hasValue: false } });
    await rotation.repairRotationAsync('s');
    expect(removed).toEqual([{ SecretId: 'arn:aws:secretsmanager:us-east-1:1:secret:s-AbCdEf', VersionStage: 'AWSPENDING', RemoveFromVersionId: V2 }]);
  });

  it('goes on without knowing whether the pending version holds a value when it may not read values', async () => {
    const rotation = new SecretsManagerRotation(
      stub({
        describeSecretAsync: async () => described({ [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }),
        getSecretValueAsync: async () => {
          throw new AccessDeniedExceptionStub();
        },
      }),
      { clock: () => NOW },
    );
    const status = await rotation.describeRotationAsync('s');
    expect(status.state).toBe('rotating');
    expect(status.pending!.hasValue).toBeUndefined();
  });

  it('follows ListSecretVersionIds pages, an empty NextToken ending the list', async () => {
    const tokens: (string | undefined)[] = [];
    const pages: Record<string, ListSecretVersionIdsResponse> = {
      first: new ListSecretVersionIdsResponse({ Versions: [{ VersionId: V1, CreatedDate: NOW }], NextToken: 'two' }),
      two: new ListSecretVersionIdsResponse({ Versions: [{ VersionId: V2, CreatedDate: new Date(NOW.getTime() - 2 * STUCK_AFTER_MS) }], NextToken: '' }),
    };
    const rotation = new SecretsManagerRotation(
      stub({
        describeSecretAsync: async () => described({ [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }),
        listSecretVersionIdsAsync: async (request) => (tokens.push(request.NextToken), pages[request.NextToken ?? 'first']!),
        getSecretValueAsync: async () => new GetSecretValueResponse({ SecretString: 'x' }),
      }),
      { clock: () => NOW },
    );
    expect(await rotation.describeRotationAsync('s')).toMatchObject({ state: 'stuck', reason: 'PendingVersionNotCurrent', since: pages.two!.Versions![0]!.CreatedDate });
    expect(tokens).toEqual([undefined, 'two']);
  });

  it('refuses bad arguments with a clear error, before any call', async () => {
    expect(() => new SecretsManagerRotation({} as RotationClient)).toThrow(/needs a client with describeSecretAsync/);
    expect(() => new SecretsManagerRotation(stub(), { stuckAfter: -1 })).toThrow(/stuckAfter option must be a number of milliseconds above 0/);
    await expect(new SecretsManagerRotation(stub()).describeRotationAsync('')).rejects.toThrow(/secret id must be a non-empty string/);
    await expect(new SecretsManagerRotation(stub()).waitForRotationAsync('s', { timeout: Number.NaN })).rejects.toThrow(/timeout option/);
  });
});

describe('the rotation errors', () => {
  it('have their class name as name, and instanceof holds across copies of the package (a brand in Symbol.for)', async () => {
    const status = diagnoseRotation({ described: described({ [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }, false), now: NOW, stuckAfter: STUCK_AFTER_MS });
    const error = new RotationStuckException(status);
    expect(error.name).toBe('RotationStuckException');
    expect(error).toBeInstanceOf(RotationException);
    expect(error.message).toContain('PendingAfterRotationDisabled');
    // The built package's own copy (dist) recognises an instance made by the source's copy, and back.
    const built = (await import('../dist/esm/rotation/index.node.js' as string)) as typeof import('../src/rotation/index.js');
    expect(built.RotationStuckException).not.toBe(RotationStuckException);
    expect(error).toBeInstanceOf(built.RotationStuckException);
    expect(built.isRotationException(error)).toBe(true);
    expect(new built.RotationStuckException(status)).toBeInstanceOf(RotationStuckException);
    expect(isRotationException(new Error('x'))).toBe(false);
  });
});
