import { abortable } from './cancellation/abortable.js';
import { AmazonClientException } from './errors/AmazonClientException.js';
import { AmazonServiceException } from './errors/AmazonServiceException.js';
import { AmazonUnmarshallingException } from './errors/AmazonUnmarshallingException.js';
import { checkAppId, checkConfig, type ClientConfig, type RetryMode } from './config/ClientConfig.js';
import type { ClientRateLimiter } from './retries/ClientRateLimiter.js';
import { ConfigurationException } from './errors/ConfigurationException.js';
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
} from './config/constants.js';
import { CLIENT_SIGNAL, HONOURS_CLIENT_SIGNAL, type ClientSignal } from './cancellation/ClientSignal.js';
import { CredentialsCache, type AwsCredentialIdentity } from './signing/Credentials.js';
import { KnownCredentials } from './signing/KnownCredentials.js';
import type { HttpHandler, HttpHandlerOptions, HttpRequest, HttpResponse } from './transport/HttpHandler.js';
import { HttpRequestException } from './errors/HttpRequestException.js';
import { LinkedAbort } from './cancellation/LinkedAbort.js';
import { loadPart } from './config/loadPart.js';
import { marshallRequest } from './protocol/marshallRequest.js';
import { parseErrorResponse, type RawResponse } from './protocol/parseErrorResponse.js';
import { readResult, requestIdOf, unreadableResult } from './protocol/readResult.js';
import { RequestTimeoutException } from './errors/RequestTimeoutException.js';
import { checkRegion, parseEndpointURL, regionFromHostname, regionName, splitFipsPseudoRegion, type Endpoint } from './config/endpointConfig.js';
import type { Platform, PlatformSettings, Signer } from './config/Platform.js';
import { CLOCK_SKEW_CODES, retryAfterMs, retryKind, type RetryKind } from './retries/retryRules.js';
import { RetryQuota } from './retries/RetryQuota.js';
import type { OperationShape, ServiceShape } from './protocol/schema.js';
import { sleep, type Sleep } from './retries/sleep.js';

export type { ClientConfig } from './config/ClientConfig.js';

// `await using client = ...` type-checks where the lib has no ESNext.Disposable (a web project without
// @types/node): the same declaration @types/node makes. The symbol itself is only used where it exists.
declare global {
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol;
  }
}
export type { Platform } from './config/Platform.js';

/** Resolved once, at the first call: reading the environment is not done in the constructor. */
interface Resolved {
  readonly endpoint: Endpoint;
  readonly maxAttempts: number;
  readonly signer: Signer;
  readonly credentials: CredentialsCache;
  readonly handler: HttpHandler;
  /** `x-amz-user-agent`: this SDK, the platform, the API, the retry mode and the app id, in the AWS SDKs' `ua/2.1` form. */
  readonly userAgent: string;
  /** Adaptive retry mode only. */
  readonly rateLimiter: ClientRateLimiter | undefined;
}

/** What one attempt came to. A failure is returned, not thrown, so that the retry loop decides. */
type Attempt<Response> =
  | { readonly ok: true; readonly response: Response; readonly statusCode: number; readonly requestId: string | undefined }
  | {
      readonly ok: false;
      readonly error: unknown;
      /** The server's `Retry-After` hint, in milliseconds. */
      readonly retryAfter?: number | undefined;
      /**
       * The clock offset measured from the answer (the service's time minus ours when it came), when a
       * rejected signature shows that the request was dated minutes away from the service's time.
       */
      readonly clockOffset?: number | undefined;
    };

/** How a failed attempt is followed: at once after a clock skew, else after a backoff that took `cost` quota tokens. */
type RetryDecision = { readonly clockSkew: true } | { readonly clockSkew: false; readonly cost: number; readonly delay: number };

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
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name];
    // A repeated header counts by its first value, as .NET reads it: a joined "A, A" is no error code.
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name.toLowerCase()] = String(first);
  }
  return out;
}

/**
 * Besides the signer's own list (user-agent and the hop-by-hop headers): the user agent names the
 * runtime's version, which proxies and runtimes rewrite, and a signature must not depend on it.
 */
