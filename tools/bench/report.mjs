// The benchmark's report: the figures against the official SDK and issue 7's targets (evaluate), as a
// plain-text table for the terminal, a markdown page (docs/benchmarks.md) and an SVG bar chart drawn
// here by hand, normalised to the official SDK = 1.

const KB = 1024;
const MiB = 1024 * 1024;

/**
 * The figures compared per client, each with the direction that is better, and the samples (rounds,
 * processes or runs) its median is taken over, for its spread.
 */
const METRICS = [
  { id: 'sequential', label: 'Throughput, sequential', unit: 'req/s', better: 'higher', value: (r, id) => r.throughput[id]?.sequential.requestsPerSecond, samples: (r, id) => r.throughput[id]?.rounds.map((round) => round.sequential.requestsPerSecond) },
  { id: 'concurrent', label: 'Throughput, 32 in flight', unit: 'req/s', better: 'higher', value: (r, id) => r.throughput[id]?.concurrent.requestsPerSecond, samples: (r, id) => r.throughput[id]?.rounds.map((round) => round.concurrent.requestsPerSecond) },
  { id: 'cpu', label: 'CPU per request, 32 in flight', unit: 'µs', better: 'lower', value: (r, id) => r.throughput[id]?.concurrent.cpuMicrosPerRequest, samples: (r, id) => r.throughput[id]?.rounds.map((round) => round.concurrent.cpuMicrosPerRequest) },
  { id: 'memory', label: 'Peak memory (max RSS)', unit: 'MiB', better: 'lower', value: (r, id) => div(r.throughput[id]?.maxRSSBytes, MiB), samples: (r, id) => r.throughput[id]?.maxRSSBytesPerProcess },
  { id: 'coldImport', label: 'Cold start, import only', unit: 'ms', better: 'lower', value: (r, id) => r.coldStart?.clients[id]?.import.medianMs, samples: (r, id) => r.coldStart?.clients[id]?.import.runsMs },
  { id: 'coldCall', label: 'Cold start, import + 1 call', unit: 'ms', better: 'lower', value: (r, id) => r.coldStart?.clients[id]?.call.medianMs, samples: (r, id) => r.coldStart?.clients[id]?.call.runsMs },
  // Bytes do not vary from run to run.
  { id: 'bundle', label: 'Browser bundle, loaded by the first call, gzip', unit: 'KB', better: 'lower', value: (r, id) => div(r.bundle[id]?.firstCall?.gzipBytes, KB), samples: () => undefined },
];

/**
 * How far a figure moves between its samples: half the interquartile range over the median, so that
 * one disturbed round does not widen it. Undefined below four samples.
 */
function spreadOf(samples) {
  if (samples === undefined || samples.length < 4) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const quantile = (q) => {
    const index = (sorted.length - 1) * q;
    const low = Math.floor(index);
    return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (index - low);
  };
  return (quantile(0.75) - quantile(0.25)) / 2 / quantile(0.5);
}

function div(a, b) {
  return a === undefined ? undefined : a / b;
}

/** The targets of issue 7, each a ratio to the official SDK except the bundle budget and the overhead bound. */
const TARGETS = [
  { metric: 'sequential', label: 'Throughput, sequential', op: '>=', target: 2.5, ratio: true },
  { metric: 'concurrent', label: 'Throughput, 32 in flight', op: '>=', target: 2.5, ratio: true },
  { metric: 'cpu', label: 'CPU per request', op: '<=', target: 0.35, ratio: true },
  { metric: 'memory', label: 'Peak memory', op: '<=', target: 1, ratio: true },
  { metric: 'coldCall', label: 'Cold start, import + 1 call', op: '<=', target: 0.5, ratio: true },
  { metric: 'coldImport', label: 'Cold start, import only', op: '<=', target: 0.4, ratio: true },
  { metric: 'bundle', label: 'Browser bundle, loaded by the first call (gzip KB)', op: '<=', target: 12, ratio: false },
  { metric: 'overhead', label: 'CPU per request / (floor + signing alone)', op: '<=', target: 1.5, ratio: false },
];

