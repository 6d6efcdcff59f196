// The SDK in a REAL browser: Debian's headless Chromium, driven by playwright-core, runs a page that
// imports the package by name (bundled by esbuild with the `browser` condition, so the web build) and
// calls moto, with moto's SigV4 verification on, across origins through a CORS proxy. `npm test` builds
// dist/ first; this file fails loudly, never skips, when dist/ or /usr/bin/chromium is missing.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IRotateSecretRequest } from '../src/index.js';
import type { ErrorResult, RotationResult, Target } from './browser/page.js';
import { CORS_ALLOWED_HEADERS, startCorsProxy, type CorsProxy } from './helpers/corsProxy.js';
import { useMoto, type MotoCredentials } from './helpers/moto.js';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAGE_SCRIPT = join(ROOT, 'test/browser/page.ts');
const OUT_DIR = join(ROOT, 'test/browser/out'); // esbuild's output names only: nothing is written (write: false)

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>amazon-secretsmanager in a browser</title>
<script type="module" src="/page.js"></script></head><body></body></html>`;

/** The page bundle: file name → contents, and what esbuild put where. */
interface Bundle {
  files: Map<string, string>;
  metafile: Metafile;
  /** The chunk that holds @aws-crypto/sha256-js, loaded only where WebCrypto is missing. */
  sha256Chunk: string;
}

async function bundlePage(): Promise<Bundle> {
  const result = await build({
    entryPoints: [PAGE_SCRIPT],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    conditions: ['browser'],
    format: 'esm',
    // Splitting keeps the lazily imported pure-JS SHA-256 in a chunk of its own, fetched only when needed.
    splitting: true,
    outdir: OUT_DIR,
    write: false,
    metafile: true,
    target: 'es2022',
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((file) => [basename(file.path), file.text]));
  const sha256Chunk = Object.entries(result.metafile.outputs).find(([, output]) => Object.keys(output.inputs).some((input) => input.includes('node_modules/@aws-crypto/sha256-js/')))?.[0];
  if (sha256Chunk === undefined) throw new Error('the page bundle has no chunk with @aws-crypto/sha256-js');
  return { files, metafile: result.metafile, sha256Chunk: basename(sha256Chunk) };
}

/** The static page server: a second 127.0.0.1 port, so the page's calls to the proxy are cross-origin. */
interface PageServer {
  readonly url: string;
  /** Paths requested so far. */
  readonly served: string[];
  close(): Promise<void>;
}

async function startPageServer(bundle: Bundle): Promise<PageServer> {
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    served.push(path);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML);
      return;
    }
    const file = bundle.files.get(path.slice(1));
    if (file === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(file);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

let bundle: Bundle;
let proxy: CorsProxy | undefined;
let pageServer: PageServer | undefined;
let browser: Browser | undefined;
/** Why the rig did not start. Thrown again before every test, so that each one FAILS with it: none is skipped. */
let setupError: unknown;
let browserStarting: Promise<void> | undefined;

/** Chromium and the page: what needs no emulator. */
async function startBrowserAndPage(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's Chromium (apt-get install -y chromium; .ci/run installs it).`);
  }
  if (!existsSync(join(ROOT, 'dist/esm/index.js'))) {
    throw new Error('dist/esm/index.js is missing: the browser test bundles the built package; run `npm run build` (`npm test` does it first).');
  }
  // Each one is kept as soon as it runs, so that afterAll stops it even when the other failed.
  const started = await Promise.allSettled([
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }).then((launched) => {
      browser = launched;
    }),
    bundlePage().then(async (built) => {
      bundle = built;
      pageServer = await startPageServer(built);
    }),
  ]);
  for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
}

// Hooks run in order: this one (not awaited) lets Chromium start and esbuild bundle while moto boots.
beforeAll(() => {
  browserStarting = startBrowserAndPage().catch((error: unknown) => {
    setupError = error;
  });
});

const moto = useMoto();

beforeAll(async () => {
  await browserStarting;
  if (setupError === undefined) proxy = await startCorsProxy(moto().endpoint);
});

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

afterAll(async () => {
  await browserStarting;
  await Promise.all([browser?.close(), proxy?.close(), pageServer?.close()]);
});

/** Per test: one browser context and page, the console errors it logged, and the ones the test expects. */
let context: BrowserContext | undefined;
let consoleErrors: string[] = [];
let expectedConsoleErrors: RegExp[] = [];

