// msw in a REAL browser: Debian's headless Chromium runs a page with msw's service worker
// (node_modules/msw/lib/mockServiceWorker.js, as `npx msw init` copies it) and the emulator's
// handlers, and this SDK's web build (fetch) calls Secrets Manager's real endpoint: the worker
// answers from the emulator in the page. Fails loudly, never skips, when Chromium is missing.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MswPageResult } from './browser/msw-page.js';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HTML = '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/page.js"></script></head><body></body></html>';

let server: Server | undefined;
let browser: Browser | undefined;
let pageURL = '';
const outsideRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's Chromium (apt-get install -y chromium).`);
  const bundle = await build({
    entryPoints: { page: join(ROOT, 'test/browser/msw-page.ts') },
    bundle: true,
    platform: 'browser',
    conditions: ['browser'],
    format: 'esm',
    write: false,
    outdir: join(ROOT, 'test/browser/out'),
    target: 'es2022',
    logLevel: 'silent',
  });
  const files = new Map(bundle.outputFiles.map((file) => [basename(file.path), file.text]));
  files.set('mockServiceWorker.js', readFileSync(join(ROOT, 'node_modules/msw/lib/mockServiceWorker.js'), 'utf8'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    const file = files.get(path.slice(1));
    if (file === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(file);
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  pageURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
});

it("msw's service worker answers the SDK's calls to the real endpoint from the emulator in the page", async () => {
  const context = await browser!.newContext();
  // Anything that leaves the browser for AWS would be a failure of interception.
  context.on('request', (request) => {
    if (request.url().includes('amazonaws.com') && !request.serviceWorker() && request.frame() === null) outsideRequests.push(request.url());
  });
  const page = await context.newPage();
  await page.goto(pageURL);
  const result = (await page.evaluate(() => window.mswResult)) as MswPageResult;
  await context.close();
  expect(result.failure).toBeUndefined();
  expect(result.value).toBe('second');
  expect(Object.values(result.rotatedStages!).sort()).toEqual([['AWSCURRENT'], ['AWSPREVIOUS']]);
  expect(result.errorName).toBe('ResourceNotFoundException');
  expect(outsideRequests).toEqual([]);
}, 60_000);
