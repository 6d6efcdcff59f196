import type { ParseArgsConfig } from 'node:util';
import type { SecretsManagerClient } from '../index.node.js';
import type { SecretsManagerRotation } from '../rotation/index.js';
import type { ExitCode } from './exitCodes.js';

/** Where a command writes: a stream, and whether it is a terminal (a live progress line is drawn only then). */
export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** What a command runs with. */
export interface CliContext {
  stdout: CliOutput;
  stderr: CliOutput;
  /** Made from `--region`, `--endpoint` and `--profile`; present when the command `needsClient`. */
  client: SecretsManagerClient;
  rotation: SecretsManagerRotation;
  /** Aborts on Ctrl-C. */
  abortSignal: AbortSignal;
  clock: () => Date;
}

/** One entry of the command table. */
export interface CliCommand {
  name: string;
  /** Arguments after the name, for the usage line: `<secret-id> [--json]`. */
  usage: string;
  /** One line for the help. */
  summary: string;
  /** The command's own options, as `node:util` `parseArgs` takes them (the global ones are added). */
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes, and their names for messages. */
  positionals: string[];
  /** False for a command that talks to no service (it then gets no client). */
  needsClient: boolean;
  run(context: CliContext, positionals: string[], values: Record<string, string | boolean | undefined>): Promise<ExitCode>;
}
