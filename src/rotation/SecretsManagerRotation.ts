import { isAmazonServiceException, isResourceNotFoundException, type Sleep } from '../index.js';
import { cancelRotation, diagnoseRotation, removePending } from './diagnoseRotation.js';
import { RotationAbandonedException } from './RotationAbandonedException.js';
import type { RotationClient } from './RotationClient.js';
import { POLL_BACKOFF_FACTOR, POLL_INITIAL_DELAY_MS, POLL_MAX_DELAY_MS, STUCK_AFTER_MS } from './rotationDefaults.js';
import { RotationRepairRefusedException } from './RotationRepairRefusedException.js';
import type { RepairStep, RotationStatus } from './RotationStatus.js';
import { RotationStuckException } from './RotationStuckException.js';
import { RotationTimeoutException } from './RotationTimeoutException.js';
import { sleep as defaultSleep } from './sleep.js';
import { AWSCURRENT, AWSPENDING } from './stagingLabels.js';

/** Options of {@link SecretsManagerRotation}. */
export interface SecretsManagerRotationOptions {
  /** Milliseconds after which a pending version that is not current counts as stuck; default one hour. */
  stuckAfter?: number;
  /** The clock that dates a diagnosis and measures waits; for tests. */
  clock?: () => Date;
  /** The wait between polls; must reject with `signal.reason` when the signal aborts. For tests. */
  sleep?: Sleep;
}

/** Options of {@link SecretsManagerRotation.repairRotationAsync}. */
export interface RepairRotationOptions {
  /** Plan only: return the calls without making them. */
  dryRun?: boolean;
  abortSignal?: AbortSignal;
  /**
   * The diagnosis the repair is meant for (from `describeRotationAsync`, or a dry run shown to someone):
   * the repair is refused if the secret is no longer in that state.
   */
  expected?: RotationStatus;
  /**
   * Also call CancelRotateSecret first, which turns automatic rotation off; needed to stop a rotation
   * that is still under way (`rotating`), never done otherwise. RotateSecret turns rotation on again.
   * For a rotation under way, `AWSPENDING` is removed with it only when the pending version holds no
   * value; one that holds a value (setSecret may have run, or be running) keeps its label, and the
   * secret is left `PendingAfterRotationDisabled` for a later repair with `resolve`, which is refused
   * together with the cancel.
   */
  cancelRotation?: boolean;
  /**
   * The way out of a rotation stuck with a pending version that holds a value
   * (`PendingVersionNotCurrent`, or `PendingAfterRotationDisabled` with a value: the status has
   * `repairChoices`), which is never repaired without it: `'finish'` moves `AWSCURRENT` to
   * the pending version (when setSecret ran and the database takes the pending password), `'discard'`
   * removes `AWSPENDING` (when the database still takes the current one). The calls of each are the
   * status's `repairChoices`. `'discard'` is also accepted for the other stuck states, whose repair it
   * is; `'finish'` is refused for them.
   */
  resolve?: RepairResolution;
}

/** How to clear a pending version that holds a value: make it current, or drop its label. */
export type RepairResolution = 'finish' | 'discard';

/** What {@link SecretsManagerRotation.repairRotationAsync} did, or would do on a dry run. */
export interface RotationRepairResult {
  /** The diagnosis the plan was made from. */
  before: RotationStatus;
  /** The calls, in order; empty when there was nothing to repair. */
  plan: RepairStep[];
  /** The calls made: none on a dry run. */
  performed: RepairStep[];
  dryRun: boolean;
  /** The diagnosis after the calls; absent on a dry run or when nothing was done. */
  after?: RotationStatus;
}

/** What a wait reports: the stage of the rotation it watches. */
export type RotationPhase =
  /** The pending version exists, with no value yet: createSecret has not stored one. */
  | 'creatingSecret'
  /** The pending version holds the new value: setSecret, testSecret and finishSecret are running. */
  | 'settingSecret'
  /** The pending version became current, or no version is pending any more. */
  | 'finished';

/** A stage change, passed to `onProgress`. */
export interface RotationProgress {
  phase: RotationPhase;
  status: RotationStatus;
  /** Milliseconds since the wait began. */
  elapsed: number;
}

/** Options of {@link SecretsManagerRotation.waitForRotationAsync}. */
export interface WaitForRotationOptions {
  abortSignal?: AbortSignal;
  /** Milliseconds to wait at most; default none (a rotation older than `stuckAfter` ends the wait as stuck). */
  timeout?: number;
  /** Called on every stage change, the first poll's included. */
  onProgress?: (progress: RotationProgress) => void;
  /**
   * The version the rotation creates (RotateSecret's `VersionId`): the wait ends when it is current, and
   * fails if it stops being pending without becoming current. Without it, the wait ends when no version
   * but the current one is pending.
   */
  versionId?: string;
}

