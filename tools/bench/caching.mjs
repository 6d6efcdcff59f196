#!/usr/bin/env node
// The cache's figures (issue 15): a warm hit's latency, 1,000 concurrent misses, a fleet of caches
// over a simulated day, and what the entry adds to a browser bundle. Runs the built package
// (dist/esm/caching.node.js) against stubs of the service: no network, and in the fleet simulation
// no real time either (the caches' injected clock is moved by the simulation).
//
//   node tools/bench/caching.mjs [--quick] [--write]
//
//   --quick   a small fleet and few samples: checks that it works
//   --write   put the section into docs/benchmarks.md (between its caching markers) and the chart
//             into docs/caching-fleet.svg; `npm run bench` does the same through run.mjs
//
// Forked by run.mjs (sends its result over IPC) or run on its own (prints the section).
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APPS, esbuildBundle } from './bundlers.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const HOUR = 3_600_000;
const DAY_SECONDS = 86_400;
/** AWS Secrets Manager quotas (docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html). */
const QUOTA = { GetSecretValue: 10_000, DescribeSecret: 40_000 };

/** The built cache, loaded by runCachingBench: importing this module (as run.mjs does) loads nothing. */
let SecretsManagerCache;

/** A deterministic random source (mulberry32), so that a run can be repeated exactly. */
function seeded(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// --- a warm hit ----------------------------------------------------------------------------------------

/**
 * Each read timed on its own (`process.hrtime.bigint()` before and after its await), over `count`
 * reads of 50 secrets in turn after a warm-up: the distribution a caller sees, the timer's own cost
 * (about 0.1 µs) included.
 */
async function hitLatency(count) {
  const cache = new SecretsManagerCache({ getSecretValueAsync: async (r) => ({ Name: r.SecretId, VersionId: 'v'.padEnd(32, '0'), SecretString: '{"username":"app","password":"p"}' }) });
  const ids = Array.from({ length: 50 }, (_, i) => `app/secret-${i}`);
  const parse = (json) => json;
  for (const id of ids) await cache.getSecretString(id);
  const run = async (read) => {
    for (let i = 0; i < 20_000; i++) await read(ids[i % 50]);
    const samples = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const id = ids[i % 50];
      const start = process.hrtime.bigint();
      await read(id);
      samples[i] = Number(process.hrtime.bigint() - start) / 1000;
    }
    samples.sort();
    const startAll = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await read(ids[i % 50]);
    const meanBatch = Number(process.hrtime.bigint() - startAll) / 1000 / count;
    return { p50: percentile(samples, 50), p99: percentile(samples, 99), p999: percentile(samples, 99.9), max: samples[samples.length - 1], meanBatch, count };
  };
  return {
    getSecretString: await run((id) => cache.getSecretString(id)),
    getSecretJson: await run((id) => cache.getSecretJson(id, { parse })),
  };
}

// --- concurrent misses ---------------------------------------------------------------------------------

/** 1,000 reads of a secret not yet cached, started together, against a stub that answers after a macrotask. */
async function concurrentMisses(n) {
  let calls = 0;
  const cache = new SecretsManagerCache({
    getSecretValueAsync: async (r) => {
      calls += 1;
      await new Promise((done) => setImmediate(done));
      return { Name: r.SecretId, VersionId: 'v'.padEnd(32, '0'), SecretString: 'value' };
    },
  });
  const start = process.hrtime.bigint();
  const values = await Promise.all(Array.from({ length: n }, () => cache.getSecretString('app/db')));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { misses: n, calls, allServed: values.every((v) => v === 'value'), ms };
}

// --- the fleet over a simulated day --------------------------------------------------------------------

/**
 * The service as a fleet sees it: every secret has one version until its rotation, which completes
 * five minutes before its NextRotationDate (the service rotates "on or before" that date). Answers at
 * once; counts calls per simulated second and operation.
 */
