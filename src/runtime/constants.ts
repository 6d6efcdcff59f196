/**
 * Every default of the client in one place; docs/configuration.md has the same table with the .NET
 * counterparts. Change a number here and there together.
 */

/** This package's name and version, sent in `x-amz-user-agent`; a test keeps it equal to package.json. */
export const SDK_NAME = 'amazon-secretsmanager';
export const SDK_VERSION = '0.1.0';

/**
 * The largest response body read, in bytes. The largest real answer (BatchGetSecretValue: 20 secrets
 * of 64 KiB, base64-encoded, plus metadata) stays far below it; a larger body is refused rather than
 * buffered, so a misbehaving proxy cannot exhaust memory.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
