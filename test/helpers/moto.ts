/**
 * Integration-test harness around a REAL Secrets Manager emulator (`moto_server`, moto 5.x).
 *
 * `startMoto()` spawns `moto_server` on a free port, bootstraps an IAM user (`sdk-tester`, with an
 * access key and an inline policy allowing `secretsmanager:*` and `sts:AssumeRole`) and a role
 * (`sdk-rotator`) that user may assume, and then turns SigV4 authentication ON. From then on moto
 * verifies every signature and rejects unknown keys, so tests exercise real request signing.
 *
 * This module is deliberately independent of `src/`: it signs with `@smithy/signature-v4` and sends
 * with global `fetch`, so it can act as a reference peer when checking our SDK.
 *
 * Notes on moto's behaviour (5.2.1):
 * - moto routes a request by the service in the Authorization header's credential scope; an unsigned
 *   request is treated as S3. Hence every call here (IAM, STS, Secrets Manager) is signed.
 * - `POST /moto-api/reset` wipes ALL state including the IAM user, so it is not used; use
 *   `uniqueName()` to keep tests from colliding instead.
 * - Signature checking is real but lenient in places: the signing date is not checked for clock
 *   skew (a day-old signature passes); headers added after signing are ignored; and when an
 *   `x-amz-content-sha256` header is signed, moto trusts it and does NOT re-hash the body (without
 *   that header it hashes the body itself). Bad keys -> 403 InvalidClientTokenId, bad signature or a
 *   signed header changed -> 403 SignatureDoesNotMatch, missing IAM permission -> 403 AccessDenied.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll } from 'vitest';

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

const REGION = 'us-east-1' as const;
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;
const READY_POLL_MS = 50;
const STOP_GRACE_MS = 3_000;
const OUTPUT_LINES = 50;
const BOOTSTRAP_CREDENTIALS: MotoCredentials = { accessKeyId: 'AKIABOOTSTRAP', secretAccessKey: 'boot' };
const USER_NAME = 'sdk-tester';
const ROLE_NAME = 'sdk-rotator';
const QUERY_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';
const QUERY_VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' } as const;

let nameCounter = 0;

/** Starts and bootstraps a moto server. Throws (never skips) if `moto_server` is unavailable. */
export async function startMoto(): Promise<Moto> {
  const executable = findOnPath('moto_server');
  if (!executable) {
    throw new Error(
      "moto_server not found: install moto[server] (e.g. `pip install 'moto[server]'`) so that `moto_server` is on PATH",
    );
  }

  // The free port is released before moto binds it, so another process may grab it in between:
  // retry a couple of times when moto dies with "Address already in use".
  let server: Launched | undefined;
  for (let attempt = 1; !server; attempt++) {
    const candidate = launch(executable, await freePort());
    try {
      await waitReady(candidate);
      server = candidate;
    } catch (error) {
      await candidate.stop();
      if (attempt >= 3 || !/address already in use/i.test(candidate.log.text())) throw error;
    }
  }
  const { port, endpoint, log, stop } = server;

  try {
    const bootIam = (params: Record<string, string>) =>
      queryCall(endpoint, port, 'iam', params, BOOTSTRAP_CREDENTIALS, log);

    const userXml = await bootIam({ Action: 'CreateUser', UserName: USER_NAME });
    const userArn = xmlValue(userXml, 'Arn', 'CreateUser');
    const keyXml = await bootIam({ Action: 'CreateAccessKey', UserName: USER_NAME });
    const credentials: MotoCredentials = {
      accessKeyId: xmlValue(keyXml, 'AccessKeyId', 'CreateAccessKey'),
      secretAccessKey: xmlValue(keyXml, 'SecretAccessKey', 'CreateAccessKey'),
    };
    await bootIam({
      Action: 'PutUserPolicy',
      UserName: USER_NAME,
      PolicyName: 'sm',
      PolicyDocument: JSON.stringify(allowPolicy(['secretsmanager:*', 'sts:AssumeRole'])),
    });
    const roleXml = await bootIam({
      Action: 'CreateRole',
      RoleName: ROLE_NAME,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: userArn }, Action: 'sts:AssumeRole' }],
      }),
    });
    const roleArn = xmlValue(roleXml, 'Arn', 'CreateRole');
    await bootIam({
      Action: 'PutRolePolicy',
      RoleName: ROLE_NAME,
      PolicyName: 'sm',
      PolicyDocument: JSON.stringify(allowPolicy(['secretsmanager:*'])),
    });

    // Turn authentication on. The body must be text/plain: a form content type makes moto answer 500.
    const reset = await fetch(`${endpoint}/moto-api/reset-auth`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '0',
    });
    const resetText = await reset.text();
    if (reset.status !== 200) {
      throw new Error(`moto reset-auth failed: HTTP ${reset.status} ${resetText}`);
    }

    let sessionCounter = 0;

    const call = async (
      operation: string,
      input: Record<string, unknown>,
      creds: MotoCredentials = credentials,
    ): Promise<MotoResponse> => {
      const res = await signedFetch(endpoint, port, 'secretsmanager', creds, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `secretsmanager.${operation}`,
      }, JSON.stringify(input));
      let body: any = res.text;
      try {
        body = JSON.parse(res.text);
      } catch {
        // not JSON (e.g. moto's XML auth errors): keep raw text
      }
      return { status: res.status, headers: res.headers, body };
    };

    const send = async <T = any>(operation: string, input: Record<string, unknown>): Promise<T> => {
      const res = await call(operation, input);
      if (res.status < 200 || res.status >= 300) {
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        throw new Error(`moto ${operation} failed: HTTP ${res.status} ${text}`);
      }
      return res.body as T;
    };

    const uniqueName = (prefix = 'test'): string =>
      `${prefix}-${++nameCounter}-${randomBytes(4).toString('hex')}`;

    const moto: Moto = {
      endpoint,
      port,
      region: REGION,
      credentials,
      async assumeRole() {
        const xml = await queryCall(endpoint, port, 'sts', {
          Action: 'AssumeRole',
          RoleArn: roleArn,
          RoleSessionName: `sdk-test-${++sessionCounter}`,
        }, credentials, log);
        return {
          accessKeyId: xmlValue(xml, 'AccessKeyId', 'AssumeRole'),
          secretAccessKey: xmlValue(xml, 'SecretAccessKey', 'AssumeRole'),
          sessionToken: xmlValue(xml, 'SessionToken', 'AssumeRole'),
        };
      },
      call,
      send,
      uniqueName,
      async createSecret(name = uniqueName('secret'), value = `value-${randomBytes(6).toString('hex')}`) {
        const out = await send<{ ARN: string; Name: string; VersionId: string }>('CreateSecret', {
          Name: name,
          SecretString: value,
        });
        return { ARN: out.ARN, Name: out.Name, VersionId: out.VersionId };
      },
      describeSecret(secretId: string) {
        return send('DescribeSecret', { SecretId: secretId });
      },
      output: () => log.text(),
      stop,
    };
    return moto;
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Vitest wiring: starts moto in `beforeAll` (30 s timeout) and stops it in `afterAll`.
 * Usage: `const moto = useMoto();` at file/describe level, then `moto().endpoint` inside tests.
 */