function fleetService({ secrets, rotating, rotationAt, clock }) {
  const counts = { GetSecretValue: new Uint32Array(DAY_SECONDS + 1), DescribeSecret: new Uint32Array(DAY_SECONDS + 1) };
  const version = (i) => (i < rotating && clock() >= rotationAt - 5 * 60_000 ? `b${i}` : `a${i}`).padEnd(32, '0');
  const second = () => Math.min(DAY_SECONDS, Math.floor(clock() / 1000));
  const index = (id) => Number(id.slice(id.lastIndexOf('-') + 1));
  return {
    counts,
    client: {
      getSecretValueAsync: (r) => {
        counts.GetSecretValue[second()] += 1;
        return Promise.resolve({ Name: r.SecretId, VersionId: version(index(r.SecretId)), SecretString: 'value' });
      },
      describeSecretAsync: (r) => {
        counts.DescribeSecret[second()] += 1;
        const i = index(r.SecretId);
        const next = i < rotating ? (clock() < rotationAt - 5 * 60_000 ? rotationAt : rotationAt + DAY_SECONDS * 1000) : undefined;
        return Promise.resolve({ Name: r.SecretId, RotationEnabled: i < rotating, NextRotationDate: next === undefined ? undefined : new Date(next), VersionIdsToStages: { [version(i)]: ['AWSCURRENT'] } });
      },
    },
    ids: Array.from({ length: secrets }, (_, i) => `app/secret-${i}`),
  };
}

/** The baseline: a plain TTL cache, no jitter, no background check (what a cache with a fixed expiry does). */
class PlainTtlCache {
  #items = new Map();
  constructor(client, ttl, clock) {
    this.client = client;
    this.ttl = ttl;
    this.clock = clock;
  }
  async getSecretString(id) {
    const item = this.#items.get(id);
    if (item && this.clock() < item.expiresAt) return item.value;
    const value = (await this.client.getSecretValueAsync({ SecretId: id })).SecretString;
    this.#items.set(id, { value, expiresAt: this.clock() + this.ttl });
    return value;
  }
  nextEvent(id) {
    return this.#items.get(id).expiresAt;
  }
}

/**
 * `caches` caches of `secrets` secrets each, started within `startWindow` seconds, over one day. Every
 * cache reads every secret at least once a second (a busy service), so a read meets each moment a
 * cache acts: the simulation visits a (cache, secret) pair only at those moments (the refresh point,
 * the expiry) and moves the shared clock from one to the next. Between two visits every read is a hit
 * that calls nothing.
 */
async function simulateFleet({ caches, secrets, rotating, startWindow, plain, seed }) {
  const time = { now: 0 };
  const clock = () => time.now;
  const rotationAt = 14 * HOUR;
  const service = fleetService({ secrets, rotating, rotationAt, clock });
  const random = seeded(seed);
  const fleet = Array.from({ length: caches }, () => (plain ? new PlainTtlCache(service.client, HOUR, clock) : new SecretsManagerCache(service.client, { Clock: clock, Random: random })));
  const next = (cache, id) => (plain ? cache.nextEvent(id) : Math.min(cache.getCachedSecret(id).nextRefresh.getTime(), cache.getCachedSecret(id).expiration.getTime()));
  /** Pairs to visit, by simulated second: cache index × secrets + secret index. */
  const buckets = new Map();
  const schedule = (second, pair) => {
    let bucket = buckets.get(second);
    if (!bucket) buckets.set(second, (bucket = []));
    bucket.push(pair);
  };
  for (let c = 0; c < caches; c++) {
    const start = Math.floor(random() * startWindow);
    for (let s = 0; s < secrets; s++) schedule(start, c * secrets + s);
  }
  for (let second = 0; second <= DAY_SECONDS; second++) {
    const bucket = buckets.get(second);
    if (!bucket) continue;
    buckets.delete(second);
    time.now = second * 1000;
    const reads = bucket.map((pair) => fleet[Math.floor(pair / secrets)].getSecretString(service.ids[pair % secrets]));
    await Promise.all(reads);
    // Background checks started by those reads complete within microtasks (the stub answers at once).
    await new Promise((done) => setImmediate(done));
    for (const pair of bucket) {
      const at = next(fleet[Math.floor(pair / secrets)], service.ids[pair % secrets]);
      schedule(Math.max(second + 1, Math.ceil(at / 1000)), pair);
    }
  }
  const total = (op) => service.counts[op].reduce((a, b) => a + b, 0);
  const peak = (counts, from = 0) => counts.subarray(from).reduce((a, b) => Math.max(a, b), 0);
  const both = service.counts.GetSecretValue.map((v, i) => v + service.counts.DescribeSecret[i]);
  /** After the start-up: from the second hour on. */
  const after = 3600;
  return {
    calls: { GetSecretValue: total('GetSecretValue'), DescribeSecret: total('DescribeSecret') },
    peak: { GetSecretValue: peak(service.counts.GetSecretValue), DescribeSecret: peak(service.counts.DescribeSecret), all: peak(both) },
    peakAfterFirstHour: { GetSecretValue: peak(service.counts.GetSecretValue, after), DescribeSecret: peak(service.counts.DescribeSecret, after), all: peak(both, after) },
    // For the chart: the busiest second of each minute, all operations.
    perMinutePeak: Array.from({ length: DAY_SECONDS / 60 }, (_, m) => peak(both.subarray(m * 60, m * 60 + 60))),
  };
}

