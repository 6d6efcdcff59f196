import type { CacheClient } from './CacheClient.js';
import type { CacheContext } from './CacheContext.js';
import type { GetSecretJsonOptions, GetSecretOptions, ISecretsManagerCache, PrefetchResult, PrefetchSource } from './ISecretsManagerCache.js';
import { ObjectDisposedException } from './ObjectDisposedException.js';
import { SecretCacheConfiguration, type ISecretCacheConfiguration } from './SecretCacheConfiguration.js';
import { SecretCacheItem } from './SecretCacheItem.js';
import type { StandardSchemaV1 } from './StandardSchemaV1.js';

const isSignal = (value: unknown): value is AbortSignal => typeof value === 'object' && value !== null && typeof (value as AbortSignal).aborted === 'boolean' && typeof (value as AbortSignal).addEventListener === 'function';

const signalOf = (options: AbortSignal | GetSecretOptions | undefined): AbortSignal | undefined => (isSignal(options) ? options : options?.abortSignal);

function checkNumber(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min) throw new RangeError(`SecretCacheConfiguration.${name} must be a number >= ${min}.`);
  return value;
}

/**
 * A client-side cache of Secrets Manager secrets, mirroring .NET's
 * `Amazon.SecretsManager.Extensions.Caching.SecretsManagerCache`:
 * - one request per miss however many callers wait for it, and a caller's abort ends only its wait;
 * - warm values are checked in the background before they expire, at jittered times, with one
 *   DescribeSecret call when the version did not change;
 * - through throttling and outages the held value is served (up to `MaxStaleAge`), with backoff;
 *   not-found, access-denied and the like are served as errors for `NegativeCacheTTL`;
 * - JSON is parsed and validated once per version; `prefetch` loads 20 secrets a call.
 * See docs/caching.md. Secret values never appear in its errors or in `util.inspect` of it.
 */
export class SecretsManagerCache implements ISecretsManagerCache, Disposable {
  readonly #ctx: CacheContext;
  readonly #controller = new AbortController();
  readonly #items = new Map<string, SecretCacheItem>();
  readonly #maxSize: number;
  readonly #stage: string;
  /** The item read last: a read of it again skips the reordering of the LRU map. */
  #last: SecretCacheItem | undefined;