// Whether the pending version holds a value decides between a default repair and a choice, so a value
// stored since the diagnosis (createSecret finishing) is a change of state too.
const fingerprint = (status: RotationStatus): string =>
  JSON.stringify([status.state, status.reason, status.rotationEnabled, status.current?.versionId, status.pending?.versionId, status.pending?.hasValue]);

const pendingValue = (status: RotationStatus): string =>
  !status.pending || status.pending.versionId === status.current?.versionId ? '' : status.pending.hasValue === true ? ' (holding a value)' : status.pending.hasValue === false ? ' (no value)' : '';

const describeState = (status: RotationStatus): string =>
  `${status.state}${status.reason ? ` (${status.reason})` : ''}, AWSCURRENT on ${status.current?.versionId ?? 'no version'}, AWSPENDING on ${status.pending?.versionId ?? 'no version'}${pendingValue(status)}, rotation ${status.rotationEnabled ? 'on' : 'off'}`;

function checkMilliseconds(value: unknown, option: string): void {
  if (value !== undefined && !(typeof value === 'number' && value > 0 && value <= 2 ** 31 - 1)) {
    throw new RangeError(`The ${option} option must be a number of milliseconds above 0 (at most 2147483647), not ${typeof value === 'number' ? value : typeof value}.`);
  }
}

/**
 * Diagnoses, repairs and waits for the rotation of a secret, through a client's public API: the tools
 * for the person paged because "a previous rotation is still in progress". Construct it with a
 * `SecretsManagerClient` (or a stub of the operations in {@link RotationClient}).
 */
export class SecretsManagerRotation {
  readonly #client: RotationClient;
  readonly #stuckAfter: number;
  readonly #clock: () => Date;
  readonly #sleep: Sleep;

  constructor(client: RotationClient, options: SecretsManagerRotationOptions = {}) {
    for (const operation of ['describeSecretAsync', 'listSecretVersionIdsAsync', 'getSecretValueAsync', 'updateSecretVersionStageAsync', 'cancelRotateSecretAsync'] as const) {
      if (typeof client?.[operation] !== 'function') throw new TypeError(`SecretsManagerRotation needs a client with ${operation}: pass a SecretsManagerClient.`);
    }
    checkMilliseconds(options.stuckAfter, 'stuckAfter');
    this.#client = client;
    this.#stuckAfter = options.stuckAfter ?? STUCK_AFTER_MS;
    this.#clock = options.clock ?? (() => new Date());
    this.#sleep = options.sleep ?? defaultSleep;
  }

  /**
   * Where the rotation of a secret stands: its configuration, the `AWSCURRENT`, `AWSPENDING` and
   * `AWSPREVIOUS` versions, and a verdict with the calls that would clear a stuck state. One
   * DescribeSecret; when a pending version is not current, also ListSecretVersionIds (its age) and a
   * GetSecretValue of that version (whether it holds a value; the value is dropped unread).
   */
  async describeRotationAsync(secretId: string, abortSignal?: AbortSignal): Promise<RotationStatus> {
    return this.#diagnose(secretId, abortSignal, undefined);
  }

