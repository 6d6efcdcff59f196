#!/usr/bin/env node
// The side-by-side benchmark (`npm run bench`): this SDK (on its default node:http transport and on
// UndiciHttpHandler) against the official AWS SDK v3 client, aws4fetch and two unsigned floors (undici,
// node:http), all calling RotateSecret on a loopback server.
//
//   node tools/bench/run.mjs [--quick] [--no-write] [--out <file.md>] [--json <file.json>] [--clients a,b]
//
//   --quick      tiny runs, one round: checks that everything works; its numbers mean little
//   --no-write   print the report only (the default also writes docs/benchmarks.md and .svg)
//   --out        write the markdown elsewhere (the chart goes beside it, same name, .svg)
//   --json       also write every figure, raw rounds included, as JSON
//   --clients    a subset, by id (official, ours, ours-undici, aws4fetch, undici, nodehttp); ratios need `official`
//   --compare    the --json of an earlier run (main, say): its figures are shown beside this run's
//   --compare-label  what that run measured (default: its commit)
//   --only       a subset of the parts, by name (throughput, signing, cold, bundle): on a shared
//                machine, run the part a change concerns, several times; the rest is reported as not measured
//
// Needs the built package (`npm run build`). Every client runs in a process of its own; the server in
// another. See docs/benchmarks.md for what each figure means.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeBrowser, measureBundle, measureOurApps } from './bundle.mjs';
import { renderCachingMarkdown, writeCachingDocs } from './caching.mjs';
import { childEnv, forkForResult, ROOT, startServer } from './children.mjs';
import { CLIENTS } from './clients/index.mjs';
import { evaluate, renderMarkdown, renderSvg, renderText } from './report.mjs';

const HERE = import.meta.dirname;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'string' },
    clients: { type: 'string' },
    only: { type: 'string' },
    compare: { type: 'string' },
    'compare-label': { type: 'string' },
  },
});

/** How much of everything: the full run takes about three minutes on two cores. */
const SETTINGS = args.quick
  ? {
      throughput: { processes: 1, warmupCalls: 10, calls: 30, rounds: 1, concurrency: 32 },
      cold: { runs: 1, warmRuns: 0 },
      signing: { warmup: 100, count: 200, rounds: 1 },
      emulator: { warmup: 100, calls: 300, rounds: 1 },
    }
  : {
      throughput: { processes: 3, warmupSeconds: 1.5, runSeconds: 1.5, rounds: 2, concurrency: 32 },
      cold: { runs: 21, warmRuns: 2 },
      signing: { warmup: 2000, seconds: 1, rounds: 5 },
      emulator: { warmup: 2000, calls: 10000, rounds: 5 },
    };

const PARTS = ['throughput', 'signing', 'emulator', 'cold', 'bundle', 'caching'];
const parts = new Set(args.only ? args.only.split(',') : PARTS);
for (const part of parts) if (!PARTS.includes(part)) throw new Error(`--only: ${part} is not one of ${PARTS.join(', ')}`);

