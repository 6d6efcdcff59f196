import { checkSignature, type EmulatorCredentials } from './checkSignature.js';
import { describeSecret } from './describeSecret.js';
import type { EmulatorContext, RotationStep } from './EmulatorContext.js';
import { OPERATIONS } from './operations/index.js';
import type { Input } from './readInput.js';
import type { RotationEvent, RotationFunction } from './RotationFunction.js';
import { SecretStore } from './SecretStore.js';
import { ServiceError } from './ServiceError.js';
import { AWSCURRENT, type StoredSecret } from './StoredSecret.js';
import { JSON_CONTENT_TYPE, toBase64, toWireJson } from './wire.js';

export interface SecretsManagerEmulatorOptions {
  /** The Region of every secret's ARN. Default `us-east-1`. */
  region?: string;
  /** The account of every ARN. Default `123456789012`. */
  accountId?: string;
  /**
   * Check each request's SigV4 signature against these credentials, as the service does (an unknown
   * key, a wrong signature or a clock more than 5 minutes off is refused). Unset: no checking.
   */
  credentials?: EmulatorCredentials | readonly EmulatorCredentials[];
  /** The clock, in milliseconds since the epoch: recovery windows, dates and signatures follow it. */
  now?: () => number;
  /** Fills `bytes` with random values; default `crypto.getRandomValues`. Passwords, ARNs and UUIDs use it. */
  getRandomValues?: (bytes: Uint8Array) => Uint8Array;
}

/** A request as the emulator reads it: the shape of the client's `HttpRequest`. */
export interface EmulatorRequest {
  method: string;
  protocol?: string;
  hostname: string;
  port?: number | undefined;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

export interface EmulatorResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** One rotation the emulator ran or is running, for tests to wait on and inspect. */
export interface RotationRecord {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly LambdaARN: string;
  /** The steps this rotation invokes, in order. */
  readonly steps: readonly RotationStep[];
  /** The steps that completed. */
  readonly completed: RotationStep[];
  status: 'running' | 'succeeded' | 'failed';
  /** The step whose function call failed, and what it threw. */
  failedStep?: RotationStep;
  error?: unknown;
}

/** A secret to put in the emulator before a test: CreateSecret's members, binary as bytes. */
export interface SeedSecret {
  Name: string;
  SecretString?: string;
  SecretBinary?: Uint8Array;
  Description?: string;
  KmsKeyId?: string;
  Tags?: { Key: string; Value: string }[];
  ClientRequestToken?: string;
}

/** A secret as `inspect` returns it: DescribeSecret's answer with every version and its value. */
export interface InspectedSecret {
  ARN: string;
  Name: string;
  Description?: string;
  DeletedDate?: Date;
  RotationEnabled?: boolean;
  RotationLambdaARN?: string;
  VersionIdsToStages: Record<string, string[]>;
  ResourcePolicy?: string;
  Tags?: { Key: string; Value: string }[];
  Versions: { VersionId: string; VersionStages: string[]; SecretString?: string; SecretBinary?: Uint8Array; CreatedDate: Date }[];
  [member: string]: unknown;
}

/** The credentials a client is given when the emulator checks none. */
const ANY_CREDENTIALS: EmulatorCredentials = { accessKeyId: 'AKIAEMULATOREXAMPLE', secretAccessKey: 'emulator-secret-access-key' };

/**
 * AWS Secrets Manager in memory: every operation of the service, answered on its wire protocol
 * (awsJson1_1). Hand it to the client as its `httpHandler` and every call still goes through the
 * client's signing, marshalling and error parsing:
 *
 * ```ts
 * const emulator = new SecretsManagerEmulator();
 * const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: emulator, credentials: emulator.credentials });
 * emulator.seed({ Name: 'prod/db', SecretString: '{"password":"p"}' });
 * ```
 *
 * The same emulator answers an HTTP server (`startEmulatorServer`, Node) and msw
 * (`amazon-secretsmanager/emulator/msw`). Rotation runs the functions registered with
 * `registerRotationFunction`, after RotateSecret has answered, as the service runs its Lambda.
 */
export class SecretsManagerEmulator {
  readonly region: string;
  readonly accountId: string;
  readonly #credentials: readonly EmulatorCredentials[];
  readonly #now: () => number;
  readonly #getRandomValues: (bytes: Uint8Array) => Uint8Array;
  readonly #store: SecretStore;
  readonly #functions = new Map<string, RotationFunction>();
  readonly #rotations: RotationRecord[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #context: EmulatorContext;

