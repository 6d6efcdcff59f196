import type { CacheClient } from './CacheClient.js';
import type { ISecretCacheHook } from './ISecretCacheHook.js';

/** What every item of one cache shares: its client, its settings resolved, and its state. Internal. */
export interface CacheContext {
  readonly client: CacheClient;
  readonly ttl: number;
  readonly maxStaleAge: number;
  readonly negativeTtl: number;
  readonly expireAtNextRotation: boolean;
  readonly refreshNowMinInterval: number;
  readonly maxValueAge: number;
  readonly hook: ISecretCacheHook | undefined;
  readonly clock: () => number;
  readonly random: () => number;
  /** Aborted by `destroy()`; read, never listened to (see `pending`). */
  readonly destroyed: AbortSignal;
  /**
   * One controller per request under way, each aborted by `destroy()`. Not one signal shared by all:
   * a signal passed to many concurrent calls collects a listener per call (and Node's warning of a
   * leak past ten).
   */
  readonly pending: Set<AbortController>;
  /**
   * How a held value is checked: `describe` (DescribeSecret, then GetSecretValue only when the
   * version changed) until DescribeSecret is denied or missing, then `value` (GetSecretValue).
   */
  checkWith: 'describe' | 'value';
}
