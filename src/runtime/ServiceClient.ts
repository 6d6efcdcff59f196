import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { abortable } from './abortable.js';
import { AmazonClientException } from './AmazonClientException.js';
import { AmazonServiceException } from './AmazonServiceException.js';
import { checkConfig, type ClientConfig } from './ClientConfig.js';
import { ClientRateLimiter } from './ClientRateLimiter.js';
import { ConfigurationException } from './ConfigurationException.js';
import {
  CLOCK_SKEW_THRESHOLD_MS,
  DEFAULT_MAX_ERROR_RETRY,
  DEFAULT_TIMEOUT_MS,
  MAX_BACKOFF_MS,
  MAX_RESPONSE_BYTES,
  RETRY_BASE_DELAY_MS,
  SDK_NAME,
  SDK_VERSION,
  THROTTLING_BASE_DELAY_MS,
} from './constants.js';
import { CredentialsCache, type AwsCredentialIdentity, type AwsCredentialIdentityProvider } from './Credentials.js';
import type { HttpHandler, HttpRequest, HttpResponse } from './HttpHandler.js';
import { HttpRequestException } from './HttpRequestException.js';
import { LinkedAbort } from './LinkedAbort.js';
import { marshallRequest } from './marshallRequest.js';
import { parseErrorResponse, type RawResponse } from './parseErrorResponse.js';
import { randomUUID } from './randomUUID.js';
import { readBody } from './readBody.js';
import { readResult } from './readResult.js';
import { RequestTimeoutException } from './RequestTimeoutException.js';
import { checkRegion, parseEndpointURL, regionFromHostname, regionName, splitFipsPseudoRegion, type Endpoint } from './endpointConfig.js';
import { CLOCK_SKEW_CODES, retryAfterMs, retryKind, type RetryKind } from './retryRules.js';
import { RetryQuota } from './RetryQuota.js';
import type { OperationShape, ServiceShape } from './schema.js';
import { sleep, type Sleep } from './sleep.js';

export type { ClientConfig } from './ClientConfig.js';

/** What differs between the Node and the web entry points. */
export interface Platform {
  /** Named in the user agent: `node`, `web`. */
  readonly name: string;
  createHttpHandler(): HttpHandler;
  /** Where the platform finds credentials when none are configured. */
  readonly defaultCredentials: AwsCredentialIdentityProvider;
  /** Describes `defaultCredentials` in errors: "from the environment variables ...". */
  readonly defaultCredentialsSource: string;
  defaultRegion(): string | undefined;
}

/** Resolved once, at the first call: reading the environment is not done in the constructor. */
interface Resolved {
  readonly endpoint: Endpoint;
  readonly signer: SignatureV4;
  readonly credentials: CredentialsCache;
  readonly handler: HttpHandler;
  /** `x-amz-user-agent`: this SDK, the API and the platform, in the AWS SDKs' `ua/2.1` form. */
  readonly userAgent: string;
  /** Adaptive retry mode only. */
  readonly rateLimiter: ClientRateLimiter | undefined;
}

/** What one attempt came to. A failure is returned, not thrown, so that the retry loop decides. */
type Attempt<Response> =
  | { readonly ok: true; readonly response: Response }
  | {
      readonly ok: false;
      readonly error: unknown;
      /** The server's `Retry-After` hint, in milliseconds. */
      readonly retryAfter?: number | undefined;
      /** How far the service's clock is ahead of ours, when a rejected signature shows it off by minutes. */
      readonly clockSkew?: number | undefined;
    };

/** Where an attempt stands in its call, for the `amz-sdk-request` header and the response metadata. */
interface AttemptInfo {
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly invocationId: string;
  readonly totalRetryDelay: number;
}

