import { ConfigurationException } from '../errors/ConfigurationException.js';
import { checkStaticCredentials, type AwsCredentialIdentity, type AwsCredentialIdentityProvider } from '../signing/Credentials.js';
import type { HttpHandler } from '../transport/HttpHandler.js';
import { checkRegion, parseEndpointURL, regionName } from './endpointConfig.js';
import type { Sleep } from '../retries/sleep.js';

/** How failed attempts are retried (.NET `RequestRetryMode`). */
export type RetryMode = 'standard' | 'adaptive';

/**
 * Receives one line per attempt: operation, attempt, status or failure, latency, request id. Never a
 * header, a body, a credential or a signature. `console` fits.
 */
export interface Logger {
  info(message: string): void;
}

/**
 * The client's options. Names follow .NET's `AmazonSecretsManagerConfig` in camelCase; each default
 * is listed in docs/configuration.md.
 */
export interface ClientConfig {
  /**
   * The AWS region: a name such as `us-east-1`, or a `RegionEndpoint` (`RegionEndpoint.EUWest1`), as
   * .NET's `RegionEndpoint`. In Node, `AWS_REGION` or `AWS_DEFAULT_REGION` when left out.
   */
  region?: string | { readonly systemName: string };
  /** Send to the region's FIPS 140 endpoint (.NET `UseFIPSEndpoint`); default false. */
  useFIPSEndpoint?: boolean;
  /** Send to the region's dual-stack (IPv6) endpoint where the partition has one (.NET `UseDualstackEndpoint`); default false. */
  useDualstackEndpoint?: boolean;
  /**
   * Fixed credentials, or a provider function such as those of `@aws-sdk/credential-providers`. In Node,
   * `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` when left out; browsers must pass them.
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * Sends every request to this URL instead of the region's endpoint (.NET `ServiceURL`); http is allowed
   * here. As AWS's endpoint rules say, it cannot be combined with `useFIPSEndpoint` or `useDualstackEndpoint`.
   */
  serviceURL?: string;
  /** The region that signs requests when it cannot be the client's region, e.g. with `serviceURL` (.NET `AuthenticationRegion`). */
  authenticationRegion?: string;
  /** Retries after the first attempt (.NET `MaxErrorRetry`); default 2, so three attempts in all. 0 turns retries off. */
  maxErrorRetry?: number;
  /** `standard` (default) or `adaptive`, which also slows the client down when the service throttles it (.NET `RetryMode`). */
  retryMode?: RetryMode;
  /** Milliseconds one attempt may take before it is cut off and retried (.NET `Timeout`); default 30 000, `Infinity` for none. */
  timeout?: number;
  /** Milliseconds the whole call may take, retries and waits included; default none. */
  totalTimeout?: number;
  /** The transport. Defaults: node:http(s) with keep-alive in Node, `fetch` elsewhere. Any Smithy-style `HttpHandler` fits, and `UndiciHttpHandler`. */
  httpHandler?: HttpHandler;
  /** Receives one line per attempt (.NET `LogResponse` with a logger); default none. */
  logger?: Logger;
  /** Your application's name, added to the user agent as `app/<id>` (.NET `ClientAppId`); at most 50 characters. In Node also `AWS_SDK_UA_APP_ID`. */
  userAgentAppId?: string;
  /**
   * Whether a signature the service rejects as dated minutes away from its own clock makes the client
   * sign with the service's time from then on, and retry that call once (.NET `CorrectForClockSkew`);
   * default true. `false` for those who must not have their clock second-guessed.
   */
  correctClockSkew?: boolean;
  /** The clock that dates signatures and measures clock skew; for tests. */
  clock?: () => Date;
  /** The source of idempotency tokens and invocation ids; for tests. */
  randomUUID?: () => string;
  /** The wait between attempts; for tests. Must reject with `signal.reason` when the signal aborts. */
  sleep?: Sleep;
  /** A number in [0, 1) for backoff jitter; for tests. */
  random?: () => number;
}

