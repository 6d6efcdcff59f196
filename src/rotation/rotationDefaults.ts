/**
 * The rotation helpers' figures, in one place (docs/rotation.md lists them).
 *
 * A pending version older than this with rotation on is stuck, not rotating: Secrets Manager runs the
 * four steps one after another, each a Lambda invocation of at most 15 minutes (Lambda's largest
 * timeout, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), so a rotation that
 * is still alive after an hour is not one that will finish.
 */
export const STUCK_AFTER_MS = 60 * 60 * 1000;
/** The first wait between two polls of `waitForRotationAsync`. */
export const POLL_INITIAL_DELAY_MS = 1_000;
/** Each wait is this many times the last one... */
export const POLL_BACKOFF_FACTOR = 2;
/** ...up to this. DescribeSecret's quota is 40,000 calls a second per region; the wait is for the people watching. */
export const POLL_MAX_DELAY_MS = 20_000;
/**
 * What GetRandomPassword leaves out of a new password by default: AWS's rotation template's
 * `EXCLUDE_CHARACTERS` default (aws-samples/aws-secrets-manager-rotation-lambdas,
 * SecretsManagerRotationTemplate/lambda_function.py), characters that break connection strings and shells.
 */
export const DEFAULT_EXCLUDE_CHARACTERS = '/@"\'\\';