export function useMoto(): () => Moto {
  let moto: Moto | undefined;
  beforeAll(async () => {
    moto = await startMoto();
  }, 30_000);
  afterAll(async () => {
    await moto?.stop();
    moto = undefined;
  });
  return () => {
    if (!moto) throw new Error('moto is not running: call moto() inside tests/hooks after useMoto() started it');
    return moto;
  };
}

// ---------------------------------------------------------------------------------------------
// internals

class OutputBuffer {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly max: number) {}
  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
  }
  text(): string {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].join('\n');
  }
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not determine a free port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

interface Launched {
  port: number;
  endpoint: string;
  log: OutputBuffer;
  /** Set once the process has exited (or failed to spawn). */
  exitInfo(): ExitInfo | undefined;
  stop(): Promise<void>;
}

function launch(executable: string, port: number): Launched {
  const log = new OutputBuffer(OUTPUT_LINES);
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1' };
  // Auth must be OFF while bootstrapping; it is switched on afterwards via /moto-api/reset-auth.
  delete env.INITIAL_NO_AUTH_ACTION_COUNT;
  // On Linux, `setpriv --pdeathsig KILL` (util-linux) makes the kernel kill the server when the spawning
  // thread dies, even if the vitest worker is killed/terminated without running 'exit' handlers.
  // setpriv, the pyenv shim and pyenv all exec, so the spawned PID is still the server.
  const serverArgs = ['-H', HOST, '-p', String(port)];
  const setpriv = process.platform === 'linux' ? findOnPath('setpriv') : undefined;
  const [command, args] = setpriv
    ? [setpriv, ['--pdeathsig', 'KILL', executable, ...serverArgs]]
    : [executable, serverArgs];
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk));

  let exitInfo: ExitInfo | undefined;
  const killOnExit = (): void => {
    if (!exitInfo) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const exited = new Promise<ExitInfo>((resolve) => {
    const done = (info: ExitInfo): void => {
      if (exitInfo) return;
      exitInfo = info;
      process.off('exit', killOnExit);
      resolve(info);
    };
    child.once('exit', (code, signal) => done({ code, signal }));
    child.once('error', (error) => done({ code: null, signal: null, error }));
  });

  let stopping: Promise<void> | undefined;
  return {
    port,
    endpoint: `http://${HOST}:${port}`,
    log,
    exitInfo: () => exitInfo,
    stop() {
      stopping ??= stopChild(child, exited, () => exitInfo !== undefined);
      return stopping;
    },
  };
}

