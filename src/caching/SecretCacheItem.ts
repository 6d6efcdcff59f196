import type { IDescribeSecretResponse } from '../generated/models/DescribeSecretResponse.js';
import { abortable } from './abortable.js';
import type { CacheContext } from './CacheContext.js';
import { isDefinitiveError } from './isDefinitiveError.js';
import { isBranded } from './brand.js';
import { ObjectDisposedException } from './ObjectDisposedException.js';
import { parseSecretJson, type SecretParser } from './parseSecretJson.js';
import { SecretValue, type ISecretValue } from './SecretValue.js';

/**
 * A background check starts at a read once the value is older than a random point in
 * [REFRESH_FROM, REFRESH_TO] × CacheItemTTL, so that caches started together (a fleet deployed at
 * once) drift apart instead of checking in step every TTL, as the Java caching client's jitter does
 * (SecretCacheItem.java: `nextLong(ttl / 2, ttl + 1)`). The window is narrower and earlier than
 * Java's: the last twentieth of the TTL is left for the check to complete while reads are still
 * served (a warm value is never waited for), and checks come on average every 0.85 TTL rather than
 * every 0.75, fewer calls for the same spread.
 */
const REFRESH_FROM = 0.75;
const REFRESH_TO = 0.95;
/**
 * Backoff after a failed check: 1 s doubling to 128 s, each delay drawn from its upper half, after
 * the .NET and Java caching clients (SecretCacheObject: EXCEPTION_BACKOFF 1000, BACKOFF_PLATEAU 128 ×).
 */
const BACKOFF_FIRST = 1_000;
const BACKOFF_MAX = 128_000;
/**
 * A rotation completes on or before `NextRotationDate` (DescribeSecret's documentation); the caches of
 * a fleet check within this many milliseconds after it, at random, rather than all in the same second.
 */
const ROTATION_SPREAD = 30_000;
/** Parsers kept per version: a parse function written inline is a new object at every call. */
const MAX_PARSERS = 8;
const RAW_JSON = Symbol();

const toMillis = (date: unknown): number | undefined => {
  const ms = date instanceof Date ? date.getTime() : typeof date === 'number' ? date : typeof date === 'string' ? Date.parse(date) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
};

/** The version that carries `stage`, from DescribeSecret's VersionIdsToStages. */
function versionWith(description: IDescribeSecretResponse, stage: string): string | undefined {
  for (const [versionId, stages] of Object.entries(description.VersionIdsToStages ?? {})) if (stages?.includes(stage)) return versionId;
  return undefined;
}

/**
 * One secret, at one version stage, in a {@link SecretsManagerCache}: .NET's `SecretCacheItem`. What
 * it holds is readable here (when it was checked, when it will be, the last error), never its value
 * but through {@link SecretCacheItem.getSecretValue}. Created by the cache, not by applications.
 */
export class SecretCacheItem {
  // Its state is in private fields, which util.inspect and JSON.stringify do not show: printing an
  // item shows which secret and stage it is, never what it holds.
  readonly secretId: string;
  readonly versionStage: string;
  readonly #ctx: CacheContext;
  /** What `put` of the hook returned, or the SecretValue itself. */
  #stored: unknown;
  #hasValue = false;
  #versionId: string | undefined;
  #checkedAt: number | undefined;
  /** When the value held was last read with GetSecretValue (or BatchGetSecretValue), not only described; set with every value. */
  #readAt!: number;
  #refreshAt = 0;
  #expiresAt = 0;
  #error: unknown;
  #hasError = false;
  #errorUntil = 0;
  #failures = 0;
  /** The check under way, which every caller that needs one waits on: never rejects. */
  #inflight: Promise<void> | undefined;
  #forcedAt = Number.NEGATIVE_INFINITY;
  #parsedFor: SecretValue | undefined;
  #parsed: Map<unknown, Promise<unknown>> | undefined;

  /** @internal */
  constructor(ctx: CacheContext, secretId: string, versionStage: string) {
    this.#ctx = ctx;
    this.secretId = secretId;
    this.versionStage = versionStage;
  }

  /** The version id of the value held, if one is. */
  get versionId(): string | undefined {
    return this.#hasValue ? this.#versionId : undefined;
  }

  /** When the value held was last confirmed by the service. */
  get lastRefreshed(): Date | undefined {
    return this.#checkedAt === undefined || !this.#hasValue ? undefined : new Date(this.#checkedAt);
  }

  /** From when a read starts a check in the background (or, after an error, may call again). */
  get nextRefresh(): Date | undefined {
    return this.#hasValue || this.#hasError ? new Date(this.#refreshAt) : undefined;
  }

  /** When the value held stops being served without a check (transient failures aside: see `MaxStaleAge`). */
  get expiration(): Date | undefined {
    return this.#hasValue ? new Date(this.#expiresAt) : undefined;
  }

