// Browser bundle size of an app that only rotates a secret, per client: esbuild (minified, ESM, platform
// browser, so each package's `browser` condition or field applies), sized in bytes and in gzip level 9
// bytes. Three figures each: the chunks a page loads up front when the bundler splits code (`splitting:
// true`; chunks behind a dynamic import() load only when that code runs), the chunks it has loaded once
// its first call has completed (found by running the page in headless Chromium), and the app as one file.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { APPS as OUR_APPS, esbuildBundle, viteBundle } from './bundlers.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The apps: each constructs its client and makes one RotateSecret call, nothing else. `endpoint` (an
 * expression) points the call elsewhere than AWS, and `done` says what to do with the answer: both only
 * for the run in Chromium, and neither changes what is bundled.
 */
export const APPS = {
  // As the README shows it for apps that count their bytes: the core client and the RotateSecret function.
  ours: OUR_APPS.rotateOnly,
  official: ({ endpoint, done } = {}) => `
import { RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
const client = new SecretsManagerClient({ region: 'us-east-1', ${endpoint ? `endpoint: ${endpoint}, ` : ''}credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
client.send(new RotateSecretCommand({ SecretId: 's' })).then((res) => ${done ?? 'console.log(res.VersionId)'});
`,
  aws4fetch: ({ endpoint, done } = {}) => `
import { AwsClient } from 'aws4fetch';
const aws = new AwsClient({ accessKeyId: 'a', secretAccessKey: 'b', service: 'secretsmanager', region: 'us-east-1' });
aws.fetch(${endpoint ?? "'https://secretsmanager.us-east-1.amazonaws.com/'"}, {
  method: 'POST',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.RotateSecret' },
  body: JSON.stringify({ SecretId: 's', ClientRequestToken: crypto.randomUUID() }),
}).then((res) => res.json()).then((res) => ${done ?? 'console.log(res.VersionId)'});
`,
};

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

async function bundle(app, splitting) {
  return build({
    stdin: { contents: app, resolveDir: ROOT, loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting,
    ...(splitting ? { outdir: resolve(ROOT, 'node_modules/.cache/bench-bundle') } : { outfile: resolve(ROOT, 'node_modules/.cache/bench-bundle/app.js') }),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

/**
 * Sizes one app. Up front: the entry chunk and every chunk it imports statically, each gzipped on its
 * own (as a server sends them). On demand: the chunks reached only through import().
 */
export async function measureBundle(client) {
  const split = await bundle(APPS[client](), true);
  const outputs = split.metafile.outputs;
  const eager = new Set();
  const visit = (path) => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imported of outputs[path].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(Object.keys(outputs).find((path) => outputs[path].entryPoint !== undefined));
  const upFront = { bytes: 0, gzipBytes: 0, chunks: 0 };
  const onDemand = { bytes: 0, gzipBytes: 0, chunks: 0 };
  for (const file of split.outputFiles) {
    const path = Object.keys(outputs).find((key) => file.path.endsWith(key));
    const into = eager.has(path) ? upFront : onDemand;
    into.bytes += file.contents.length;
    into.gzipBytes += gzip(file.contents);
    into.chunks += 1;
  }
  const firstCall = await measureFirstCall(client, split.outputFiles, Object.keys(outputs).find((path) => outputs[path].entryPoint !== undefined));
  const single = await bundle(APPS[client](), false);
  const file = single.outputFiles.find((f) => f.path.endsWith('.js'));
  const inputs = Object.keys(single.metafile.inputs);
  return {
    upFront,
    onDemand,
    firstCall,
    singleFile: { bytes: file.contents.length, gzipBytes: gzip(file.contents) },
    inputFiles: inputs.length,
    // What went into it, by package (this package's own files are its dist/).
    packages: [...new Set(inputs.filter((input) => input !== '<stdin>').map((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? 'amazon-secretsmanager'))].sort(),
  };
}

// --- what the first call loads, in a real browser -----------------------------------------------------

const CHROMIUM = '/usr/bin/chromium';
/** One Chromium for all the apps, started at the first and closed by closeBrowser(). */
let browserStarting;

export async function closeBrowser() {
  const starting = browserStarting;
  browserStarting = undefined;
  if (starting) await (await starting).close();
}

/**
 * Serves the split bundle on 127.0.0.1 and answers every POST there with a RotateSecret response, opens
 * it in headless Chromium, and sizes the chunks the page fetched by the time its call completed. The app
 * is the measured one, with its endpoint pointed at the page's own origin (same origin: no CORS).
 * Undefined when Chromium or playwright-core is missing.
 */
async function measureFirstCall(client, outputFiles, entry) {
  if (!existsSync(CHROMIUM)) return undefined;
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return undefined;
  }
  // The same bundle, but for the endpoint, the page's own origin instead of AWS's, and a flag when done.
  const built = await bundle(APPS[client]({ endpoint: 'location.origin', done: 'void (window.__done = res.VersionId)' }), true);
  const files = new Map(built.outputFiles.map((file) => [basename(file.path), file.contents]));
  const entryFile = basename(Object.keys(built.metafile.outputs).find((path) => built.metafile.outputs[path].entryPoint !== undefined));
  const fetched = new Set();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname.slice(1);
    if (req.method === 'POST') {
      req.resume().on('end', () => {
        const body = JSON.stringify({ ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf', Name: 's', VersionId: crypto.randomUUID() });
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': crypto.randomUUID() }).end(body);
      });
    } else if (path === '') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/${entryFile}"></script>`);
    } else if (files.has(path)) {
      fetched.add(path);
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(files.get(path));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  browserStarting ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  // A context of its own per app: nothing cached from another.
  const context = await (await browserStarting).newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.__done !== undefined, undefined, { timeout: 30_000 }).catch(() => {
      throw new Error(`the ${client} page did not complete its call: ${errors.join('; ') || 'no error reported'}`);
    });
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
  }
  // Sized from the measured bundle's chunks: the variant differs from it only in its entry chunk, and
  // its lazy chunks carry the same content, so the same names.
  const own = new Map(outputFiles.map((file) => [basename(file.path), file.contents]));
  const total = { bytes: 0, gzipBytes: 0, chunks: 0 };
  for (const name of fetched) {
    const contents = name === entryFile ? own.get(basename(entry)) ?? files.get(name) : own.get(name) ?? files.get(name);
    total.bytes += contents.length;
    total.gzipBytes += gzip(contents);
    total.chunks += 1;
  }
  return total;
}

/**
 * This SDK's apps of the budgets (tools/bench/bundlers.mjs: rotate-only and get-only through the core
 * client, and the full client), each built by esbuild and by Vite 8's and Vite 7's default production
 * builds: what each loads up front, gzip level 9.
 */
export async function measureOurApps() {
  const out = {};
  for (const [app, source] of Object.entries(OUR_APPS)) {
    const esbuild = await esbuildBundle(source());
    const vite8 = await viteBundle(source(), { vite: 'vite8' });
    const vite7 = await viteBundle(source(), { vite: 'vite7' });
    out[app] = Object.fromEntries(Object.entries({ esbuild, vite8, vite7 }).map(([bundler, b]) => [bundler, { upFront: b.upFront, onDemand: b.onDemand }]));
  }
  return out;
}
