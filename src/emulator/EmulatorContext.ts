import type { RotationFunction } from './RotationFunction.js';
import type { SecretStore } from './SecretStore.js';
import type { StoredSecret } from './StoredSecret.js';

/** What an operation handler may use: the state, the clock, the account, randomness, rotation. */
export interface EmulatorContext {
  readonly store: SecretStore;
  /** Milliseconds since the epoch (injected, so tests can move time through a recovery window). */
  now(): number;
  readonly region: string;
  readonly accountId: string;
  /** A random UUID: VersionIds the caller did not choose, request ids. */
  randomUUID(): string;
  /** `count` random integers in [0, bound). */
  randomInts(count: number, bound: number): number[];
  /** The rotation function registered for a Lambda ARN, if any. */
  rotationFunction(arn: string): RotationFunction | undefined;
  /**
   * Runs the steps of a rotation after the RotateSecret call has answered, as the service does, then
   * `afterwards` (whatever the outcome).
   */
  startRotation(secret: StoredSecret, token: string, steps: readonly RotationStep[], afterwards?: () => void): void;
}

export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

export const ALL_STEPS: readonly RotationStep[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];
