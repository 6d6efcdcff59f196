// What an app's bundle of this package weighs, built the way users build it: esbuild (minified, code
// splitting), and Vite's default production build (`vite build` of an index.html, Vite's default
// browser targets, its module-preload polyfill included), with Vite 8 and Vite 7. Each figure is
// gzip level 9, KB = 1,024 bytes. Shared by test/bundle-budget.test.ts (the budgets) and
// tools/bench/bundle.mjs (the report).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
const CREDENTIALS = `async () => ({ accessKeyId: 'a', secretAccessKey: 'b' })`;

/**
 * The apps whose bundles the budgets hold, written as the README shows them: one call each, nothing
 * else. `endpoint` (an expression) points the call elsewhere than AWS and `done` says what to do with
 * the answer, both only for the run in a browser; neither changes what is bundled.
 */
export const APPS = {
  /** Rotates, through the core client and the RotateSecret function: what bundle-sensitive apps write. */
  rotateOnly: ({ endpoint, done } = {}) => `
import { SecretsManagerCoreClient, rotateSecretAsync } from 'amazon-secretsmanager';
const client = new SecretsManagerCoreClient({ region: 'us-east-1', ${endpoint ? `serviceURL: ${endpoint}, ` : ''}credentials: ${CREDENTIALS} });
rotateSecretAsync(client, { SecretId: 'prod/db' }).then((res) => ${done ?? 'console.log(res.VersionId)'});
`,
  /** Reads a secret, the same way. */
  getOnly: ({ endpoint, done } = {}) => `
import { SecretsManagerCoreClient, getSecretValueAsync } from 'amazon-secretsmanager';
const client = new SecretsManagerCoreClient({ region: 'us-east-1', ${endpoint ? `serviceURL: ${endpoint}, ` : ''}credentials: ${CREDENTIALS} });
getSecretValueAsync(client, { SecretId: 'prod/db' }).then((res) => ${done ?? 'console.log(res.SecretString)'});
`,
  /** Reads a secret through SecretsManagerClient: what an app adding the cache (below) starts from. */
  readWithClient: () => `
import { SecretsManagerClient } from 'amazon-secretsmanager';
const client = new SecretsManagerClient({ region: 'us-east-1', credentials: ${CREDENTIALS} });
client.getSecretValueAsync({ SecretId: 'prod/db' }).then((res) => console.log(res.SecretString));
`,
  /** The same app reading through SecretsManagerCache (amazon-secretsmanager/caching). */
  readWithCache: () => `
import { SecretsManagerClient } from 'amazon-secretsmanager';
import { SecretsManagerCache } from 'amazon-secretsmanager/caching';
const client = new SecretsManagerClient({ region: 'us-east-1', credentials: ${CREDENTIALS} });
new SecretsManagerCache(client).getSecretString('prod/db').then(console.log);
`,
  /** Rotates through SecretsManagerClient, which carries all 23 operations as methods. */
  fullClient: ({ endpoint, done } = {}) => `
import { SecretsManagerClient } from 'amazon-secretsmanager';
const client = new SecretsManagerClient({ region: 'us-east-1', ${endpoint ? `serviceURL: ${endpoint}, ` : ''}credentials: ${CREDENTIALS} });
client.rotateSecretAsync({ SecretId: 'prod/db' }).then((res) => ${done ?? 'console.log(res.VersionId)'});
`,
};

/**
 * Vite 7's default `build.target` ('baseline-widely-available', in its dist/node/chunks/logger.js):
 * the oldest browsers a default Vite build serves. Vite 8 moved it to chrome111, firefox114 and
 * safari16.4, which have static blocks; Safari 16 lacks them.
 */
export const VITE7_DEFAULT_TARGETS = ['chrome107', 'edge107', 'firefox104', 'safari16'];

export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Sums chunks: bytes minified, gzip bytes each on its own (as a server sends them), how many. */
function total(chunks) {
  return { bytes: chunks.reduce((n, c) => n + c.code.length, 0), gzipBytes: chunks.reduce((n, c) => n + gzipSize(c.code), 0), chunks: chunks.length };
}

