import { ConfigurationException } from '../errors/ConfigurationException.js';
import { CredentialsException } from '../errors/CredentialsException.js';
import type { KnownCredentials } from './KnownCredentials.js';

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

/** What is wrong with a would-be credentials value, phrased to follow "returned" or "is", or undefined. */
function credentialsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `${value === null ? 'null' : typeof value}, not an object with accessKeyId and secretAccessKey`;
  const credentials = value as Partial<AwsCredentialIdentity>;
  if (typeof credentials.accessKeyId !== 'string' || credentials.accessKeyId === '') return 'no accessKeyId';
  if (typeof credentials.secretAccessKey !== 'string' || credentials.secretAccessKey === '') return 'no secretAccessKey';
  if (credentials.sessionToken !== undefined && typeof credentials.sessionToken !== 'string') return 'a sessionToken that is not a string';
  if (credentials.expiration !== undefined && !(credentials.expiration instanceof Date)) return 'an expiration that is not a Date';
  return undefined;
}

/**
 * Holds the client's credentials: fixed ones as given, a provider's cached until shortly before they
 * expire. Concurrent calls that find the cache empty share one provider call.
 */
export class CredentialsCache {
  readonly #provider: AwsCredentialIdentityProvider;
  readonly #source: string;
  readonly #now: () => number;
  readonly #known: KnownCredentials | undefined;
  #current: AwsCredentialIdentity | undefined;
  #pending: Promise<AwsCredentialIdentity> | undefined;

  /** `known` remembers every set the provider returns, so that the client can keep them out of what it reports. */
  constructor(provider: AwsCredentialIdentityProvider, source: string, now: () => number, known?: KnownCredentials) {
    this.#provider = provider;
    this.#source = source;
    this.#now = now;
    this.#known = known;
  }

  /** The cached credentials while they are good for more than the refresh margin, else `undefined`. */
  current(): AwsCredentialIdentity | undefined {
    const current = this.#current;
    return current && (current.expiration === undefined || current.expiration.getTime() - CREDENTIALS_REFRESH_MARGIN_MS > this.#now()) ? current : undefined;
  }

  get(): Promise<AwsCredentialIdentity> {
    const current = this.current();
    if (current) return Promise.resolve(current);
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
      // The provider's own message is kept as the cause, not copied into ours: it may quote a key (the
      // client removes those it knows from the cause before raising it).
      throw new CredentialsException(`The credentials ${this.#source} failed: ${(error as Error)?.name ?? 'error'}. See the cause for details.`, { cause: error });
    }
    // Remembered before it is judged: a set refused here may still be echoed by the provider later.
    if (typeof value === 'object' && value !== null) this.#known?.remember(value);
    const problem = credentialsProblem(value);
    if (problem) throw new CredentialsException(`The credentials ${this.#source} returned ${problem}.`);
    const expiration = (value as AwsCredentialIdentity).expiration;
    if (expiration !== undefined && !(expiration.getTime() > this.#now())) {
      throw new CredentialsException(`The credentials ${this.#source} returned credentials that expired at ${Number.isNaN(expiration.getTime()) ? 'an invalid date' : expiration.toISOString()}.`);
    }
    this.#current = value as AwsCredentialIdentity;
    return this.#current;
  }
}

/** Checks fixed credentials given to the client; the message names the fault, never a key. */
export function checkStaticCredentials(value: unknown): void {
  const problem = credentialsProblem(value);
  if (problem) throw new ConfigurationException(`The credentials option must be a provider function or an object with accessKeyId and secretAccessKey; the object given has ${problem}.`, 'credentials');
}