  constructor(options: SecretsManagerEmulatorOptions = {}) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.#credentials = options.credentials === undefined ? [] : ([] as EmulatorCredentials[]).concat(options.credentials as EmulatorCredentials);
    this.#now = options.now ?? Date.now;
    this.#getRandomValues = options.getRandomValues ?? ((bytes) => crypto.getRandomValues(bytes));
    this.#store = new SecretStore(this.#now);
    this.#context = {
      store: this.#store,
      now: this.#now,
      region: this.region,
      accountId: this.accountId,
      randomUUID: () => this.#randomUUID(),
      randomInts: (count, bound) => this.#randomInts(count, bound),
      rotationFunction: (arn) => this.#functions.get(arn),
      startRotation: (secret, token, steps, afterwards) => this.#startRotation(secret, token, steps, afterwards),
    };
  }

  /** Credentials for a client of this emulator: the first of those it checks, or any when it checks none. */
  get credentials(): EmulatorCredentials {
    return this.#credentials[0] ?? ANY_CREDENTIALS;
  }

  /** True when requests must be signed with one of the emulator's credentials. */
  get checksSignatures(): boolean {
    return this.#credentials.length > 0;
  }

  // ---- the HttpHandler face --------------------------------------------------------------------

  /** The client's `HttpHandler` contract: answers the request as the service would. */
  async handle(request: EmulatorRequest, _options?: { abortSignal?: AbortSignal | undefined }): Promise<{ response: EmulatorResponse }> {
    return { response: await this.respond(request) };
  }

  /** Answers one request of the wire protocol. Never throws: every failure is an error response. */
  async respond(request: EmulatorRequest): Promise<EmulatorResponse> {
    const requestId = this.#randomUUID();
    const headers = lowerCaseKeys(request.headers);
    const body = typeof request.body === 'string' ? request.body : request.body === undefined ? '' : new TextDecoder().decode(request.body);
    try {
      if (this.#credentials.length > 0) {
        await checkSignature({ method: request.method, hostname: request.hostname, port: request.port, path: request.path, query: request.query, headers, body }, this.#credentials, this.#now());
      }
      const operation = readOperation(request.method, request.path, headers['x-amz-target']);
      const output = this.#run(operation, parseBody(body));
      return { statusCode: 200, headers: this.#headers(requestId), body: toWireJson(output) };
    } catch (error) {
      const failure = error instanceof ServiceError ? error : new ServiceError('InternalServiceError', 'An error occurred on the server side.', 500);
      if (!(error instanceof ServiceError)) this.internalErrors.push(error);
      return {
        statusCode: failure.statusCode,
        headers: this.#headers(requestId),
        body: JSON.stringify({ __type: failure.code, [failure.modelled ? 'Message' : 'message']: failure.message }),
      };
    }
  }

  /** Errors the emulator itself threw while answering (answered as InternalServiceError): a bug to report. */
  readonly internalErrors: unknown[] = [];

  // ---- seeding and inspecting --------------------------------------------------------------------

  /**
   * Runs an operation directly, with its input as JSON (the wire form: blobs as base64), and returns
   * its output (timestamps as `Date`, blobs as bytes). A failure throws a `ServiceError` with the
   * service's code and message. No signature is checked.
   */
  call(operation: string, input: Record<string, unknown> = {}): Record<string, unknown> {
    return this.#run(operation, JSON.parse(JSON.stringify(input)) as Input) as Record<string, unknown>;
  }

  /** Creates a secret as CreateSecret would, without a client. */
  seed(secret: SeedSecret): { ARN: string; Name: string; VersionId?: string } {
    const { SecretBinary, ...rest } = secret;
    return this.call('CreateSecret', { ...rest, ...(SecretBinary && { SecretBinary: toBase64(SecretBinary) }) }) as { ARN: string; Name: string; VersionId?: string };
  }

  /** A secret's full state, values included (scheduled deletions too), or undefined. */
  inspect(secretId: string): InspectedSecret | undefined {
    const secret = this.#store.find(secretId);
    return secret && inspectSecret(secret);
  }

  /** Every secret held, scheduled deletions included. */
  listSecrets(): InspectedSecret[] {
    return this.#store.all().map((secret) => inspectSecret(secret));
  }

  /** Forgets every secret and rotation (registered functions stay). */
  reset(): void {
    this.#store.clear();
    this.#rotations.length = 0;
    this.internalErrors.length = 0;
  }

  // ---- rotation ---------------------------------------------------------------------------------

  /**
   * Registers a rotation function under a Lambda function's name or ARN and returns the ARN to give
   * RotateSecret as `RotationLambdaARN`.
   */
  registerRotationFunction(nameOrArn: string, fn: RotationFunction): string {
    const arn = nameOrArn.startsWith('arn:') ? nameOrArn : `arn:aws:lambda:${this.region}:${this.accountId}:function:${nameOrArn}`;
    this.#functions.set(arn, fn);
    return arn;
  }

  /** Every rotation started so far, oldest first. */
  get rotations(): readonly RotationRecord[] {
    return this.#rotations;
  }

  /** Resolves when no rotation is running (rotations started meanwhile included), with every record. */
  async waitForRotations(): Promise<readonly RotationRecord[]> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
    return this.#rotations;
  }

  #startRotation(secret: StoredSecret, token: string, steps: readonly RotationStep[], afterwards?: () => void): void {
    const record: RotationRecord = { SecretId: secret.ARN, ClientRequestToken: token, LambdaARN: secret.RotationLambdaARN!, steps, completed: [], status: 'running' };
    const fn = this.#functions.get(record.LambdaARN)!;
    this.#rotations.push(record);
    // After the RotateSecret answer has gone: the service invokes the function asynchronously.
    const run = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => this.#runRotation(record, fn))
      .finally(() => {
        afterwards?.();
        this.#running.delete(run);
      });
    this.#running.add(run);
  }

  async #runRotation(record: RotationRecord, fn: RotationFunction): Promise<void> {
    for (const step of record.steps) {
      const event: RotationEvent = { Step: step, SecretId: record.SecretId, ClientRequestToken: record.ClientRequestToken, RotationToken: this.#randomUUID() };
      try {
        await fn(event, { functionName: record.LambdaARN.split(':').pop(), invokedFunctionArn: record.LambdaARN, awsRequestId: this.#randomUUID() });
      } catch (error) {
        // The labels stay as the function left them: AWSPENDING on the new version, AWSCURRENT where
        // it was, so the next RotateSecret is refused until someone repairs it (as on the service).
        record.status = 'failed';
        record.failedStep = step;
        record.error = error;
        return;
      }
      record.completed.push(step);
    }
    const secret = this.#store.find(record.SecretId);
    const done = record.steps.length === 1 || secret?.Versions.get(record.ClientRequestToken)?.VersionStages.includes(AWSCURRENT) === true;
    if (!done) {
      record.status = 'failed';
      record.error = new Error(`finishSecret returned, but AWSCURRENT is not on version ${record.ClientRequestToken}.`);
      return;
    }
    record.status = 'succeeded';
    if (secret && record.steps.length > 1) secret.LastRotatedDate = secret.RotationScheduleStart = this.#now();
  }

  // ---- internals --------------------------------------------------------------------------------

  /** `Date` is the emulator's clock: a client corrects its clock skew from it, as from the service's. */
  #headers(requestId: string): Record<string, string> {
    return { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId, date: new Date(this.#now()).toUTCString() };
  }

  #run(operation: string, input: Input): object {
    const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!handler) throw new ServiceError('UnknownOperationException', `Secrets Manager has no operation ${operation}.`, 400, false);
    return handler(this.#context, input);
  }

  #randomInts(count: number, bound: number): number[] {
    // Rejection sampling over 32-bit values: no modulo bias.
    const limit = Math.floor(0x1_0000_0000 / bound) * bound;
    const out: number[] = [];
    while (out.length < count) {
      const words = new Uint32Array(this.#getRandomValues(new Uint8Array(4 * (count - out.length))).buffer);
      for (const word of words) if (word < limit && out.length < count) out.push(word % bound);
    }
    return out;
  }

  #randomUUID(): string {
    const b = this.#getRandomValues(new Uint8Array(16));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/** awsJson1_1: `POST /` with `X-Amz-Target: secretsmanager.<Operation>`. */
function readOperation(method: string, path: string, target: string | undefined): string {
  if (method.toUpperCase() !== 'POST' || path !== '/') {
    throw new ServiceError('UnknownOperationException', `Secrets Manager answers POST / only, not ${method} ${path}.`, 404, false);
  }
  const prefix = 'secretsmanager.';
  if (target === undefined || !target.startsWith(prefix)) {
    throw new ServiceError('UnknownOperationException', 'The X-Amz-Target header must name a Secrets Manager operation: secretsmanager.<Operation>.', 400, false);
  }
  return target.slice(prefix.length);
}

function parseBody(text: string): Input {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON.', 400, false);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ServiceError('SerializationException', 'The request body must be a JSON object.', 400, false);
  return value as Input;
}

function inspectSecret(secret: StoredSecret): InspectedSecret {
  const described = describeSecret(secret);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(described)) if (value !== undefined) out[key] = value;
  if (secret.ResourcePolicy !== undefined) out['ResourcePolicy'] = secret.ResourcePolicy;
  out['Versions'] = [...secret.Versions.values()].map((v) => ({
    VersionId: v.VersionId,
    VersionStages: [...v.VersionStages],
    ...(v.SecretString !== undefined && { SecretString: v.SecretString }),
    ...(v.SecretBinary !== undefined && { SecretBinary: v.SecretBinary.slice() }),
    CreatedDate: new Date(v.CreatedDate),
  }));
  return out as InspectedSecret;
}
