// The side-by-side benchmark (`npm run bench`, tools/bench/run.mjs) runs end to end in quick mode and
// yields a figure for every client and every measurement, and its report renders them all. Timings are
// never asserted: they belong to docs/benchmarks.md, taken on a quiet machine, not to the suite.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown, renderSvg, type BenchResults, type ClientId } from '../tools/bench/report.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLIENTS: ClientId[] = ['official', 'ours', 'ours-undici', 'aws4fetch', 'undici', 'nodehttp'];
const BUNDLED: ClientId[] = ['official', 'ours', 'aws4fetch'];
const DOCS = resolve(ROOT, 'docs/benchmarks.md');

const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

describe('the side-by-side benchmark, in quick mode', () => {
  let dir: string;
  let results: BenchResults;
  let stdout: string;
  let docsBefore: number | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const json = join(dir, 'bench.json');
    docsBefore = existsSync(DOCS) ? statSync(DOCS).mtimeMs : undefined;
    ({ stdout } = await promisify(execFile)(process.execPath, ['tools/bench/run.mjs', '--quick', '--no-write', '--json', json], { cwd: ROOT, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 }));
    results = JSON.parse(readFileSync(json, 'utf8')) as BenchResults;
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names every client with the version installed', () => {
    expect(results.clients.map((c) => c.id)).toEqual(CLIENTS);
    for (const client of results.clients) expect(client.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(results.meta.versions['@aws-sdk/client-secrets-manager']).toBe(results.clients.find((c) => c.id === 'official')!.version);
    expect(results.meta).toMatchObject({ mode: 'quick', machine: { node: process.version } });
  });

  it('measures throughput, CPU per request and peak memory of every client', () => {
    for (const id of CLIENTS) {
      const figures = results.throughput[id]!;
      const found = {
        id,
        sequential: positive(figures?.sequential.requestsPerSecond),
        concurrent: positive(figures?.concurrent.requestsPerSecond),
        cpu: positive(figures?.concurrent.cpuMicrosPerRequest),
        memory: positive(figures?.maxRSSBytes),
      };
      expect(found).toEqual({ id, sequential: true, concurrent: true, cpu: true, memory: true });
    }
  });

  it('measures the cold start of every client, import only and import plus one call, and the empty process', () => {
    expect(positive(results.coldStart.floor.medianMs)).toBe(true);
    for (const id of CLIENTS) {
      const cold = results.coldStart.clients[id];
      expect({ id, import: positive(cold?.import.medianMs), call: positive(cold?.call.medianMs) }).toEqual({ id, import: true, call: true });
    }
  });

  it('sizes the browser bundle of every SDK, up front, by its first call in Chromium and as one file, with the web build of this one', () => {
    expect(Object.keys(results.bundle).sort()).toEqual([...BUNDLED].sort());
    for (const id of BUNDLED) {
      const bundle = results.bundle[id]!;
      const found = { id, upFront: positive(bundle.upFront.gzipBytes), firstCall: positive(bundle.firstCall?.gzipBytes), single: positive(bundle.singleFile.gzipBytes) };
      expect(found).toEqual({ id, upFront: true, firstCall: true, single: true });
      // What the first call loads includes what is loaded up front.
      expect(bundle.firstCall!.chunks).toBeGreaterThanOrEqual(bundle.upFront.chunks);
    }
    expect(results.bundle.ours!.packages).toContain('amazon-secretsmanager');
    expect(results.bundle.ours!.packages).not.toContain('undici');
  });

  it('measures the cache: a warm hit, 1,000 concurrent misses, a fleet over a simulated day, and its bundle', () => {
    const caching = (results as unknown as { caching: { hit: Record<string, { p99: number }>; misses: { misses: number; calls: number; allServed: boolean }; fleet: { scenarios: { ours: { peak: { all: number } }; plain: { peak: { all: number }; perMinutePeak: number[] } }[] }; bundle: { addedGzipBytes: number } } }).caching;
    expect(positive(caching.hit.getSecretString!.p99) && positive(caching.hit.getSecretJson!.p99)).toBe(true);
    expect(caching.misses).toMatchObject({ misses: 1000, calls: 1, allServed: true });
    expect(caching.fleet.scenarios).toHaveLength(2);
    for (const scenario of caching.fleet.scenarios) expect([positive(scenario.ours.peak.all), positive(scenario.plain.peak.all), scenario.plain.perMinutePeak.length]).toEqual([true, true, 1440]);
    expect(positive(caching.bundle.addedGzipBytes)).toBe(true);
    expect(stdout).toContain('## Caching');
  });

  it('measures signing alone and derives the overhead of this SDK over the floor', () => {
    expect(positive(results.signing.cpuMicrosPerSignature)).toBe(true);
    const overhead = results.evaluation.overhead!;
    expect(overhead.oursMicros).toBe(results.throughput.ours!.concurrent.cpuMicrosPerRequest);
    expect(overhead.overheadMicros).toBeCloseTo(overhead.oursMicros - overhead.floorMicros, 6);
    expect(overhead.boundMicros).toBeCloseTo(1.5 * (overhead.floorMicros + overhead.signingMicros), 6);
  });

  it('gives a ratio to the official SDK for every figure, and a verdict for every target of issue 7', () => {
    for (const metric of results.evaluation.metrics) {
      const expected = metric.id === 'bundle' ? BUNDLED : CLIENTS;
      expect({ metric: metric.id, ratios: Object.keys(metric.ratios).filter((id) => positive(metric.ratios[id as ClientId])) }).toEqual({ metric: metric.id, ratios: expected });
      expect(metric.ratios.official).toBe(1);
    }
    expect(results.evaluation.targets.map((t) => t.metric)).toEqual(['sequential', 'concurrent', 'cpu', 'memory', 'coldCall', 'coldImport', 'bundle', 'overhead']);
    for (const target of results.evaluation.targets) expect({ metric: target.metric, measured: positive(target.measured), met: typeof target.met }).toEqual({ metric: target.metric, measured: true, met: 'boolean' });
  });

  it('prints the report and, with --no-write, leaves docs/benchmarks.md alone', () => {
    expect(stdout).toContain('issue 7 target (this SDK)');
    for (const client of results.clients) expect(stdout).toContain(client.name);
    expect(existsSync(DOCS) ? statSync(DOCS).mtimeMs : undefined).toBe(docsBefore);
  });

  it('renders every figure into the markdown page and a bar per client and metric into the chart', () => {
    const markdown = renderMarkdown(results, 'chart.svg');
    expect(markdown).toContain('](chart.svg)');
    for (const heading of ['## Targets (issue 7)', '## Throughput, CPU and memory', '## Cold start', '## Browser bundle', '## Signing and marshalling overhead']) expect(markdown).toContain(heading);
    for (const client of results.clients) expect(markdown).toContain(`| ${client.name} |`);
    const svg = renderSvg(results);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // Each bar's tooltip: "<client>: <value> <unit>".
    const bars = [...svg.matchAll(/<rect [^>]*><title>(.+?): [\d,.]+ [^<]*<\/title><\/rect>/g)].map((m) => m[1]);
    const metrics = results.evaluation.metrics.length;
    for (const client of results.clients) expect({ client: client.id, bars: bars.filter((name) => name === client.name).length }).toEqual({ client: client.id, bars: BUNDLED.includes(client.id) ? metrics : metrics - 1 });
    expect(bars).toHaveLength(metrics * CLIENTS.length - (CLIENTS.length - BUNDLED.length));
  });
});
