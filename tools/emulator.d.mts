// Types of tools/emulator.mjs.

/** AWS credentials as understood by moto (a `sessionToken` marks temporary STS credentials). */
export interface MotoCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Result of a raw signed call: never thrown for HTTP errors. */
export interface MotoResponse {
  status: number;
  /** Response headers with lower-case keys. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, otherwise the raw text (e.g. moto's 403 XML). */
  body: any;
}

/** A running, bootstrapped moto server with SigV4 authentication turned on. */
export interface Moto {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  endpoint: string;
  /** TCP port the server listens on. */
  port: number;
  /** The only region the harness signs for. */
  region: 'us-east-1';
  /** Long-term access key of the IAM user `sdk-tester` (auth is ON, so these are checked). */
  credentials: MotoCredentials;
  /** STS AssumeRole into `sdk-rotator`: temporary credentials (ASIA... key) with a session token. */
  assumeRole(): Promise<MotoCredentials>;
  /** Signed awsJson1_1 call with the user's credentials (or the ones given); resolves { status, headers (lower-case keys), body (parsed JSON or raw text) }; never throws on HTTP errors */
  call(operation: string, input: Record<string, unknown>, credentials?: MotoCredentials): Promise<MotoResponse>;
  /** Like call() but throws an Error with status and body text unless 2xx */
  send<T = any>(operation: string, input: Record<string, unknown>): Promise<T>;
  /** A secret name unique within this process, e.g. `test-3-1a2b3c4d`. */
  uniqueName(prefix?: string): string;
  /** Creates a secret with a SecretString and returns its ARN and Name */
  createSecret(name?: string, value?: string): Promise<{ ARN: string; Name: string; VersionId: string }>;
  /** DescribeSecret -> VersionIdsToStages etc. */
  describeSecret(secretId: string): Promise<any>;
  /** Captured server output so far (for error messages) */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 3 s). Idempotent. */
  stop(): Promise<void>;
}

/** Starts and bootstraps a moto server. Throws (never skips) if `moto_server` is unavailable. */
export function startMoto(): Promise<Moto>;