const OPTIONS = [
  'region',
  'useFIPSEndpoint',
  'useDualstackEndpoint',
  'credentials',
  'serviceURL',
  'authenticationRegion',
  'maxErrorRetry',
  'retryMode',
  'timeout',
  'totalTimeout',
  'httpHandler',
  'logger',
  'userAgentAppId',
  'correctClockSkew',
  'clock',
  'randomUUID',
  'sleep',
  'random',
] as const satisfies readonly (keyof ClientConfig)[];

const describe = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value);

function checkDuration(config: ClientConfig, option: 'timeout' | 'totalTimeout'): void {
  const value = config[option];
  // setTimeout holds at most 2^31 - 1 ms; Infinity stands for "no limit".
  if (value !== undefined && !(typeof value === 'number' && value > 0 && (value <= 2 ** 31 - 1 || value === Infinity))) {
    throw new ConfigurationException(`The ${option} option must be a number of milliseconds above 0 (at most 2147483647, or Infinity for none), not ${describe(value)}.`, option);
  }
}

/** Checks what can be checked without the environment; the rest is checked when it is resolved. */
export function checkConfig(config: ClientConfig): void {
  if (typeof config !== 'object' || config === null) throw new ConfigurationException('The client configuration must be an object.', 'config');
  for (const key of Object.keys(config)) {
    if (!(OPTIONS as readonly string[]).includes(key)) throw new ConfigurationException(`${JSON.stringify(key)} is not an option of the client (options: ${OPTIONS.join(', ')}).`, key);
  }
  if (config.region !== undefined) checkRegion(regionName(config.region));
  if (config.authenticationRegion !== undefined) checkRegion(config.authenticationRegion, 'authenticationRegion');
  if (config.serviceURL !== undefined) parseEndpointURL(config.serviceURL);
  for (const option of ['useFIPSEndpoint', 'useDualstackEndpoint', 'correctClockSkew'] as const) {
    if (config[option] !== undefined && typeof config[option] !== 'boolean') {
      throw new ConfigurationException(`The ${option} option must be true or false, not ${describe(config[option])}.`, option);
    }
  }
  if (config.credentials !== undefined && typeof config.credentials !== 'function') checkStaticCredentials(config.credentials);
  if (config.maxErrorRetry !== undefined && !(Number.isSafeInteger(config.maxErrorRetry) && config.maxErrorRetry >= 0 && config.maxErrorRetry <= 100)) {
    throw new ConfigurationException(`The maxErrorRetry option must be a whole number from 0 to 100, not ${describe(config.maxErrorRetry)}.`, 'maxErrorRetry');
  }
  if (config.retryMode !== undefined && config.retryMode !== 'standard' && config.retryMode !== 'adaptive') {
    throw new ConfigurationException(`The retryMode option must be "standard" or "adaptive", not ${describe(config.retryMode)}.`, 'retryMode');
  }
  checkDuration(config, 'timeout');
  checkDuration(config, 'totalTimeout');
  if (config.httpHandler !== undefined && typeof config.httpHandler?.handle !== 'function') {
    throw new ConfigurationException('The httpHandler option must have a handle(request, { abortSignal }) method.', 'httpHandler');
  }
  if (config.logger !== undefined && typeof config.logger?.info !== 'function') {
    throw new ConfigurationException('The logger option must have an info(message) method, as console has.', 'logger');
  }
  if (config.userAgentAppId !== undefined) checkAppId(config.userAgentAppId, 'userAgentAppId');
  for (const option of ['clock', 'randomUUID', 'sleep', 'random'] as const) {
    if (config[option] !== undefined && typeof config[option] !== 'function') {
      throw new ConfigurationException(`The ${option} option must be a function, not ${describe(config[option])}.`, option);
    }
  }
}

/** An app id as the AWS SDKs accept it: 1 to 50 characters; what a header cannot carry becomes `-`. */
export function checkAppId(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 50) {
    throw new ConfigurationException(`The ${option} must be a string of 1 to 50 characters, not ${describe(value)}.`, option);
  }
  return value.replace(/[^!#$%&'*+\-.^_`|~0-9A-Za-z]/g, '-');
}