const UNSIGNED_HEADERS = new Set(['x-amz-user-agent']);

/**
 * The transport's options for one attempt. The standard AbortSignal is made only if the handler reads
 * it; the client's own Node handler takes the attempt's {@link ClientSignal} instead. A class, for its
 * getter on the prototype: an object literal would define it anew on every attempt, at a cost.
 */
class AttemptOptions implements HttpHandlerOptions {
  readonly [CLIENT_SIGNAL]: ClientSignal;

  constructor(signal: ClientSignal) {
    this[CLIENT_SIGNAL] = signal;
  }

  get abortSignal(): AbortSignal {
    return this[CLIENT_SIGNAL].abortSignal;
  }
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
  /** The time in milliseconds: `Date.now`, or the injected clock's. */
  readonly #now: () => number;
  readonly #randomUUID: () => string;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #quota = new RetryQuota();
  /** Every credential value the client was given or fetched, kept out of what it raises and logs. */
  readonly #known = new KnownCredentials();
  /**
   * Added to the clock when signing, once the service has shown that our clock is off: the last
   * measured difference, set and never added to, so that calls corrected together agree.
   */
  #clockOffset = 0;
  #resolving: Promise<Resolved> | undefined;
  /** The transport the client made itself (not one given to it), once resolved, for destroy(). */
  #ownHandler: HttpHandler | undefined;
  #destroyed = false;
  /** The method below, under its well-known name where the runtime has `Symbol.asyncDispose`. */
  declare [Symbol.asyncDispose]: () => Promise<void>;

  /**
   * `await using client = new SecretsManagerClient()`: destroy() when the scope ends. Keyed by
   * `Symbol.asyncDispose` where the runtime knows it, else by a symbol nobody can name (never by the
   * string "undefined"). A computed key rather than a static block: see registerException.
   */
  [(Symbol as { asyncDispose?: symbol }).asyncDispose ?? Symbol()](): Promise<void> {
    this.destroy();
    return Promise.resolve();
  }

  protected constructor(config: ClientConfig, platform: Platform, service: ServiceShape) {
    checkConfig(config);
    this.#config = { ...config };
    this.#platform = platform;
    this.#service = service;
    const clock = config.clock;
    this.#now = clock === undefined ? Date.now : () => clock().getTime();
    this.#randomUUID = config.randomUUID ?? platform.randomUUID;
    this.#sleep = config.sleep ?? sleep;
    this.#random = config.random ?? Math.random;
  }

  /**
   * Closes the connections the client's own HTTP handler keeps open (.NET `Dispose`); a handler given
   * in `httpHandler` is left to its owner. Calls made afterwards fail with `AmazonClientException`.
   * Also `await using` via `Symbol.asyncDispose`.
   */
  destroy(): void {
    this.#destroyed = true;
    this.#ownHandler?.destroy?.();
  }

