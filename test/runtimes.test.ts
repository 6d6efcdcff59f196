// The same smoke program (test/runtimes/smoke.mjs) on Node 20 (the machine's, and 20.18.1, the engines
// floor), 22 and 24, Bun, Deno and workerd, each
// against the real emulator with SigV4 checking on: a rotation, a typed error, and two aborts. The
// program imports the package BY NAME; every runtime but workerd resolves it by self-reference through
// the repository's own `exports` map (the program lives inside the package folder), workerd runs an
// esbuild bundle made with the worker conditions. `npm test` builds dist/ first.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMoto } from './helpers/moto.js';
import { ensureRuntimesInstalled, isolatedEnv, lastJsonLine, machineNode, runProgram, startHoldingServer, startWorkerd, versionOf, type HoldingServer } from './helpers/runtimeSmoke.js';

const ROOT = resolve(import.meta.dirname, '..');
const SMOKE = join(ROOT, 'test/runtimes/smoke.mjs');
const BIN = {
  // Installed in a package of their own (test/runtime-binaries/package.json): each declares a `node` bin.
  // node20 is pinned to exactly the `engines` floor of package.json.
  node20: join(ROOT, 'test/runtime-binaries/node_modules/node20/bin/node'),
  node22: join(ROOT, 'test/runtime-binaries/node_modules/node22/bin/node'),
  node24: join(ROOT, 'test/runtime-binaries/node_modules/node24/bin/node'),
  bun: join(ROOT, 'node_modules/@oven/bun-linux-x64/bin/bun'),
  deno: join(ROOT, 'node_modules/@deno/linux-x64-glibc/deno'),
  workerd: join(ROOT, 'node_modules/workerd/bin/workerd'),
};
ensureRuntimesInstalled(join(ROOT, 'test/runtime-binaries'));
const [node20, nodeFloor, node22, node24, bun, deno, workerd] = await Promise.all([
  machineNode(20),
  versionOf(BIN.node20),
  versionOf(BIN.node22),
  versionOf(BIN.node24),
  versionOf(BIN.bun),
  versionOf(BIN.deno),
  versionOf(BIN.workerd),
]);