async function fleet(quick) {
  const shape = quick ? { caches: 50, secrets: 10, rotating: 2 } : { caches: 1000, secrets: 50, rotating: 10 };
  const scenarios = [
    { id: 'together', label: 'started together (within 1 s)', startWindow: 1 },
    { id: 'rolling', label: 'rolling start (over 10 min)', startWindow: 600 },
  ];
  const out = { shape, rotationAt: '14:00 (10 of the 50 secrets; the new version exists from 13:55)', scenarios: [] };
  for (const scenario of scenarios) {
    const started = Date.now();
    const ours = await simulateFleet({ ...shape, startWindow: scenario.startWindow, plain: false, seed: 15 });
    const plain = await simulateFleet({ ...shape, startWindow: scenario.startWindow, plain: true, seed: 15 });
    out.scenarios.push({ ...scenario, ours, plain, seconds: (Date.now() - started) / 1000 });
  }
  return out;
}

// --- the browser bundle --------------------------------------------------------------------------------

/** What the entry adds to the chunks a page loads up front (esbuild, minified, split, gzip -9), as test/bundle-budget.test.ts measures it. */
async function bundle() {
  const [plain, cached] = await Promise.all([esbuildBundle(APPS.readWithClient()), esbuildBundle(APPS.readWithCache())]);
  return { withoutCache: plain.upFront, withCache: cached.upFront, addedGzipBytes: cached.upFront.gzipBytes - plain.upFront.gzipBytes, addedBytes: cached.upFront.bytes - plain.upFront.bytes };
}