afterEach(async () => {
  if (proxy) proxy.hold = false;
  await context?.close();
  context = undefined;
  const unexpected = consoleErrors.filter((text) => !expectedConsoleErrors.some((pattern) => pattern.test(text)));
  consoleErrors = [];
  expectedConsoleErrors = [];
  expect(unexpected, 'unexpected errors on the page console').toEqual([]);
});

/** Opens the test page in a fresh context (its own preflight cache), after an optional init script. */
async function openPage(options: { init?: () => void; expectConsoleErrors?: RegExp[] } = {}): Promise<Page> {
  expectedConsoleErrors = options.expectConsoleErrors ?? [];
  context = await browser!.newContext();
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  if (options.init) await page.addInitScript(options.init);
  await page.goto(`${pageServer!.url}/`);
  await page.waitForFunction(() => 'sdkTest' in window, undefined, { timeout: 5_000 });
  return page;
}

/** The page and a fresh secret, made side by side. */
async function pageWithSecret(options?: Parameters<typeof openPage>[0]): Promise<{ page: Page; secret: { ARN: string; Name: string; VersionId: string } }> {
  const [page, secret] = await Promise.all([openPage(options), moto().createSecret()]);
  return { page, secret };
}

function target(credentials: MotoCredentials = moto().credentials): Target {
  return { endpoint: proxy!.url, region: moto().region, credentials };
}

const rotate = (page: Page, t: Target, secretId: string): Promise<RotationResult> => page.evaluate(([t, id]) => window.sdkTest.rotate(t, id), [t, secretId] as const);

async function failure(page: Page, t: Target, request: IRotateSecretRequest): Promise<ErrorResult> {
  const outcome = await page.evaluate(([t, r]) => window.sdkTest.fail(t, r), [t, request] as const);
  if (!outcome.threw) throw new Error(`expected the call to fail, it answered ${JSON.stringify(outcome.result)}`);
  return outcome;
}

/** The promise's value, or 'timed out' after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<'timed out'>((done) => (timer = setTimeout(() => done('timed out'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** What an error response logs on Chromium's console: the failed resource, expected for the error tests. */
const failedResource = (status: number) => new RegExp(`^Failed to load resource: the server responded with a status of ${status}\\b`);

const NOT_AN_AWS_ERROR = { AmazonServiceException: false, AmazonSecretsManagerException: false, ResourceNotFoundException: false, InvalidRequestException: false, InvalidParameterException: false, AmazonClientException: false, RequestValidationException: false };