/** The chunks a page loads before any code runs: the entry and what it imports statically, transitively. */
function upFrontOf(chunks, entry, importsOf) {
  const eager = new Set();
  const visit = (name) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const imported of importsOf(name)) visit(imported);
  };
  visit(entry);
  return eager;
}

/**
 * The app bundled by esbuild (minified, ESM, platform browser, code splitting as app bundlers do it).
 * `target` as esbuild takes it; `plugins` for the checks of the budget test.
 */
export async function esbuildBundle(app, { target, plugins = [], root = ROOT } = {}) {
  const result = await build({
    stdin: { contents: app, resolveDir: root, loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    ...(target ? { target } : {}),
    outdir: resolve(root, 'node_modules/.cache/bundlers/esbuild'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  const outputs = result.metafile.outputs;
  const keyOf = (file) => Object.keys(outputs).find((key) => file.path.endsWith(key));
  const chunks = result.outputFiles.map((file) => ({ name: keyOf(file), code: file.contents, text: file.text, inputs: Object.keys(outputs[keyOf(file)].inputs) }));
  const entry = Object.keys(outputs).find((key) => outputs[key].entryPoint !== undefined);
  const eager = upFrontOf(chunks, entry, (name) => outputs[name].imports.filter((i) => i.kind === 'import-statement').map((i) => i.path));
  const upFront = chunks.filter((c) => eager.has(c.name));
  const onDemand = chunks.filter((c) => !eager.has(c.name));
  return { upFront: total(upFront), onDemand: total(onDemand), upFrontChunks: upFront, onDemandChunks: onDemand, result };
}

/** Vite's packages as installed: `vite` is Vite 8 (Rolldown), `vite7` is Vite 7 (Rollup and esbuild). */
export const VITES = { vite8: 'vite', vite7: 'vite7' };

/**
 * The app built by Vite as a new user builds it: an index.html whose module script is the app, `vite
 * build` with no configuration (so its default browser targets and module-preload polyfill), the
 * package resolved by name from the app's node_modules (a link to this checkout), as an installed
 * package is.
 */
export async function viteBundle(app, { vite = 'vite8', root = ROOT, files = {} } = {}) {
  const { build: viteBuild } = await import(VITES[vite]);
  const dir = resolve(root, `node_modules/.cache/bundlers/${vite}-app`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(resolve(dir, 'node_modules'), { recursive: true });
  symlinkSync(root, resolve(dir, 'node_modules/amazon-secretsmanager'), 'dir');
  writeFileSync(resolve(dir, 'index.html'), '<!doctype html>\n<html><head><meta charset="utf-8"><script type="module" src="/main.js"></script></head><body></body></html>\n');
  writeFileSync(resolve(dir, 'main.js'), app);
  for (const [name, text] of Object.entries(files)) writeFileSync(resolve(dir, name), text);
  const output = await viteBuild({ root: dir, configFile: false, envFile: false, logLevel: 'silent', build: { write: false } });
  const chunks = (Array.isArray(output) ? output : [output])
    .flatMap((o) => o.output)
    .filter((o) => o.type === 'chunk')
    .map((c) => ({ name: c.fileName, code: Buffer.from(c.code), text: c.code, isEntry: c.isEntry, imports: c.imports, inputs: Object.keys(c.modules) }));
  const byName = new Map(chunks.map((c) => [c.name, c]));
  const eager = upFrontOf(chunks, chunks.find((c) => c.isEntry).name, (name) => byName.get(name).imports);
  const upFront = chunks.filter((c) => eager.has(c.name));
  const onDemand = chunks.filter((c) => !eager.has(c.name));
  rmSync(dir, { recursive: true, force: true });
  return { upFront: total(upFront), onDemand: total(onDemand), upFrontChunks: upFront, onDemandChunks: onDemand };
}

/**
 * What a bundler leaves when it lowers classes for older targets: the private-field helpers of esbuild
 * (Vite 7) and of Babel and oxc (Vite 8), by name or, once minified, by their messages.
 */
export const LOWERED = /__privateAdd|__privateGet|__privateSet|__privateMethod|_classPrivateFieldInitSpec|_classPrivateFieldGet|Cannot add the same private member|Cannot initialize the same private elements/;
