import { registerException } from './brand.js';

/** Why `getSecretJson` could not produce a value. */
export type SecretValidationReason = 'no-string' | 'not-json' | 'invalid';

/**
 * Thrown by `getSecretJson` when the secret's value is not what was asked for: it holds no text
 * (`no-string`), its text is not JSON (`not-json`), or the Standard Schema validator rejected it
 * (`invalid`; `paths` lists where). The message names the secret and the paths that failed, never a
 * value: a validator's own messages can quote the input, so they are not kept either. The failure is
 * cached with the version it was found in, so an invalid secret is validated once, not at every read.
 */
export class SecretValidationException extends Error {
  static {
    registerException(this, 'SecretValidationException');
  }
  readonly secretId: string;
  readonly reason: SecretValidationReason;
  /** Where the validator found the value wrong, as dotted paths (`db.port`, `hosts[2]`); `''` for the root. */
  readonly paths: readonly string[];

  constructor(secretId: string, reason: SecretValidationReason, paths: readonly string[] = []) {
    super(
      reason === 'no-string'
        ? `Secret '${secretId}' has no text to read as JSON.`
        : reason === 'not-json'
          ? `Secret '${secretId}' is not valid JSON.`
          : `Secret '${secretId}' failed validation at ${paths.map((path) => (path === '' ? '(the root)' : path)).join(', ')}.`,
    );
    this.secretId = secretId;
    this.reason = reason;
    this.paths = paths;
  }
}