describe('the SDK in headless Chromium', () => {
  it('bundles the package by name with the browser condition: the web build, no Node code, sha256-js in a lazy chunk', () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('dist/esm/index.js');
    expect(inputs).toContain('dist/esm/runtime/signing/WebCryptoSha256.js');
    expect(inputs.filter((input) => input.includes('dist/esm/index.node.js') || input.includes('dist/esm/node/') || input.includes('node_modules/undici/'))).toEqual([]);
    const entry = bundle.metafile.outputs[Object.keys(bundle.metafile.outputs).find((name) => basename(name) === 'page.js')!]!;
    const lazy = entry.imports.filter((imported) => basename(imported.path) === bundle.sha256Chunk);
    expect(lazy.map((imported) => imported.kind)).toEqual(['dynamic-import']);
  });

  it('rotates a secret across origins: VersionId, status and request id come back, and moto shows the new version AWSCURRENT', async () => {
    const { page, secret } = await pageWithSecret();
    const res = await rotate(page, target(), secret.Name);
    expect(res.Name).toBe(secret.Name);
    expect(res.ARN).toBe(secret.ARN);
    expect(res.HttpStatusCode).toBe(200);
    expect(res.VersionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Readable only because the proxy exposes it: CORS hides every header not safelisted or exposed.
    const sent = proxy!.requests.at(-1)!;
    expect(res.RequestId).toMatch(/^\w{20,}$/);
    expect(res.RequestId).toBe(sent.response?.headers['x-amzn-requestid']);
    expect((await moto().describeSecret(secret.Name)).VersionIdsToStages).toEqual({ [secret.VersionId]: ['AWSPREVIOUS'], [res.VersionId!]: ['AWSCURRENT'] });
    // The browser really went through CORS: a preflight from the page's origin, asking for exactly the SDK's headers.
    const preflight = proxy!.preflights.at(-1)!;
    expect(preflight).toEqual({
      origin: pageServer!.url,
      method: 'POST',
      requestHeaders: ['amz-sdk-invocation-id', 'amz-sdk-request', 'authorization', 'content-type', 'x-amz-date', 'x-amz-target', 'x-amz-user-agent'],
    });
    expect(sent.headers.origin).toBe(pageServer!.url);
  });

  it('signs with temporary credentials: X-Amz-Security-Token passes the preflight and moto checks the session', async () => {
    const [temporary, { page, secret }] = await Promise.all([moto().assumeRole(), pageWithSecret()]);
    const res = await rotate(page, target(temporary), secret.Name);
    expect((await moto().describeSecret(secret.Name)).VersionIdsToStages[res.VersionId!]).toEqual(['AWSCURRENT']);
    expect(proxy!.requests.at(-1)!.headers['x-amz-security-token']).toBe(temporary.sessionToken);
    expect(proxy!.preflights.at(-1)!.requestHeaders).toContain('x-amz-security-token');
    expect(CORS_ALLOWED_HEADERS).toEqual(expect.arrayContaining([...proxy!.preflights.at(-1)!.requestHeaders]));
  });

  it('signs with WebCrypto on the secure http://127.0.0.1 page, and never fetches the pure-JS fallback', async () => {
    const { page, secret } = await pageWithSecret({
      init: () => {
        // Counts what the signer asks of crypto.subtle; the calls still reach the real implementation.
        const counts = { digest: 0, sign: 0, importKey: 0 };
        (window as unknown as { subtleCalls: typeof counts }).subtleCalls = counts;
        for (const name of ['digest', 'sign', 'importKey'] as const) {
          const original = SubtleCrypto.prototype[name] as (...args: unknown[]) => unknown;
          Object.defineProperty(SubtleCrypto.prototype, name, {
            value(this: SubtleCrypto, ...args: unknown[]) {
              counts[name] += 1;
              return original.apply(this, args);
            },
          });
        }
      },
    });
    expect(await page.evaluate(() => window.sdkTest.environment())).toMatchObject({ isSecureContext: true, hasSubtle: true });
    // moto recomputes the signature with botocore: a rotation that succeeds proves WebCrypto signed it right.
    const res = await rotate(page, target(), secret.Name);
    expect((await moto().describeSecret(secret.Name)).VersionIdsToStages[res.VersionId!]).toEqual(['AWSCURRENT']);
    const calls = await page.evaluate(() => (window as unknown as { subtleCalls: { digest: number; sign: number; importKey: number } }).subtleCalls);
    // Body and canonical request hashed; the signing key derived in four HMAC steps, then the signature.
    expect(calls.digest).toBeGreaterThanOrEqual(2);
    expect(calls.sign).toBeGreaterThanOrEqual(5);
    expect(calls.importKey).toBe(calls.sign);
    expect(pageServer!.served).not.toContain(`/${bundle.sha256Chunk}`);
  });

  it('falls back to @aws-crypto/sha256-js, loaded lazily, where crypto.subtle is missing (a non-secure page)', async () => {
    const before = pageServer!.served.length;
    const { page, secret } = await pageWithSecret({
      init: () => {
        Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined });
      },
    });
    expect(await page.evaluate(() => window.sdkTest.environment())).toMatchObject({ hasSubtle: false });
    expect(pageServer!.served.slice(before)).not.toContain(`/${bundle.sha256Chunk}`);
    const res = await rotate(page, target(), secret.Name);
    expect((await moto().describeSecret(secret.Name)).VersionIdsToStages[res.VersionId!]).toEqual(['AWSCURRENT']);
    // Fetched by the first signature, not at page load.
    expect(pageServer!.served.slice(before)).toContain(`/${bundle.sha256Chunk}`);
  });

  it('a chunk the page cannot fetch when it needs it (the pure-JS SHA-256) fails the call with an AmazonClientException; the next call fetches it and rotates', async () => {
    const { page, secret } = await pageWithSecret({
      init: () => {
        Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined });
      },
      expectConsoleErrors: [failedResource(503)],
    });
    // As a page meets it when a newer deployment has replaced the app's files, or the network is down.
    const route = `**/${bundle.sha256Chunk}`;
    await page.route(route, (request) => request.fulfill({ status: 503, body: 'deploying' }));
    const kept = () => page.evaluate(([t, id]) => window.sdkTest.rotateOnKeptClient(t, id), [target(), secret.Name] as const);
    const first = await kept();
    // The hash is loaded by the first signature, inside the first attempt; that failure is not retried.
    expect(first).toMatchObject({ threw: true, name: 'AmazonClientException', attempts: 1, instanceOf: { ...NOT_AN_AWS_ERROR, AmazonClientException: true } });
    expect((first as ErrorResult).message).toMatch(
      new RegExp(`^The client could not load its SHA-256 for pages without WebCrypto, which it imports at first use: .*${bundle.sha256Chunk.replace('.', '\\.')}`),
    );
    await page.unroute(route);
    const second = await kept();
    expect(second).toMatchObject({ threw: false, result: { HttpStatusCode: 200, Name: secret.Name } });
  });

  it('sends x-amz-user-agent with md/web, leaves the browser its own User-Agent, and signs neither', async () => {
    const { page, secret } = await pageWithSecret({
      init: () => {
        // Records the header names the SDK hands to fetch (a browser silently drops a User-Agent set there).
        const handed: string[][] = [];
        (window as unknown as { fetchHeaders: string[][] }).fetchHeaders = handed;
        const original = window.fetch;
        window.fetch = (input, init) => {
          handed.push([...new Headers(init?.headers).keys()]);
          return original(input, init);
        };
      },
    });
    const { userAgent } = await page.evaluate(() => window.sdkTest.environment());
    const res = await rotate(page, target(), secret.Name);
    expect(res.HttpStatusCode).toBe(200);
    const handed = await page.evaluate(() => (window as unknown as { fetchHeaders: string[][] }).fetchHeaders);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toContain('x-amz-user-agent');
    expect(handed[0]).not.toContain('user-agent');
    expect(handed[0]).not.toContain('host');
    const sent = proxy!.requests.at(-1)!;
    expect(sent.headers['x-amz-user-agent']).toMatch(/^amazon-secretsmanager\/\S+ .*\bmd\/web( |$)/);
    expect(sent.headers['x-amz-user-agent']).not.toMatch(/md\/nodejs/);
    // The browser's own User-Agent arrives untouched.
    expect(sent.headers['user-agent']).toBe(userAgent);
    expect(sent.headers['user-agent']).toMatch(/Chrome\//);
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(String(sent.headers.authorization))?.[1]?.split(';');
    expect(signedHeaders).toEqual(expect.arrayContaining(['content-type', 'host', 'x-amz-date', 'x-amz-target']));
    expect(signedHeaders).not.toContain('user-agent');
    expect(signedHeaders).not.toContain('x-amz-user-agent');
  });

  describe('typed errors, checked with instanceof in the page', () => {
    it('an unknown secret is a ResourceNotFoundException with its code, status and readable request id', async () => {
      const page = await openPage({ expectConsoleErrors: [failedResource(404)] });
      const error = await failure(page, target(), { SecretId: moto().uniqueName('missing') });
      expect(error).toMatchObject({
        name: 'ResourceNotFoundException',
        errorCode: 'ResourceNotFoundException',
        errorType: 'Sender',
        statusCode: 404,
        message: "Secrets Manager can't find the specified secret.",
        attempts: 1,
        instanceOf: { ...NOT_AN_AWS_ERROR, AmazonServiceException: true, AmazonSecretsManagerException: true, ResourceNotFoundException: true },
      });
      expect(error.requestId).toMatch(/^\w{20,}$/);
      expect(error.requestId).toBe(proxy!.requests.at(-1)!.response?.headers['x-amzn-requestid']);
    });

    it('a secret scheduled for deletion is an InvalidRequestException', async () => {
      const [page, secret] = await Promise.all([
        openPage({ expectConsoleErrors: [failedResource(400)] }),
        moto()
          .createSecret()
          .then(async (created) => {
            await moto().send('DeleteSecret', { SecretId: created.Name, RecoveryWindowInDays: 7 });
            return created;
          }),
      ]);
      const error = await failure(page, target(), { SecretId: secret.Name });
      expect(error).toMatchObject({
        name: 'InvalidRequestException',
        errorCode: 'InvalidRequestException',
        statusCode: 400,
        instanceOf: { ...NOT_AN_AWS_ERROR, AmazonServiceException: true, AmazonSecretsManagerException: true, InvalidRequestException: true },
      });
      expect(error.message).toMatch(/marked deleted/);
      expect(error.requestId).toMatch(/^\w{20,}$/);
    });

    it("a wrong secret key is an AmazonSecretsManagerException with moto's XML 403 code SignatureDoesNotMatch", async () => {
      const { page, secret } = await pageWithSecret({ expectConsoleErrors: [failedResource(403)] });
      const sentBefore = proxy!.requests.length;
      const error = await failure(page, target({ ...moto().credentials, secretAccessKey: 'not-the-secret-key-0000000000000000000000' }), { SecretId: secret.Name });
      expect(error).toMatchObject({
        name: 'AmazonSecretsManagerException',
        errorCode: 'SignatureDoesNotMatch',
        errorType: 'Sender',
        statusCode: 403,
        attempts: 1,
        instanceOf: { ...NOT_AN_AWS_ERROR, AmazonServiceException: true, AmazonSecretsManagerException: true },
      });
      expect(error.message).toMatch(/^The request signature we calculated does not match/);
      expect(error.requestId).toMatch(/^\w{20,}$/);
      // One request, not retried; the code came from moto's XML body, since no x-amzn-ErrorType header was sent.
      const sent = proxy!.requests.slice(sentBefore);
      expect(sent.map((request) => request.response?.headers['content-type'])).toEqual(['text/html; charset=utf-8']);
      expect(sent[0]!.response?.headers['x-amzn-errortype']).toBeUndefined();
      expect((await moto().describeSecret(secret.Name)).VersionIdsToStages).toEqual({ [secret.VersionId]: ['AWSCURRENT'] });
    });

    it('a request that breaks the model is a RequestValidationException, and nothing is sent', async () => {
      const page = await openPage();
      const before = proxy!.count();
      const error = await failure(page, target(), { SecretId: 'any', RotationRules: { AutomaticallyAfterDays: 0 } });
      expect(error).toMatchObject({
        name: 'RequestValidationException',
        memberPath: 'RotationRules.AutomaticallyAfterDays',
        constraint: 'range',
        attempts: 0,
        instanceOf: { ...NOT_AN_AWS_ERROR, AmazonClientException: true, RequestValidationException: true },
      });
      expect(proxy!.count()).toBe(before);
    });
  });

  describe('cancellation with the platform AbortSignal', () => {
    /**
     * A page that has made one call already: its preflight is cached and its code warm, so that the
     * next call's POST reaches the proxy well within the 100 ms before the abort, even on a busy machine.
     */
    async function warmPage(): Promise<{ page: Page; secret: { Name: string }; stages: Record<string, string[]> }> {
      const { page, secret } = await pageWithSecret();
      const warm = await rotate(page, target(), secret.Name);
      return { page, secret, stages: { [secret.VersionId]: ['AWSPREVIOUS'], [warm.VersionId!]: ['AWSCURRENT'] } };
    }

    it('an AbortController aborting after 100 ms rejects with AbortError at once, and the connection is closed', async () => {
      const { page, secret, stages } = await warmPage();
      const before = proxy!.requests.length;
      proxy!.hold = true;
      const error = await page.evaluate(([t, id]) => window.sdkTest.abortAfter(t, id, 100), [target(), secret.Name] as const);
      expect(error).toMatchObject({ threw: true, name: 'AbortError', isDOMException: true, instanceOf: NOT_AN_AWS_ERROR });
      if (!error.threw) return;
      expect(error.elapsed).toBeGreaterThanOrEqual(99);
      expect(error.elapsed).toBeLessThan(1_000);
      const held = proxy!.requests.slice(before);
      expect(held.map((request) => request.held)).toEqual([true]);
      // The browser drops the connection of an aborted fetch: the proxy sees its client go.
      const goneAt = await within(held[0]!.clientGone, 2_000);
      expect(goneAt).not.toBe('timed out');
      expect((goneAt as number) - held[0]!.receivedAt).toBeLessThan(1_000);
      expect((await moto().describeSecret(secret.Name)).VersionIdsToStages).toEqual(stages);
    });

    it('AbortSignal.timeout(100) rejects with TimeoutError', async () => {
      const { page, secret, stages } = await warmPage();
      const before = proxy!.requests.length;
      proxy!.hold = true;
      const error = await page.evaluate(([t, id]) => window.sdkTest.timeoutAfter(t, id, 100), [target(), secret.Name] as const);
      expect(error).toMatchObject({ threw: true, name: 'TimeoutError', isDOMException: true, instanceOf: NOT_AN_AWS_ERROR });
      if (!error.threw) return;
      expect(error.elapsed).toBeGreaterThanOrEqual(95);
      expect(error.elapsed).toBeLessThan(1_000);
      const held = proxy!.requests.slice(before);
      expect(held.map((request) => request.held)).toEqual([true]);
      expect(await within(held[0]!.clientGone, 2_000)).not.toBe('timed out');
      expect((await moto().describeSecret(secret.Name)).VersionIdsToStages).toEqual(stages);
    });
  });
});