  async #diagnose(secretId: string, abortSignal: AbortSignal | undefined, knownValue: { versionId: string } | undefined): Promise<RotationStatus> {
    if (typeof secretId !== 'string' || secretId.length === 0) throw new TypeError('The secret id must be a non-empty string: a name or an ARN.');
    const described = await this.#client.describeSecretAsync({ SecretId: secretId }, abortSignal);
    const stages = Object.entries(described.VersionIdsToStages ?? {});
    const pendingId = stages.find(([, labels]) => labels.includes(AWSPENDING))?.[0];
    const currentId = stages.find(([, labels]) => labels.includes(AWSCURRENT))?.[0];
    const facts = { described, now: this.#clock(), stuckAfter: this.#stuckAfter };
    if (pendingId === undefined || pendingId === currentId) return diagnoseRotation(facts);
    const secret = described.ARN ?? secretId;
    const createdDates = await this.#createdDates(secret, abortSignal);
    const pendingHasValue = knownValue?.versionId === pendingId ? true : await this.#hasValue(secret, pendingId, abortSignal);
    return diagnoseRotation({ ...facts, createdDates, ...(pendingHasValue === undefined ? {} : { pendingHasValue }), now: this.#clock() });
  }

  async #createdDates(secretId: string, abortSignal: AbortSignal | undefined): Promise<Map<string, Date>> {
    const dates = new Map<string, Date>();
    let NextToken: string | undefined;
    do {
      const page = await this.#client.listSecretVersionIdsAsync({ SecretId: secretId, ...(NextToken ? { NextToken } : {}) }, abortSignal);
      for (const version of page.Versions ?? []) if (version.VersionId && version.CreatedDate) dates.set(version.VersionId, version.CreatedDate);
      // An empty NextToken ends the list as an absent one does (some emulators send "").
      NextToken = page.NextToken || undefined;
    } while (NextToken);
    return dates;
  }

  /** Whether a version holds a value; the value read is not kept. Undefined when the caller may not read it. */
  async #hasValue(secretId: string, versionId: string, abortSignal: AbortSignal | undefined): Promise<boolean | undefined> {
    try {
      await this.#client.getSecretValueAsync({ SecretId: secretId, VersionId: versionId, VersionStage: AWSPENDING }, abortSignal);
      return true;
    } catch (error) {
      // The service answers ResourceNotFoundException for a version with no value, as for the pending
      // version a failed createSecret leaves (RotateSecret reference: "AWSPENDING ... attached to an empty secret version").
      if (isResourceNotFoundException(error)) return false;
      // Not allowed to read values (AccessDeniedException), a KMS key it may not use...: the diagnosis
      // goes on without knowing.
      if (isAmazonServiceException(error)) return undefined;
      throw error;
    }
  }

  /**
   * Clears a stuck rotation with the calls its diagnosis lists: UpdateSecretVersionStage removing
   * `AWSPENDING` from the version that is not current (conditional on the service's side: it fails if
   * the label has moved), preceded by CancelRotateSecret when `cancelRotation` is set. A pending version
   * that holds a value (a status with `repairChoices`) is cleared only the way `resolve` says, finishing
   * the rotation or discarding it, and refused without it, dry run included. A dry run returns the plan
   * only. Refuses with {@link RotationRepairRefusedException} when the state is not the one `expected`
   * describes, when a choice is missing or does not fit the state, or when a step meets a moved label;
   * nothing is moved blindly. A secret that is not stuck (and not `rotating` with `cancelRotation`)
   * gets an empty plan. `cancelRotation` on a rotation under way whose pending version holds a value
   * only cancels it: the labels wait for a choice made once the rotation function has stopped.
   */
  async repairRotationAsync(secretId: string, options: RepairRotationOptions = {}): Promise<RotationRepairResult> {
    const { abortSignal, expected, dryRun = false, cancelRotation: cancel = false, resolve } = options;
    if (resolve !== undefined && resolve !== 'finish' && resolve !== 'discard') {
      throw new TypeError(`The resolve option must be 'finish' or 'discard', not ${JSON.stringify(resolve)}.`);
    }
    const before = await this.describeRotationAsync(secretId, abortSignal);
    if (expected !== undefined && fingerprint(expected) !== fingerprint(before)) {
      throw new RotationRepairRefusedException(
        `Refusing to repair ${before.name}: it is no longer in the state the repair was planned for. Planned for: ${describeState(expected)}. Now: ${describeState(before)}. Diagnose it again.`,
        { expected, actual: before },
      );
    }
    const refuse = (why: string): never => {
      throw new RotationRepairRefusedException(`Refusing to repair ${before.name}: ${why}`, { ...(expected ? { expected } : {}), actual: before });
    };
    let steps: RepairStep[] = [];
    if (before.state === 'stuck') {
      if (before.repairChoices) {
        if (resolve === undefined) {
          refuse(
            `${before.explanation} Choose finish (resolve: 'finish'; amazon-secretsmanager repair --finish) if the database takes the pending version's password, as it does once setSecret ran; choose discard (resolve: 'discard'; repair --discard) if it still takes the current one. To check, log in with the pending value: aws secretsmanager get-secret-value --secret-id ${JSON.stringify(before.arn)} --version-id ${before.pending!.versionId}`,
          );
        }
        steps = before.repairChoices[resolve!];
      } else {
        if (resolve === 'finish') refuse(`there is no rotation to finish: ${before.explanation} Its repair removes AWSPENDING (resolve: 'discard', or no resolve).`);
        steps = before.repairPlan;
      }
    } else if (before.state === 'rotating' && cancel) {
      if (resolve === 'finish') refuse(`a rotation under way is finished by its rotation function, not by a repair: ${before.explanation}`);
      if (before.pending!.hasValue === false) {
        // Nothing stored, so nothing set: setSecret runs only after createSecret stored the value, and
        // no step runs once CancelRotateSecret "cancels the rotation". The label can go with the cancel.
        steps = [removePending(before.arn, before.pending!.versionId)];
      } else if (resolve === 'discard') {
        // The function may be in setSecret at this moment (CancelRotateSecret stops no invocation under
        // way), so neither choice can be made yet: discarding could drop the password the database is
        // being given. Cancelling alone leaves PendingAfterRotationDisabled, whose repair asks for the
        // choice once the step has ended.
        refuse(
          `its pending version holds a value (or may), so setSecret may have run or be running now, and which password the database takes is not settled while the rotation function runs. Cancel it alone first (cancelRotation without resolve; amazon-secretsmanager repair --cancel), let the function's invocation end (Lambda's limit is 15 minutes), then choose finish or discard. ${before.explanation}`,
        );
      }
    }
    // A rotation under way is stopped by CancelRotateSecret even when no label is to move: a pending
    // version that holds a value keeps AWSPENDING, for an explicit choice later.
    const stop = cancel && before.rotationEnabled && (steps.length > 0 || before.state === 'rotating');
    const plan: RepairStep[] = stop ? [cancelRotation(before.arn), ...steps] : steps;
    if (dryRun || plan.length === 0) return { before, plan, performed: [], dryRun };
    const performed: RepairStep[] = [];
    for (const step of plan) {
      try {
        if (step.operation === 'CancelRotateSecret') await this.#client.cancelRotateSecretAsync(step.request, abortSignal);
        else await this.#client.updateSecretVersionStageAsync(step.request, abortSignal);
      } catch (error) {
        if (!isAmazonServiceException(error)) throw error;
        const actual = await this.describeRotationAsync(secretId, abortSignal).catch(() => before);
        throw new RotationRepairRefusedException(
          `The service refused ${step.operation} while repairing ${before.name} (${error.errorCode}: ${error.message}). Now: ${describeState(actual)}. Diagnose it again.`,
          { expected: before, actual, step, performed, cause: error },
        );
      }
      performed.push(step);
    }
    return { before, plan, performed, dryRun, after: await this.describeRotationAsync(secretId, abortSignal) };
  }

