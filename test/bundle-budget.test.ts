// The browser bundle of an app that only rotates: measured with esbuild (minified, gzip level 9) from the
// built package, resolved by name through its `browser` condition. Bytes are stable, so this is asserted.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const APP = `
import { SecretsManagerClient } from 'amazon-secretsmanager';
const client = new SecretsManagerClient({ region: 'us-east-1', credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) });
client.rotateSecretAsync({ SecretId: 'prod/db' }).then((res) => console.log(res.VersionId));
`;

/** The budget, gzip level 9 bytes of all a page loads to make its first call. See docs/browsers.md for the figures. */
const BUDGET_GZIP_BYTES = 13.5 * 1024;

interface Measured {
  /** Every chunk the first call needs: the entry's and those it imports statically. */
  requiredMinified: number;
  requiredGzip: number;
  /** The chunks behind a dynamic import: the pure-JavaScript SHA-256 (pages without WebCrypto) and the adaptive rate limiter. */
  optional: { file: string; gzip: number; inputs: string[] }[];
  inputs: string[];
}

/** Bundles the app with code splitting, as app bundlers do, and sizes what the first call needs. */
async function measure(app = APP): Promise<Measured> {
  const result = await build({
    stdin: { contents: app, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: resolve(ROOT, 'node_modules/.cache/bundle-budget'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs: Metafile['outputs'] = result.metafile.outputs;
  const required = new Set<string>();
  const visit = (path: string) => {
    if (required.has(path)) return;
    required.add(path);
    for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!);
  const measured: Measured = { requiredMinified: 0, requiredGzip: 0, optional: [], inputs: [] };
  for (const file of result.outputFiles) {
    const path = Object.keys(outputs).find((key) => file.path.endsWith(key))!;
    const gzip = gzipSync(file.contents, { level: 9 }).length;
    if (required.has(path)) {
      measured.requiredMinified += file.contents.length;
      measured.requiredGzip += gzip;
      measured.inputs.push(...Object.keys(outputs[path]!.inputs));
    } else {
      measured.optional.push({ file: path, gzip, inputs: Object.keys(outputs[path]!.inputs) });
    }
  }
  return measured;
}

describe('the browser bundle of an app that only rotates', () => {
  it('is built from the package (npm test builds it)', () => {
    expect(existsSync(resolve(ROOT, 'dist/esm/index.js'))).toBe(true);
  });

  it(`stays within ${BUDGET_GZIP_BYTES / 1024} KB gzipped, with the web build only`, async () => {
    const measured = await measure();
    console.log(`browser bundle for the first call: ${measured.requiredMinified} bytes minified, ${measured.requiredGzip} bytes gzip -9; never loaded by this app: ${measured.optional.map((l) => `${l.gzip} B`).join(', ')}`);
    expect(measured.requiredGzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    // What is in it: the web build, never the Node one, and neither the JavaScript SHA-256 nor the rate limiter.
    expect(measured.inputs.some((input) => input.includes('dist/esm/index.js'))).toBe(true);
    expect(measured.inputs.some((input) => input.includes('dist/esm/runtime/signing/RequestSigner.js'))).toBe(true);
    // The signer comes prebuilt with the leaf modules of @smithy/core it uses (tools/reexportsOnly.mjs):
    // an app's bundler never meets @smithy/core's entry points, so none of their code comes along.
    for (const absent of ['undici', 'dist/esm/node/', '@aws-crypto/sha256-js', 'RegionEndpoint', 'ClientRateLimiter', '@smithy/']) {
      expect({ absent, found: measured.inputs.filter((input) => input.includes(absent)) }).toEqual({ absent, found: [] });
    }
    // Nothing else in the app's output either: those two are all it loads on demand.
    expect(measured.optional.map((chunk) => (chunk.inputs.some((input) => input.includes('@aws-crypto/sha256-js')) ? 'sha256-js' : chunk.inputs.some((input) => input.includes('ClientRateLimiter')) ? 'rate limiter' : chunk.file)).sort()).toEqual(['rate limiter', 'sha256-js']);
  });
});

/** An app that reads a secret through the client, and the same app reading it through the cache. */
const READ_APP = (cached: boolean) => `
import { SecretsManagerClient } from 'amazon-secretsmanager';
${cached ? "import { SecretsManagerCache } from 'amazon-secretsmanager/caching';" : ''}
const client = new SecretsManagerClient({ region: 'us-east-1', credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) });
${cached ? "new SecretsManagerCache(client).getSecretString('prod/db').then(console.log);" : "client.getSecretValueAsync({ SecretId: 'prod/db' }).then((res) => console.log(res.SecretString));"}
`;

/** What the caching entry (amazon-secretsmanager/caching) may add, gzip level 9 bytes. See docs/caching.md. */
const CACHING_BUDGET_GZIP_BYTES = 3 * 1024;

describe('the caching entry in the browser', () => {
  it(`adds at most ${CACHING_BUDGET_GZIP_BYTES / 1024} KB gzipped to an app that reads a secret, with no second copy of the client`, async () => {
    const [plain, cached] = await Promise.all([measure(READ_APP(false)), measure(READ_APP(true))]);
    const added = cached.requiredGzip - plain.requiredGzip;
    console.log(`the caching entry adds ${added} bytes gzip -9 (${cached.requiredMinified - plain.requiredMinified} minified) to the first call's bundle`);
    expect(added).toBeLessThanOrEqual(CACHING_BUDGET_GZIP_BYTES);
    // Everything it adds is its own modules; prefetch is loaded on demand.
    expect(cached.inputs.filter((input) => !plain.inputs.includes(input)).every((input) => input.includes('dist/esm/caching/'))).toBe(true);
    expect(cached.inputs.some((input) => input.includes('caching/prefetchSecrets'))).toBe(false);
    expect(cached.optional.some((chunk) => chunk.inputs.some((input) => input.includes('caching/prefetchSecrets')))).toBe(true);
  });
});
