import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SecretsManagerClient, type Sleep } from '../index.node.js';
import { SecretsManagerRotation } from '../rotation/index.js';
import type { CliCommand, CliOutput } from './CliCommand.js';
import { COMMANDS, describeFailure } from './commands.js';
import { ExitCode } from './exitCodes.js';

/** The global options, which every command takes. */
const GLOBAL_OPTIONS = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** What `--region`, `--endpoint` and `--profile` asked for. */
export interface ClientOptions {
  region?: string;
  endpoint?: string;
  profile?: string;
}

/** What the tool runs with; `main.ts` passes the process's, tests their own. */
export interface CliEnvironment {
  stdout: CliOutput;
  stderr: CliOutput;
  /** Makes the client; default: a `SecretsManagerClient` with `region`, `serviceURL` and the profile's credentials. */
  createClient?: (options: ClientOptions) => SecretsManagerClient;
  abortSignal?: AbortSignal;
  clock?: () => Date;
  sleep?: Sleep;
  /** The commands; default {@link COMMANDS}. */
  commands?: readonly CliCommand[];
}

function usage(commands: readonly CliCommand[]): string {
  return [
    'Usage: amazon-secretsmanager <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${`${command.name} ${command.usage}`.padEnd(52)} ${command.summary}`),
    '',
    'Options of every command:',
    '  --region <region>      the AWS region (default: AWS_REGION, or the profile\'s)',
    '  --endpoint <url>       send to this URL instead of the region\'s endpoint (a local emulator)',
    '  --profile <name>       credentials and settings of this profile of ~/.aws/config and ~/.aws/credentials',
    '  -h, --help             this help',
    '',
    'Exit codes: 0 done or idle; 1 a call failed; 2 bad command line; 3 stuck (also after a --cancel',
    'that left a pending value for --finish or --discard); 4 rotating (or still rotating when --wait ran',
    'out of time); 5 repair refused: the secret changed, or it needs --finish or --discard (not together',
    'with --cancel of a rotation under way); 130 interrupted.',
    '',
  ].join('\n');
}

/** Runs one command line (without `node` and the script); resolves with the exit code. */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const { stdout, stderr } = env;
  const commands = env.commands ?? COMMANDS;
  const name = argv[0];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? stderr : stdout).write(usage(commands));
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    stderr.write(`Unknown command ${JSON.stringify(name)}.\n\n${usage(commands)}`);
    return ExitCode.Usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(1), options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    stderr.write(`${(error as Error).message}\nUsage: amazon-secretsmanager ${command.name} ${command.usage}\n`);
    return ExitCode.Usage;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    stdout.write(`Usage: amazon-secretsmanager ${command.name} ${command.usage}\n${command.summary}\n`);
    return ExitCode.Ok;
  }
  if (parsed.positionals.length !== command.positionals.length || parsed.positionals.some((value) => value.length === 0)) {
    stderr.write(`${command.name} takes ${command.positionals.map((p) => `<${p}>`).join(' ') || 'no arguments'}.\nUsage: amazon-secretsmanager ${command.name} ${command.usage}\n`);
    return ExitCode.Usage;
  }
  const abortSignal = env.abortSignal ?? new AbortController().signal;
  const clock = env.clock ?? (() => new Date());
  try {
    const clientOptions: ClientOptions = {
      ...(typeof values.region === 'string' ? { region: values.region } : {}),
      ...(typeof values.endpoint === 'string' ? { endpoint: values.endpoint } : {}),
      ...(typeof values.profile === 'string' ? { profile: values.profile } : {}),
    };
    const client = command.needsClient ? (env.createClient ?? createClient)(clientOptions) : (undefined as unknown as SecretsManagerClient);
    const rotation = command.needsClient ? new SecretsManagerRotation(client, { clock, ...(env.sleep ? { sleep: env.sleep } : {}) }) : (undefined as unknown as SecretsManagerRotation);
    return await command.run({ stdout, stderr, client, rotation, abortSignal, clock }, parsed.positionals, values);
  } catch (error) {
    if (abortSignal.aborted) {
      stderr.write('Interrupted.\n');
      return ExitCode.Interrupted;
    }
    stderr.write(`${describeFailure(error)}\n`);
    return ExitCode.Error;
  }
}

/**
 * The default client. `--profile` takes credentials from that profile only, ignoring AWS_ACCESS_KEY_ID
 * and the rest, as the AWS CLI does (botocore/credentials.py: "An explicitly provided profile will
 * negate an EnvProvider"); its region and endpoint settings apply unless given on the command line.
 */
function createClient({ region, endpoint, profile }: ClientOptions): SecretsManagerClient {
  if (profile !== undefined) {
    // The tool's own process: the Node entry reads the profile's settings from AWS_PROFILE.
    process.env.AWS_PROFILE = profile;
    for (const variable of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[variable];
  }
  return new SecretsManagerClient({ ...(region ? { region } : {}), ...(endpoint ? { serviceURL: endpoint } : {}) });
}
