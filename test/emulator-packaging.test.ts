// The emulator's entries as an app meets them: `amazon-secretsmanager/emulator` and
// `amazon-secretsmanager/emulator/msw` load from ES modules and CommonJS by name; the emulator does not
// load msw; and an app that imports only the main entry carries none of the emulator (bundle) and
// loads none of it (Node). Needs the built package (`npm test` builds first).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const run = (args: string[]) => promisify(execFile)(process.execPath, args, { cwd: ROOT }).then((r) => r.stdout.trim());

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/esm/emulator/index.node.js'))) throw new Error('dist/ is not built: run `npm run build` (`npm test` does it first).');
});

describe('loading the emulator entries', () => {
  it('from ES modules and CommonJS, by the package name', async () => {
    const esm = await run(['--input-type=module', '-e', "const e = await import('amazon-secretsmanager/emulator'); const m = await import('amazon-secretsmanager/emulator/msw'); const em = new e.SecretsManagerEmulator(); em.seed({ Name: 'x', SecretString: 'y' }); console.log(JSON.stringify([typeof e.startEmulatorServer, typeof m.secretsManagerHandlers, em.inspect('x').Versions[0].SecretString]))"]);
    expect(JSON.parse(esm)).toEqual(['function', 'function', 'y']);
    const cjs = await run(['-e', "const e = require('amazon-secretsmanager/emulator'); const m = require('amazon-secretsmanager/emulator/msw'); console.log(JSON.stringify([typeof e.SecretsManagerEmulator, typeof e.startEmulatorServer, typeof m.secretsManagerHandlers]))"]);
    expect(JSON.parse(cjs)).toEqual(['function', 'function', 'function']);
  });

  it('the emulator entry does not load msw (an optional peer of the msw entry only)', async () => {
    const hook = "export async function resolve(s, c, next) { if (/(^|\\/)msw(\\/|$)/.test(s)) throw new Error('msw was loaded: ' + s); return next(s, c); }";
    const out = await run(['--input-type=module', '-e', `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)})); const e = await import('amazon-secretsmanager/emulator'); console.log(typeof e.SecretsManagerEmulator);`]);
    expect(out).toBe('function');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies.msw).toBeUndefined();
    expect(pkg.peerDependenciesMeta.msw.optional).toBe(true);
  });
});

describe('an app that does not import the emulator pays nothing', () => {
  const app = "import { SecretsManagerClient } from 'amazon-secretsmanager'; export const get = () => new SecretsManagerClient({ region: 'us-east-1' }).getSecretValueAsync({ SecretId: 's' });";

  it.each(['browser', 'node'] as const)('its %s bundle holds no module of the emulator', async (platform) => {
    const result = await build({ stdin: { contents: app, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform, format: 'esm', write: false, metafile: true, logLevel: 'silent', ...(platform === 'browser' && { conditions: ['browser'] }), external: platform === 'node' ? ['undici', '@aws-sdk/*', '@smithy/credential-provider-imds'] : [] });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('/emulator/') || input.includes('node_modules/msw'))).toBe(false);
    expect(inputs.some((input) => input.startsWith('dist/'))).toBe(true);
  });

  it("Node's import of the main entry loads no file of the emulator", async () => {
    const hook = "export async function load(url, c, next) { if (url.includes('/dist/esm/emulator/') || url.includes('/dist/cjs/emulator/')) throw new Error('emulator loaded: ' + url); return next(url, c); }";
    const out = await run(['--input-type=module', '-e', `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)})); const m = await import('amazon-secretsmanager'); console.log(typeof m.SecretsManagerClient);`]);
    expect(out).toBe('function');
    for (const file of ['dist/esm/index.node.js', 'dist/cjs/index.node.js', 'dist/esm/index.js']) {
      expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/emulator/i);
    }
  });
});

describe('npm run demo on a machine with Node alone', () => {
  it('runs on the embedded emulator when moto_server is not on the PATH, and says so', async () => {
    // PATH without the directories that hold moto_server (its pyenv shims, its Python).
    const path = (process.env['PATH'] ?? '').split(':').filter((dir) => dir && !existsSync(join(dir, 'moto_server'))).join(':');
    const { stdout } = await promisify(execFile)(process.execPath, ['examples/demo.mjs'], { cwd: ROOT, env: { ...process.env, PATH: path } });
    expect(stdout).toContain('Emulator: the embedded emulator');
    expect(stdout).toContain('createSecret, setSecret, testSecret, finishSecret: succeeded');
    expect(stdout).toContain('2. ResourceNotFoundException');
    expect(stdout).toContain('Demo complete.');
  });
});