const clients = args.clients ? CLIENTS.filter((c) => args.clients.split(',').includes(c.id)) : CLIENTS;
if (clients.length === 0) throw new Error(`--clients: none of ${args.clients} is one of ${CLIENTS.map((c) => c.id).join(', ')}`);
if (!existsSync(resolve(ROOT, 'dist/esm/index.node.js'))) {
  console.error('The package is not built: run `npm run build` first.');
  process.exit(1);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const log = (message) => process.stderr.write(`${message}\n`);

/**
 * Throughput, CPU and memory: each client in processes of its own, the clients taking turns, so that
 * neither one process's JIT and GC decisions nor a drift of the machine over time decide a figure.
 * Rates and CPU per request are medians over every round of every process; peak memory is the median
 * of the processes' peaks.
 */
async function throughputAll(url) {
  const { processes, ...options } = SETTINGS.throughput;
  const raw = Object.fromEntries(clients.map((c) => [c.id, []]));
  for (let i = 0; i < processes; i++) {
    for (const client of clients) {
      log(`throughput: ${client.id} (process ${i + 1} of ${processes})`);
      raw[client.id].push(await forkForResult('throughput.mjs', [client.id, url, JSON.stringify(options)]));
    }
  }
  return Object.fromEntries(
    clients.map((client) => {
      const runs = raw[client.id];
      const rounds = runs.flatMap((run, process) => run.rounds.map((round) => ({ process, ...round })));
      const summarise = (kind) => ({
        calls: median(runs.map((run) => run.sizes[kind])),
        requestsPerSecond: median(rounds.map((r) => r[kind].requestsPerSecond)),
        cpuMicrosPerRequest: median(rounds.map((r) => r[kind].cpuMicrosPerRequest)),
      });
      return [client.id, { sequential: summarise('sequential'), concurrent: summarise('concurrent'), maxRSSBytes: median(runs.map((run) => run.maxRSSBytes)), maxRSSBytesPerProcess: runs.map((run) => run.maxRSSBytes), rounds }];
    }),
  );
}

/** Wall time from spawn to the process's exit, in milliseconds. The process must end by itself. */
function timeProcess(argv) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // A process that never ends by itself would be a finding, not a number: it is stopped and reported.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(guard);
      if (code === 0) resolvePromise(ms);
      else reject(new Error(`node ${argv.join(' ')} exited with ${signal ?? code}:\n${stderr}`));
    });
  });
}

/** Cold starts, the cases taken in turn within each run so that a passing disturbance spreads over all of them. */
async function coldStarts(url) {
  const cases = [{ key: 'floor', argv: ['-e', ''] }];
  for (const client of clients) {
    cases.push({ key: `${client.id}.import`, argv: [resolve(HERE, 'cold.mjs'), client.id, 'import'] });
    cases.push({ key: `${client.id}.call`, argv: [resolve(HERE, 'cold.mjs'), client.id, 'call', url] });
  }
  for (let i = 0; i < SETTINGS.cold.warmRuns; i++) for (const c of cases) await timeProcess(c.argv);
  const runs = Object.fromEntries(cases.map((c) => [c.key, []]));
  for (let i = 0; i < SETTINGS.cold.runs; i++) for (const c of cases) runs[c.key].push(await timeProcess(c.argv));
  const summary = (key) => ({ medianMs: median(runs[key]), runsMs: runs[key] });
  return {
    floor: summary('floor'),
    clients: Object.fromEntries(clients.map((c) => [c.id, { import: summary(`${c.id}.import`), call: summary(`${c.id}.call`) }])),
  };
}

async function signing() {
  const raw = await forkForResult('signing.mjs', [JSON.stringify(SETTINGS.signing)]);
  return { signatures: raw.count, cpuMicrosPerSignature: median(raw.cpuMicrosPerSignature), rounds: raw.cpuMicrosPerSignature };
}

function readVersion(pkg) {
  if (pkg === 'node') return process.versions.node;
  const file = pkg === 'amazon-secretsmanager' ? resolve(ROOT, 'package.json') : resolve(ROOT, 'node_modules', pkg, 'package.json');
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${commit} (src/ modified)` : commit;
  } catch {
    return undefined;
  }
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  return {
    cpu: cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${osRelease.match(/^PRETTY_NAME="?([^"\n]+)"?$/m)?.[1] ?? os.type()}, ${os.type()} ${os.release()} ${os.arch()}`,
  };
}

// ---------------------------------------------------------------------------------------------------

/** The command line without the options that only say where the report goes. */
function measuringArgs(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json' || argv[i] === '--out') i += 1;
    else if (!/^--(json|out)=/.test(argv[i]) && argv[i] !== '--no-write') out.push(argv[i]);
  }
  return out;
}

/** The build measured: if dist/ is rebuilt during the run, its figures would mix two builds. */
const distStamp = () => ['dist/esm/index.node.js', 'dist/esm/index.js'].map((file) => statSync(resolve(ROOT, file), { throwIfNoEntry: false })?.mtimeMs ?? 'missing').join(' ');
const distAtStart = distStamp();

