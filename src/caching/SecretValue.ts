/** The members of a GetSecretValue response (or a BatchGetSecretValue entry) that the cache keeps. */
export interface ISecretValue {
  ARN?: string | undefined;
  Name?: string | undefined;
  VersionId?: string | undefined;
  SecretString?: string | undefined;
  SecretBinary?: Uint8Array | undefined;
  VersionStages?: readonly string[] | undefined;
  CreatedDate?: Date | undefined;
}

const REDACTED = '***';
const MEMBERS = ['ARN', 'Name', 'VersionId', 'SecretString', 'SecretBinary', 'VersionStages', 'CreatedDate'] as const;

/**
 * A secret value as the cache holds it: the response's members, frozen, without its HTTP details.
 * `JSON.stringify` and `util.inspect` show `'***'` for `SecretString` and `SecretBinary`, as the
 * client's response classes do, whatever object the client (or a stub) answered with.
 */
export class SecretValue implements ISecretValue {
  declare readonly ARN?: string;
  declare readonly Name?: string;
  declare readonly VersionId?: string;
  declare readonly SecretString?: string;
  declare readonly SecretBinary?: Uint8Array;
  declare readonly VersionStages?: readonly string[];
  declare readonly CreatedDate?: Date;

  constructor(from: ISecretValue) {
    // Member by member: the response may be a class with more (HttpStatusCode, ResponseMetadata).
    for (const name of MEMBERS) {
      const value = from[name];
      // Copies: the client's caller keeps no handle on the cached bytes or list.
      if (value !== undefined) (this as Record<string, unknown>)[name] = value instanceof Uint8Array ? new Uint8Array(value) : Array.isArray(value) ? Object.freeze([...(value as string[])]) : value;
    }
    Object.freeze(this);
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...(this as ISecretValue) };
    if (out.SecretString !== undefined) out.SecretString = REDACTED;
    if (out.SecretBinary !== undefined) out.SecretBinary = REDACTED;
    return out;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, unknown> {
    return this.toJSON();
  }
}