  /** The error of the last check, if it failed; cleared by a successful one. */
  get lastError(): unknown {
    return this.#hasError ? this.#error : undefined;
  }

  /**
   * The secret's value, as the cache's reads serve it: from memory while fresh, else after one check
   * shared with every other caller; `abortSignal` ends this caller's wait only.
   */
  async getSecretValue(abortSignal?: AbortSignal): Promise<SecretValue> {
    const value = this.fresh() ?? (await this.read(abortSignal));
    // Frozen, but bytes cannot be: a binary secret is handed out as a copy, so that a caller zeroing
    // its key material after use does not zero it for every other reader.
    return value.SecretBinary === undefined ? value : new SecretValue(value);
  }

  /**
   * The value if a read may have it without waiting, starting a background check when one is due.
   * The hot path of every read. @internal
   */
  fresh(): SecretValue | undefined {
    if (!this.#hasValue) return undefined;
    const ctx = this.#ctx;
    const now = ctx.clock();
    // Past its TTL a value is served only while checks fail with transient errors, up to MaxStaleAge.
    if (now >= this.#expiresAt && !(this.#hasError && now < this.#expiresAt + ctx.maxStaleAge)) return undefined;
    if (now >= this.#refreshAt && this.#inflight === undefined) void this.#start();
    return ctx.hook === undefined ? (this.#stored as SecretValue) : ctx.hook.get(this.#stored);
  }

  /** The value after waiting for a check, or the error that stands in for it. @internal */
  async read(abortSignal: AbortSignal | undefined): Promise<SecretValue> {
    const ctx = this.#ctx;
    if (ctx.destroyed.aborted) throw new ObjectDisposedException();
    if (!this.#hasValue && this.#hasError && ctx.clock() < this.#errorUntil) throw this.#error;
    await abortable(this.#inflight ?? this.#start(), abortSignal);
    if (ctx.destroyed.aborted) throw new ObjectDisposedException();
    if (this.#hasValue) return ctx.hook === undefined ? (this.#stored as SecretValue) : ctx.hook.get(this.#stored);
    throw this.#error;
  }

  /** The secret's JSON, parsed (and validated) once per version and parser. @internal */
  async json<T>(value: SecretValue, parse: SecretParser<T> | undefined): Promise<T> {
    // With a hook, parsed values would be held outside it: parse at every read instead.
    if (this.#ctx.hook !== undefined) return parseSecretJson(this.secretId, value, parse);
    if (this.#parsedFor !== value || this.#parsed === undefined) {
      this.#parsedFor = value;
      this.#parsed = new Map();
    }
    const key = parse ?? RAW_JSON;
    let parsed = this.#parsed.get(key);
    if (parsed === undefined) {
      if (this.#parsed.size >= MAX_PARSERS) this.#parsed.clear();
      // Every reader of this version gets this same object, neither copied nor frozen per read, so that
      // a warm read costs what getSecretString does; docs/caching.md asks readers to copy it before
      // changing it.
      parsed = parseSecretJson(this.secretId, value, parse);
      // A failure is kept, with its version, as the result: it is observed by the caller, not here.
      parsed.catch(() => {});
      this.#parsed.set(key, parsed);
    }
    return parsed as Promise<T>;
  }

  /**
   * Checks now, unless a forced check began less than `RefreshNowMinInterval` ago (then joins it, or
   * answers from its outcome). A check already under way may have started before what the caller
   * reacts to (a rotation), so the forced one follows it. True when the check succeeded. @internal
   */
  async refreshNow(abortSignal: AbortSignal | undefined): Promise<boolean> {
    const ctx = this.#ctx;
    if (ctx.destroyed.aborted) throw new ObjectDisposedException();
    const now = ctx.clock();
    if (now - this.#forcedAt >= ctx.refreshNowMinInterval) {
      this.#forcedAt = now;
      const previous = this.#inflight;
      const run: Promise<void> = (previous ?? Promise.resolve()).then(() => this.#check()).then(() => {
        if (this.#inflight === run) this.#inflight = undefined;
      });
      this.#inflight = run;
    }
    if (this.#inflight !== undefined) await abortable(this.#inflight, abortSignal);
    if (ctx.destroyed.aborted) throw new ObjectDisposedException();
    return this.#hasValue && !this.#hasError;
  }

  /** Drops the value held, at the cache's destroy(): later reads throw ObjectDisposedException. @internal */
  dispose(): void {
    this.#drop();
  }

  /** Takes a value fetched elsewhere (BatchGetSecretValue) as a successful check. @internal */
  fill(value: ISecretValue): void {
    this.#succeeded(value, undefined);
  }

  #start(): Promise<void> {
    const run: Promise<void> = this.#check().then(() => {
      if (this.#inflight === run) this.#inflight = undefined;
    });
    this.#inflight = run;
    return run;
  }

  /**
   * One check. A held value is checked with DescribeSecret, which answers with the version ids and
   * their stages: when the stage still names the version held, that one call is all (no value
   * crosses the wire, no KMS decrypt, and DescribeSecret's quota is four times GetSecretValue's);
   * otherwise, or with nothing held, GetSecretValue. Records the outcome; never rejects.
   */
  #check(): Promise<void> {
    const ctx = this.#ctx;
    if (ctx.destroyed.aborted) return Promise.resolve();
    const controller = new AbortController();
    ctx.pending.add(controller);
    // Settles at destroy() even if the client does not heed the signal: nobody waits on a cache that is gone.
    return new Promise<void>((resolve) => {
      controller.signal.addEventListener('abort', () => resolve(), { once: true });
      this.#call(controller.signal).then(resolve);
    }).finally(() => ctx.pending.delete(controller));
  }

  async #call(signal: AbortSignal): Promise<void> {
    const ctx = this.#ctx;
    try {
      let description: IDescribeSecretResponse | undefined;
      // Past MaxValueAge a value is read again, so that access revoked since (which DescribeSecret does not need) is seen.
      if (this.#hasValue && ctx.checkWith === 'describe' && ctx.client.describeSecretAsync !== undefined && ctx.clock() - this.#readAt < ctx.maxValueAge) {
        try {
          description = await ctx.client.describeSecretAsync({ SecretId: this.secretId }, signal);
        } catch (error) {
          if (!isBranded(error, 'AmazonServiceException') || (error as { errorCode?: string }).errorCode !== 'AccessDeniedException') throw error;
          // The role may read the value but not describe the secret (a policy granting only
          // secretsmanager:GetSecretValue): check with GetSecretValue from now on.
          ctx.checkWith = 'value';
        }
        const current = description === undefined ? undefined : versionWith(description, this.versionStage);
        // A secret scheduled for deletion is still described, but its value may no longer be read:
        // GetSecretValue gives the service's own answer (InvalidRequestException).
        if (current !== undefined && current === this.#versionId && description!.DeletedDate == null) {
          this.#succeeded(undefined, description);
          return;
        }
      }
      const response = await ctx.client.getSecretValueAsync({ SecretId: this.secretId, VersionStage: this.versionStage }, signal);
      this.#succeeded(response, description);
    } catch (error) {
      // Destroyed: what the calls waiting on this check see is the cache's, not this error.
      if (signal.aborted) return;
      this.#failed(error);
    }
  }

  #succeeded(response: ISecretValue | undefined, description: IDescribeSecretResponse | undefined): void {
    const ctx = this.#ctx;
    const now = ctx.clock();
    // A version's value never changes: a value of the version held keeps the held object, and so
    // the JSON parsed from it.
    if (response !== undefined) this.#readAt = now;
    if (response !== undefined && !(this.#hasValue && response.VersionId !== undefined && response.VersionId === this.#versionId)) {
      const value = new SecretValue(response);
      this.#stored = ctx.hook === undefined ? value : ctx.hook.put(value);
      this.#versionId = value.VersionId;
      this.#hasValue = true;
      this.#parsedFor = undefined;
      this.#parsed = undefined;
    }
    this.#checkedAt = now;
    this.#expiresAt = now + ctx.ttl;
    this.#refreshAt = now + ctx.ttl * (REFRESH_FROM + (REFRESH_TO - REFRESH_FROM) * ctx.random());
    const nextRotation = ctx.expireAtNextRotation && description?.RotationEnabled !== false ? toMillis(description?.NextRotationDate) : undefined;
    // A date in the past is a rotation that failed or is late: the TTL applies until it moves on.
    if (nextRotation !== undefined && nextRotation > now) {
      const due = nextRotation + ROTATION_SPREAD * ctx.random();
      if (due < this.#expiresAt) this.#expiresAt = due;
      if (due < this.#refreshAt) this.#refreshAt = due;
    }
    this.#hasError = false;
    this.#error = undefined;
    this.#failures = 0;
  }

  #failed(error: unknown): void {
    const ctx = this.#ctx;
    const now = ctx.clock();
    this.#error = error;
    this.#hasError = true;
    if (isDefinitiveError(error)) {
      this.#drop();
      this.#failures = 0;
      this.#errorUntil = now + ctx.negativeTtl;
    } else {
      this.#failures += 1;
      const ceiling = Math.min(BACKOFF_FIRST * 2 ** (this.#failures - 1), BACKOFF_MAX);
      this.#errorUntil = now + ceiling / 2 + (ceiling / 2) * ctx.random();
      if (this.#hasValue && now >= this.#expiresAt + ctx.maxStaleAge) this.#drop();
    }
    this.#refreshAt = this.#errorUntil;
  }

  #drop(): void {
    this.#stored = undefined;
    this.#hasValue = false;
    this.#versionId = undefined;
    this.#parsedFor = undefined;
    this.#parsed = undefined;
  }
}
