import type { RetryMode } from './ClientConfig.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '../signing/Credentials.js';
import type { HttpHandler, HttpRequest } from '../transport/HttpHandler.js';
import type { AnySignal } from '../cancellation/onAbort.js';

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

/** SigV4 as the client uses it: src/runtime/signing/RequestSigner.ts, with the platform's SHA-256. */
export interface Signer {
  /**
   * Signs `request` with exactly these credentials at `signingDate`: adds its date, session token and
   * authorization headers to it, in place (the client builds a fresh request for every attempt).
   */
  signRequest(request: HttpRequest, options: { credentials: AwsCredentialIdentity; signingDate: Date; unsignableHeaders?: Set<string> }): Promise<HttpRequest>;
}

/** What differs between the Node and the web entry points. */
export interface Platform {
  /** The runtime part of the user agent: `lang/js md/nodejs#20.20.2 os/linux`. */
  readonly userAgent: string;
  /** Whether to send `User-Agent` too (browsers do not let a page set it). */
  readonly sendsUserAgent: boolean;
  createHttpHandler(): HttpHandler;
  /** Reads a response body in full, at most `limit` bytes, giving up when `signal` aborts. */
  readBody(body: unknown, limit: number, signal?: AnySignal): Promise<Uint8Array>;
  /** A UUID v4, for idempotency tokens and invocation ids. */
  randomUUID(): string;
  /**
   * A signer for a service and region, hashing with WebCrypto on the web and node:crypto in Node;
   * made by the first call. Both builds carry it from the start rather than load it then: in Node a
   * file of its own cost the first call more (about 3 ms) than it spared the import (about 1 ms); on
   * the web a chunk of its own added a round trip to the first call and 0.5 KB to what it loads.
   */
  createSigner(init: { readonly service: string; readonly region: string }): Signer;
  /** Where the platform finds credentials when none are configured. */
  defaultCredentials(): { readonly provider: AwsCredentialIdentityProvider; readonly source: string };
  /** Reads the settings of the environment (variables, profile files); called once, at the first call. */
  loadSettings(): Promise<PlatformSettings>;
}
