// RotateSecret and CancelRotateSecret. The steps themselves run in SecretsManagerEmulator.runRotation.
import { ALL_STEPS, type EmulatorContext } from '../EmulatorContext.js';
import { readBoolean, readNumber, readString, readStructure, readStructureList, type Input } from '../readInput.js';
import { invalidParameter, invalidRequest, markedForDeletion, ServiceError, validationError } from '../ServiceError.js';
import { AWSCURRENT, AWSPENDING, detachStage, versionWithStage, type StoredRotationRules, type StoredSecret, type StoredVersion } from '../StoredSecret.js';
import { putVersion } from '../versions.js';
import { readToken } from './secrets.js';

function readRules(input: Input): StoredRotationRules | undefined {
  const rules = readStructure(input, 'RotationRules');
  if (!rules) return undefined;
  const AutomaticallyAfterDays = readNumber(rules, 'AutomaticallyAfterDays', { min: 1, max: 1000 });
  const Duration = readString(rules, 'Duration', { min: 2, max: 3 });
  const ScheduleExpression = readString(rules, 'ScheduleExpression', { min: 1, max: 256 });
  if (Duration !== undefined && !/^[0-9]+h$/.test(Duration)) throw validationError('RotationRules.Duration', Duration, 'Member must satisfy regular expression pattern: [0-9]+h');
  // "RotateSecret accepts AutomaticallyAfterDays or ScheduleExpression, not both" (RotationRulesType).
  if (AutomaticallyAfterDays !== undefined && ScheduleExpression !== undefined) {
    throw invalidParameter("You can't specify both AutomaticallyAfterDays and ScheduleExpression.");
  }
  if (ScheduleExpression !== undefined && !/^(rate\(.+\)|cron\(.+\))$/.test(ScheduleExpression.trim())) {
    throw invalidParameter('Invalid ScheduleExpression. It must be a rate() or cron() expression.');
  }
  return {
    ...(AutomaticallyAfterDays !== undefined && { AutomaticallyAfterDays }),
    ...(Duration !== undefined && { Duration }),
    ...(ScheduleExpression !== undefined && { ScheduleExpression }),
  };
}

export function RotateSecret(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const token = readToken(ctx, input);
  const lambdaArn = readString(input, 'RotationLambdaARN', { max: 2048 });
  const rules = readRules(input);
  readStructureList(input, 'ExternalSecretRotationMetadata');
  readString(input, 'ExternalSecretRotationRoleArn', { min: 20, max: 2048 });
  // "The default for RotateImmediately is true." (RotateSecret)
  const immediately = readBoolean(input, 'RotateImmediately') ?? true;
  if (secret.DeletedDate !== undefined) throw markedForDeletion();

  const arn = lambdaArn || secret.RotationLambdaARN;
  if (!arn) {
    // InvalidRequestException's documented cause: "You tried to enable rotation on a secret that doesn't
    // already have a Lambda function ARN configured and you didn't include such an ARN as a parameter
    // in this call."
    throw invalidRequest(
      "You tried to enable rotation on a secret that doesn't already have a Lambda function ARN configured and you didn't include such an ARN as a parameter in this call.",
    );
  }
  // "If the AWSPENDING staging label is present but not attached to the same version as AWSCURRENT,
  // then any later invocation of RotateSecret assumes that a previous rotation request is still in
  // progress and returns an error." (RotateSecret)
  const pending = versionWithStage(secret, AWSPENDING);
  if (pending && !pending.VersionStages.includes(AWSCURRENT)) {
    throw invalidRequest('A previous rotation isn\'t complete. That rotation will be reattempted.');
  }
  if (!ctx.rotationFunction(arn)) {
    // The service checks it may invoke the function before it answers; the emulator can invoke only
    // the functions registered with it (SecretsManagerEmulator.registerRotationFunction).
    throw new ServiceError(
      'AccessDeniedException',
      `Secrets Manager cannot invoke the specified Lambda function ${arn}. Register a rotation function for this ARN with the emulator (registerRotationFunction).`,
      400,
      false,
    );
  }
  if (!versionWithStage(secret, AWSCURRENT)) throw invalidRequest('The secret has no AWSCURRENT version to rotate: put a value first.');
  if (secret.Versions.has(token)) {
    throw new ServiceError('ResourceExistsException', `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${secret.ARN}.`);
  }

  // The schedule counts from here until a rotation succeeds (rotationSchedule.ts), when this call sets it.
  if (rules || !secret.RotationEnabled) secret.RotationScheduleStart = ctx.now();
  secret.RotationLambdaARN = arn;
  if (rules) secret.RotationRules = rules;
  secret.RotationEnabled = true;
  secret.LastChangedDate = ctx.now();
  if (pending) pending.VersionStages = pending.VersionStages.filter((s) => s !== AWSPENDING);
  if (immediately) {
    // The new version exists, labelled AWSPENDING, before the function runs, and has no value until
    // the function's createSecret step puts one (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_how.html).
    secret.Versions.set(token, { VersionId: token, VersionStages: [AWSPENDING], CreatedDate: ctx.now() });
    ctx.startRotation(secret, token, ALL_STEPS);
  } else {
    // "If you set RotateImmediately to false, Secrets Manager tests the rotation configuration by
    // running the testSecret step of the Lambda rotation function. This test creates an AWSPENDING
    // version of the secret and then removes it." (RotateSecretRequest.RotateImmediately)
    // The version holds AWSCURRENT's value: no createSecret step runs to make a new one, and a
    // testSecret step (AWS's templates, createRotationHandler) reads the AWSPENDING value and checks it
    // works, which the value in use does.
    const { version: test } = putVersion(ctx, secret, token, versionWithStage(secret, AWSCURRENT)!, [AWSPENDING]);
    ctx.startRotation(secret, token, ['testSecret'], () => removeTestVersion(secret, test));
  }
  return { ARN: secret.ARN, Name: secret.Name, VersionId: immediately ? token : undefined };
}

/**
 * Removes the version a RotateImmediately: false test made, whether testSecret passed or failed. Should
 * a label other than AWSPENDING have been moved onto it meanwhile, the version stays and only
 * AWSPENDING comes off: the label shows it is in use.
 */
function removeTestVersion(secret: StoredSecret, test: StoredVersion): void {
  if (secret.Versions.get(test.VersionId) !== test) return;
  detachStage(test, AWSPENDING);
  if (test.VersionStages.length === 0) secret.Versions.delete(test.VersionId);
}

export function CancelRotateSecret(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.get(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  if (secret.DeletedDate !== undefined) throw markedForDeletion();
  // Labels stay where they are: "If you cancel a rotation in progress, it can leave the VersionStage
  // labels in an unexpected state" (CancelRotateSecret).
  secret.RotationEnabled = false;
  secret.LastChangedDate = ctx.now();
  const pending = versionWithStage(secret, AWSPENDING);
  return { ARN: secret.ARN, Name: secret.Name, VersionId: pending && !pending.VersionStages.includes(AWSCURRENT) ? pending.VersionId : undefined };
}
