// A stand-in for the service behind SecretsManagerCache's unit tests: the three operations the cache
// uses, over secrets held in memory, answering with the client's own response and exception classes.
// Every call is recorded; `hold()` keeps answers back until released, `fail` injects an error.
import type { CacheClient } from '../../src/caching/index.js';
import {
  BatchGetSecretValueResponse,
  DescribeSecretResponse,
  GetSecretValueResponse,
  InvalidRequestException,
  ResourceNotFoundException,
  type IBatchGetSecretValueRequest,
  type IDescribeSecretRequest,
  type IGetSecretValueRequest,
} from '../../src/index.node.js';

export interface StubVersion {
  id: string;
  string?: string;
  binary?: Uint8Array;
  stages: string[];
}

export interface StubSecret {
  name: string;
  arn: string;
  versions: StubVersion[];
  nextRotation?: Date;
  rotationEnabled?: boolean;
  deleted?: boolean;
}

export type StubOperation = 'GetSecretValue' | 'DescribeSecret' | 'BatchGetSecretValue';

/** A version id of the service's length (32 to 64 characters). */
export const versionId = (n: number): string => `v${n}`.padEnd(32, '0');

export class SecretsStub implements Required<CacheClient> {
  readonly secrets = new Map<string, StubSecret>();
  readonly calls: { op: StubOperation; id: string | undefined }[] = [];
  /** Returns an error to throw for a call, or undefined to answer normally. */
  fail: ((op: StubOperation, id: string | undefined) => unknown) | undefined;
  #held: (() => void)[] | undefined;
  #versions = 0;

  /** Adds a secret with one version, AWSCURRENT. */
  add(name: string, value: string | Uint8Array, extra: Partial<Omit<StubSecret, 'name' | 'versions'>> = {}): StubSecret {
    const secret: StubSecret = { name, arn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`, versions: [], ...extra };
    this.secrets.set(name, secret);
    this.put(name, value);
    return secret;
  }

  /** A new AWSCURRENT version; the previous one becomes AWSPREVIOUS, as PutSecretValue does. */
  put(name: string, value: string | Uint8Array): string {
    const secret = this.secrets.get(name)!;
    for (const version of secret.versions) version.stages = version.stages.includes('AWSCURRENT') ? ['AWSPREVIOUS'] : version.stages.filter((stage) => stage !== 'AWSPREVIOUS');
    const id = versionId(++this.#versions);
    secret.versions.push(typeof value === 'string' ? { id, string: value, stages: ['AWSCURRENT'] } : { id, binary: value, stages: ['AWSCURRENT'] });
    return id;
  }

  count(op?: StubOperation): number {
    return this.calls.filter((call) => op === undefined || call.op === op).length;
  }

  /** Holds every answer until `release()`. */
  hold(): void {
    this.#held ??= [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const go of held) go();
  }

  async #answer<T>(op: StubOperation, id: string | undefined, signal: AbortSignal | undefined, answer: () => T): Promise<T> {
    this.calls.push({ op, id });
    if (signal?.aborted) throw signal.reason;
    if (this.#held) {
      await new Promise<void>((resolve, reject) => {
        this.#held!.push(resolve);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    } else {
      await null;
    }
    const error = this.fail?.(op, id);
    if (error !== undefined) throw error;
    return answer();
  }

  /** The secret `id` names, as the service finds it: by name, full ARN, or partial ARN (the ARN without its `-AbCdEf`). */
  #lookup(id: string): StubSecret | undefined {
    return this.secrets.get(id) ?? [...this.secrets.values()].find((s) => s.arn === id || s.arn === `${id}-AbCdEf`);
  }

  #find(id: string): StubSecret {
    const secret = this.#lookup(id);
    if (!secret) throw new ResourceNotFoundException("Secrets Manager can't find the specified secret.", { statusCode: 400, errorCode: 'ResourceNotFoundException', errorType: 'Sender' });
    return secret;
  }

  getSecretValueAsync(request: IGetSecretValueRequest, signal?: AbortSignal): Promise<GetSecretValueResponse> {
    return this.#answer('GetSecretValue', request.SecretId, signal, () => {
      const secret = this.#find(request.SecretId);
      if (secret.deleted) throw new InvalidRequestException("You can't perform this operation on the secret because it was marked for deletion.", { statusCode: 400, errorCode: 'InvalidRequestException', errorType: 'Sender' });
      const stage = request.VersionStage ?? 'AWSCURRENT';
      const version = secret.versions.find((v) => (request.VersionId ? v.id === request.VersionId : v.stages.includes(stage)));
      if (!version) throw new ResourceNotFoundException("Secrets Manager can't find the specified secret value for staging label: " + stage, { statusCode: 400, errorCode: 'ResourceNotFoundException', errorType: 'Sender' });
      return new GetSecretValueResponse({ ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: version.stages, SecretString: version.string, SecretBinary: version.binary, HttpStatusCode: 200 });
    });
  }

  describeSecretAsync(request: IDescribeSecretRequest, signal?: AbortSignal): Promise<DescribeSecretResponse> {
    return this.#answer('DescribeSecret', request.SecretId, signal, () => {
      const secret = this.#find(request.SecretId);
      return new DescribeSecretResponse({
        ARN: secret.arn,
        Name: secret.name,
        RotationEnabled: secret.rotationEnabled ?? secret.nextRotation !== undefined,
        NextRotationDate: secret.nextRotation,
        DeletedDate: secret.deleted ? new Date(0) : undefined,
        VersionIdsToStages: Object.fromEntries(secret.versions.filter((v) => v.stages.length > 0).map((v) => [v.id, v.stages])),
        HttpStatusCode: 200,
      });
    });
  }

  batchGetSecretValueAsync(request: IBatchGetSecretValueRequest, signal?: AbortSignal): Promise<BatchGetSecretValueResponse> {
    return this.#answer('BatchGetSecretValue', request.SecretIdList?.join(','), signal, () => {
      const response = new BatchGetSecretValueResponse({ SecretValues: [], Errors: [], HttpStatusCode: 200 });
      for (const id of request.SecretIdList ?? []) {
        const secret = this.#lookup(id);
        const version = secret?.versions.find((v) => v.stages.includes('AWSCURRENT'));
        if (!secret || !version || secret.deleted) response.Errors!.push({ SecretId: id, ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
        else response.SecretValues!.push({ ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: version.stages, SecretString: version.string, SecretBinary: version.binary });
      }
      return response;
    });
  }
}

/** A clock the test moves by hand, and a random source it sets. */
export function manualTime(start = Date.UTC(2026, 0, 1)) {
  const time = { now: start, random: 0.5 };
  return { time, Clock: () => time.now, Random: () => time.random };
}

/** Lets every pending promise callback run (the stub answers after one microtask). */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};
