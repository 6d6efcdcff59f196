/** The tool's exit codes; docs/rotation.md lists them for scripts. */
export const ExitCode = {
  /** Done: the rotation is idle or finished, the repair was made (or nothing needed one). */
  Ok: 0,
  /** A call failed: the secret does not exist, no credentials, no network, a service error. */
  Error: 1,
  /** The command line is wrong. */
  Usage: 2,
  /**
   * The rotation is stuck (or, while waiting, failed); `repair` can clear it. Also after a
   * `repair --cancel` that stopped a rotation whose pending version holds a value: the labels stay for
   * `--finish` or `--discard`.
   */
  Stuck: 3,
  /**
   * A rotation is under way (found by `status`, or by a `repair` that changed nothing: a dry run, or
   * one without `--cancel`), or still was when `rotate --wait` ran out of time.
   */
  Rotating: 4,
  /**
   * `repair` refused: the secret changed between the diagnosis and the repair, or its pending version
   * holds a value and no `--finish` or `--discard` said what to do with it, or one did together with
   * `--cancel` of a rotation under way (which has to stop before the choice is made).
   */
  RepairRefused: 5,
  /** Interrupted (Ctrl-C): what was waited for goes on without the tool. */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