/** Every metric per client with its ratio to the official SDK, the overhead breakdown and the targets. */
export function evaluate(results) {
  const ids = results.clients.map((c) => c.id);
  const metrics = METRICS.map((m) => {
    const base = m.value(results, 'official');
    const values = Object.fromEntries(ids.map((id) => [id, m.value(results, id)]));
    const ratios = Object.fromEntries(ids.map((id) => [id, values[id] !== undefined && base ? values[id] / base : undefined]));
    const spreads = Object.fromEntries(ids.map((id) => [id, spreadOf(m.samples(results, id))]));
    return { id: m.id, label: m.label, unit: m.unit, better: m.better, values, ratios, spreads };
  });
  const byId = Object.fromEntries(metrics.map((m) => [m.id, m]));

  const ours = results.throughput.ours?.concurrent.cpuMicrosPerRequest;
  const floor = results.throughput.undici?.concurrent.cpuMicrosPerRequest;
  const signing = results.signing?.cpuMicrosPerSignature;
  const overhead =
    ours !== undefined && floor !== undefined && signing !== undefined
      ? {
          oursMicros: ours,
          floorMicros: floor,
          signingMicros: signing,
          overheadMicros: ours - floor,
          boundMicros: 1.5 * (floor + signing),
          ratioToFloorPlusSigning: ours / (floor + signing),
          overheadPerSigning: (ours - floor) / signing,
        }
      : undefined;

  const targets = TARGETS.map((t) => {
    let measured;
    if (t.metric === 'overhead') measured = overhead?.ratioToFloorPlusSigning;
    else if (t.ratio) measured = byId[t.metric].ratios.ours;
    else measured = byId[t.metric].values.ours;
    if (measured === undefined) return { ...t, measured };
    const met = t.op === '>=' ? measured >= t.target : measured <= t.target;
    // How far the figure is past (+) or short of (−) the target, as a share of the target.
    const margin = t.op === '>=' ? (measured - t.target) / t.target : (t.target - measured) / t.target;
    // The spread of the figures behind it: this SDK's, and the official SDK's for a ratio.
    const spreads = byId[t.metric === 'overhead' ? 'cpu' : t.metric].spreads;
    const spread = { ours: spreads.ours, official: t.ratio ? spreads.official : undefined };
    return { ...t, measured, met, margin, spread };
  });
  return { metrics, overhead, targets };
}

// --- formatting --------------------------------------------------------------------------------------

const nf = (digits) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const FORMATS = { 'req/s': nf(0), 'µs': nf(0), MiB: nf(1), ms: nf(1), KB: nf(1) };
const fmt = (value, unit) => (value === undefined ? '–' : FORMATS[unit].format(value));
const ratio = (value) => (value === undefined ? '–' : `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`);
const bytesKB = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const pct = (share) => `${Math.abs(share * 100).toFixed(0)}%`;
/** The spread behind a target: `±3% / ±2%` (this SDK / official), `±3%`, or `–` where the figure does not vary. */
const spreadText = (t) => [t.spread?.ours, t.spread?.official].filter((s) => s !== undefined).map((s) => `±${(s * 100).toFixed(0)}%`).join(' / ') || '–';

function targetText(t) {
  if (t.measured === undefined) return 'not measured';
  const figure = t.ratio || t.metric === 'overhead' ? ratio(t.measured) : `${t.measured.toFixed(1)} KB`;
  const goal = t.ratio || t.metric === 'overhead' ? `${t.op === '>=' ? '≥' : '≤'} ${t.target}×` : `${t.op === '>=' ? '≥' : '≤'} ${t.target} KB`;
  return { figure, goal, verdict: t.met ? `met (${pct(t.margin)} to spare)` : `missed by ${pct(t.margin)}` };
}

const nameOf = (results, id) => results.clients.find((c) => c.id === id)?.name ?? id;

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}


// --- issue 12: the bundles of this SDK's apps, by bundler, and a run compared with an earlier one ------

const APP_LABELS = { rotateOnly: 'rotate-only (core client + rotateSecretAsync)', getOnly: 'get-only (core client + getSecretValueAsync)', fullClient: 'full client (SecretsManagerClient)' };
const BUDGETS = { rotateOnly: 13.75, fullClient: 22 };

/** One row per app: its up-front gzip bytes with esbuild, Vite 8 and Vite 7, and its budget. */
function bundleAppRows(results) {
  const apps = results.bundleApps;
  if (!apps) return [];
  return Object.entries(apps).map(([app, by]) => {
    const budget = app === 'getOnly' && apps.rotateOnly ? `≤ rotate-only + 0.5 KB (${bytesKB(apps.rotateOnly.esbuild.upFront.gzipBytes + 512)} with esbuild)` : `≤ ${BUDGETS[app]} KB`;
    return [APP_LABELS[app] ?? app, ...['esbuild', 'vite8', 'vite7'].map((bundler) => `${bytesKB(by[bundler].upFront.gzipBytes)} (${bytesKB(by[bundler].upFront.bytes)} min)`), budget];
  });
}
const BUNDLE_APP_HEADER = ['app', 'esbuild', 'Vite 8 (vite build)', 'Vite 7 (vite build)', 'budget'];

