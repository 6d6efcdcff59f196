import type { RetryMode } from './ClientConfig.js';
import type { AwsCredentialIdentityProvider } from './Credentials.js';
import type { HttpHandler } from './HttpHandler.js';
import type { Sha256Constructor } from './WebCryptoSha256.js';

/** A setting found in the environment, with where it was found, for error messages. */
export interface FoundSetting<T> {
  readonly value: T;
  /** `AWS_REGION`, `profile "dev" in ~/.aws/config`, ... */
  readonly source: string;
}

/** What a platform found in its environment; each entry only where it was set. */
export interface PlatformSettings {
  readonly region?: FoundSetting<string>;
  readonly useFIPSEndpoint?: FoundSetting<boolean>;
  readonly useDualstackEndpoint?: FoundSetting<boolean>;
  readonly maxErrorRetry?: FoundSetting<number>;
  readonly retryMode?: FoundSetting<RetryMode>;
  readonly userAgentAppId?: FoundSetting<string>;
  readonly serviceURL?: FoundSetting<string>;
}

/** What differs between the Node and the web entry points. */
export interface Platform {
  /** The runtime part of the user agent: `lang/js md/nodejs#20.20.2 os/linux`. */
  readonly userAgent: string;
  /** Whether to send `User-Agent` too (browsers do not let a page set it). */
  readonly sendsUserAgent: boolean;
  createHttpHandler(): HttpHandler;
  /** Reads a response body in full, at most `limit` bytes, giving up when `signal` aborts. */
  readBody(body: unknown, limit: number, signal?: AbortSignal): Promise<Uint8Array>;
  /** A UUID v4, for idempotency tokens and invocation ids. */
  randomUUID(): string;
  /** The SHA-256 the signer uses: WebCrypto on the web, node:crypto in Node; loaded with the signer, at the first call. */
  loadSha256(): Promise<Sha256Constructor>;
  /** Where the platform finds credentials when none are configured. */
  defaultCredentials(): { readonly provider: AwsCredentialIdentityProvider; readonly source: string };
  /** Reads the settings of the environment (variables, profile files); called once, at the first call. */
  loadSettings(): Promise<PlatformSettings>;
}
