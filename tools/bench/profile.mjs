#!/usr/bin/env node
// Where a client's CPU time goes in the 32-in-flight run: runs it under `node --cpu-prof` (the same
// throughput.mjs as the benchmark, concurrent runs only), keeps the samples taken during the measured
// runs (warm-up and start-up left out) and prints self time by category, by file and by function.
//
//   node tools/bench/profile.mjs [client=ours] [--seconds 3] [--rounds 1] [--top 25] [--keep <dir>]
//
// --keep leaves the .cpuprofile in <dir> (open it in Chrome DevTools); otherwise it is deleted.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { forkForResult, ROOT, startServer } from './children.mjs';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '1' },
    top: { type: 'string', default: '25' },
    keep: { type: 'string' },
  },
});
const client = positionals[0] ?? 'ours';
const dir = args.keep ? resolve(args.keep) : mkdtempSync(join(tmpdir(), 'bench-profile-'));

const server = await startServer();
let report;
try {
  report = await forkForResult('throughput.mjs', [client, server.url, JSON.stringify({ only: 'concurrent', warmupSeconds: 1, runSeconds: Number(args.seconds), rounds: Number(args.rounds), concurrency: 32 })], {
    execArgv: ['--cpu-prof', '--cpu-prof-dir', dir],
  });
} finally {
  server.stop();
}
// The profile is written when the process exits, just after it sent its result.
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
if (!args.keep) rmSync(dir, { recursive: true, force: true });

const windows = report.rounds.map((r) => r.concurrent.window);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMicros = new Map();
let t = profile.startTime;
let total = 0;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i];
  // A sample stands for the interval up to the next one.
  const dt = profile.timeDeltas[i + 1] ?? 0;
  // Idle samples are time the thread waited for the server, not CPU time.
  if (!windows.some(([from, to]) => t >= from && t <= to) || nodes.get(id).callFrame.functionName === '(idle)') return;
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + dt);
  total += dt;
});

const rootURL = `file://${ROOT}/`;
/** A short name for a script: node:internal/…, a package and its path, or this SDK's dist file. */
function fileOf(url) {
  if (!url) return '(V8 / native)';
  if (url.startsWith('node:')) return url;
  const rel = url.startsWith(rootURL) ? url.slice(rootURL.length) : url;
  const pkg = rel.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  return pkg ? `${pkg[1]}: ${pkg[2]}` : rel;
}
function categoryOf(node, original) {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(V8 / native)';
  if (original) return original.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? `amazon-secretsmanager (${original.split('/')[0]}/)`;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node: ').replace(/\/.*$/, '');
  const rel = url.startsWith(rootURL) ? url.slice(rootURL.length) : url;
  const pkg = rel.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1];
  if (rel.startsWith('dist/')) return 'amazon-secretsmanager (dist/)';
  return rel;
}

/**
 * This SDK's dist/ is bundled (many source files in one, whitespace removed): a frame there is mapped
 * through the file's source map back to its source file (src/…), so that time is shown where it is
 * spent in the code as written.
 */
const sourceMaps = new Map();
function originalFile(url, line, column) {
  if (!url.startsWith(`${rootURL}dist/`)) return undefined;
  if (!sourceMaps.has(url)) {
    const file = fileURLToPath(url);
    const mapFile = `${file}.map`;
    sourceMaps.set(url, existsSync(mapFile) ? { map: new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))), dir: dirname(mapFile) } : undefined);
  }
  const found = sourceMaps.get(url);
  const entry = found?.map.findEntry(line, column);
  if (!entry?.originalSource) return undefined;
  const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(found.dir, entry.originalSource);
  return `${relative(ROOT, source)}:${entry.originalLine + 1}`;
}

const add = (map, key, micros) => map.set(key, (map.get(key) ?? 0) + micros);
const byCategory = new Map();
const byFile = new Map();
const byFunction = new Map();
for (const [id, micros] of selfMicros) {
  const node = nodes.get(id);
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const original = url ? originalFile(url, lineNumber, columnNumber) : undefined;
  add(byCategory, categoryOf(node, original), micros);
  add(byFile, original ? original.replace(/:\d+$/, '') : fileOf(url), micros);
  add(byFunction, `${functionName || '(anonymous)'}  ${original ?? `${fileOf(url)}${url ? `:${lineNumber + 1}` : ''}`}`, micros);
}

const calls = report.rounds.reduce((sum, r) => sum + r.concurrent.calls, 0);
const top = Number(args.top);
const print = (title, map, limit) => {
  console.log(`\n${title}`);
  const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, limit);
  for (const [key, micros] of rows) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / calls).toFixed(1).padStart(7)} µs/call  ${key}`);
};
console.log(
  `${client}: ${calls} calls with 32 in flight, ${(total / 1000).toFixed(0)} ms of CPU samples in the measured runs, idle left out (${(total / calls).toFixed(1)} µs/call on the main thread; ` +
    `process CPU ${report.rounds.map((r) => r.concurrent.cpuMicrosPerRequest.toFixed(0)).join(', ')} µs/call all threads, profiler on)`,
);
print('Self time by category', byCategory, top);
print('Self time by file', byFile, top);
print('Self time by function', byFunction, top);