const startedAt = new Date();
const loadBefore = os.loadavg()[0];
if (!args.quick && loadBefore > 1.5) log(`warning: the load average is ${loadBefore.toFixed(2)}; timings taken now are unreliable`);

// The load average is sampled through the run: a figure taken while other work ran is not comparable.
let loadMax = loadBefore;
const loadSampler = setInterval(() => {
  loadMax = Math.max(loadMax, os.loadavg()[0]);
}, 2000).unref();

const server = await startServer();
const results = {
  meta: {
    date: startedAt.toISOString(),
    command: ['node', 'tools/bench/run.mjs', ...measuringArgs(process.argv.slice(2))].join(' '),
    mode: args.quick ? 'quick' : 'full',
    settings: SETTINGS,
    machine: machine(),
    commit: gitCommit(),
    loadAverage: { before: loadBefore },
    versions: {
      ...Object.fromEntries(clients.filter((c) => c.package !== 'node').map((c) => [c.package, readVersion(c.package)])),
      'undici (inside Node, behind fetch)': process.versions.undici,
      '@smithy/signature-v4': readVersion('@smithy/signature-v4'),
      esbuild: readVersion('esbuild'),
    },
  },
  clients: clients.map((c) => ({ ...c, version: readVersion(c.package) })),
  throughput: {},
  coldStart: undefined,
  bundle: {},
  signing: undefined,
  emulator: undefined,
};

try {
  if (parts.has('throughput')) results.throughput = await throughputAll(server.url);
  if (parts.has('signing')) {
    log('signing alone');
    results.signing = await signing();
  }
  if (parts.has('emulator')) {
    log('the in-process emulator');
    results.emulator = await forkForResult('emulator.mjs', [JSON.stringify(SETTINGS.emulator)]);
  }
  if (parts.has('cold')) {
    log('cold starts');
    results.coldStart = await coldStarts(server.url);
  }
} finally {
  server.stop();
}
try {
  for (const client of clients.filter((c) => c.bundle && parts.has('bundle'))) {
    log(`bundle: ${client.id}`);
    results.bundle[client.id] = await measureBundle(client.id);
  }
  if (parts.has('bundle') && clients.some((c) => c.id === 'ours')) {
    log('bundle: this SDK with esbuild, Vite 8 and Vite 7');
    results.bundleApps = await measureOurApps();
  }
} finally {
  await closeBrowser();
}
// The cache's figures (issue 15), in a process of its own: its section of docs/benchmarks.md and its chart.
if (parts.has('caching')) {
  log('caching');
  results.caching = await forkForResult('caching.mjs', args.quick ? ['--quick'] : []);
}
clearInterval(loadSampler);
if (distStamp() !== distAtStart) {
  console.error('dist/ was rebuilt while the benchmark ran (by another process?): its figures mix two builds. Run it again.');
  process.exit(1);
}
results.meta.loadAverage.after = os.loadavg()[0];
results.meta.loadAverage.max = Math.max(loadMax, results.meta.loadAverage.after);
results.meta.seconds = (Date.now() - startedAt.getTime()) / 1000;
results.evaluation = evaluate(results);
if (args.compare) {
  const earlier = JSON.parse(readFileSync(resolve(args.compare), 'utf8'));
  results.compare = { label: args['compare-label'] ?? `commit ${earlier.meta.commit}`, results: earlier };
}

console.log(renderText(results));
if (results.caching) console.log(renderCachingMarkdown(results.caching));
if (args.json) {
  mkdirSync(dirname(resolve(args.json)), { recursive: true });
  writeFileSync(resolve(args.json), `${JSON.stringify({ ...results, compare: undefined }, null, 2)}\n`);
}
if (!args['no-write']) {
  const out = resolve(ROOT, args.out ?? 'docs/benchmarks.md');
  const svg = out.replace(/\.md$/, '') + '.svg';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(svg, renderSvg(results));
  writeFileSync(out, renderMarkdown(results, basename(svg)));
  if (results.caching) writeCachingDocs(results.caching, out);
  log(`wrote ${out} and ${svg}`);
}