  /** A cache over `client`, with the defaults or the settings given (.NET's `SecretsManagerCache(IAmazonSecretsManager, SecretCacheConfiguration)`). */
  constructor(client: CacheClient, config?: ISecretCacheConfiguration);
  /** A cache with the settings given, the client among them (`Client`). */
  constructor(config: ISecretCacheConfiguration);
  constructor(clientOrConfig: CacheClient | ISecretCacheConfiguration, maybeConfig?: ISecretCacheConfiguration) {
    const isClient = typeof (clientOrConfig as CacheClient | undefined)?.getSecretValueAsync === 'function';
    const config = new SecretCacheConfiguration(isClient ? maybeConfig : (clientOrConfig as ISecretCacheConfiguration | undefined));
    const client = isClient ? (clientOrConfig as CacheClient) : config.Client;
    if (typeof client?.getSecretValueAsync !== 'function') {
      throw new TypeError('SecretsManagerCache needs a client with getSecretValueAsync, as its first argument or as Client.');
    }
    const ttl = checkNumber('CacheItemTTL', config.CacheItemTTL, 1);
    this.#maxSize = checkNumber('MaxCacheSize', config.MaxCacheSize, 1);
    if (typeof config.VersionStage !== 'string' || config.VersionStage === '') throw new RangeError('SecretCacheConfiguration.VersionStage must be a non-empty string.');
    this.#stage = config.VersionStage;
    this.#ctx = {
      client,
      ttl,
      maxStaleAge: checkNumber('MaxStaleAge', config.MaxStaleAge ?? ttl, 0),
      negativeTtl: checkNumber('NegativeCacheTTL', config.NegativeCacheTTL, 0),
      expireAtNextRotation: config.ExpireAtNextRotation !== false,
      refreshNowMinInterval: checkNumber('RefreshNowMinInterval', config.RefreshNowMinInterval, 0),
      maxValueAge: checkNumber('MaxValueAge', config.MaxValueAge, 0),
      hook: config.CacheHook,
      clock: config.Clock ?? Date.now,
      random: config.Random ?? Math.random,
      destroyed: this.#controller.signal,
      pending: new Set(),
      checkWith: 'describe',
    };
  }

  /** How many items the cache holds. */
  get size(): number {
    return this.#items.size;
  }

  async getSecretString(secretId: string, options?: AbortSignal | GetSecretOptions): Promise<string | undefined> {
    const item = this.#item(secretId, options);
    const value = item.fresh() ?? (await item.read(signalOf(options)));
    return value.SecretString;
  }

  async getSecretBinary(secretId: string, options?: AbortSignal | GetSecretOptions): Promise<Uint8Array | undefined> {
    const item = this.#item(secretId, options);
    const value = item.fresh() ?? (await item.read(signalOf(options)));
    // A copy, as .NET's `ToArray()`: the caller may write to what it gets.
    return value.SecretBinary === undefined ? undefined : new Uint8Array(value.SecretBinary);
  }

  getSecretJson<S extends StandardSchemaV1>(secretId: string, options: GetSecretJsonOptions<StandardSchemaV1.InferOutput<S>> & { parse: S }): Promise<StandardSchemaV1.InferOutput<S>>;
  getSecretJson<T = unknown>(secretId: string, options?: AbortSignal | GetSecretJsonOptions<T>): Promise<T>;
  async getSecretJson<T>(secretId: string, options?: AbortSignal | GetSecretJsonOptions<T>): Promise<T> {
    const item = this.#item(secretId, options);
    const signal = signalOf(options);
    const value = item.fresh() ?? (await item.read(signal));
    return item.json(value, isSignal(options) ? undefined : options?.parse);
  }

  async refreshNowAsync(secretId: string, options?: AbortSignal | GetSecretOptions): Promise<boolean> {
    return this.#item(secretId, options).refreshNow(signalOf(options));
  }

  getCachedSecret(secretId: string, versionStage?: string): SecretCacheItem {
    return this.#item(secretId, versionStage === undefined ? undefined : { versionStage });
  }

  async prefetch(source: PrefetchSource, abortSignal?: AbortSignal): Promise<PrefetchResult> {
    if (this.#controller.signal.aborted) throw new ObjectDisposedException();
    const client = this.#ctx.client;
    if (client.batchGetSecretValueAsync === undefined) throw new TypeError('prefetch needs a client with batchGetSecretValueAsync.');
    const { prefetchSecrets } = await import('./prefetchSecrets.js');
    // Its own request, not one shared: the caller's signal may cancel it, and so may destroy().
    const controller = new AbortController();
    const onAbort = () => controller.abort(abortSignal!.reason);
    if (abortSignal?.aborted) throw abortSignal.reason;
    abortSignal?.addEventListener('abort', onAbort, { once: true });
    this.#ctx.pending.add(controller);
    try {
      return await prefetchSecrets(client.batchGetSecretValueAsync.bind(client), source, controller.signal, (id, entry) => this.#item(id, { versionStage: 'AWSCURRENT' }).fill(entry));
    } catch (error) {
      if (this.#controller.signal.aborted) throw new ObjectDisposedException();
      throw error;
    } finally {
      abortSignal?.removeEventListener('abort', onAbort);
      this.#ctx.pending.delete(controller);
    }
  }

  destroy(): void {
    if (this.#controller.signal.aborted) return;
    this.#controller.abort(new ObjectDisposedException());
    for (const controller of this.#ctx.pending) controller.abort(new ObjectDisposedException());
    this.#ctx.pending.clear();
    // An item a caller still holds (getCachedSecret) keeps nothing either: its reads then throw.
    for (const item of this.#items.values()) item.dispose();
    this.#items.clear();
    this.#last = undefined;
  }

  [Symbol.dispose](): void {
    this.destroy();
  }

  #item(secretId: string, options: AbortSignal | GetSecretOptions | undefined): SecretCacheItem {
    if (this.#controller.signal.aborted) throw new ObjectDisposedException();
    // A caller that has already given up gets its reason, as from the client, even for a value in memory.
    signalOf(options)?.throwIfAborted();
    if (typeof secretId !== 'string' || secretId === '') throw new TypeError('secretId must be a non-empty string.');
    const stage = (isSignal(options) ? undefined : options?.versionStage) ?? this.#stage;
    // Secret ids are names and ARNs, which never hold a NUL.
    const key = stage === this.#stage ? secretId : `${stage}\u0000${secretId}`;
    let item = this.#items.get(key);
    if (item === undefined) {
      item = new SecretCacheItem(this.#ctx, secretId, stage);
      this.#items.set(key, item);
      // Least recently used first: the Map keeps insertion order, and every read re-inserts.
      if (this.#items.size > this.#maxSize) this.#items.delete(this.#items.keys().next().value!);
    } else if (item !== this.#last) {
      this.#items.delete(key);
      this.#items.set(key, item);
    }
    this.#last = item;
    return item;
  }

  /** The cache's settings and size, never a value. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecretsManagerCache { size: ${this.#items.size} }`;
  }
}
