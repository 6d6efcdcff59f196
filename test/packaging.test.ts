// The built package as users load it: by name, through the exports map, as ES module and CommonJS.
// `npm test` builds dist/ first; this file fails loudly if it is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { AWS_ENVIRONMENT_VARIABLES } from './helpers/tempHome.js';

const ROOT = resolve(import.meta.dirname, '..');

function node(args: string[], code: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(process.execPath, [...args, '-e', code], { cwd: ROOT, env, encoding: 'utf8' }).trim();
}

/** Every file an ES module pulls in through relative imports, and the bare package names it imports. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
      const specifier = match[1] ?? match[2]!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else packages.add(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

describe('the package', () => {
  it('has been built (npm test builds it)', () => {
    for (const file of ['dist/esm/index.js', 'dist/esm/index.node.js', 'dist/esm/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.node.js', 'dist/cjs/index.node.d.ts']) {
      expect({ file, exists: existsSync(join(ROOT, file)) }).toEqual({ file, exists: true });
    }
  });

  it('gives Node its build by name (node:http by default, UndiciHttpHandler beside it), as ES module and as CommonJS', () => {
    const esm = node(['--input-type=module'], `import * as m from 'amazon-secretsmanager'; console.log(typeof m.SecretsManagerClient, typeof m.UndiciHttpHandler)`);
    expect(esm).toBe('function function');
    const cjs = node([], `const m = require('amazon-secretsmanager'); console.log(typeof m.SecretsManagerClient, typeof m.UndiciHttpHandler)`);
    expect(cjs).toBe('function function');
  });

  it('gives browsers and workers the fetch build, which leaves undici out', () => {
    for (const condition of ['browser', 'worker']) {
      const names = node([`--conditions=${condition}`, '--input-type=module'], `import * as m from 'amazon-secretsmanager'; console.log(typeof m.SecretsManagerClient, typeof m.UndiciHttpHandler, typeof m.FetchHttpHandler)`);
      expect({ condition, names }).toEqual({ condition, names: 'function undefined function' });
    }
    const { packages, files } = importGraph('dist/esm/index.js');
    // The signer comes bundled with the @smithy modules it uses (tools/build.mjs).
    expect([...packages].sort()).toEqual(['@aws-crypto/sha256-js']);
    expect([...files].some((file) => file.includes('/node/'))).toBe(false);
  });

  it('gives amazon-secretsmanager/caching by name, as ES module and CommonJS, in one file that loads no client code', () => {
    const code = (load: string) => `${load}; const cache = new m.SecretsManagerCache({ getSecretValueAsync: async () => ({ SecretString: 'v', VersionId: 'x'.repeat(32) }) }); cache.getSecretString('s').then((v) => console.log(typeof m.SecretCacheConfiguration, v, Object.keys(require.cache ?? {}).filter((k) => k.includes('/dist/')).map((k) => k.slice(k.indexOf('/dist/') + 1)).join()))`;
    expect(node(['--input-type=module'], code(`import * as m from 'amazon-secretsmanager/caching'; import { createRequire } from 'node:module'; const require = createRequire(import.meta.url)`))).toBe('function v');
    expect(node([], code(`const m = require('amazon-secretsmanager/caching')`))).toBe('function v dist/cjs/caching.node.js');
    // The ES module file imports nothing at all: no copy of the client, no dependency.
    expect(importGraph('dist/esm/caching.node.js')).toEqual({ files: new Set([join(ROOT, 'dist/esm/caching.node.js')]), packages: new Set() });
    // Browsers get the per-module build, whose imports stay inside caching/.
    const web = importGraph('dist/esm/caching/index.js');
    expect([...web.packages]).toEqual([]);
    expect([...web.files].filter((file) => !file.includes('/dist/esm/caching/'))).toEqual([]);
    // The same error classes whichever build threw them (brands under Symbol.for).
    const both = node(['--input-type=module'], `import * as esm from 'amazon-secretsmanager/caching'; import { createRequire } from 'node:module'; const cjs = createRequire(import.meta.url)('amazon-secretsmanager/caching'); console.log(esm.ObjectDisposedException !== cjs.ObjectDisposedException, new cjs.ObjectDisposedException() instanceof esm.ObjectDisposedException, new esm.SecretValidationException('s', 'not-json') instanceof cjs.SecretValidationException, new esm.ObjectDisposedException() instanceof cjs.SecretValidationException)`);
    expect(both).toBe('true true true false');
  });

  it('names its own functions in stack traces, and its source files under --enable-source-maps', () => {
    const script = `
      const { SecretsManagerClient } = require('amazon-secretsmanager');
      new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })
        .rotateSecretAsync({ SecretId: '' })
        .catch((error) => console.log(error.name + '\\n' + error.stack));`;
    const bundled = node([], script);
    const mapped = node(['--enable-source-maps'], script);
    for (const output of [bundled, mapped]) expect(output.split('\n')[0]).toBe('RequestValidationException');
    // The build keeps local names as written (tools/build.mjs); only the source maps give back files and lines.
    expect(bundled).toMatch(/at marshallRequest \(.*dist\/cjs\/index\.node\.js:\d+:\d+\)/);
    expect(mapped).toMatch(/src\/runtime\/protocol\/marshallRequest\.ts:\d+/);
  });

  it('loads none of Node\'s transport, crypto, file or stream modules at import (the first call does)', () => {
    // After a first dynamic import, so that what Node's module loader itself loads is not counted.
    const loaded = node(
      ['--input-type=module'],
      `await import('data:text/javascript,export default 1');
       const before = new Set(process.moduleLoadList);
       const { SecretsManagerClient } = await import('amazon-secretsmanager');
       new SecretsManagerClient({ region: 'us-east-1' });
       console.log(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m) && /^NativeModule (stream|os|fs|crypto|http|https|net|tls|path)$/.test(m))));`,
    );
    expect(JSON.parse(loaded)).toEqual([]);
  });

  it('loads one file of its own at import, as ES module and as CommonJS (the rest when first needed)', async () => {
    // Every static import of the ES module entry, read by esbuild, which parses the bundled file.
    const entry = join(ROOT, 'dist/esm/index.node.js');
    const imports: { path: string; kind: string }[] = [];
    await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      logLevel: 'silent',
      plugins: [{ name: 'record', setup: (b) => b.onResolve({ filter: /.*/ }, ({ path, kind }) => (kind === 'entry-point' ? undefined : (imports.push({ path, kind }), { path, external: true }))) }],
    });
    expect(imports.filter(({ kind }) => kind === 'dynamic-import').length).toBeGreaterThan(0);
    expect(imports.filter(({ kind }) => kind !== 'dynamic-import')).toEqual([]);
    const required = node([], `require('amazon-secretsmanager'); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('/dist/'))))`);
    expect(JSON.parse(required).map((file: string) => file.slice(file.indexOf('/dist/') + 1))).toEqual(['dist/cjs/index.node.js']);
  });

  it('finds what it loads later (the shared config reader, the adaptive rate limiter, a credential provider) as ES module, as CommonJS, and as CommonJS run without ES module support', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lazy-files-'));
    try {
      writeFileSync(join(dir, 'config'), '[default]\nregion = eu-west-3\nretry_mode = adaptive\n');
      writeFileSync(join(dir, 'credentials'), '[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = secret\n');
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !(AWS_ENVIRONMENT_VARIABLES as readonly string[]).includes(name)));
      Object.assign(env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' });
      const call = `
        const seen = [];
        const httpHandler = { handle: async (request) => (seen.push(request), { response: { statusCode: 200, headers: {}, body: '{}' } }) };
        await new SecretsManagerClient({ httpHandler }).rotateSecretAsync({ SecretId: 's' });
        const { hostname, headers } = seen[0];
        console.log(hostname, headers['x-amz-user-agent'].split(' ').find((part) => part.startsWith('cfg/')), headers.authorization.match(/Credential=(\\w+)/)[1]);`;
      const expected = 'secretsmanager.eu-west-3.amazonaws.com cfg/retry-mode#adaptive AKIDFROMFILE';
      expect(node(['--input-type=module'], `import { SecretsManagerClient } from 'amazon-secretsmanager';${call}`, env)).toBe(expected);
      expect(node([], `const { SecretsManagerClient } = require('amazon-secretsmanager'); (async () => {${call}})();`, env)).toBe(expected);
      // As Jest runs CommonJS: the file's code in a vm script with no support for import(), which there
      // fails. The CommonJS build loads everything it loads later with require().
      const asJest = `
        const { createRequire, wrap } = require('node:module');
        const file = require.resolve('amazon-secretsmanager');
        const module = { exports: {} };
        require('node:vm').runInThisContext(wrap(require('node:fs').readFileSync(file, 'utf8')), { filename: file })(module.exports, createRequire(file), module, file, require('node:path').dirname(file));
        const { SecretsManagerClient } = module.exports;
        (async () => {${call}})();`;
      expect(node([], asJest, env)).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does no work at import: undici, which only UndiciHttpHandler uses, is not loaded by the import', () => {
    const loaded = node([], `require('amazon-secretsmanager'); console.log(Object.keys(require.cache).filter((k) => k.includes('node_modules/undici/')).length)`);
    expect(loaded).toBe('0');
  });

  it('keeps error identity between its ES module and CommonJS copies', () => {
    const out = node(
      ['--input-type=module'],
      `import { createRequire } from 'node:module';
       import * as esm from 'amazon-secretsmanager';
       const cjs = createRequire(import.meta.url)('amazon-secretsmanager');
       const e = new cjs.ResourceNotFoundException('m', { statusCode: 400 });
       console.log(esm.ResourceNotFoundException !== cjs.ResourceNotFoundException, e instanceof esm.ResourceNotFoundException, e instanceof esm.AmazonServiceException, esm.isResourceNotFoundException(e), e instanceof esm.InvalidRequestException)`,
    );
    expect(out).toBe('true true true true false');
  });

  it('declares types for each build and the version the user agent sends', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const { SDK_VERSION, SDK_NAME } = await import('../src/runtime/config/constants.js');
    expect({ name: SDK_NAME, version: SDK_VERSION }).toEqual({ name: pkg.name, version: pkg.version });
    expect(readFileSync(join(ROOT, 'dist/cjs/package.json'), 'utf8')).toContain('"commonjs"');
  });
});
