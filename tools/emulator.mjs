/**
 * A REAL Secrets Manager emulator (`moto_server`, moto 5.x) for the tests and the demo. Plain
 * JavaScript so the demo runs it with node alone; its types are in emulator.d.mts.
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
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
const REGION = 'us-east-1';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;
const READY_POLL_MS = 50;
const STOP_GRACE_MS = 3_000;
const OUTPUT_LINES = 50;
const BOOTSTRAP_CREDENTIALS = { accessKeyId: 'AKIABOOTSTRAP', secretAccessKey: 'boot' };
const USER_NAME = 'sdk-tester';
const ROLE_NAME = 'sdk-rotator';
const QUERY_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';
const QUERY_VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' };
let nameCounter = 0;
/** Starts and bootstraps a moto server. Throws (never skips) if `moto_server` is unavailable. */
export async function startMoto() {
  const executable = findOnPath('moto_server');
  if (!executable) {
    throw new Error("moto_server not found: install moto[server] (e.g. `pip install 'moto[server]'`) so that `moto_server` is on PATH");
  }
  // The free port is released before moto binds it, so another process may grab it in between:
  // retry a couple of times when moto dies with "Address already in use".
  let server;
  for (let attempt = 1; !server; attempt++) {
    const candidate = launch(executable, await freePort());
    try {
      await waitReady(candidate);
      server = candidate;
    }
    catch (error) {
      await candidate.stop();
      if (attempt >= 3 || !/address already in use/i.test(candidate.log.text()))
        throw error;
    }
  }
  const { port, endpoint, log, stop } = server;
  try {
    const bootIam = (params) => queryCall(endpoint, port, 'iam', params, BOOTSTRAP_CREDENTIALS, log);
    const userXml = await bootIam({ Action: 'CreateUser', UserName: USER_NAME });
    const userArn = xmlValue(userXml, 'Arn', 'CreateUser');
    const keyXml = await bootIam({ Action: 'CreateAccessKey', UserName: USER_NAME });
    const credentials = {
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
    const call = async (operation, input, creds = credentials) => {
      const res = await signedFetch(endpoint, port, 'secretsmanager', creds, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `secretsmanager.${operation}`,
      }, JSON.stringify(input));
      let body = res.text;
      try {
        body = JSON.parse(res.text);
      }
      catch {
        // not JSON (e.g. moto's XML auth errors): keep raw text
      }
      return { status: res.status, headers: res.headers, body };
    };
    const send = async (operation, input) => {
      const res = await call(operation, input);
      if (res.status < 200 || res.status >= 300) {
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        throw new Error(`moto ${operation} failed: HTTP ${res.status} ${text}`);
      }
      return res.body;
    };
    const uniqueName = (prefix = 'test') => `${prefix}-${++nameCounter}-${randomBytes(4).toString('hex')}`;
    const moto = {
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
        const out = await send('CreateSecret', {
          Name: name,
          SecretString: value,
        });
        return { ARN: out.ARN, Name: out.Name, VersionId: out.VersionId };
      },
      describeSecret(secretId) {
        return send('DescribeSecret', { SecretId: secretId });
      },
      output: () => log.text(),
      stop,
    };
    return moto;
  }
  catch (error) {
    await stop();
    throw error;
  }
}
// ---------------------------------------------------------------------------------------------
// internals
class OutputBuffer {
  max;
  lines = [];
  partial = '';
  constructor(max) {
    this.max = max;
  }
  push(chunk) {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      if (this.lines.length > this.max)
        this.lines.shift();
    }
  }
  text() {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].join('\n');
  }
}
function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir)
      continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    }
    catch {
      // keep looking
    }
  }
  return undefined;
}
function freePort() {
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
function launch(executable, port) {
  const log = new OutputBuffer(OUTPUT_LINES);
  const env = { ...process.env, PYTHONUNBUFFERED: '1' };
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
  child.stdout?.on('data', (chunk) => log.push(chunk));
  child.stderr?.on('data', (chunk) => log.push(chunk));
  let exitInfo;
  const killOnExit = () => {
    if (!exitInfo)
      child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const exited = new Promise((resolve) => {
    const done = (info) => {
      if (exitInfo)
        return;
      exitInfo = info;
      process.off('exit', killOnExit);
      resolve(info);
    };
    child.once('exit', (code, signal) => done({ code, signal }));
    child.once('error', (error) => done({ code: null, signal: null, error }));
  });
  let stopping;
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
async function waitReady(server) {
  const { endpoint, log } = server;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  for (;;) {
    const exitInfo = server.exitInfo();
    if (exitInfo) {
      const how = exitInfo.error
        ? exitInfo.error.message
        : `exit code ${exitInfo.code ?? 'null'}, signal ${exitInfo.signal ?? 'none'}`;
      const hint = exitInfo.code === 127 ? " (moto_server not found: install moto[server], e.g. `pip install 'moto[server]'`)" : '';
      throw new Error(`moto_server exited before becoming ready (${how})${hint}\n--- moto output ---\n${log.text()}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200)
        return;
      lastError = `HTTP ${res.status}`;
    }
    catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(`moto_server at ${endpoint} not ready after ${READY_TIMEOUT_MS} ms (last: ${lastError})\n--- moto output ---\n${log.text()}`);
    }
    await sleep(READY_POLL_MS);
  }
}
async function stopChild(child, exited, hasExited) {
  if (hasExited())
    return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!hasExited())
      child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  try {
    await exited;
  }
  finally {
    clearTimeout(timer);
  }
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
function allowPolicy(actions) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
}
function xmlValue(xml, tag, context) {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  if (!match || match[1] === undefined)
    throw new Error(`moto ${context}: no <${tag}> in response: ${xml}`);
  return decodeXml(match[1]);
}
function decodeXml(text) {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
async function signedFetch(endpoint, port, service, credentials, headers, body) {
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
  const sendHeaders = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    // fetch does not allow setting `host`; it derives the same value from the URL.
    if (name.toLowerCase() !== 'host')
      sendHeaders[name] = value;
  }
  const res = await fetch(`${endpoint}/`, { method: 'POST', headers: sendHeaders, body });
  const text = await res.text();
  const resHeaders = {};
  res.headers.forEach((value, name) => {
    resHeaders[name.toLowerCase()] = value;
  });
  return { status: res.status, headers: resHeaders, text };
}
/** Signed Query-protocol (IAM/STS) call; returns the XML body, throws unless 2xx. */
async function queryCall(endpoint, port, service, params, credentials, log) {
  const body = new URLSearchParams({ ...params, Version: QUERY_VERSIONS[service] }).toString();
  const res = await signedFetch(endpoint, port, service, credentials, { 'content-type': QUERY_CONTENT_TYPE }, body);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`moto ${service} ${params.Action ?? '?'} failed: HTTP ${res.status} ${res.text}\n--- moto output ---\n${log.text()}`);
  }
  return res.text;
}
