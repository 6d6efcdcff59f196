/** The four steps Secrets Manager invokes a rotation function for, in this order. */
export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

/** The steps, in the order Secrets Manager runs them. */
export const ROTATION_STEPS: readonly RotationStep[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

/**
 * The event Secrets Manager sends a rotation function
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html).
 */
export interface RotationEvent {
  Step: RotationStep;
  /** The secret's ARN. */
  SecretId: string;
  /** The id of the version the rotation creates, labelled `AWSPENDING` by the service before the first step. */
  ClientRequestToken: string;
  /**
   * Names the source of the rotation; a function that assumes a role, or rotates a secret of another
   * account, passes it to PutSecretValue. Sent by the service since 2025.
   */
  RotationToken?: string;
}