// --- the report ----------------------------------------------------------------------------------------

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function renderCachingMarkdown(r, svgFile = 'caching-fleet.svg') {
  const lines = [];
  lines.push('<!-- caching:start -->', '## Caching', '');
  lines.push(`\`node tools/bench/caching.mjs\`${r.quick ? ' --quick' : ''}, ${r.date.slice(0, 16).replace('T', ' ')} UTC, Node ${r.node}. \`SecretsManagerCache\` of \`amazon-secretsmanager/caching\`, as built (dist/esm/caching.node.js), over stubs of the service; see docs/caching.md for what it does.`, '');
  const h = r.hit;
  lines.push('| warm hit, one read timed alone (µs) | p50 | p99 | p99.9 | max | mean, reads back to back |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, s] of Object.entries(h)) lines.push(`| \`${name}\` | ${fmt(s.p50, 2)} | **${fmt(s.p99, 2)}** | ${fmt(s.p999, 2)} | ${fmt(s.max, 1)} | ${fmt(s.meanBatch, 2)} |`);
  lines.push('', `Budget: p99 under 5 µs. ${fmt(h.getSecretString.count)} reads of 50 cached secrets in turn, after 20,000 unmeasured ones, each timed with \`process.hrtime.bigint()\` around its \`await\` (the timer's own cost included); \`getSecretJson\` returns the value parsed once per version. The max is a garbage collection or a scheduler pause landing on one read.`, '');
  const m = r.misses;
  lines.push(`**${fmt(m.misses)} concurrent misses → ${fmt(m.calls)} service call** (budget: 1), all ${fmt(m.misses)} served its answer, in ${fmt(m.ms, 1)} ms against a stub that answers after one turn of the event loop.`, '');
  const f = r.fleet;
  lines.push(`### A fleet over a day`, '');
  lines.push(
    `${fmt(f.shape.caches)} caches (one per instance) each reading ${f.shape.secrets} secrets at least once a second, with the default settings (CacheItemTTL one hour), for a simulated day; ${f.shape.rotating} of the secrets rotate once, at 14:00 (their NextRotationDate; the new version exists from 13:55). Against the same fleet with a plain one-hour TTL and no jitter (a value fetched with GetSecretValue when it has expired, as a cache with a fixed expiry does). Calls per second are counted per simulated second.`,
    '',
  );
  lines.push('| fleet start | cache | peak calls/s, whole day (GetSecretValue / DescribeSecret) | peak calls/s after the first hour | GetSecretValue peak vs its quota (10,000/s) after the first hour | calls in the day (GetSecretValue + DescribeSecret) |', '| --- | --- | ---: | ---: | ---: | ---: |');
  for (const s of f.scenarios) {
    for (const [label, x] of [
      ['SecretsManagerCache (defaults)', s.ours],
      ['plain 1 h TTL, no jitter', s.plain],
    ]) {
      lines.push(
        `| ${s.label} | ${label} | ${fmt(x.peak.all)} (${fmt(x.peak.GetSecretValue)} / ${fmt(x.peak.DescribeSecret)}) | **${fmt(x.peakAfterFirstHour.all)}** (${fmt(x.peakAfterFirstHour.GetSecretValue)} / ${fmt(x.peakAfterFirstHour.DescribeSecret)}) | ${fmt((100 * x.peakAfterFirstHour.GetSecretValue) / QUOTA.GetSecretValue, 1)}% | ${fmt(x.calls.GetSecretValue + x.calls.DescribeSecret)} (${fmt(x.calls.GetSecretValue)} + ${fmt(x.calls.DescribeSecret)}) |`,
      );
    }
  }
  lines.push('', `![Busiest second of each minute, fleet started together](${svgFile})`, '');
  lines.push(
    'The first hour is the same for both: every instance misses every secret once at start, and a fleet that starts within one second sends all its GetSecretValue calls in that second (over the quota: the service throttles, the client retries, and prefetch would not help, as BatchGetSecretValue\'s quota is 100 calls a second). What differs is the rest of the day. The plain TTL repeats the start-up burst every hour, on the hour of each instance\'s start; the cache checks each value in the background at a random point between 75% and 95% of its TTL, so the fleet drifts apart within a few hours, and a check whose version did not change is one DescribeSecret (quota 40,000/s), not a GetSecretValue. The rotation costs one DescribeSecret and one GetSecretValue per instance and rotated secret, spread over the 30 s after the NextRotationDate: that half-minute is the busiest of the cache after the start-up (with a rolling start, busier than the hourly bursts of the plain TTL), and it is what ends the use of the old value, where the plain TTL keeps serving it for up to an hour. The price: checks come every 0.85 TTL on average instead of every TTL, so the cache sends more calls in the day, almost all of them DescribeSecret, which decrypts nothing with KMS.',
    '',
  );
  const b = r.bundle;
  lines.push(`**Browser bundle**: the entry adds **${fmt(b.addedGzipBytes)} bytes** gzipped (${fmt(b.addedBytes)} minified) to an app that reads a secret (budget: 3 KB = 3,072 bytes): ${fmt(b.withoutCache.gzipBytes)} → ${fmt(b.withCache.gzipBytes)} bytes up front, esbuild, minified, split, gzip -9; \`prefetch\` is in a chunk loaded on demand. In Node the entry is one file of its own that imports nothing; an app that does not import it loads nothing of it.`, '');
  lines.push('<!-- caching:end -->');
  return `${lines.join('\n')}\n`;
}

/** The busiest second of each minute of the day, both caches, fleet started together, log scale, with the quota. */
export function renderCachingSvg(r) {
  const s = r.fleet.scenarios.find((x) => x.id === 'together') ?? r.fleet.scenarios[0];
  const W = 900;
  const H = 380;
  const left = 70;
  const right = 30;
  const top = 40;
  const bottom = 50;
  const max = Math.max(QUOTA.GetSecretValue * 10, ...s.plain.perMinutePeak, ...s.ours.perMinutePeak);
  const decades = Math.ceil(Math.log10(max));
  const x = (minute) => left + ((W - left - right) * minute) / 1440;
  const y = (value) => top + (H - top - bottom) * (1 - Math.log10(Math.max(1, value)) / decades);
  const path = (series) => series.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${left}" y="22" font-size="14" font-weight="bold">${fmt(r.fleet.shape.caches)} caches × ${r.fleet.shape.secrets} secrets started together: busiest second of each minute (calls/s, log scale)</text>`);
  for (let d = 0; d <= decades; d++) {
    const v = 10 ** d;
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${fmt(v)}</text>`);
  }
  for (let hour = 0; hour <= 24; hour += 2) parts.push(`<line x1="${x(hour * 60)}" x2="${x(hour * 60)}" y1="${top}" y2="${H - bottom}" stroke="#f0f0f0"/><text x="${x(hour * 60)}" y="${H - bottom + 16}" text-anchor="middle">${String(hour).padStart(2, '0')}:00</text>`);
  parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(QUOTA.GetSecretValue)}" y2="${y(QUOTA.GetSecretValue)}" stroke="#c00" stroke-dasharray="6 4"/><text x="${W - right}" y="${y(QUOTA.GetSecretValue) - 6}" text-anchor="end" fill="#c00">GetSecretValue quota, 10,000/s</text>`);
  parts.push(`<path d="${path(s.plain.perMinutePeak)}" fill="none" stroke="#e69f00" stroke-width="1.5"/>`);
  parts.push(`<path d="${path(s.ours.perMinutePeak)}" fill="none" stroke="#0072b2" stroke-width="1.5"/>`);
  parts.push(`<rect x="${left + 10}" y="${H - 28}" width="14" height="4" fill="#e69f00"/><text x="${left + 30}" y="${H - 22}">plain 1 h TTL, no jitter (all GetSecretValue)</text>`);
  parts.push(`<rect x="${left + 340}" y="${H - 28}" width="14" height="4" fill="#0072b2"/><text x="${left + 360}" y="${H - 22}">SecretsManagerCache defaults (GetSecretValue + DescribeSecret)</text>`);
  parts.push(`<text x="${left - 50}" y="${top - 8}">calls/s</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Puts the section into docs/benchmarks.md in place of the previous one (or at its end) and writes the chart beside it. */
export function writeCachingDocs(r, markdownFile = resolve(ROOT, 'docs/benchmarks.md')) {
  const svgFile = resolve(markdownFile, '..', 'caching-fleet.svg');
  writeFileSync(svgFile, renderCachingSvg(r));
  const section = renderCachingMarkdown(r);
  const current = existsSync(markdownFile) ? readFileSync(markdownFile, 'utf8') : '';
  const at = current.indexOf('<!-- caching:start -->');
  const end = current.indexOf('<!-- caching:end -->');
  const next = at >= 0 && end > at ? `${current.slice(0, at)}${section}${current.slice(end + '<!-- caching:end -->'.length + 1)}` : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(markdownFile, next);
}

export async function runCachingBench({ quick = false } = {}) {
  ({ SecretsManagerCache } = await import(resolve(ROOT, 'dist/esm/caching.node.js')));
  const date = new Date().toISOString();
  const hit = await hitLatency(quick ? 20_000 : 1_000_000);
  const misses = await concurrentMisses(1000);
  const fleetResult = await fleet(quick);
  const bundleResult = await bundle();
  return { date, quick, node: process.version, hit, misses, fleet: fleetResult, bundle: bundleResult };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false }, write: { type: 'boolean', default: false } } });
  const result = await runCachingBench({ quick: args.quick });
  if (process.send) {
    // Forked by run.mjs: the per-minute series stay, for the chart.
    process.send(result);
  } else {
    process.stdout.write(renderCachingMarkdown(result));
    if (args.write) writeCachingDocs(result);
  }
}