  /** Resolved once and shared by concurrent first calls; a failure is not kept, so a fixed environment is seen next time. */
  #resolve(): Promise<Resolved> {
    this.#resolving ??= this.#load().catch((error: unknown) => {
      this.#resolving = undefined;
      throw error;
    });
    return this.#resolving;
  }

  async #load(): Promise<Resolved> {
    const config = this.#config;
    // The environment is read only for what the configuration leaves open.
    const open = config.region === undefined || config.useFIPSEndpoint === undefined || config.useDualstackEndpoint === undefined || config.maxErrorRetry === undefined || config.retryMode === undefined || config.userAgentAppId === undefined || config.serviceURL === undefined;
    const settings: PlatformSettings = open ? await this.#platform.loadSettings() : {};
    const setting = <T>(option: keyof ClientConfig, value: T | undefined, found: { value: T; source: string } | undefined) =>
      value !== undefined ? { value, source: option as string } : found;

    const regionSetting = setting('region', regionName(config.region) as string | undefined, settings.region);
    const pseudo = regionSetting === undefined ? undefined : splitFipsPseudoRegion(checkRegion(regionSetting.value, regionSetting.source));
    const region = pseudo?.region;
    const serviceURL = setting('serviceURL', config.serviceURL, settings.serviceURL);
    if (region === undefined && serviceURL === undefined) {
      throw new ConfigurationException('No region is configured: pass region (e.g. "us-east-1") to the client, or set AWS_REGION or a region in the shared config file.', 'region');
    }
    const resolved = this.#service.resolveEndpoint({
      Region: region,
      UseFIPS: (config.useFIPSEndpoint ?? settings.useFIPSEndpoint?.value) === true || pseudo?.fips === true,
      UseDualStack: (config.useDualstackEndpoint ?? settings.useDualstackEndpoint?.value) === true,
      Endpoint: serviceURL?.value,
    });
    const endpointOption = serviceURL?.source ?? regionSetting?.source ?? 'region';
    if (resolved.url === undefined) throw new ConfigurationException(`The endpoint cannot be resolved: ${resolved.error}.`, endpointOption);
    const endpoint = parseEndpointURL(resolved.url, endpointOption);
    // The region that signs follows the endpoint; .NET's AuthenticationRegion overrides it.
    const signingRegion = config.authenticationRegion ?? region ?? regionFromHostname(endpoint.hostname);
    if (signingRegion === undefined) {
      throw new ConfigurationException('With serviceURL and no region, the client cannot tell which region signs requests: pass region or authenticationRegion.', 'authenticationRegion');
    }

    const now = this.#now;
    const fallback = config.credentials === undefined ? this.#platform.defaultCredentials() : undefined;
    const known = this.#known;
    if (typeof config.credentials === 'object') known.remember(config.credentials);
    const credentials =
      fallback !== undefined
        ? new CredentialsCache(fallback.provider, fallback.source, now, known)
        : typeof config.credentials === 'function'
          ? new CredentialsCache(config.credentials, 'provider given in the client configuration', now, known)
          : new CredentialsCache(async () => config.credentials as AwsCredentialIdentity, 'given in the client configuration', now, known);
    const retryMode: RetryMode = config.retryMode ?? settings.retryMode?.value ?? 'standard';
    const appId = setting('userAgentAppId', config.userAgentAppId, settings.userAgentAppId);
    const handler = config.httpHandler ?? (this.#ownHandler = this.#platform.createHttpHandler());
    return {
      endpoint,
      maxAttempts: (config.maxErrorRetry ?? settings.maxErrorRetry?.value ?? DEFAULT_MAX_ERROR_RETRY) + 1,
      credentials,
      // One signer per client: it caches the derived signing key per day, region and credentials.
      signer: this.#platform.createSigner({ service: this.#service.signingName, region: signingRegion }),
      handler,
      userAgent: [
        `${SDK_NAME}/${SDK_VERSION}`,
        'ua/2.1',
        this.#platform.userAgent,
        `api/${this.#service.sdkId.replaceAll(' ', '_').toLowerCase()}#${this.#service.apiVersion}`,
        `cfg/retry-mode#${retryMode}`,
        ...(appId === undefined ? [] : [`app/${checkAppId(appId.value, appId.source)}`]),
      ].join(' '),
      // Loaded only in adaptive mode: in a bundle it is a chunk of its own that standard mode never fetches.
      rateLimiter: retryMode === 'adaptive' ? new (await loadPart('adaptive rate limiter', () => import('./retries/ClientRateLimiter.js'))).ClientRateLimiter(() => now() / 1000, this.#sleep) : undefined,
    };
  }

  /**
   * Validates and marshals the request once (so every attempt carries the same idempotency token),
   * then makes attempts until one succeeds, an error is not retryable, attempts or the retry quota
   * run out, or the call is aborted or out of time.
   * @internal
   */
  protected async invoke<Request, Response>(operation: OperationShape<Request, Response>, request: Request, abortSignal?: AbortSignal): Promise<Response> {
    if (abortSignal?.aborted) throw abortSignal.reason;
    if (this.#destroyed) throw new AmazonClientException(`${operation.name} was called on a client that has been destroyed; create a new client.`);
    const body = JSON.stringify(marshallRequest(operation.input, request, this.#randomUUID));
    const resolved = await abortable(this.#resolve(), abortSignal);
    const { maxAttempts } = resolved;
    const invocationId = this.#randomUUID();
    const totalTimeout = finite(this.#config.totalTimeout);
    // The call's own signal only where there is something to follow: the caller's signal or a deadline.
    const call =
      abortSignal === undefined && totalTimeout === undefined
        ? undefined
        : new LinkedAbort(
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
        const started = this.#now();
        const outcome = await this.#attempt(operation, body, resolved, { attempt, maxAttempts, invocationId, totalRetryDelay }, call?.signal);
        const latency = this.#now() - started;
        const kind = outcome.ok ? undefined : retryKind(outcome.error);
        resolved.rateLimiter?.record(kind === 'throttling');
        if (outcome.ok) {
          this.#log(operation, attempt, maxAttempts, latency, outcome, undefined);
          this.#quota.release(lastRetryCost);
          return outcome.response;
        }
        // Every later request of this client is signed with the corrected time; this call is retried once for it.
        // Set, not added: calls in flight together each measure the same difference (AWS's SDKs do the
        // same: aws-sdk-js-v3 packages/core/src/submodules/httpAuthSchemes/utils/getUpdatedSystemClockOffset.ts returns `serverTime - timeResponseReceived`).
        if (outcome.clockOffset !== undefined) this.#clockOffset = outcome.clockOffset;
        const retry = this.#retryDecision(outcome, kind, attempt, maxAttempts, skewCorrected);
        this.#log(operation, attempt, maxAttempts, latency, outcome, retry);
        if (retry === undefined) throw outcome.error;
        if (retry.clockSkew) {
          skewCorrected = true;
          continue;
        }
        lastRetryCost = retry.cost;
        await this.#sleep(retry.delay, call?.signal.abortSignal);
        totalRetryDelay += retry.delay;
      }
    } catch (error) {
      if (abortSignal?.aborted) throw abortSignal.reason;
      // Out of time: the deadline's own exception, whatever the attempt in flight failed with.
      const failure = call?.signal.aborted ? call.signal.reason : error;
      if (failure instanceof AmazonServiceException || failure instanceof AmazonClientException) {
        failure.attempts = attempt;
        failure.totalRetryDelay = totalRetryDelay;
        failure.retryable = retryKind(failure) !== undefined;
      }
      // A provider's error (the cause) may quote a key it returned earlier; a service's may quote the session token.
      throw this.#known.scrub(failure);
    } finally {
      call?.dispose();
    }
  }

  /**
   * Whether a failed attempt is tried again: not past the last attempt; at once, and once per call,
   * after a clock skew; otherwise only a retryable failure, and only while the retry quota lasts.
   */
  #retryDecision(
    outcome: Attempt<unknown> & { ok: false },
    kind: RetryKind | undefined,
    attempt: number,
    maxAttempts: number,
    skewCorrected: boolean,
  ): RetryDecision | undefined {
    if (attempt >= maxAttempts) return undefined;
    if (outcome.clockOffset !== undefined && !skewCorrected) return { clockSkew: true };
    if (kind === undefined) return undefined;
    const cost = this.#quota.acquire(kind);
    if (cost === undefined) return undefined;
    return { clockSkew: false, cost, delay: this.#retryDelay(kind, attempt, outcome.retryAfter) };
  }

  /** Backoff with full jitter, stretched to a server's `Retry-After` hint but never past {@link MAX_BACKOFF_MS}. */
  #retryDelay(kind: RetryKind, attempt: number, retryAfter: number | undefined): number {
    const base = kind === 'throttling' ? THROTTLING_BASE_DELAY_MS : RETRY_BASE_DELAY_MS;
    const backoff = Math.floor(this.#random() * Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1)));
    return retryAfter === undefined ? backoff : Math.min(MAX_BACKOFF_MS, Math.max(backoff, retryAfter));
  }

  /** One line per attempt for the configured logger: what happened, how long it took, what comes next; never a known credential. */
  #log(
    operation: OperationShape<unknown, unknown>,
    attempt: number,
    maxAttempts: number,
    latency: number,
    outcome: Attempt<unknown>,
    retry: RetryDecision | undefined,
  ): void {
    const logger = this.#config.logger;
    if (logger === undefined) return;
    let what: string;
    let requestId: string | undefined;
    if (outcome.ok) {
      what = `HTTP ${outcome.statusCode}`;
      requestId = outcome.requestId;
    } else if (outcome.error instanceof AmazonServiceException) {
      what = `HTTP ${outcome.error.statusCode} ${outcome.error.errorCode ?? 'without an error code'}`;
      requestId = outcome.error.requestId;
    } else {
      what = (outcome.error as Error | undefined)?.name ?? 'failure';
    }
    const next = outcome.ok ? '' : retry === undefined ? '; not retried' : retry.clockSkew ? '; retrying at once with the corrected clock' : `; retrying in ${retry.delay} ms`;
    logger.info(this.#known.redact(`${operation.target} attempt ${attempt}/${maxAttempts}: ${what} in ${latency} ms${requestId === undefined ? '' : `, request id ${requestId}`}${next}`));
  }

  /** One signed request and its answer. Nothing here throws except a bug: failures are returned. */
  async #attempt<Response>(operation: OperationShape<unknown, Response>, body: string, resolved: Resolved, info: AttemptInfo, callSignal: ClientSignal | undefined): Promise<Attempt<Response>> {
    const timeout = finite(this.#config.timeout ?? DEFAULT_TIMEOUT_MS);
    // Adaptive mode's wait for a send token comes before the attempt: it is not the attempt's time.
    if (resolved.rateLimiter) {
      try {
        await resolved.rateLimiter.acquire(callSignal?.abortSignal);
      } catch (error) {
        return { ok: false, error: callSignal?.aborted ? callSignal.reason : error };
      }
    }
    // The transport gets a signal of this attempt alone. It also keeps fetch, which holds on to the
    // listener it adds until garbage collection, from piling listeners onto a long-lived caller signal.
    const attemptAbort = new LinkedAbort(
      callSignal,
      timeout,
      () => new RequestTimeoutException(`${operation.name} attempt ${info.attempt} did not complete within the timeout of ${timeout} ms.`, { scope: 'attempt', timeout: timeout! }),
    );
    const signal = attemptAbort.signal;
    const { endpoint, signer, credentials, handler, userAgent } = resolved;
    try {
      // Fetched here, under the abort signal, so that an abort cuts a slow provider short; the request
      // is signed with exactly these credentials.
      const identity = credentials.current() ?? (await abortable(credentials.get(), signal));
      const headers: Record<string, string> = {
        host: endpoint.host,
        'content-type': this.#service.contentType,
        'x-amz-target': operation.target,
        'x-amz-user-agent': userAgent,
      };
      if (this.#platform.sendsUserAgent) headers['user-agent'] = userAgent;
      headers['amz-sdk-invocation-id'] = info.invocationId;
      headers['amz-sdk-request'] = `attempt=${info.attempt}; max=${info.maxAttempts}`;
      const request: HttpRequest = { method: 'POST', protocol: endpoint.protocol, hostname: endpoint.hostname, port: endpoint.port, path: endpoint.path, query: {}, headers, body };
      // Each attempt's request is built and signed afresh: a new X-Amz-Date, and the corrected clock after a skew.
      const signingDate = this.#now() + this.#clockOffset;
      await signer.signRequest(request, { credentials: identity, signingDate: new Date(signingDate), unsignableHeaders: UNSIGNED_HEADERS });
      if (signal.aborted) throw signal.reason;
      const raw = await this.#exchange(operation, endpoint, handler, request, signal);
      if (raw.statusCode >= 200 && raw.statusCode < 300) {
        const response = readResult(operation, raw, { Attempts: info.attempt, TotalRetryDelay: info.totalRetryDelay });
        return { ok: true, response, statusCode: raw.statusCode, requestId: requestIdOf(raw.headers) };
      }
      const error = parseErrorResponse(raw, operation, this.#service);
      return {
        ok: false,
        error,
        retryAfter: retryAfterMs(raw.headers, this.#now() + this.#clockOffset),
        clockOffset: this.#config.correctClockSkew === false ? undefined : this.#measuredOffset(error, raw.headers, signingDate),
      };
    } catch (error) {
      // The caller's reason, this attempt's timeout or the call's deadline: the loop tells them apart.
      // An answer whose body could not be read stays that, timed out or not. Anything else (a
      // credentials failure, or a bug) is returned as it is and never retried.
      return { ok: false, error: signal.aborted && !(error instanceof AmazonUnmarshallingException) ? signal.reason : error };
    } finally {
      attemptAbort.dispose();
    }
  }

  /**
   * The transport's part: hand the request over and read the whole answer. What fails here is a
   * transport failure (`HttpRequestException`, transient unless the handler says otherwise).
   */
  async #exchange(operation: OperationShape<unknown, unknown>, endpoint: Endpoint, handler: HttpHandler, request: HttpRequest, signal: ClientSignal): Promise<RawResponse> {
    try {
      const pending = handler.handle(request, new AttemptOptions(signal));
      const honoured = (handler as { [HONOURS_CLIENT_SIGNAL]?: unknown })[HONOURS_CLIENT_SIGNAL] === handler.handle;
      const { response } = await (honoured ? pending : abortable(pending, signal));
      const headers = normaliseHeaders(response.headers);
      try {
        return { statusCode: response.statusCode, headers, body: await this.#platform.readBody(response.body, MAX_RESPONSE_BYTES, signal) };
      } catch (error) {
        // A 2xx: the service has acted, whatever became of the body (cut off, over the limit, or too slow
        // for the attempt's timeout). Not a transport failure to retry, but an answer that could not be read.
        // The caller's abort and the call's deadline stay what they are.
        // Aborted, the attempt's signal holds its own timeout (scope 'attempt'), the call's deadline or the caller's reason.
        const attemptTimedOut = (signal.reason as RequestTimeoutException | undefined)?.scope === 'attempt';
        if (response.statusCode >= 200 && response.statusCode < 300 && (!signal.aborted || attemptTimedOut)) {
          throw unreadableResult(operation.name, response.statusCode, headers, 'body could not be read', attemptTimedOut ? signal.reason : error);
        }
        throw error;
      }
    } catch (error) {
      if (signal.aborted || error instanceof AmazonClientException || error instanceof AmazonServiceException) throw error;
      throw new HttpRequestException(`${operation.name} could not complete the HTTP exchange with ${endpoint.host}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
  }

  /**
   * The offset to sign with (the service's time minus ours, now), when the service rejected a signature
   * and its `Date` is minutes away from the date this request was signed with. Judged against the
   * request's own date, not the offset of the moment: a call signed before a concurrent call corrected
   * the clock is still seen as skewed, and retried with the corrected time.
   */
  #measuredOffset(error: AmazonServiceException, headers: Readonly<Record<string, string>>, signingDate: number): number | undefined {
    if (error.errorCode === undefined || !CLOCK_SKEW_CODES.has(error.errorCode)) return undefined;
    const serverTime = Date.parse(headers.date ?? '');
    // X-Amz-Date has room for years 0000 to 9999 only: a Date beyond it is not a clock to follow.
    if (Number.isNaN(serverTime) || serverTime < 0 || serverTime >= Date.UTC(10000, 0, 1)) return undefined;
    return Math.abs(serverTime - signingDate) > CLOCK_SKEW_THRESHOLD_MS ? serverTime - this.#now() : undefined;
  }
}

/**
 * Sends one operation through `client`: what the per-operation functions of the generated code
 * (`rotateSecretAsync(client, request)`) call, so that an app bundles only the operations it names.
 * `invoke` stays protected on the class, out of the completion lists of the client's users.
 * @internal
 */
export async function invoke<Request, Response>(client: ServiceClient, operation: OperationShape<Request, Response>, request: Request, abortSignal?: AbortSignal): Promise<Response> {
  // Duck-typed, not instanceof: a client from another copy of the package works as well.
  const target = client as unknown as { invoke?: (o: typeof operation, r: Request, s?: AbortSignal) => Promise<Response> } | undefined;
  if (typeof target?.invoke !== 'function') {
    throw new AmazonClientException(`${operation.name} needs the client that sends it as its first argument: ${operation.name[0]!.toLowerCase()}${operation.name.slice(1)}Async(client, request, abortSignal).`);
  }
  return target.invoke(operation, request, abortSignal);
}
