// Consumer projects (test/packaging/*) built and run against the package as an installed dependency:
// each is copied to a temporary folder outside the repository whose node_modules/amazon-secretsmanager
// is a symlink to the repository root, so the package is found by name through its `exports` map,
// and nothing of the repository (its "type": "module", tsconfig, node_modules) is in the fixture's way.
// `npm test` builds dist/ first.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMoto } from './helpers/moto.js';
import { isolatedEnv, lastJsonLine, machineNode, runProgram, type ProgramRun } from './helpers/runtimeSmoke.js';

const ROOT = resolve(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const node20 = await machineNode(20);

const moto = useMoto();
let work = '';
let typeChecks: { node16: Promise<ProgramRun>; bundler: Promise<ProgramRun> } | undefined;

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'dist/esm/index.node.js')) && existsSync(join(ROOT, 'dist/cjs/index.node.js')), 'dist/ is missing: run npm run build').toBe(true);
  work = await mkdtemp(join(tmpdir(), 'sm-fixtures-'));
  await cp(join(ROOT, 'test/packaging'), work, { recursive: true });
  await mkdir(join(work, 'node_modules/@types'), { recursive: true });
  await symlink(ROOT, join(work, 'node_modules/amazon-secretsmanager'), 'dir');
  // The Node TypeScript project has Node's types installed, as Node projects do.
  await symlink(join(ROOT, 'node_modules/@types/node'), join(work, 'node_modules/@types/node'), 'dir');
  // The two type checks take a few seconds each: started together, awaited by their tests.
  const tsc = (project: string) => runProgram(process.execPath, [TSC, '-p', join(work, project), '--listFiles'], { cwd: work, timeoutMs: 60_000 });
  typeChecks = { node16: tsc('ts-node16'), bundler: tsc('ts-bundler') };
});
afterAll(async () => {
  await Promise.all([typeChecks?.node16, typeChecks?.bundler]);
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs a fixture program on the machine's Node 20 (the engines floor) against a fresh secret, and checks the rotation took. */
async function rotateWith(args: string[], cwd: string): Promise<Record<string, unknown>> {
  expect(node20, "no Node 20 on PATH (the machine's node): the engines floor is >=20.18.1").toBeDefined();
  const secret = await moto().createSecret();
  const run = await runProgram(node20!.path, args, {
    cwd,
    timeoutMs: 20_000,
    env: isolatedEnv({
      SM_ENDPOINT: moto().endpoint,
      SM_SECRET_ID: secret.Name,
      SM_ACCESS_KEY_ID: moto().credentials.accessKeyId,
      SM_SECRET_ACCESS_KEY: moto().credentials.secretAccessKey,
    }),
  });
  expect(run.code, `exit code ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`).toBe(0);
  const out = lastJsonLine(run);
  expect(out.versionId).toMatch(/^[0-9a-f-]{36}$/);
  expect(out.requestId).toMatch(/^\w{20,}$/);
  expect((await moto().describeSecret(secret.Name)).VersionIdsToStages[out.versionId as string]).toEqual(['AWSCURRENT']);
  return out;
}

/** The files of a `tsc --listFiles` run that belong to the package's dist/. */
function packageFiles(run: ProgramRun): string[] {
  return run.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(join(ROOT, 'dist')))
    .map((line) => line.slice(ROOT.length + 1));
}

function tscErrors(run: ProgramRun): string {
  return run.stdout
    .split('\n')
    .filter((line) => line.includes('error TS'))
    .join('\n') || run.stderr;
}

describe('consumer projects', { timeout: 30_000 }, () => {
  it('Node import (ESM) gets the ES module node build by name and rotates a secret on the emulator', async () => {
    const out = await rotateWith(['main.js'], join(work, 'esm'));
    expect(out.resolved).toBe('file://' + join(ROOT, 'dist/esm/index.node.js'));
  });

  it('Node require (CommonJS project) gets the CommonJS node build by name and rotates a secret on the emulator', async () => {
    const out = await rotateWith(['main.js'], join(work, 'cjs'));
    expect(out.resolved).toBe(join(ROOT, 'dist/cjs/index.node.js'));
  });

  it('TypeScript node16 type-checks the public API: .mts against the ESM typings, .cts against the CommonJS ones', async () => {
    const run = await typeChecks!.node16;
    expect(run.code, tscErrors(run)).toBe(0);
    const files = packageFiles(run);
    expect(files).toContain('dist/esm/index.node.d.ts');
    expect(files).toContain('dist/cjs/index.node.d.ts');
  });

  it('TypeScript bundler resolution, with the DOM lib and no Node types, type-checks against the web typings', async () => {
    const run = await typeChecks!.bundler;
    expect(run.code, tscErrors(run)).toBe(0);
    const files = packageFiles(run);
    expect(files).toContain('dist/esm/index.d.ts');
    expect(files.filter((file) => file.includes('index.node') || file.includes('/node/'))).toEqual([]);
    expect(run.stdout).not.toMatch(/node_modules\/(@types\/node|undici)\//);
  });

  it('an esbuild ES module bundle for Node runs on its own and rotates a secret on the emulator', async () => {
    const outdir = join(work, 'esbuild-node-out');
    const bundle = await build({
      entryPoints: [join(work, 'esbuild-node/app.js')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: join(outdir, 'app.mjs'),
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = Object.values(bundle.metafile.outputs)[0]!.bytes;
    console.info(`[packaging] esbuild node ESM bundle: ${bytes} bytes`);
    // Run where no node_modules can be found: the bundle must carry everything.
    await rotateWith([join(outdir, 'app.mjs')], outdir);
  });

  it('an esbuild browser bundle of a rotate-only app has no undici and no node: import (size reported)', async () => {
    const bundle = await build({
      entryPoints: [join(work, 'esbuild-browser/app.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      outfile: join(work, 'esbuild-browser-out/app.js'),
      absWorkingDir: ROOT,
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('dist/esm/index.js');
    expect(inputs.filter((file) => /undici|(^|\/)dist\/esm\/node\/|index\.node/.test(file))).toEqual([]);
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toContain('undici');
    expect(code.match(/(?:from|import|require)\s*\(?\s*["']node:[^"']*["']/g) ?? []).toEqual([]);
    const minified = Buffer.byteLength(code);
    const gzip = gzipSync(code, { level: 9 }).length;
    console.info(`[packaging] esbuild browser bundle (rotate only): ${minified} bytes minified, ${gzip} bytes gzip -9`);
    expect(gzip).toBeLessThan(minified);
  });
});
