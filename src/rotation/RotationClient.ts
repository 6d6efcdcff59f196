import type { IAmazonSecretsManager } from '../index.js';

/**
 * The operations the rotation helpers call: a `SecretsManagerClient`, or any stub that has them.
 * DescribeSecret and ListSecretVersionIds to read the labels, GetSecretValue to tell an empty pending
 * version from a filled one, UpdateSecretVersionStage and CancelRotateSecret to repair.
 */
export type RotationClient = Pick<
  IAmazonSecretsManager,
  'describeSecretAsync' | 'listSecretVersionIdsAsync' | 'getSecretValueAsync' | 'updateSecretVersionStageAsync' | 'cancelRotateSecretAsync'
>;

/**
 * The operations a rotation function calls: the checks and the four steps of AWS's templates
 * (DescribeSecret, GetSecretValue, GetRandomPassword, PutSecretValue, UpdateSecretVersionStage).
 */
export type RotationHandlerClient = Pick<
  IAmazonSecretsManager,
  'describeSecretAsync' | 'getSecretValueAsync' | 'getRandomPasswordAsync' | 'putSecretValueAsync' | 'updateSecretVersionStageAsync'
>;