const moto = useMoto();
let holding: HoldingServer;
let scratch: string;
beforeAll(async () => {
  holding = await startHoldingServer();
  scratch = await mkdtemp(join(tmpdir(), 'sm-runtimes-'));
});
afterAll(async () => {
  await holding?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface Step {
  ok: boolean;
  unexpected?: unknown;
  [key: string]: unknown;
}
interface SmokeResult {
  runtime: string;
  build: 'node' | 'web';
  resolved?: string;
  rotate: Step;
  notFound: Step;
  preAborted: Step;
  midFlight: Step;
}

/** A fresh secret and fresh ids for one runtime's run. */
async function smokeConfig(label: string) {
  const secret = await moto().createSecret(moto().uniqueName(`smoke-${label}`));
  return {
    secret,
    config: {
      endpoint: moto().endpoint,
      region: moto().region,
      credentials: moto().credentials,
      secretId: secret.Name,
      missingId: moto().uniqueName(`smoke-${label}-missing`),
      holdURL: holding.url,
      preAbortedId: moto().uniqueName(`smoke-${label}-pre-aborted`),
      midFlightId: moto().uniqueName(`smoke-${label}-mid-flight`),
    },
  };
}

/** What every runtime must show: the rotation, the typed error, and both aborts, checked on both sides. */
async function expectSmoke(result: SmokeResult, { secret, config }: Awaited<ReturnType<typeof smokeConfig>>): Promise<void> {
  expect(result.rotate).toMatchObject({ ok: true, isResponse: true, name: secret.Name, httpStatusCode: 200 });
  expect(result.rotate.versionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(result.rotate.requestId).toMatch(/^\w{20,}$/);
  // The emulator's own view: the version the program got back is now AWSCURRENT.
  const described = await moto().describeSecret(secret.Name);
  expect(described.VersionIdsToStages).toEqual({ [secret.VersionId]: ['AWSPREVIOUS'], [result.rotate.versionId as string]: ['AWSCURRENT'] });

  expect(result.notFound).toEqual({
    ok: true,
    instanceOfResourceNotFound: true,
    instanceOfServiceException: true,
    guard: true,
    name: 'ResourceNotFoundException',
    errorCode: 'ResourceNotFoundException',
    statusCode: 404,
    requestId: expect.stringMatching(/^\w{20,}$/),
  });

  expect(result.preAborted).toEqual({ ok: true, name: 'AbortError', isReason: true, arrived: 0 });
  expect(holding.seen(config.preAbortedId)).toEqual({ arrived: 0, closed: 0 });

  expect(result.midFlight).toMatchObject({ ok: true, arrivedBeforeAbort: 1, name: 'AbortError', isReason: true });
  expect(result.midFlight.rejectedAfterMs).toBeLessThan(1_000);
  // The transport was told: the held connection is closed by the client, not left to hang.
  await expect.poll(() => holding.seen(config.midFlightId), { timeout: 10_000, interval: 50 }).toEqual({ arrived: 1, closed: 1 });
}

/** Runs the program as a process and checks it; returns the result for runtime-specific checks. */
async function runSmoke(label: string, binary: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<SmokeResult> {
  expect(existsSync(binary), `${binary} is missing: run npm install (it is a dev dependency)`).toBe(true);
  const prepared = await smokeConfig(label);
  const run = await runProgram(binary, [...args, SMOKE], {
    cwd: ROOT,
    env: isolatedEnv({ ...env, SMOKE_CONFIG: JSON.stringify(prepared.config) }),
    timeoutMs: 25_000,
  });
  expect(run.code, `${label} exited with ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`).toBe(0);
  const result = lastJsonLine<SmokeResult>(run);
  console.info(`[runtimes] ${result.runtime}: ${result.build} build (${result.resolved ?? 'bundled'}) in ${run.ms} ms`);
  await expectSmoke(result, prepared);
  return result;
}

const NODE_ENTRY = 'file://' + join(ROOT, 'dist/esm/index.node.js');

describe('the smoke program runs on every runtime, against the emulator', { timeout: 30_000 }, () => {
  it('has been built (npm test builds dist/ first)', () => {
    expect(existsSync(join(ROOT, 'dist/esm/index.node.js')) && existsSync(join(ROOT, 'dist/esm/index.js')), 'dist/ is missing: run npm run build').toBe(true);
  });

  // Found on PATH, not taken from process.execPath: under npm, vitest itself runs on node_modules/.bin/node.
  it(`Node ${node20?.version ?? '20 (MISSING)'} (the machine's node) gets the node build`, async () => {
    expect(node20, 'no Node 20 on PATH (the machine\'s node): the engines floor is >=20.18.1').toBeDefined();
    const result = await runSmoke('node20', node20!.path, []);
    expect(result).toMatchObject({ runtime: `node ${node20!.version.replace(/^v/, '')}`, build: 'node', resolved: NODE_ENTRY });
  });

  // What package.json's `engines` promises is what is run: the oldest Node the package claims to support.
  it(`Node ${nodeFloor}, the engines floor exactly, gets the node build`, async () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(`>=${nodeFloor.replace(/^v/, '')}`, 'test/runtime-binaries must pin node20 to the engines floor').toBe(engines);
    const result = await runSmoke('node20-floor', BIN.node20, []);
    expect(result).toMatchObject({ runtime: `node ${nodeFloor.replace(/^v/, '')}`, build: 'node', resolved: NODE_ENTRY });
  });

  it(`Node ${node22} gets the node build`, async () => {
    const result = await runSmoke('node22', BIN.node22, []);
    expect(result).toMatchObject({ runtime: `node ${node22.replace(/^v/, '')}`, build: 'node', resolved: NODE_ENTRY });
  });

  it(`Node ${node24} gets the node build`, async () => {
    const result = await runSmoke('node24', BIN.node24, []);
    expect(result).toMatchObject({ runtime: `node ${node24.replace(/^v/, '')}`, build: 'node', resolved: NODE_ENTRY });
  });

  // Bun matches the `node` condition of the exports map (there is no `bun` entry before it), so it gets
  // the undici build; Bun answers `import('undici')` with its own built-in undici.
  it(`Bun ${bun} gets the node build through the "node" condition`, async () => {
    const result = await runSmoke('bun', BIN.bun, ['--no-install']);
    expect(result).toMatchObject({ runtime: `bun ${bun}`, build: 'node', resolved: NODE_ENTRY });
  });

  // Deno matches `deno`, `node`, `import`: the node build too, with undici from node_modules.
  it(`Deno ${deno.replace(/^deno /, '').replace(/ .*/, '')} gets the node build through the "node" condition (node_modules, no remote)`, async () => {
    const result = await runSmoke(
      'deno',
      BIN.deno,
      ['run', '--no-remote', '--no-lock', '--node-modules-dir=manual', '--allow-net', '--allow-env', '--allow-read'],
      { DENO_DIR: join(scratch, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    );
    expect(result).toMatchObject({ runtime: expect.stringMatching(/^deno 2\./), build: 'node', resolved: NODE_ENTRY });
  });

  it(`workerd ${workerd.replace(/^workerd /, '')} runs an esbuild bundle of the web build, without nodejs_compat`, async () => {
    expect(existsSync(BIN.workerd), `${BIN.workerd} is missing: run npm install (it is a dev dependency)`).toBe(true);
    const dir = join(scratch, 'workerd');
    const bundle = await build({
      entryPoints: [join(ROOT, 'test/runtimes/worker.mjs')],
      bundle: true,
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      format: 'esm',
      outfile: join(dir, 'worker.js'),
      metafile: true,
      absWorkingDir: ROOT,
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('dist/esm/index.js');
    expect(inputs.filter((file) => /undici|(^|\/)dist\/esm\/node\/|index\.node/.test(file))).toEqual([]);
    await copyFile(join(ROOT, 'test/runtimes/workerd.capnp'), join(dir, 'workerd.capnp'));

    const started = performance.now();
    const server = await startWorkerd(BIN.workerd, join(dir, 'workerd.capnp'), dir);
    try {
      const prepared = await smokeConfig('workerd');
      const res = await fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST', body: JSON.stringify(prepared.config), signal: AbortSignal.timeout(20_000) });
      const text = await res.text();
      expect(res.status, `workerd answered ${res.status}: ${text}\n${server.output()}`).toBe(200);
      const result = JSON.parse(text) as SmokeResult;
      console.info(`[runtimes] workerd: ${result.build} build (bundled) in ${Math.round(performance.now() - started)} ms, start included`);
      expect(result).toMatchObject({ runtime: 'workerd', build: 'web' });
      await expectSmoke(result, prepared);
    } finally {
      await server.stop();
    }
  });
});