/** The figures of this run beside those of an earlier run (`--compare`), for this SDK and the official one. */
function comparisonRows(results) {
  const before = results.compare?.results;
  if (!before) return [];
  const rows = [];
  const add = (label, unit, get) => {
    for (const id of ['ours', 'official']) {
      const a = get(before, id);
      const b = get(results, id);
      if (a === undefined && b === undefined) continue;
      rows.push([`${label}, ${nameOf(results, id)} (${unit})`, fmt(a, unit), fmt(b, unit)]);
    }
    const ra = get(before, 'ours') / get(before, 'official');
    const rb = get(results, 'ours') / get(results, 'official');
    if (Number.isFinite(ra) || Number.isFinite(rb)) rows.push([`${label}, this SDK / official`, Number.isFinite(ra) ? ratio(ra) : '–', Number.isFinite(rb) ? ratio(rb) : '–']);
  };
  add('Cold start, import only', 'ms', (r, id) => r.coldStart?.clients[id]?.import.medianMs);
  add('Cold start, import + 1 call', 'ms', (r, id) => r.coldStart?.clients[id]?.call.medianMs);
  add('Throughput, sequential', 'req/s', (r, id) => r.throughput?.[id]?.sequential.requestsPerSecond);
  add('Throughput, 32 in flight', 'req/s', (r, id) => r.throughput?.[id]?.concurrent.requestsPerSecond);
  add('CPU per request, 32 in flight', 'µs', (r, id) => r.throughput?.[id]?.concurrent.cpuMicrosPerRequest);
  if (before.coldStart || results.coldStart) rows.push(['Cold start floor (ms)', fmt(before.coldStart?.floor.medianMs, 'ms'), fmt(results.coldStart?.floor.medianMs, 'ms')]);
  return rows;
}

export function renderText(results) {
  const { metrics, overhead, targets } = results.evaluation;
  const ids = results.clients.map((c) => c.id);
  const m = results.meta;
  const out = [];
  out.push(`Benchmark (${m.mode}), ${m.date}: Node ${m.machine.node}, ${m.machine.cpu} × ${m.machine.cores}, load ${m.loadAverage.before.toFixed(2)} → ${m.loadAverage.after.toFixed(2)} (max ${m.loadAverage.max.toFixed(2)}), ${m.seconds.toFixed(0)} s`);
  out.push('');
  out.push(
    table(
      ['metric', ...ids.map((id) => nameOf(results, id))],
      metrics.map((metric) => [`${metric.label} (${metric.unit})`, ...ids.map((id) => (metric.values[id] === undefined ? '–' : `${fmt(metric.values[id], metric.unit)} (${ratio(metric.ratios[id])})`))]),
    ),
  );
  out.push('');
  out.push(`Cold start floor (node -e ''): ${fmt(results.coldStart?.floor.medianMs, 'ms')} ms`);
  if (results.emulator) out.push(`In-process emulator, GetSecretValue through the client: ${results.emulator.unsigned.microsPerCall.toFixed(1)} µs per call (${results.emulator.signed.microsPerCall.toFixed(1)} µs with signatures checked)`);
  if (results.signing) out.push(`Signing alone (@smithy/signature-v4 + node:crypto): ${results.signing.cpuMicrosPerSignature.toFixed(1)} µs CPU per signature`);
  if (overhead) {
    out.push(
      `This SDK's CPU per request ${overhead.oursMicros.toFixed(0)} µs = floor ${overhead.floorMicros.toFixed(0)} µs + overhead ${overhead.overheadMicros.toFixed(0)} µs (${overhead.overheadPerSigning.toFixed(1)}× signing alone); bound 1.5 × (floor + signing) = ${overhead.boundMicros.toFixed(0)} µs`,
    );
  }
  for (const id of Object.keys(results.bundle)) {
    const b = results.bundle[id];
    const first = b.firstCall ? `, loaded by the first call ${bytesKB(b.firstCall.gzipBytes)} gzip (${b.firstCall.chunks} chunk(s))` : ', first call not measured (no Chromium)';
    out.push(`Bundle ${nameOf(results, id)}: up front ${bytesKB(b.upFront.gzipBytes)} gzip (${bytesKB(b.upFront.bytes)} min, ${b.upFront.chunks} chunk(s))${first}, all on-demand chunks ${bytesKB(b.onDemand.gzipBytes)}, single file ${bytesKB(b.singleFile.gzipBytes)} gzip`);
  }
  const appRows = bundleAppRows(results);
  if (appRows.length) {
    out.push('');
    out.push(table(BUNDLE_APP_HEADER.map((h) => `${h}${h === 'app' ? ' (up front, gzip -9)' : ''}`), appRows));
  }
  const compared = comparisonRows(results);
  if (compared.length) {
    out.push('');
    out.push(table(['figure', `before: ${results.compare.label}`, 'this run'], compared));
  }
  out.push('');
  out.push(
    table(
      ['issue 7 target (this SDK)', 'measured', 'target', 'verdict', 'spread (ours / official)'],
      targets.map((t) => {
        const text = targetText(t);
        return typeof text === 'string' ? [t.label, '–', '–', text, '–'] : [t.label, text.figure, text.goal, text.verdict, spreadText(t)];
      }),
    ),
  );
  return out.join('\n');
}

