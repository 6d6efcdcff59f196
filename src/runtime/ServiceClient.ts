import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { abortable } from './abortable.js';
import { AmazonClientException } from './AmazonClientException.js';
import { AmazonServiceException } from './AmazonServiceException.js';
import { AmazonUnmarshallingException } from './AmazonUnmarshallingException.js';
import { ConfigurationException } from './ConfigurationException.js';
import { MAX_RESPONSE_BYTES, SDK_NAME, SDK_VERSION } from './constants.js';
import { CredentialsCache, checkStaticCredentials, type AwsCredentialIdentity, type AwsCredentialIdentityProvider } from './Credentials.js';
import type { HttpHandler, HttpRequest, HttpResponse } from './HttpHandler.js';
import { HttpRequestException } from './HttpRequestException.js';
import { marshallRequest } from './marshallRequest.js';
import { parseErrorResponse } from './parseErrorResponse.js';
import { randomUUID } from './randomUUID.js';
import { readBody } from './readBody.js';
import { checkRegion, parseServiceURL, regionEndpoint, type Endpoint } from './resolveEndpoint.js';
import type { OperationShape, ServiceShape } from './schema.js';
import { UnexpectedMemberError, unmarshallResponse } from './unmarshallResponse.js';

/**
 * The client's options. Names follow .NET's `AmazonSecretsManagerConfig` in camelCase; each default
 * is listed in docs/configuration.md.
 */
export interface ClientConfig {
  /** The AWS region, e.g. `us-east-1` (.NET `RegionEndpoint`). In Node, `AWS_REGION` or `AWS_DEFAULT_REGION` when left out. */
  region?: string;
  /**
   * Fixed credentials, or a provider function such as those of `@aws-sdk/credential-providers`. In Node,
   * `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` when left out; browsers must pass them.
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Sends every request to this URL instead of the region's endpoint (.NET `ServiceURL`); http is allowed here. */
  serviceURL?: string;
  /** The region that signs requests when it cannot be the client's region, e.g. with `serviceURL` (.NET `AuthenticationRegion`). */
  authenticationRegion?: string;
  /** The transport. Defaults: undici with keep-alive in Node, `fetch` elsewhere. Any Smithy-style `HttpHandler` fits. */
  httpHandler?: HttpHandler;
  /** The clock that dates signatures; for tests. */
  clock?: () => Date;
  /** The source of idempotency tokens; for tests. */
  randomUUID?: () => string;
}

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
}

const CONFIG_KEYS = new Set(['region', 'credentials', 'serviceURL', 'authenticationRegion', 'httpHandler', 'clock', 'randomUUID']);

function checkFunction(config: ClientConfig, option: 'clock' | 'randomUUID'): void {
  if (config[option] !== undefined && typeof config[option] !== 'function') {
    throw new ConfigurationException(`The ${option} option must be a function, not ${typeof config[option]}.`, option);
  }
}

/** Checks what can be checked without the environment; the rest is checked when it is resolved. */
function checkConfig(config: ClientConfig): void {
  if (typeof config !== 'object' || config === null) throw new ConfigurationException('The client configuration must be an object.', 'config');
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.has(key)) throw new ConfigurationException(`${JSON.stringify(key)} is not an option of the client (options: ${[...CONFIG_KEYS].join(', ')}).`, key);
  }
  if (config.region !== undefined) checkRegion(config.region);
  if (config.authenticationRegion !== undefined) checkRegion(config.authenticationRegion, 'authenticationRegion');
  if (config.serviceURL !== undefined) parseServiceURL(config.serviceURL);
  if (config.credentials !== undefined && typeof config.credentials !== 'function') checkStaticCredentials(config.credentials);
  if (config.httpHandler !== undefined && typeof config.httpHandler?.handle !== 'function') {
    throw new ConfigurationException('The httpHandler option must have a handle(request, { abortSignal }) method.', 'httpHandler');
  }
  checkFunction(config, 'clock');
  checkFunction(config, 'randomUUID');
}

