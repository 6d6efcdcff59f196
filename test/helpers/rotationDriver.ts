/**
 * Plays Secrets Manager's part of a rotation against moto, for tests of rotation functions: the
 * service creates the pending version (empty, labelled AWSPENDING, its id the ClientRequestToken) and
 * then invokes the function once per step with the event below
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html).
 *
 * moto runs no rotation function (no docker here), but it creates that empty pending version the way
 * the service does when RotateSecret names a function, before it looks the function up: naming one it
 * does not have gives exactly the state the service hands a function, and a 404 for the function,
 * which `beginRotation` expects. The test then invokes the handler itself, step by step.
 */
import { randomUUID } from 'node:crypto';
import { isResourceNotFoundException, type SecretsManagerClient } from '../../src/index.node.js';
import type { RotationEvent, RotationHandler, RotationStep } from '../../src/rotation/index.js';

/** A rotation function moto does not have (moto's account id). */
export const ABSENT_FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:rotation-under-test';

/** Starts a rotation as the service does before the first step; returns the new version's id. */
export async function beginRotation(client: SecretsManagerClient, secretId: string, token: string = randomUUID()): Promise<string> {
  try {
    await client.rotateSecretAsync({ SecretId: secretId, ClientRequestToken: token, RotationLambdaARN: ABSENT_FUNCTION_ARN, RotationRules: { AutomaticallyAfterDays: 30 } });
  } catch (error) {
    if (isResourceNotFoundException(error) && error.message.includes(ABSENT_FUNCTION_ARN)) return token;
    throw error;
  }
  throw new Error('moto accepted a rotation function it does not have: the driver no longer gets the empty pending version this way');
}

/** The event the service sends for one step. */
export function rotationEvent(step: RotationStep, secretArn: string, token: string, rotationToken?: string): RotationEvent {
  return { Step: step, SecretId: secretArn, ClientRequestToken: token, ...(rotationToken ? { RotationToken: rotationToken } : {}) };
}

/** Runs the four steps in order, as the service does, stopping at the first failure. */
export async function runSteps(handler: RotationHandler, secretArn: string, token: string, steps: readonly RotationStep[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret']): Promise<void> {
  for (const step of steps) await handler(rotationEvent(step, secretArn, token));
}

/** Version id → labels, read back from the emulator through the client. */
export async function labels(client: SecretsManagerClient, secretId: string): Promise<Record<string, string[]>> {
  const described = await client.describeSecretAsync({ SecretId: secretId });
  return Object.fromEntries(Object.entries(described.VersionIdsToStages ?? {}).map(([id, stages]) => [id, [...stages].sort()]));
}

/**
 * A database of the kind setSecret and testSecret talk to, in memory: user → password. Stands for the
 * database, which is not what these tests are about.
 */
export class FakeDatabase {
  readonly passwords = new Map<string, string>();
  logins = 0;
  login(username: string, password: string): boolean {
    this.logins++;
    return this.passwords.get(username) === password;
  }
}
