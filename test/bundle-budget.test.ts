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

/** The budget, gzip level 9 bytes of what the page loads up front. See docs/browsers.md for the figures. */
const BUDGET_GZIP_BYTES = 15 * 1024;

interface Measured {
  eagerMinified: number;
  eagerGzip: number;
  lazy: { file: string; gzip: number }[];
  inputs: string[];
}

/** Bundles the app with code splitting, as app bundlers do, and sizes the chunks loaded before any code runs. */
async function measure(): Promise<Measured> {
  const result = await build({
    stdin: { contents: APP, resolveDir: ROOT, loader: 'js' },
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
  const eager = new Set<string>();
  const visit = (path: string) => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!);
  const measured: Measured = { eagerMinified: 0, eagerGzip: 0, lazy: [], inputs: [] };
  for (const file of result.outputFiles) {
    const path = Object.keys(outputs).find((key) => file.path.endsWith(key))!;
    const gzip = gzipSync(file.contents, { level: 9 }).length;
    if (eager.has(path)) {
      measured.eagerMinified += file.contents.length;
      measured.eagerGzip += gzip;
      measured.inputs.push(...Object.keys(outputs[path]!.inputs));
    } else {
      measured.lazy.push({ file: path, gzip });
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
    console.log(`browser bundle, loaded up front: ${measured.eagerMinified} bytes minified, ${measured.eagerGzip} bytes gzip -9; on demand: ${measured.lazy.map((l) => `${l.gzip} B`).join(', ')}`);
    expect(measured.eagerGzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    // What is in it: the web build, never the Node one, and no pure-JavaScript SHA-256 up front.
    expect(measured.inputs.some((input) => input.includes('dist/esm/index.js'))).toBe(true);
    for (const absent of ['undici', 'dist/esm/node/', '@aws-crypto/sha256-js', 'RegionEndpoint', 'ClientRateLimiter']) {
      expect({ absent, found: measured.inputs.filter((input) => input.includes(absent)) }).toEqual({ absent, found: [] });
    }
  });
});
