import { CredentialsException } from './CredentialsException.js';

/**
 * AWS credentials, in the shape the AWS SDK for JavaScript uses (`AwsCredentialIdentity`), so its
 * providers (`fromSSO`, `fromTemporaryCredentials`, `fromWebToken`, ...) plug in unchanged.
 */
export interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  /** When temporary credentials stop working; the client fetches new ones ahead of it. */
  readonly expiration?: Date | undefined;
}

/** An async source of credentials, called when the client needs (fresh) credentials. */
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

/** Credentials are refreshed this long before they expire, so a request never goes out with stale ones. */
export const CREDENTIALS_REFRESH_MARGIN_MS = 5 * 60 * 1000;

function checkCredentials(value: unknown, source: string): AwsCredentialIdentity {
  const credentials = value as Partial<AwsCredentialIdentity> | null | undefined;
  const problem =
    typeof credentials !== 'object' || credentials === null
      ? `returned ${credentials === null ? 'null' : typeof credentials}, not credentials`
      : typeof credentials.accessKeyId !== 'string' || credentials.accessKeyId === ''
        ? 'returned no accessKeyId'
        : typeof credentials.secretAccessKey !== 'string' || credentials.secretAccessKey === ''
          ? 'returned no secretAccessKey'
          : credentials.sessionToken !== undefined && typeof credentials.sessionToken !== 'string'
            ? 'returned a sessionToken that is not a string'
            : credentials.expiration !== undefined && !(credentials.expiration instanceof Date)
              ? 'returned an expiration that is not a Date'
              : undefined;
  if (problem) throw new CredentialsException(`The credentials ${source} ${problem}.`);
  return credentials as AwsCredentialIdentity;
}

/**
 * Holds the client's credentials: fixed ones as given, a provider's cached until shortly before they
 * expire. Concurrent calls that find the cache empty share one provider call.
 */
export class CredentialsCache {
  readonly #provider: AwsCredentialIdentityProvider;
  readonly #source: string;
  readonly #now: () => number;
  #current: AwsCredentialIdentity | undefined;
  #pending: Promise<AwsCredentialIdentity> | undefined;

  constructor(provider: AwsCredentialIdentityProvider, source: string, now: () => number) {
    this.#provider = provider;
    this.#source = source;
    this.#now = now;
  }

  get(): Promise<AwsCredentialIdentity> {
    const current = this.#current;
    if (current && (current.expiration === undefined || current.expiration.getTime() - CREDENTIALS_REFRESH_MARGIN_MS > this.#now())) {
      return Promise.resolve(current);
    }
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(): Promise<AwsCredentialIdentity> {
    let value: unknown;
    try {
      value = await this.#provider();
    } catch (error) {
      if (error instanceof CredentialsException) throw error;
      // The provider's own message is kept as the cause, not copied into ours: it may quote a key.
      throw new CredentialsException(`The credentials ${this.#source} failed: ${(error as Error)?.name ?? 'error'}. See the cause for details.`, { cause: error });
    }
    this.#current = checkCredentials(value, this.#source);
    return this.#current;
  }
}

/** Fixed credentials given to the client, checked at construction. */
export function staticCredentials(value: unknown): AwsCredentialIdentity {
  return checkCredentials(value, 'given in the client configuration');
}
