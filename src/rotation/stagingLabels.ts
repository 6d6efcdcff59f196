/**
 * The staging labels Secrets Manager's rotation moves between versions
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/whats-in-a-secret.html#term_version).
 */
export const AWSCURRENT = 'AWSCURRENT';
/** The label of the version a rotation is creating; it becomes `AWSCURRENT` when the rotation finishes. */
export const AWSPENDING = 'AWSPENDING';
/** The label the service moves to the version `AWSCURRENT` left. */
export const AWSPREVIOUS = 'AWSPREVIOUS';
