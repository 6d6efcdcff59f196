import type { Sleep } from './sleep.js';

/*
 * Adaptive retry mode's client-side rate limiter, as the AWS SDKs define it (botocore
 * retries/adaptive.py, bucket.py, throttling.py; Smithy's DefaultRateLimiter): a token bucket whose
 * fill rate follows a CUBIC curve, cut by BETA on every throttling answer and growing back over time.
 * Written here rather than taken from @smithy/util-retry because that one sleeps on a real timer that
 * neither an abort signal nor an injected clock can reach.
 */
const BETA = 0.7;
const SCALE_CONSTANT = 0.4;
const MIN_FILL_RATE = 0.5;
const SMOOTHING = 0.8;
/** Measured send rate is bucketed into half seconds. */
const TIME_BUCKET_SCALE = 2;
/** The rate never grows past twice what the client was measured sending. */
const MAX_RATE_ADJUST_SCALE = 2;

export class ClientRateLimiter {
  readonly #now: () => number;
  readonly #sleep: Sleep;
  /** Off until the first throttling answer: until then requests go out unhindered. */
  #enabled = false;
  // Token bucket.
  #fillRate = MIN_FILL_RATE;
  #maxCapacity = 1;
  #capacity = 0;
  #lastRefill: number | undefined;
  // CUBIC.
  #lastMaxRate = 0;
  #lastThrottle: number;
  // Measured send rate.
  #measuredRate = 0;
  #lastBucket: number;
  #count = 0;

  /** `now` returns seconds. */
  constructor(now: () => number, sleep: Sleep) {
    this.#now = now;
    this.#sleep = sleep;
    this.#lastThrottle = now();
    this.#lastBucket = Math.floor(now());
  }

  /** The current allowed send rate in requests per second, while enabled. */
  get sendRate(): number | undefined {
    return this.#enabled ? this.#fillRate : undefined;
  }

  /** Waits for a send token when the limiter is on; gives up at once when `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    if (!this.#enabled) return;
    this.#refill();
    while (this.#capacity < 1) {
      await this.#sleep(((1 - this.#capacity) / this.#fillRate) * 1000, signal);
      this.#refill();
    }
    this.#capacity -= 1;
  }

  /** Feeds one answer back: a throttling answer cuts the rate, any other lets it grow. */
  record(throttled: boolean): void {
    const measured = this.#measure();
    const now = this.#now();
    let rate: number;
    if (throttled) {
      const rateToUse = this.#enabled ? Math.min(measured, this.#fillRate) : measured;
      this.#lastMaxRate = rateToUse;
      this.#lastThrottle = now;
      rate = rateToUse * BETA;
      this.#enabled = true;
    } else {
      const k = Math.cbrt((this.#lastMaxRate * (1 - BETA)) / SCALE_CONSTANT);
      rate = SCALE_CONSTANT * (now - this.#lastThrottle - k) ** 3 + this.#lastMaxRate;
    }
    this.#setFillRate(Math.min(rate, MAX_RATE_ADJUST_SCALE * measured));
  }

  #measure(): number {
    const now = this.#now();
    const bucket = Math.floor(now * TIME_BUCKET_SCALE) / TIME_BUCKET_SCALE;
    this.#count += 1;
    if (bucket > this.#lastBucket) {
      const current = this.#count / (bucket - this.#lastBucket);
      this.#measuredRate = current * SMOOTHING + this.#measuredRate * (1 - SMOOTHING);
      this.#count = 0;
      this.#lastBucket = bucket;
    }
    return this.#measuredRate;
  }

  #refill(): void {
    const now = this.#now();
    if (this.#lastRefill !== undefined) {
      this.#capacity = Math.min(this.#maxCapacity, this.#capacity + (now - this.#lastRefill) * this.#fillRate);
    }
    this.#lastRefill = now;
  }

  #setFillRate(rate: number): void {
    // Tokens earned at the old rate are counted before the rate changes.
    this.#refill();
    this.#fillRate = Math.max(rate, MIN_FILL_RATE);
    this.#maxCapacity = Math.max(rate, 1);
    this.#capacity = Math.min(this.#capacity, this.#maxCapacity);
  }
}
