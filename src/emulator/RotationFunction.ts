/**
 * The event Secrets Manager sends a rotation function, one per step
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html):
 * `SecretId` is the secret's ARN, `ClientRequestToken` the VersionId of the new (AWSPENDING) version,
 * `RotationToken` the token a cross-account function passes to PutSecretValue.
 */
export interface RotationEvent {
  Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
  SecretId: string;
  ClientRequestToken: string;
  RotationToken?: string;
}

/**
 * A rotation function: what a Lambda handler for rotation is. A function returned by
 * `createRotationHandler`, AWS's templates ported to TypeScript, or any function of this shape. It
 * calls the service back (through a client whose `httpHandler` is the emulator) to put and move
 * versions; a rejected promise is a failed step.
 */
export type RotationFunction = (event: RotationEvent, context?: unknown) => Promise<unknown> | unknown;