/** Header names in lower case and one string per header, whatever the transport delivered. */
function normaliseHeaders(headers: HttpResponse['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

const finite = (ms: number | undefined): number | undefined => (ms === undefined || ms === Infinity ? undefined : ms);

/**
 * The hand-written core under every generated client: one `invoke` that validates and marshals once,
 * then signs, sends and reads inside one visible retry loop, with the caller's abort signal checked at
 * every step.
 */
export abstract class ServiceClient {
  readonly #config: ClientConfig;
  readonly #platform: Platform;
  readonly #service: ServiceShape;
  readonly #clock: () => Date;
  readonly #randomUUID: () => string;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #quota = new RetryQuota();
  /** Added to the clock when signing, once the service has shown that our clock is off. */
  #clockOffset = 0;
  #resolved: Resolved | undefined;

  protected constructor(config: ClientConfig, platform: Platform, service: ServiceShape) {
    checkConfig(config);
    this.#config = { ...config };
    this.#platform = platform;
    this.#service = service;
    this.#clock = config.clock ?? (() => new Date());
    this.#randomUUID = config.randomUUID ?? randomUUID;
    this.#sleep = config.sleep ?? sleep;
    this.#random = config.random ?? Math.random;
  }

  /** Closes the connections the client's own HTTP handler keeps open. The client is not usable afterwards. */
  destroy(): void {
    this.#resolved?.handler.destroy?.();
  }

  #resolve(): Resolved {
    if (this.#resolved) return this.#resolved;
    const config = this.#config;
    const configured = regionName(config.region) ?? this.#platform.defaultRegion();
    const pseudo = configured === undefined ? undefined : splitFipsPseudoRegion(checkRegion(configured));
    const region = pseudo?.region;
    if (region === undefined && config.serviceURL === undefined) {
      throw new ConfigurationException('No region is configured: pass region (e.g. "us-east-1") to the client, or set AWS_REGION.', 'region');
    }
    const resolved = this.#service.resolveEndpoint({
      Region: region,
      UseFIPS: config.useFIPSEndpoint === true || pseudo?.fips === true,
      UseDualStack: config.useDualstackEndpoint === true,
      Endpoint: config.serviceURL,
    });
    if (resolved.url === undefined) {
      throw new ConfigurationException(`The endpoint cannot be resolved: ${resolved.error}.`, config.serviceURL === undefined ? 'region' : 'serviceURL');
    }
    const endpoint = parseEndpointURL(resolved.url, config.serviceURL === undefined ? 'region' : 'serviceURL');
    // The region that signs follows the endpoint; .NET's AuthenticationRegion overrides it.
    const signingRegion = config.authenticationRegion ?? region ?? regionFromHostname(endpoint.hostname);
    if (signingRegion === undefined) {
      throw new ConfigurationException('With serviceURL and no region, the client cannot tell which region signs requests: pass region or authenticationRegion.', 'authenticationRegion');
    }
    const now = () => this.#clock().getTime();
    const credentials =
      config.credentials === undefined
        ? new CredentialsCache(this.#platform.defaultCredentials, this.#platform.defaultCredentialsSource, now)
        : typeof config.credentials === 'function'
          ? new CredentialsCache(config.credentials, 'provider given in the client configuration', now)
          : new CredentialsCache(async () => config.credentials as AwsCredentialIdentity, 'given in the client configuration', now);
    this.#resolved = {
      endpoint,
      credentials,
      // One signer per client: it caches the derived signing key per day, region and credentials.
      signer: new SignatureV4({
        service: this.#service.signingName,
        region: signingRegion,
        credentials: () => credentials.get(),
        sha256: Sha256,
        // The body hash goes into the signature only, as botocore and .NET do; a verifier re-hashes the body.
        applyChecksum: false,
      }),
      handler: config.httpHandler ?? this.#platform.createHttpHandler(),
      userAgent: `${SDK_NAME}/${SDK_VERSION} ua/2.1 api/${this.#service.sdkId.replaceAll(' ', '_').toLowerCase()}#${this.#service.apiVersion} md/${this.#platform.name}`,
      rateLimiter: config.retryMode === 'adaptive' ? new ClientRateLimiter(() => now() / 1000, this.#sleep) : undefined,
    };
    return this.#resolved;
  }

  /**
   * Validates and marshals the request once (so every attempt carries the same idempotency token),
   * then makes attempts until one succeeds, an error is not retryable, attempts or the retry quota
   * run out, or the call is aborted or out of time.
   * @internal
   */
  protected async invoke<Request, Response>(operation: OperationShape<Request, Response>, request: Request, abortSignal?: AbortSignal): Promise<Response> {
    if (abortSignal?.aborted) throw abortSignal.reason;
    const body = JSON.stringify(marshallRequest(operation.input, request, this.#randomUUID));
    const resolved = this.#resolve();
    const maxAttempts = (this.#config.maxErrorRetry ?? DEFAULT_MAX_ERROR_RETRY) + 1;
    const invocationId = this.#randomUUID();
    const totalTimeout = finite(this.#config.totalTimeout);
    const call = new LinkedAbort(
      abortSignal,
      totalTimeout,
      () => new RequestTimeoutException(`${operation.name} did not complete within the totalTimeout of ${totalTimeout} ms, retries included.`, { scope: 'total', timeout: totalTimeout! }),
    );
    let attempt = 0;
    let totalRetryDelay = 0;
    let lastRetryCost: number | undefined;
    let skewCorrected = false;
    try {
      for (;;) {
        attempt += 1;
        const outcome = await this.#attempt(operation, body, resolved, { attempt, maxAttempts, invocationId, totalRetryDelay }, call.signal);
        const kind = outcome.ok ? undefined : retryKind(outcome.error);
        resolved.rateLimiter?.record(kind === 'throttling');
        if (outcome.ok) {
          this.#quota.release(lastRetryCost);
          return outcome.response;
        }
        // Every later request of this client is signed with the corrected time; this call is retried once for it.
        if (outcome.clockSkew !== undefined) this.#clockOffset += outcome.clockSkew;
        if (attempt >= maxAttempts) throw outcome.error;
        if (outcome.clockSkew !== undefined && !skewCorrected) {
          skewCorrected = true;
          continue;
        }
        if (kind === undefined) throw outcome.error;
        const cost = this.#quota.acquire(kind);
        if (cost === undefined) throw outcome.error;
        lastRetryCost = cost;
        const delay = this.#retryDelay(kind, attempt, outcome.retryAfter);
        await this.#sleep(delay, call.signal);
        totalRetryDelay += delay;
      }
    } catch (error) {
      if (abortSignal?.aborted) throw abortSignal.reason;
      // Out of time: the deadline's own exception, whatever the attempt in flight failed with.
      const failure = call.signal.aborted ? call.signal.reason : error;
      if (failure instanceof AmazonServiceException || failure instanceof AmazonClientException) {
        failure.attempts = attempt;
        failure.totalRetryDelay = totalRetryDelay;
      }
      throw failure;
    } finally {
      call.dispose();
    }
  }

  /** Backoff with full jitter, stretched to a server's `Retry-After` hint but never past {@link MAX_BACKOFF_MS}. */
  #retryDelay(kind: RetryKind, attempt: number, retryAfter: number | undefined): number {
    const base = kind === 'throttling' ? THROTTLING_BASE_DELAY_MS : RETRY_BASE_DELAY_MS;
    const backoff = Math.floor(this.#random() * Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1)));
    return retryAfter === undefined ? backoff : Math.min(MAX_BACKOFF_MS, Math.max(backoff, retryAfter));
  }

  /** One signed request and its answer. Nothing here throws except a bug: failures are returned. */
  async #attempt<Response>(operation: OperationShape<unknown, Response>, body: string, resolved: Resolved, info: AttemptInfo, callSignal: AbortSignal): Promise<Attempt<Response>> {
    const timeout = finite(this.#config.timeout ?? DEFAULT_TIMEOUT_MS);
    // The transport gets a signal of this attempt alone. It also keeps fetch, which holds on to the
    // listener it adds until garbage collection, from piling listeners onto a long-lived caller signal.
    const attemptAbort = new LinkedAbort(
      callSignal,
      timeout,
      () => new RequestTimeoutException(`${operation.name} attempt ${info.attempt} did not complete within the timeout of ${timeout} ms.`, { scope: 'attempt', timeout: timeout! }),
    );
    const signal = attemptAbort.signal;
    const { endpoint, signer, credentials, handler, userAgent, rateLimiter } = resolved;
    try {
      if (rateLimiter) await rateLimiter.acquire(signal);
      // Fetched here rather than inside the signer, so that an abort cuts a slow provider short.
      await abortable(credentials.get(), signal);
      const unsigned: HttpRequest = {
        method: 'POST',
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: endpoint.port,
        path: endpoint.path,
        query: {},
        headers: {
          host: endpoint.host,
          'content-type': this.#service.contentType,
          'x-amz-target': operation.target,
          'x-amz-user-agent': userAgent,
          'amz-sdk-invocation-id': info.invocationId,
          'amz-sdk-request': `attempt=${info.attempt}; max=${info.maxAttempts}`,
        },
        body,
      };
      // Each attempt is signed afresh: a new X-Amz-Date, and the corrected clock after a skew.
      const signed = (await signer.sign(unsigned, { signingDate: new Date(this.#clock().getTime() + this.#clockOffset) })) as HttpRequest;
      if (signal.aborted) throw signal.reason;
      const { response } = await abortable(handler.handle(signed, { abortSignal: signal }), signal);
      const raw: RawResponse = { statusCode: response.statusCode, headers: normaliseHeaders(response.headers), body: await readBody(response.body, MAX_RESPONSE_BYTES, signal) };
      if (raw.statusCode >= 200 && raw.statusCode < 300) {
        return { ok: true, response: readResult(operation, raw, { Attempts: info.attempt, TotalRetryDelay: info.totalRetryDelay }) };
      }
      const error = parseErrorResponse(raw, operation, this.#service);
      return { ok: false, error, retryAfter: retryAfterMs(raw.headers, this.#clock().getTime()), clockSkew: this.#clockSkew(error, raw.headers) };
    } catch (error) {
      // The caller's reason, this attempt's timeout or the call's deadline: the loop tells them apart.
      if (signal.aborted) return { ok: false, error: signal.reason };
      if (error instanceof AmazonClientException || error instanceof AmazonServiceException) return { ok: false, error };
      return {
        ok: false,
        error: new HttpRequestException(`${operation.name} could not complete the HTTP exchange with ${endpoint.host}: ${(error as Error)?.message ?? String(error)}`, { cause: error }),
      };
    } finally {
      attemptAbort.dispose();
    }
  }

  /** How far the service's clock runs ahead of ours, when it rejected a signature and differs by minutes. */
  #clockSkew(error: AmazonServiceException, headers: Readonly<Record<string, string>>): number | undefined {
    if (error.errorCode === undefined || !CLOCK_SKEW_CODES.has(error.errorCode)) return undefined;
    const serverTime = Date.parse(headers.date ?? '');
    if (Number.isNaN(serverTime)) return undefined;
    const skew = serverTime - (this.#clock().getTime() + this.#clockOffset);
    return Math.abs(skew) > CLOCK_SKEW_THRESHOLD_MS ? skew : undefined;
  }
}
