// One client's throughput run, in a process of its own (a fresh V8 per client), forked by run.mjs:
//   node throughput.mjs <client> <url> '<options as JSON>'
// Warm-up, then for each round a sequential run (one call after another) and a concurrent run (a fixed
// number of calls in flight). Results go back over IPC (or to stdout when run by hand).
//
// Options: warmupSeconds or warmupCalls; runSeconds (N is sized from the warm-up rate so that each run
// takes about that long) or calls (a fixed N); rounds; concurrency; only ('sequential' | 'concurrent').

const [client, url, json = '{}'] = process.argv.slice(2);
const options = { rounds: 1, concurrency: 32, warmupCalls: 20, calls: 50, ...JSON.parse(json) };
const { create } = await import(`./clients/${client}.mjs`);
const target = create(url);
const call = () => target.call();

const now = () => performance.now();
/** CLOCK_MONOTONIC in microseconds, the clock of V8's CPU profiles: profile.mjs keeps the samples of the measured runs. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
const cpuMicros = (since) => {
  const { user, system } = process.cpuUsage(since);
  return user + system;
};

async function sequential(n) {
  for (let i = 0; i < n; i++) await call();
}

/** n calls with `width` in flight: each worker starts the next call as soon as its previous one ends. */
async function concurrent(n, width) {
  let started = 0;
  const worker = async () => {
    while (started < n) {
      started += 1;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
}

/** Runs `n` calls one way and measures the wall and CPU time they took. */
async function measure(kind, n) {
  const cpu = process.cpuUsage();
  const from = monotonicMicros();
  const t0 = now();
  if (kind === 'sequential') await sequential(n);
  else await concurrent(n, options.concurrency);
  const seconds = (now() - t0) / 1000;
  const cpuPerCall = cpuMicros(cpu) / n;
  return { calls: n, seconds, requestsPerSecond: n / seconds, cpuMicrosPerRequest: cpuPerCall, window: [from, monotonicMicros()] };
}

/**
 * Warms up one way (JIT, connections) and returns the rate it reached: over the second half of a timed
 * warm-up, when the code is compiled, so that the measured runs last about as long as asked.
 */
async function warmUp(kind) {
  if (options.warmupSeconds === undefined) {
    const { requestsPerSecond } = await measure(kind, options.warmupCalls);
    return requestsPerSecond;
  }
  const batch = kind === 'sequential' ? 10 : options.concurrency * 4;
  const t0 = now();
  let calls = 0;
  let seconds = 0;
  while (now() - t0 < options.warmupSeconds * 1000) {
    const run = await measure(kind, batch);
    if (now() - t0 >= (options.warmupSeconds * 1000) / 2) {
      calls += run.calls;
      seconds += run.seconds;
    }
  }
  return calls / seconds;
}

const kinds = options.only ? [options.only] : ['sequential', 'concurrent'];
const warmRates = {};
for (const kind of kinds) warmRates[kind] = await warmUp(kind);
// Sized from a short probe once both ways are warm: the warm-up rates run low, the sequential one most.
const sizes = {};
for (const kind of kinds) {
  if (options.runSeconds === undefined) {
    sizes[kind] = options.calls;
  } else {
    const probe = await measure(kind, Math.max(50, Math.round(warmRates[kind] * 0.3)));
    sizes[kind] = Math.max(100, Math.round(probe.requestsPerSecond * options.runSeconds));
  }
}

const rounds = [];
for (let round = 0; round < options.rounds; round++) {
  const result = {};
  for (const kind of kinds) result[kind] = await measure(kind, sizes[kind]);
  rounds.push(result);
}

const usage = process.resourceUsage();
const report = {
  client,
  node: process.version,
  sizes,
  rounds,
  // Linux reports the peak resident set size in kilobytes.
  maxRSSBytes: usage.maxRSS * 1024,
};
target.close();
if (process.send) {
  // Not a cold-start measurement: exit at once rather than wait for pools to let go.
  process.send(report, () => process.exit(0));
} else {
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}