// --- markdown ------------------------------------------------------------------------------------------

function mdTable(header, rows, align) {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function renderMarkdown(results, svgFile) {
  const { metrics, overhead, targets } = results.evaluation;
  const m = results.meta;
  const ids = results.clients.map((c) => c.id);
  const tp = results.throughput;
  const cs = results.coldStart;
  const byId = Object.fromEntries(metrics.map((x) => [x.id, x]));
  const cell = (metricId, id) => {
    const metric = byId[metricId];
    const value = metric.values[id];
    if (value === undefined) return '–';
    return id === 'official' ? fmt(value, metric.unit) : `${fmt(value, metric.unit)} (${ratio(metric.ratios[id])})`;
  };
  const lines = [];
  const p = (...text) => lines.push(...text, '');

  p(
    '# Benchmarks',
    '<!-- Generated by tools/bench/run.mjs (npm run bench). Do not edit by hand: run it again. -->',
  );
  p(
    'This SDK side by side with the official AWS SDK for JavaScript v3 client (`@aws-sdk/client-secrets-manager`), ' +
      '[aws4fetch](https://github.com/mhart/aws4fetch) (SigV4 over `fetch`, no models) and two floors, the same HTTP exchange unsigned with no SDK at all: ' +
      '`undici.request`, the floor of issue 7\'s overhead target, and `node:http`, the default transport of this SDK\'s Node build. This SDK is also run with `UndiciHttpHandler` in place of that default (docs/transports.md weighs the two). Every one calls RotateSecret against the same server on 127.0.0.1. ' +
      'Ratios in brackets are against the official SDK: above 1× is more of the figure, below 1× less.',
  );
  p(`![Each figure of each client relative to the official SDK](${svgFile})`);

  p('## Run', `\`${m.command}\`, ${m.date.slice(0, 16).replace('T', ' ')} UTC, ${m.mode} mode, ${m.seconds.toFixed(0)} s.`);
  p(
    mdTable(
      ['machine', ''],
      [
        ['CPU', `${m.machine.cpu}, ${m.machine.cores} cores, ${m.machine.memoryGiB} GiB`],
        ['OS', m.machine.os],
        ['Node', m.machine.node],
        ['load average (1 min): before → after (highest seen; the benchmark itself adds up to 2)', `${m.loadAverage.before.toFixed(2)} → ${m.loadAverage.after.toFixed(2)} (${m.loadAverage.max.toFixed(2)})`],
        ['this SDK at', m.commit ?? 'unknown commit'],
      ],
    ),
  );
  p(mdTable(['package', 'version'], Object.entries(m.versions).map(([name, version]) => [`\`${name}\``, version])));
  if (m.mode === 'quick') p('> **Quick mode:** tiny runs and one round each. These figures only show that the benchmark works; do not compare them.');
  // The benchmark itself keeps up to two processes busy (a client and the server): a load of about 2 during the run is its own.
  if (m.loadAverage.before > 1.5 || m.loadAverage.max > 3.5) p('> **Warning:** the machine was busy with other work during this run; timings are unreliable.');

  p('## Targets (issue 7)');
  p(
    mdTable(
      ['target', 'this SDK', 'goal', 'verdict', 'spread (this SDK / official)'],
      targets.map((t) => {
        const text = targetText(t);
        return typeof text === 'string'
          ? [t.label, '–', '–', text, '–']
          : [t.label, text.figure, text.goal, t.met ? `**met**, ${text.verdict.slice(5, -1)}` : `**missed** by ${pct(t.margin)}`, spreadText(t)];
      }),
    ),
  );
  const oursUpFront = results.bundle.ours?.upFront;
  p(
    'Ratios are this SDK over the official SDK. The bundle target is an absolute size, taken on everything a page has loaded by the time its first call has completed' +
      (oursUpFront ? ` (${bytesKB(oursUpFront.gzipBytes)} of it up front, before any of the page's code runs: see below)` : '') +
      '; the last row is the overhead bound explained below. **Spread** is how far the samples behind a median move from it ' +
      '(half their interquartile range: the rounds of the throughput runs, the runs of the cold starts): a verdict whose margin is ' +
      'smaller than the spread may well turn the other way on the next run.',
  );

  p('## Throughput, CPU and memory');
  p(
    mdTable(
      ['client', 'sequential (req/s)', '32 in flight (req/s)', 'CPU per request, 32 in flight (µs)', 'CPU per request, sequential (µs)', 'peak memory (MiB)'],
      ids.map((id) => [
        nameOf(results, id),
        cell('sequential', id),
        cell('concurrent', id),
        cell('cpu', id),
        tp[id] ? fmt(tp[id].sequential.cpuMicrosPerRequest, 'µs') : '–',
        cell('memory', id),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  p(
    `Each client runs in Node processes of its own (a fresh V8 each; ${m.settings.throughput.processes} per client, the clients taking turns), the server in another. In each process, after a warm-up, each of ${m.settings.throughput.rounds} round(s) makes a **sequential** run (N calls, each started when the previous one ended) and a **32 in flight** run (N calls, 32 at a time over keep-alive connections). ` +
      (m.settings.throughput.runSeconds
        ? `N is sized from a short probe after the warm-up so that a run takes about ${m.settings.throughput.runSeconds} s (median N, sequential and 32 in flight: ${ids.filter((id) => tp[id]).map((id) => `${nameOf(results, id)} ${tp[id].sequential.calls} and ${tp[id].concurrent.calls}`).join('; ')}). `
        : `N = ${m.settings.throughput.calls}. `) +
      'Requests per second is N over the run\'s wall time; **CPU per request** is the client process\'s user + system CPU time (`process.cpuUsage()`, every thread of the process) over the run, divided by N: it is what a call costs the machine, whatever the server and the scheduler do. Both are medians over every round of every process. ' +
      '**Peak memory** is the client process\'s maximum resident set size over its whole run (`process.resourceUsage().maxRSS`), Node itself included (an empty Node process holds about 40 MiB), median over the processes. It is mostly garbage not yet collected, so it grows with how fast a client allocates, and a faster client makes more calls in the same time.',
  );
  p('On two cores the server process competes with the client for CPU, so requests per second understate what a client could do against a remote service; CPU per request does not depend on that.');

  p('## Cold start');
  if (cs) {
    p(
      mdTable(
        ['client', 'import only (ms)', 'import + 1 call (ms)', 'import above the floor (ms)', 'import + call above the floor (ms)'],
        ids.map((id) => [
          nameOf(results, id),
          cell('coldImport', id),
          cell('coldCall', id),
          cs.clients[id] ? fmt(cs.clients[id].import.medianMs - cs.floor.medianMs, 'ms') : '–',
          cs.clients[id] ? fmt(cs.clients[id].call.medianMs - cs.floor.medianMs, 'ms') : '–',
        ]),
        ['l', 'r', 'r', 'r', 'r'],
      ),
    );
    p(
      `Wall time from spawning a fresh \`node\` process to its exit, median of ${m.settings.cold.runs} run(s)${m.settings.cold.warmRuns ? ` after ${m.settings.cold.warmRuns} unmeasured one(s) that warm the file cache` : ''}. **Import only** loads the client\'s module; **import + 1 call** also constructs the client and completes one RotateSecret call against the server, then lets the process end by itself: \`process.exit\` is never called, so anything that keeps the event loop alive (a pooled socket, a timer) is paid for, as a Lambda cold start pays for it. ` +
        `The floor is an empty process, \`node -e ''\`: **${fmt(cs.floor.medianMs, 'ms')} ms**; the columns "above the floor" subtract it. The processes run without \`NODE_EXTRA_CA_CERTS\` (it adds about 0.1 s to every start) and \`NODE_OPTIONS\`; the cases take turns within each run. The targets compare the whole wall times.`,
    );
  }

  p('## Browser bundle');
  p(
    mdTable(
      ['client', 'loaded by the first call, gzip', 'up front, gzip', 'up front, minified', 'all on-demand chunks, gzip', 'single file, gzip', 'single file, minified', 'packages in it'],
      Object.entries(results.bundle).map(([id, b]) => [
        nameOf(results, id),
        b.firstCall ? `${bytesKB(b.firstCall.gzipBytes)} in ${b.firstCall.chunks} chunk(s)${id === 'official' ? '' : ` (${ratio(byId.bundle.ratios[id])})`}` : 'not measured',
        bytesKB(b.upFront.gzipBytes),
        bytesKB(b.upFront.bytes),
        b.onDemand.chunks ? `${bytesKB(b.onDemand.gzipBytes)} in ${b.onDemand.chunks} chunk(s)` : '–',
        bytesKB(b.singleFile.gzipBytes),
        bytesKB(b.singleFile.bytes),
        String(b.packages.length),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  p(
    'An app that constructs the client and makes one RotateSecret call, nothing else, bundled by esbuild (minified, ESM, platform browser, so each package\'s browser build is used; this SDK is imported by its package name, `amazon-secretsmanager`, so that the `browser` export condition applies). ' +
      '**Up front** is what a page loads before any of its code runs when the bundler splits code (`splitting: true`): the entry chunk and every chunk it imports statically, each gzipped (level 9) on its own. Code behind a dynamic `import()` is **on demand**, loaded only when it runs; **loaded by the first call** adds the on-demand chunks that one call needs, found by running the same app in headless Chromium (its endpoint pointed at a local server) and recording the chunks the page fetched until the call completed. ' +
      '**Single file** is the same app without code splitting. KB = 1,024 bytes.',
  );

  const appRows = bundleAppRows(results);
  if (appRows.length) {
    p('### This SDK by bundler (issue 12 budgets)');
    p(mdTable(BUNDLE_APP_HEADER, appRows, ['l', 'r', 'r', 'r', 'l']));
    p(
      'Each app makes one call and nothing else, written as the README shows it (tools/bench/bundlers.mjs): **rotate-only** and **get-only** through `SecretsManagerCoreClient` and the per-operation functions, which bundle only the operations an app calls; **full client** through `SecretsManagerClient`, all 23 operations as methods. ' +
        'Up front, gzip level 9, each chunk on its own: with esbuild as above; with Vite, `vite build` of an `index.html` whose module script is the app, no configuration, so Vite\'s default browser targets and its module-preload polyfill. ' +
        'Vite adds its preload helper to every app with a dynamic `import()`, and this package has two (the SHA-256 for pages without WebCrypto, the adaptive rate limiter): with the polyfill, about 0.9 KB of each Vite figure is Vite\'s own (docs/browsers.md).',
    );
  }

  const compared = comparisonRows(results);
  if (compared.length) {
    p('## Before and after');
    p(mdTable(['figure', `before: ${results.compare.label}`, 'this run'], compared, ['l', 'r', 'r']));
    p(`The same parts of the benchmark, run on the same machine: before, ${results.compare.label} (${results.compare.results.meta.date}, ${results.compare.results.meta.command}, load ${results.compare.results.meta.loadAverage.before.toFixed(2)} → ${results.compare.results.meta.loadAverage.after.toFixed(2)}); after, this run.`);
  }

  p('## Signing and marshalling overhead');
  if (overhead) {
    p(
      mdTable(
        ['CPU per request, 32 in flight', 'µs'],
        [
          ['undici floor: the unsigned exchange', fmt(overhead.floorMicros, 'µs')],
          ...(tp.nodehttp ? [['(for comparison) node:http floor: the same on the transport of this SDK\'s Node build', fmt(tp.nodehttp.concurrent.cpuMicrosPerRequest, 'µs')]] : []),
          ['signing alone: `@smithy/signature-v4` + node:crypto', overhead.signingMicros.toFixed(1)],
          ['floor + signing: the least a signed call can cost', fmt(overhead.floorMicros + overhead.signingMicros, 'µs')],
          ['this SDK', fmt(overhead.oursMicros, 'µs')],
          ['this SDK above the floor (signing, marshalling, validation, retries, unmarshalling)', `${fmt(overhead.overheadMicros, 'µs')} (${overhead.overheadPerSigning.toFixed(1)}× signing alone)`],
          ['bound: 1.5 × (floor + signing)', fmt(overhead.boundMicros, 'µs')],
        ],
        ['l', 'r'],
      ),
    );
  }
  p(
    'Signing alone is measured in a process of its own: `SignatureV4.sign` with a node:crypto SHA-256 (as `@smithy/hash-node` does it) over a request with the headers and body of one RotateSecret call, ' +
      `CPU time per signature, median of ${m.settings.signing.rounds} round(s)${results.signing ? ` of ${results.signing.signatures} signatures` : ''}. ` +
      'The target is that this SDK\'s CPU per request stays within 1.5× of the floor plus signing alone: all it does besides the HTTP exchange and the signature may add at most half again.',
  );

  if (results.emulator) {
    const e = results.emulator;
    p('## The in-process emulator');
    p(
      mdTable(
        ['GetSecretValue through the full client, emulator as `httpHandler`', 'µs per call (wall)', 'µs CPU per call'],
        [
          ['signatures not checked (the default)', e.unsigned.microsPerCall.toFixed(1), e.unsigned.cpuMicrosPerCall.toFixed(1)],
          ['signatures checked (`credentials` given to the emulator)', e.signed.microsPerCall.toFixed(1), e.signed.cpuMicrosPerCall.toFixed(1)],
        ],
        ['l', 'r', 'r'],
      ),
    );
    p(
      `One process: \`new SecretsManagerEmulator()\` from \`amazon-secretsmanager/emulator\`, one secret seeded, and this SDK's client with the emulator as its \`httpHandler\`, so each call is validated, marshalled, signed, answered by the emulator and unmarshalled. ${e.unsigned.calls} sequential calls per round, median of ${m.settings.emulator.rounds} round(s) after a warm-up. The goal (issue 16): well under a millisecond per call, so a test suite of thousands of calls stays fast.`,
    );
  }

  p('## Reading these numbers');
  p(
    '- Every figure comes from one machine at one time; compare the ratios, not the absolute figures, with other machines.',
    '- The server answers at once and is on the same machine: real calls spend milliseconds on the network, which hides much of a client\'s cost in requests per second, but not in CPU, memory, cold start or bundle size.',
    '- undici, and `fetch`, which is undici inside Node, compile their HTTP parser from WebAssembly at the first request, and on Node 20 a process waits at exit for V8\'s background compilation of it: that is much of what the undici floor and aws4fetch pay for one call in a cold start. node:http parses in native code.',
    '- Run it yourself: `npm run bench` (it builds first), or `node tools/bench/run.mjs` on a built package: about three minutes; keep the machine otherwise idle. `--quick` checks that it works in seconds, `--no-write` leaves this page alone, `--json <file>` keeps every figure, the raw rounds included.',
    '- Where the time goes: `node tools/bench/profile.mjs [client]` runs one client\'s 32-in-flight run under `node --cpu-prof` and prints its self time by package, by source file (through the source maps of `dist/`) and by function.',
    // Measured by hand when the Node build started keeping class names (not by this run).
    '- Class names in the Node build: its local names are not minified, so every class and function keeps its own `name` (`err.constructor.name`, `util.inspect`) and stack traces read without source maps. Measured A/B/C (151 fresh processes each, taking turns, `NODE_EXTRA_CA_CERTS` unset, CPU time of the process from the start of the `import()` to its end, and to the end of a first call with a client built after it, medians, Node 20.20.2 on the machine above): names minified and lost, 19.1 ms at import and 36.9 ms to the first answer; minified with esbuild\'s `keepNames` (a name-setting call per class and function), 21.6 and 39.6 ms; names as written, 19.9 and 33.0 ms. The last is what ships: 0.8 ms more at import than losing the names, and 3.9 ms less to the first answer; the file is 133 KB instead of 92.',
  );
  return `${lines.join('\n').trimEnd()}\n`;
}

// --- SVG chart -------------------------------------------------------------------------------------------

const COLOURS = { official: '#8c8c8c', ours: '#1f6feb', 'ours-undici': '#54aeff', aws4fetch: '#e36209', undici: '#2da44e', nodehttp: '#8250df' };
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Grouped horizontal bars, one group per metric, one bar per client, each as a multiple of the official
 * SDK's figure; a red tick on this SDK's bar marks issue 7's target where it is a ratio.
 */
export function renderSvg(results) {
  const { metrics } = results.evaluation;
  const ids = results.clients.map((c) => c.id);
  const width = 820;
  const labelWidth = 180;
  const barArea = 480;
  const barHeight = 14;
  const gap = 4;
  const groupGap = 14;
  const legendItems = [...ids.map((id) => [COLOURS[id] ?? '#555', nameOf(results, id)]), ['#cf222e', 'issue 7 target']];
  // Laid out by the labels' approximate widths (about 7 px a character at 12 px), wrapping to a new row.
  let legendX = 10;
  let legendY = 36;
  const legend = legendItems
    .map(([colour, label]) => {
      const itemWidth = 17 + Math.ceil(label.length * 7) + 18;
      if (legendX + itemWidth > width - 10) {
        legendX = 10;
        legendY += 20;
      }
      const item = `<rect x="${legendX}" y="${legendY}" width="12" height="12" fill="${colour}"/><text x="${legendX + 17}" y="${legendY + 10}" class="legend">${esc(label)}</text>`;
      legendX += itemWidth;
      return item;
    })
    .join('');
  const top = legendY + 38;
  const targetOf = Object.fromEntries(TARGETS.map((t) => [t.metric, t]));
  /** Where a target sits on the ratio scale: the bundle budget is in KB, so it is placed against the official size. */
  const targetRatio = (metric) => {
    const t = targetOf[metric.id];
    if (t === undefined) return undefined;
    if (t.ratio) return t.target;
    return metric.id === 'bundle' && metric.values.official ? t.target / metric.values.official : undefined;
  };
  const maxRatio = Math.max(1.2, ...metrics.flatMap((m) => ids.map((id) => m.ratios[id] ?? 0)));
  // Past 5× a bar is cut and its label carries the figure: one long bar would squeeze all the others.
  const scaleMax = Math.min(maxRatio, 5) * 1.05;
  const x = (r) => labelWidth + (Math.min(r, scaleMax) / scaleMax) * barArea;
  const parts = [];
  let y = top;
  for (const metric of metrics) {
    const shown = ids.filter((id) => metric.values[id] !== undefined);
    if (shown.length === 0) continue;
    parts.push(`<text x="10" y="${y + 12}" class="metric">${esc(metric.label)} <tspan class="note">(${esc(metric.unit)}, ${esc(metric.better)} is better)</tspan></text>`);
    y += 20;
    for (const id of shown) {
      const r = metric.ratios[id];
      const w = Math.max(1, x(r ?? 0) - labelWidth);
      const cut = (r ?? 0) > scaleMax;
      parts.push(`<text x="${labelWidth - 8}" y="${y + 11}" text-anchor="end" class="client">${esc(nameOf(results, id))}</text>`);
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${COLOURS[id] ?? '#555'}"><title>${esc(nameOf(results, id))}: ${esc(fmt(metric.values[id], metric.unit))} ${esc(metric.unit)}</title></rect>`);
      if (cut) parts.push(`<path d="M${(labelWidth + w - 8).toFixed(1)} ${y} l6 ${barHeight / 2} l-6 ${barHeight / 2}" stroke="#fff" stroke-width="2" fill="none"/>`);
      const target = targetRatio(metric);
      if (id === 'ours' && target !== undefined) {
        const t = targetOf[metric.id];
        const tx = x(target).toFixed(1);
        parts.push(`<line x1="${tx}" y1="${y - 2}" x2="${tx}" y2="${y + barHeight + 2}" stroke="#cf222e" stroke-width="2"><title>target ${t.op === '>=' ? '≥' : '≤'} ${t.target}${t.ratio ? '×' : ` ${metric.unit}`}</title></line>`);
      }
      parts.push(`<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 11}" class="value">${esc(ratio(r))}   ${esc(fmt(metric.values[id], metric.unit))} ${esc(metric.unit)}</text>`);
      y += barHeight + gap;
    }
    y += groupGap;
  }
  const height = y + 6;
  const one = x(1).toFixed(1);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    '<style>.metric{font-size:13px;font-weight:600;fill:#24292f}.note{font-size:11px;font-weight:400;fill:#57606a}.client{font-size:11px;fill:#24292f}.value{font-size:11px;fill:#24292f;paint-order:stroke;stroke:#fff;stroke-width:3px}.legend{font-size:12px;fill:#24292f}.title{font-size:15px;font-weight:700;fill:#24292f}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" class="title">${esc(`Each client relative to the official AWS SDK v3 (= 1×)${results.meta.mode === 'quick' ? ' · quick mode, not comparable' : ''}`)}</text>`,
    legend,
    `<line x1="${one}" y1="${top - 4}" x2="${one}" y2="${height - 10}" stroke="#57606a" stroke-dasharray="4 3"/>`,
    `<text x="${one}" y="${top - 8}" text-anchor="middle" class="note">1×</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
