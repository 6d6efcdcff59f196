/**
 * Clients for the fault-server tests (retry, timeouts, clock skew): the real Node client with its
 * default transport (NodeHttpHandler, node:http), pointed at a fault server, with injected time. The fake clock stands
 * still except when the client sleeps: the recording `sleep` notes the delay, moves the clock on by
 * it and resolves at once (after rejecting with `signal.reason` if the signal is aborted), so backoff
 * costs no real time. `randomUUID` counts (`…000000000001`, `…000000000002`, …).
 */
import { afterEach } from 'vitest';
import { SecretsManagerClient, type ClientConfig, type Sleep } from '../../src/index.node.js';

export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
/** Where the fake clock starts: a whole second, so `x-amz-date` is exact. */
export const START = Date.parse('2024-01-02T03:04:05Z');

export interface FakeTime {
  /** The fake clock, in ms since the epoch. */
  now: number;
  /** Every delay the client slept, in order. */
  readonly delays: number[];
  /** Runs inside each sleep, before it resolves (e.g. to let a refusing server listen again). */
  onSleep?: ((ms: number) => void | Promise<void>) | undefined;
  readonly clock: () => Date;
  readonly sleep: Sleep;
}

export function fakeTime(start = START): FakeTime {
  const time: FakeTime = {
    now: start,
    delays: [],
    clock: () => new Date(time.now),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      time.delays.push(ms);
      time.now += ms;
      await time.onSleep?.(ms);
      signal?.throwIfAborted();
    },
  };
  return time;
}

/** UUIDs `00000000-0000-4000-8000-000000000001`, `…002`, … in turn. */
export function countingUUIDs(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

/**
 * `makeClient(url, config)` builds a client with fake time (returned with it); every client is
 * destroyed after each test.
 */
export function useFaultClients(): (url: string, config?: ClientConfig) => { client: SecretsManagerClient; time: FakeTime } {
  const clients: SecretsManagerClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  return (url, config = {}) => {
    const time = fakeTime();
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      serviceURL: url,
      credentials: CREDENTIALS,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      randomUUID: countingUUIDs(),
      ...config,
    });
    clients.push(client);
    return { client, time };
  };
}

export { rejectionOf } from './outcomes.js';

/** `20240102T030405Z` → ms since the epoch. */
export function parseAmzDate(value: string | undefined): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) throw new Error(`not an x-amz-date: ${value}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