/** Header names in lower case and one string per header, whatever the transport delivered. */
function normaliseHeaders(headers: HttpResponse['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * The hand-written core under every generated client: one `invoke` that validates, marshals, signs,
 * sends and reads, in that order, with the caller's abort signal checked at every step.
 */
export abstract class ServiceClient {
  readonly #config: ClientConfig;
  readonly #platform: Platform;
  readonly #service: ServiceShape;
  readonly #clock: () => Date;
  readonly #randomUUID: () => string;
  #resolved: Resolved | undefined;

  protected constructor(config: ClientConfig, platform: Platform, service: ServiceShape) {
    checkConfig(config);
    this.#config = { ...config };
    this.#platform = platform;
    this.#service = service;
    this.#clock = config.clock ?? (() => new Date());
    this.#randomUUID = config.randomUUID ?? randomUUID;
  }

  /** Closes the connections the client's own HTTP handler keeps open. The client is not usable afterwards. */
  destroy(): void {
    this.#resolved?.handler.destroy?.();
  }

  #resolve(): Resolved {
    if (this.#resolved) return this.#resolved;
    const config = this.#config;
    const endpoint = config.serviceURL === undefined ? undefined : parseServiceURL(config.serviceURL);
    const region = config.region ?? this.#platform.defaultRegion();
    if (region === undefined && endpoint === undefined) {
      throw new ConfigurationException('No region is configured: pass region (e.g. "us-east-1") to the client, or set AWS_REGION.', 'region');
    }
    const signingRegion = config.authenticationRegion ?? region;
    if (signingRegion === undefined) {
      throw new ConfigurationException('With serviceURL and no region, the client cannot tell which region signs requests: pass region or authenticationRegion.', 'authenticationRegion');
    }
    checkRegion(signingRegion, config.authenticationRegion === undefined ? 'region' : 'authenticationRegion');
    const credentials =
      config.credentials === undefined
        ? new CredentialsCache(this.#platform.defaultCredentials, this.#platform.defaultCredentialsSource, () => this.#clock().getTime())
        : typeof config.credentials === 'function'
          ? new CredentialsCache(config.credentials, 'provider given in the client configuration', () => this.#clock().getTime())
          : new CredentialsCache(async () => config.credentials as AwsCredentialIdentity, 'given in the client configuration', () => 0);
    this.#resolved = {
      endpoint: endpoint ?? regionEndpoint(this.#service.endpointPrefix, checkRegion(region)),
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
    };
    return this.#resolved;
  }

  /**
   * Validates, marshals, signs and sends one call, and reads its answer.
   * @internal
   */
  protected async invoke<Request, Response>(operation: OperationShape<Request, Response>, request: Request, abortSignal?: AbortSignal): Promise<Response> {
    if (abortSignal?.aborted) throw abortSignal.reason;
    const body = JSON.stringify(marshallRequest(operation.input, request, this.#randomUUID));
    const { endpoint, signer, credentials, handler, userAgent } = this.#resolve();

    // Fetched here rather than inside the signer, so that an abort cuts a slow provider short.
    await abortable(credentials.get(), abortSignal);
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
      },
      body,
    };
    const signed = (await signer.sign(unsigned, { signingDate: this.#clock() })) as HttpRequest;
    if (abortSignal?.aborted) throw abortSignal.reason;

    let response: HttpResponse;
    let bytes: Uint8Array;
    // The transport gets a signal of this call alone, which follows the caller's until the call ends.
    // fetch keeps its listener on the signal it is given until garbage collection; on the caller's own
    // long-lived signal those listeners would pile up, one per call.
    const callAbort = abortSignal && new AbortController();
    const forwardAbort = () => callAbort?.abort(abortSignal?.reason);
    abortSignal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      ({ response } = await abortable(handler.handle(signed, { abortSignal: callAbort?.signal }), abortSignal));
      bytes = await readBody(response.body, MAX_RESPONSE_BYTES, abortSignal);
    } catch (error) {
      if (abortSignal?.aborted) throw abortSignal.reason;
      if (error instanceof AmazonClientException || error instanceof AmazonServiceException) throw error;
      throw new HttpRequestException(`${operation.name} could not complete the HTTP exchange with ${endpoint.host}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    } finally {
      abortSignal?.removeEventListener('abort', forwardAbort);
    }

    const headers = normaliseHeaders(response.headers);
    const raw = { statusCode: response.statusCode, headers, body: bytes };
    if (response.statusCode < 200 || response.statusCode >= 300) throw parseErrorResponse(raw, operation, this.#service);
    return this.#readResult(operation, raw);
  }

  #readResult<Response>(operation: OperationShape<unknown, Response>, raw: { statusCode: number; headers: Record<string, string>; body: Uint8Array }): Response {
    const requestId = raw.headers['x-amzn-requestid'] ?? raw.headers['x-amzn-request-id'] ?? raw.headers['x-amz-request-id'];
    const unreadable = (why: string, cause?: unknown) =>
      new AmazonUnmarshallingException(`${operation.name} succeeded (HTTP ${raw.statusCode}) but its response ${why}; the call may have taken effect.`, {
        statusCode: raw.statusCode,
        requestId,
        cause,
      });
    let members: Record<string, unknown> = {};
    if (raw.body.length > 0) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw.body));
      } catch (error) {
        throw unreadable('body is not JSON', error);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unreadable('body is JSON but not an object');
      try {
        members = unmarshallResponse(operation.output, parsed as Record<string, unknown>);
      } catch (error) {
        if (error instanceof UnexpectedMemberError) throw unreadable(`${error.message}`);
        throw error;
      }
    }
    const declaredLength = Number(raw.headers['content-length']);
    return operation.createResponse(members, {
      HttpStatusCode: raw.statusCode,
      ContentLength: Number.isSafeInteger(declaredLength) ? declaredLength : raw.body.length,
      ResponseMetadata: { RequestId: requestId, Metadata: {} },
    });
  }
}