async function waitReady(server: Launched): Promise<void> {
  const { endpoint, log } = server;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  for (;;) {
    const exitInfo = server.exitInfo();
    if (exitInfo) {
      const how = exitInfo.error
        ? exitInfo.error.message
        : `exit code ${exitInfo.code ?? 'null'}, signal ${exitInfo.signal ?? 'none'}`;
      const hint =
        exitInfo.code === 127 ? " (moto_server not found: install moto[server], e.g. `pip install 'moto[server]'`)" : '';
      throw new Error(`moto_server exited before becoming ready (${how})${hint}\n--- moto output ---\n${log.text()}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `moto_server at ${endpoint} not ready after ${READY_TIMEOUT_MS} ms (last: ${lastError})\n--- moto output ---\n${log.text()}`,
      );
    }
    await sleep(READY_POLL_MS);
  }
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<unknown>,
  hasExited: () => boolean,
): Promise<void> {
  if (hasExited()) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!hasExited()) child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function allowPolicy(actions: string[]): object {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
}

function xmlValue(xml: string, tag: string, context: string): string {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  if (!match || match[1] === undefined) throw new Error(`moto ${context}: no <${tag}> in response: ${xml}`);
  return decodeXml(match[1]);
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

async function signedFetch(
  endpoint: string,
  port: number,
  service: string,
  credentials: MotoCredentials,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const signer = new SignatureV4({ credentials, region: REGION, service, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: HOST,
    port,
    path: '/',
    headers: { host: `${HOST}:${port}`, ...headers },
    body,
  });
  const sendHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    // fetch does not allow setting `host`; it derives the same value from the URL.
    if (name.toLowerCase() !== 'host') sendHeaders[name] = value;
  }
  const res = await fetch(`${endpoint}/`, { method: 'POST', headers: sendHeaders, body });
  const text = await res.text();
  const resHeaders: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    resHeaders[name.toLowerCase()] = value;
  });
  return { status: res.status, headers: resHeaders, text };
}

/** Signed Query-protocol (IAM/STS) call; returns the XML body, throws unless 2xx. */
async function queryCall(
  endpoint: string,
  port: number,
  service: 'iam' | 'sts',
  params: Record<string, string>,
  credentials: MotoCredentials,
  log: OutputBuffer,
): Promise<string> {
  const body = new URLSearchParams({ ...params, Version: QUERY_VERSIONS[service] }).toString();
  const res = await signedFetch(endpoint, port, service, credentials, { 'content-type': QUERY_CONTENT_TYPE }, body);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(
      `moto ${service} ${params.Action ?? '?'} failed: HTTP ${res.status} ${res.text}\n--- moto output ---\n${log.text()}`,
    );
  }
  return res.text;
}