  /**
   * Waits for a rotation to finish: polls with backoff (1 s, doubling, at most 20 s) until the pending
   * version is current or no version but the current one is pending, reporting each stage change to
   * `onProgress`. Resolves with the final status. Rejects with {@link RotationStuckException} when the
   * rotation is stuck, {@link RotationAbandonedException} when the awaited version stopped being
   * pending, {@link RotationTimeoutException} when `timeout` passed, and the signal's reason when
   * `abortSignal` aborts, at any point.
   */
  async waitForRotationAsync(secretId: string, options: WaitForRotationOptions = {}): Promise<RotationStatus> {
    const { abortSignal, timeout, onProgress, versionId } = options;
    checkMilliseconds(timeout, 'timeout');
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('The onProgress option must be a function.');
    abortSignal?.throwIfAborted();
    const start = this.#clock().getTime();
    let delay = POLL_INITIAL_DELAY_MS;
    let phase: RotationPhase | undefined;
    let filled: { versionId: string } | undefined;
    for (;;) {
      const status = await this.#diagnose(secretId, abortSignal, filled);
      const elapsed = this.#clock().getTime() - start;
      if (status.pending?.hasValue) filled = { versionId: status.pending.versionId };
      const now = this.#phase(status, versionId);
      if (now !== phase && now !== 'abandoned') {
        phase = now;
        onProgress?.({ phase, status, elapsed });
      }
      if (now === 'finished') return status;
      if (now === 'abandoned') throw new RotationAbandonedException(status, versionId!);
      if (status.state === 'stuck') throw new RotationStuckException(status);
      if (timeout !== undefined && elapsed >= timeout) throw new RotationTimeoutException(status, timeout);
      await this.#sleep(timeout === undefined ? delay : Math.min(delay, timeout - elapsed), abortSignal);
      delay = Math.min(delay * POLL_BACKOFF_FACTOR, POLL_MAX_DELAY_MS);
    }
  }

  #phase(status: RotationStatus, versionId: string | undefined): RotationPhase | 'abandoned' {
    const pending = status.pending;
    if (versionId !== undefined) {
      if (status.current?.versionId === versionId) return 'finished';
      if (pending?.versionId !== versionId) return 'abandoned';
    } else if (status.state === 'idle') {
      return 'finished';
    }
    return pending?.hasValue ? 'settingSecret' : 'creatingSecret';
  }
}
