import { isAmazonServiceException } from '../index.node.js';
import {
  isRotationException,
  RotationAbandonedException,
  RotationRepairRefusedException,
  RotationStuckException,
  RotationTimeoutException,
  type RotationPhase,
} from '../rotation/index.js';
import type { CliCommand } from './CliCommand.js';
import { ExitCode } from './exitCodes.js';
import { formatPlan, formatStatus } from './formatStatus.js';
import { ProgressLine } from './ProgressLine.js';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const exitFor = { idle: ExitCode.Ok, rotating: ExitCode.Rotating, stuck: ExitCode.Stuck } as const;

const status: CliCommand = {
  name: 'status',
  usage: '<secret-id> [--json]',
  summary: 'Diagnose the rotation of a secret: idle, rotating, or stuck with the calls that would clear it.',
  options: { json: { type: 'boolean' } },
  positionals: ['secret-id'],
  needsClient: true,
  async run({ rotation, stdout, abortSignal }, [secretId], values) {
    const found = await rotation.describeRotationAsync(secretId!, abortSignal);
    stdout.write(values.json ? json(found) : formatStatus(found));
    return exitFor[found.state];
  },
};

const repair: CliCommand = {
  name: 'repair',
  usage: '<secret-id> [--dry-run] [--cancel] [--finish | --discard] [--json]',
  summary:
    'Clear a stuck rotation (remove the leftover AWSPENDING label); a pending version holding a value needs --finish (make it AWSCURRENT) or --discard; --dry-run shows the calls only; --cancel also turns rotation off, which stops one under way (if its pending version holds a value, the labels stay for a later --finish or --discard).',
  options: { 'dry-run': { type: 'boolean' }, cancel: { type: 'boolean' }, finish: { type: 'boolean' }, discard: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: ['secret-id'],
  needsClient: true,
  async run({ rotation, stdout, stderr, abortSignal }, [secretId], values) {
    const dryRun = values['dry-run'] === true;
    const cancelRotation = values.cancel === true;
    if (values.finish === true && values.discard === true) {
      stderr.write(`Pass either --finish or --discard, not both.\nUsage: amazon-secretsmanager repair ${repair.usage}\n`);
      return ExitCode.Usage;
    }
    const resolve = values.finish === true ? 'finish' : values.discard === true ? 'discard' : undefined;
    const before = await rotation.describeRotationAsync(secretId!, abortSignal);
    if (dryRun && resolve === undefined && before.repairChoices) {
      // Nothing would be done without a choice: show what each would do.
      const plans = [];
      for (const choice of ['finish', 'discard'] as const) {
        plans.push({ choice, ...(await rotation.repairRotationAsync(secretId!, { dryRun, cancelRotation, expected: before, abortSignal, resolve: choice })) });
      }
      if (values.json) stdout.write(json({ before, choices: Object.fromEntries(plans.map(({ choice, plan }) => [choice, plan])), dryRun }));
      else stdout.write(`${before.explanation}\nA repair needs a choice (nothing was changed):\n${plans.map(({ choice, plan }) => `With --${choice} it would make these calls:\n${formatPlan(plan)}`).join('\n')}\n`);
      return exitFor[before.state];
    }
    let result;
    try {
      result = await rotation.repairRotationAsync(secretId!, { dryRun, cancelRotation, expected: before, abortSignal, ...(resolve ? { resolve } : {}) });
    } catch (error) {
      if (!(error instanceof RotationRepairRefusedException)) throw error;
      if (values.json) stdout.write(json({ refused: error.message, actual: error.actual, performed: error.performed }));
      else stderr.write(`${error.message}\n`);
      return ExitCode.RepairRefused;
    }
    if (values.json) {
      stdout.write(json(result));
    } else if (result.plan.length === 0) {
      stdout.write(`Nothing to repair: ${before.explanation}\n${before.state === 'rotating' ? 'Wait for it (rotate --wait does), or stop it with repair --cancel.\n' : ''}`);
    } else if (dryRun) {
      stdout.write(`${before.explanation}\nA repair would make these calls (nothing was changed):\n${formatPlan(result.plan)}\n`);
    } else {
      const after = result.after!;
      // A cancel of a rotation whose pending version holds a value leaves a choice, not a repaired secret.
      const next = after.repairChoices ? `Then, once the rotation function has stopped: amazon-secretsmanager repair ${JSON.stringify(after.arn)} --finish or --discard (status shows the calls of each).\n` : '';
      stdout.write(`${before.explanation}\n${after.state === 'idle' ? 'Repaired with' : 'Made'} these calls:\n${formatPlan(result.performed)}\nNow: ${after.explanation}\n${next}`);
    }
    // Nothing done (nothing to do, or a dry run): the exit code of the state found, as status gives it.
    if (result.plan.length === 0 || dryRun) return exitFor[before.state];
    return exitFor[result.after!.state];
  },
};

const PHASES: Record<RotationPhase, string> = {
  creatingSecret: 'waiting for the new value (createSecret)',
  settingSecret: 'new value stored; setting and testing it (setSecret, testSecret, finishSecret)',
  finished: 'finished',
};

const rotate: CliCommand = {
  name: 'rotate',
  usage: '<secret-id> [--wait] [--timeout <seconds>]',
  summary: 'Start a rotation with the secret\'s stored configuration; --wait follows it to the end (default limit 900 s).',
  options: { wait: { type: 'boolean' }, timeout: { type: 'string' } },
  positionals: ['secret-id'],
  needsClient: true,
  async run({ client, rotation, stdout, stderr, abortSignal, clock }, [secretId], values) {
    const timeoutText = values.timeout as string | undefined;
    const seconds = timeoutText === undefined ? 900 : Number(timeoutText);
    if (!(Number.isFinite(seconds) && seconds > 0 && seconds <= 2_000_000)) {
      stderr.write(`--timeout must be a number of seconds above 0, not ${JSON.stringify(timeoutText)}.\nUsage: amazon-secretsmanager rotate ${rotate.usage}\n`);
      return ExitCode.Usage;
    }
    const before = await rotation.describeRotationAsync(secretId!, abortSignal);
    if (before.state !== 'idle') {
      // The service would refuse it anyway ("a previous rotation request is still in progress").
      stderr.write(`Not rotating ${before.name}: ${before.explanation}\n${before.state === 'stuck' ? `Run: amazon-secretsmanager repair ${JSON.stringify(before.arn)}\n` : ''}`);
      return exitFor[before.state];
    }
    const started = await client.rotateSecretAsync({ SecretId: before.arn }, abortSignal);
    stdout.write(`Rotation of ${before.name} started: new version ${started.VersionId}.\n`);
    if (!values.wait) return ExitCode.Ok;
    const line = new ProgressLine(stdout, clock);
    try {
      const done = await rotation.waitForRotationAsync(before.arn, {
        ...(started.VersionId ? { versionId: started.VersionId } : {}),
        timeout: seconds * 1000,
        abortSignal,
        onProgress: ({ phase }) => {
          if (phase !== 'finished') line.update(`${before.name}: ${PHASES[phase]}`);
        },
      });
      line.done(`Rotation of ${before.name} finished: version ${done.current?.versionId} is AWSCURRENT.`);
      return ExitCode.Ok;
    } catch (error) {
      if (error instanceof RotationTimeoutException) {
        line.done(`Still ${error.status.state} after ${seconds} s: ${error.status.explanation}`);
        return error.status.state === 'stuck' ? ExitCode.Stuck : ExitCode.Rotating;
      }
      if (error instanceof RotationStuckException) {
        line.done(`The rotation is stuck (${error.reason}): ${error.status.explanation}\nRun: amazon-secretsmanager repair ${JSON.stringify(error.status.arn)}`);
        return ExitCode.Stuck;
      }
      if (error instanceof RotationAbandonedException) {
        line.done(error.message);
        return ExitCode.Stuck;
      }
      line.done('Stopped waiting.');
      throw error;
    }
  },
};

const emulator: CliCommand = {
  name: 'emulator',
  usage: '[--port <n>] [--host <h>] [--access-key-id <k> --secret-access-key <s>]',
  summary: 'Run an in-memory Secrets Manager on http://127.0.0.1:4566 (or --port) until Ctrl-C, for tests, the AWS CLI and boto3; --region sets its ARNs\' Region.',
  options: { port: { type: 'string' }, host: { type: 'string' }, 'access-key-id': { type: 'string' }, 'secret-access-key': { type: 'string' } },
  positionals: [],
  needsClient: false,
  async run({ stdout, stderr, abortSignal }, _, values) {
    const args = ['port', 'host', 'region', 'access-key-id', 'secret-access-key'].flatMap((name) => (typeof values[name] === 'string' ? [`--${name}`, values[name]] : []));
    const { runEmulatorCommand } = await import('./emulatorCommand.js');
    return (await runEmulatorCommand(args, { stdout: (line) => stdout.write(`${line}\n`), stderr: (line) => stderr.write(`${line}\n`), signal: abortSignal })) as ExitCode;
  },
};

/**
 * The commands, in the order the help lists them. A command is one entry: its name, usage, options,
 * whether it needs a client, and what it runs.
 */
export const COMMANDS: readonly CliCommand[] = [status, repair, rotate, emulator];

/** A failure worth one line, with no stack: what the service said, or what went wrong on this side. */
export function describeFailure(error: unknown): string {
  if (isAmazonServiceException(error)) return `${error.errorCode ?? error.name} (HTTP ${error.statusCode}): ${error.message}`;
  if (isRotationException(error)) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
