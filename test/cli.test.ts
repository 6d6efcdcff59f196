// The amazon-secretsmanager command as users run it: the built bin (dist/esm/cli/main.js) as a child
// process against moto_server, credentials passed as AWS_ACCESS_KEY_ID etc. or from a profile. The live
// progress line, which needs a terminal, is tested in process with a stub service.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DescribeSecretResponse, ListSecretVersionIdsResponse, GetSecretValueResponse, RotateSecretResponse, ResourceNotFoundException, SecretsManagerClient } from '../src/index.node.js';
import { runCli } from '../src/cli/runCli.js';
import { rotationFailedAfterSetSecret } from './helpers/rotationFailedAfterSetSecret.js';
import { COMMANDS } from '../src/cli/commands.js';
import { SecretsManagerEmulator } from '../src/emulator/index.js';
import { createRotationHandler } from '../src/rotation/index.js';
import { useMoto } from './helpers/moto.js';
import { AWS_ENVIRONMENT_VARIABLES } from './helpers/tempHome.js';
import { beginRotation, labels } from './helpers/rotationDriver.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist/esm/cli/main.js');
const moto = useMoto();
const client = () => new SecretsManagerClient({ region: moto().region, serviceURL: moto().endpoint, credentials: moto().credentials });

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', ...extra };
  for (const name of AWS_ENVIRONMENT_VARIABLES) if (!(name in extra) && name !== 'AWS_EC2_METADATA_DISABLED') delete env[name];
  return env;
}

/** Runs the bin with moto's credentials in the environment; never throws on a non-zero exit. */
async function cli(args: string[], env: NodeJS.ProcessEnv = cleanEnv({ AWS_ACCESS_KEY_ID: moto().credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: moto().credentials.secretAccessKey })): Promise<{ code: number; stdout: string; stderr: string }> {
  expect(existsSync(BIN), 'dist/ is missing: run npm run build').toBe(true);
  return promisify(execFile)(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 20_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}
const at = () => ['--region', moto().region, '--endpoint', moto().endpoint];

describe('amazon-secretsmanager against moto_server, as a child process', () => {
  it('status: idle exits 0; --json is the diagnosis for scripts', async () => {
    const secret = await moto().createSecret(undefined, '{"password":"never-printed"}');
    const human = await cli(['status', secret.Name, ...at()]);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toContain(`Secret      ${secret.Name} (${secret.ARN})`);
    expect(human.stdout).toMatch(/Verdict {5}IDLE/);
    const machine = await cli(['status', secret.ARN, '--json', ...at()]);
    expect(machine.code).toBe(0);
    expect(JSON.parse(machine.stdout)).toMatchObject({ arn: secret.ARN, state: 'idle', current: { versionId: secret.VersionId }, repairPlan: [] });
    for (const out of [human.stdout, machine.stdout]) expect(out).not.toContain('never-printed');
  });

  it('status, repair --dry-run, repair, status, rotate --wait on a stuck secret, with the documented exit codes', async () => {
    const secret = await moto().createSecret(undefined, '{"password":"never-printed"}');
    const token = await beginRotation(client(), secret.Name);
    await client().cancelRotateSecretAsync({ SecretId: secret.Name }); // a cancelled rotation left AWSPENDING

    const status = await cli(['status', secret.Name, ...at()]);
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/Verdict {5}STUCK \(PendingAfterRotationDisabled\)/);
    expect(status.stdout).toContain(`aws secretsmanager update-secret-version-stage --secret-id "${secret.ARN}" --version-stage AWSPENDING --remove-from-version-id ${token}`);

    // The service refuses RotateSecret in this state (moto does not): the tool refuses before calling it.
    const refused = await cli(['rotate', secret.Name, ...at()]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`Run: amazon-secretsmanager repair "${secret.ARN}"`);

    const dry = await cli(['repair', secret.Name, '--dry-run', ...at()]);
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain('nothing was changed');
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });

    const repair = await cli(['repair', secret.Name, ...at()]);
    expect(repair).toMatchObject({ code: 0, stderr: '' });
    expect(repair.stdout).toContain(`Remove AWSPENDING from version ${token}`);
    expect(await labels(client(), secret.Name)).toEqual({ [secret.VersionId]: ['AWSCURRENT'], [token]: [] });
    expect((await cli(['status', secret.Name, ...at()])).code).toBe(0);
    expect((await cli(['repair', secret.Name, ...at()])).stdout).toMatch(/^Nothing to repair/);

    // Without a rotation function moto promotes the new version at once; the wait sees it finished.
    const rotate = await cli(['rotate', secret.Name, '--wait', ...at()]);
    expect(rotate.code).toBe(0);
    const newVersion = /new version ([0-9a-f-]{36})/.exec(rotate.stdout)![1]!;
    expect(rotate.stdout).toContain(`Rotation of ${secret.Name} finished: version ${newVersion} is AWSCURRENT.`);
    // Not a terminal: plain lines, no cursor control.
    expect(rotate.stdout).not.toMatch(/[\r\x1b]/);
    expect((await labels(client(), secret.Name))[newVersion]).toEqual(['AWSCURRENT']);
  });

  it('--profile takes the profile\'s credentials over the environment\'s, as the AWS CLI does', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cli-home-'));
    try {
      mkdirSync(join(home, '.aws'));
      writeFileSync(join(home, '.aws', 'credentials'), `[moto]\naws_access_key_id = ${moto().credentials.accessKeyId}\naws_secret_access_key = ${moto().credentials.secretAccessKey}\n`);
      writeFileSync(join(home, '.aws', 'config'), `[profile moto]\nregion = ${moto().region}\n`);
      const secret = await moto().createSecret();
      const env = cleanEnv({ HOME: home, AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0', AWS_SECRET_ACCESS_KEY: 'wrong' });
      const withProfile = await cli(['status', secret.Name, '--profile', 'moto', '--endpoint', moto().endpoint], env);
      expect(withProfile).toMatchObject({ code: 0, stderr: '' });
      const without = await cli(['status', secret.Name, '--endpoint', moto().endpoint, '--region', moto().region], env);
      expect(without.code).toBe(1);
      expect(without.stderr).toMatch(/InvalidClientTokenId \(HTTP 403\)/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('exit 1 with the service\'s error in one line for a secret that does not exist; exit 2 for a bad command line', async () => {
    const missing = await cli(['status', 'no-such-secret', ...at()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("ResourceNotFoundException (HTTP 404): Secrets Manager can't find the specified secret.\n");
    for (const args of [[], ['frobnicate'], ['status'], ['status', 'a', 'b'], ['status', 'a', '--jsn'], ['rotate', 'a', '--timeout', 'soon']]) {
      const result = await cli(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(/Usage: amazon-secretsmanager/);
    }
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toContain(`  ${command.name} ${command.usage}`);
  });
});

describe('amazon-secretsmanager in process, with a stub service', () => {
  const V1 = 'aaaaaaaa-0000-4000-8000-000000000001';
  const V2 = 'aaaaaaaa-0000-4000-8000-000000000002';
  /** A service where the rotation started by RotateSecret goes through its stages, one per poll. */
  function scriptedService(stagesByPoll: Record<string, string[]>[], pendingHasValue: boolean[]) {
    let poll = -1;
    return {
      describeSecretAsync: async () => {
        poll = Math.min(poll + 1, stagesByPoll.length - 1);
        return new DescribeSecretResponse({ ARN: 'arn:s', Name: 'prod/db', RotationEnabled: true, VersionIdsToStages: stagesByPoll[poll] });
      },
      listSecretVersionIdsAsync: async () => new ListSecretVersionIdsResponse({ Versions: [{ VersionId: V2, CreatedDate: new Date() }] }),
      getSecretValueAsync: async () => {
        if (pendingHasValue[poll]) return new GetSecretValueResponse({ SecretString: 'x' });
        throw new ResourceNotFoundException('no value', { statusCode: 400 });
      },
      rotateSecretAsync: async () => new RotateSecretResponse({ ARN: 'arn:s', VersionId: V2 }),
      updateSecretVersionStageAsync: async () => {
        throw new Error('not expected');
      },
      cancelRotateSecretAsync: async () => {
        throw new Error('not expected');
      },
    } as unknown as SecretsManagerClient;
  }
  const output = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, write: (text: string) => chunks.push(text) } };
  };
  const stages: Record<string, string[]>[] = [{ [V1]: ['AWSCURRENT'] }, { [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }, { [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }, { [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }, { [V1]: ['AWSPREVIOUS'], [V2]: ['AWSCURRENT'] }];

  it('rotate --wait draws one live line on a terminal, redrawn in place, and ends it', async () => {
    const out = output(true);
    const err = output(true);
    const code = await runCli(['rotate', 'prod/db', '--wait'], { stdout: out.stream, stderr: err.stream, createClient: () => scriptedService(stages, [false, false, false, true, true]), sleep: async () => {} });
    expect(code).toBe(0);
    const text = out.chunks.join('');
    expect(text).toContain(`Rotation of prod/db started: new version ${V2}.\n`);
    expect(text).toMatch(/\r\x1b\[2K⠋ prod\/db: waiting for the new value \(createSecret\) · 0 s/);
    expect(text).toMatch(/\r\x1b\[2K⠙ prod\/db: new value stored; setting and testing it/);
    expect(text.endsWith(`\r\x1b[2KRotation of prod/db finished: version ${V2} is AWSCURRENT.\n`)).toBe(true);
  });

  it('rotate --wait prints a plain line per stage elsewhere; a wait that runs out of time exits 4', async () => {
    const out = output(false);
    let now = Date.now();
    const code = await runCli(['rotate', 'prod/db', '--wait', '--timeout', '5'], {
      stdout: out.stream,
      stderr: output(false).stream,
      createClient: () => scriptedService(stages.slice(0, 3), [false, false, false]),
      clock: () => new Date(now),
      sleep: async (ms) => {
        now += ms;
      },
    });
    expect(code).toBe(4);
    expect(out.chunks).toEqual([`Rotation of prod/db started: new version ${V2}.\n`, 'prod/db: waiting for the new value (createSecret)\n', expect.stringMatching(/^Still rotating after 5 s: A rotation is under way/)]);
  });

  it('status exits 4 while a rotation is under way, and an aborted wait exits 130', async () => {
    const rotating = [{ [V1]: ['AWSCURRENT'], [V2]: ['AWSPENDING'] }];
    expect(await runCli(['status', 'prod/db'], { stdout: output(false).stream, stderr: output(false).stream, createClient: () => scriptedService(rotating, [false]) })).toBe(4);
    const ac = new AbortController();
    const err = output(false);
    const code = await runCli(['rotate', 'prod/db', '--wait'], {
      stdout: output(false).stream,
      stderr: err.stream,
      abortSignal: ac.signal,
      createClient: () => scriptedService(stages.slice(0, 2), [false, false]),
      sleep: async (_ms, signal) => {
        ac.abort(new Error('Interrupted'));
        signal?.throwIfAborted();
      },
    });
    expect(code).toBe(130);
    expect(err.chunks.join('')).toBe('Interrupted.\n');
  });
});

describe('amazon-secretsmanager repair, in process, with the embedded emulator', () => {
  /** Runs the tool against `client` with the clock given; collects what it wrote. */
  async function run(argv: string[], client: SecretsManagerClient, clock: () => Date) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: { write: (text) => (stdout += text) }, stderr: { write: (text) => (stderr += text) }, createClient: () => client, clock });
    return { code, stdout, stderr };
  }

  it('a rotation that failed after setSecret changed the password: repair asks for --finish or --discard, and --finish makes the working password AWSCURRENT', async () => {
    const { client, login, created, failed, labelsNow, clock, advance } = await rotationFailedAfterSetSecret('finishSecret');
    advance(2 * 3600_000);
    const stuckLabels = { [created.VersionId!]: ['AWSCURRENT'], [failed.VersionId!]: ['AWSPENDING'] };

    const status = await run(['status', 'prod/db'], client, clock);
    expect(status.code).toBe(3);
    expect(status.stdout).toContain(`Repair      needs a choice: amazon-secretsmanager repair "${created.ARN}" with`);
    expect(status.stdout).toContain(`--finish makes these calls:`);
    expect(status.stdout).toContain(`aws secretsmanager update-secret-version-stage --secret-id "${created.ARN}" --version-stage AWSCURRENT --move-to-version-id ${failed.VersionId} --remove-from-version-id ${created.VersionId}`);
    expect(status.stdout).toContain(`--discard makes these calls:`);

    const refused = await run(['repair', 'prod/db'], client, clock);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/--finish.*--discard/s);
    expect(await labelsNow()).toEqual(stuckLabels);

    const dry = await run(['repair', 'prod/db', '--dry-run'], client, clock);
    expect(dry.code).toBe(3);
    expect(dry.stdout).toMatch(/nothing was changed[\s\S]*--finish[\s\S]*Move AWSCURRENT[\s\S]*--discard[\s\S]*Remove AWSPENDING/);
    expect(await labelsNow()).toEqual(stuckLabels);

    const both = await run(['repair', 'prod/db', '--finish', '--discard'], client, clock);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --finish or --discard/);

    const finished = await run(['repair', 'prod/db', '--finish'], client, clock);
    expect(finished).toMatchObject({ code: 0, stderr: '' });
    expect(finished.stdout).toContain(`Move AWSCURRENT from version ${created.VersionId} to ${failed.VersionId}`);
    expect(await labelsNow()).toEqual({ [created.VersionId!]: ['AWSPREVIOUS'], [failed.VersionId!]: ['AWSCURRENT'] });
    expect(login(JSON.parse((await client.getSecretValueAsync({ SecretId: 'prod/db' })).SecretString!))).toBe(true);
  });

  it('repair --cancel of a rotation under way whose pending version holds a value: --dry-run exits 4 (rotating); the cancel turns rotation off only, leaves the labels and exits 3 until --finish or --discard', async () => {
    let time = Date.parse('2026-06-01T12:00:00Z');
    const emulator = new SecretsManagerEmulator({ now: () => time });
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: emulator.credentials, httpHandler: emulator, maxErrorRetry: 0 });
    const handler = createRotationHandler({
      client,
      logger: { info: () => {} },
      setSecret: async () => {},
      testSecret: async () => {
        throw new Error('database down');
      },
    });
    const RotationLambdaARN = emulator.registerRotationFunction('rotate-db-user', handler);
    await client.createSecretAsync({ Name: 'prod/db', SecretString: JSON.stringify({ username: 'app', password: 'old-password' }) });
    await client.rotateSecretAsync({ SecretId: 'prod/db', RotationLambdaARN, RotationRules: { AutomaticallyAfterDays: 30 } });
    await emulator.waitForRotations();
    time += 5 * 60_000; // five minutes on: still a rotation under way
    const clock = () => new Date(time);
    expect((await run(['status', 'prod/db'], client, clock)).code).toBe(4);
    const labelsNow = async () => (await client.describeSecretAsync({ SecretId: 'prod/db' })).VersionIdsToStages;
    const stuckLabels = await labelsNow();
    const dry = await run(['repair', 'prod/db', '--cancel', '--dry-run'], client, clock);
    expect(dry.code).toBe(4);
    expect(dry.stdout).toContain('nothing was changed');
    expect(dry.stdout).toContain('cancel-rotate-secret');
    expect(dry.stdout).not.toContain('update-secret-version-stage');
    expect((await run(['status', 'prod/db'], client, clock)).code).toBe(4);
    // setSecret has run: whether the database takes the pending password is not settled while the function runs.
    const chosen = await run(['repair', 'prod/db', '--cancel', '--discard'], client, clock);
    expect(chosen.code).toBe(5);
    expect(chosen.stderr).toMatch(/repair --cancel.*then/s);
    expect((await run(['status', 'prod/db'], client, clock)).code).toBe(4);

    const cancelled = await run(['repair', 'prod/db', '--cancel'], client, clock);
    expect(cancelled).toMatchObject({ code: 3, stderr: '' });
    expect(cancelled.stdout).toContain('Turn automatic rotation off');
    expect(cancelled.stdout).toMatch(/Now: Rotation is turned off.*--finish.*--discard/s);
    expect(await labelsNow()).toEqual(stuckLabels);
    const status = await run(['status', 'prod/db'], client, clock);
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/STUCK \(PendingAfterRotationDisabled\)[\s\S]*needs a choice/);
    expect((await run(['repair', 'prod/db'], client, clock)).code).toBe(5);
    // testSecret failed: the database did not take the pending password here, so it is discarded.
    const discarded = await run(['repair', 'prod/db', '--discard'], client, clock);
    expect(discarded).toMatchObject({ code: 0, stderr: '' });
    expect(discarded.stdout).toContain('Now: No rotation is under way');
  });

  it('is listed in the help with --finish and --discard', async () => {
    const help = await run(['--help'], undefined as never, () => new Date());
    expect(help.stdout).toContain('repair <secret-id> [--dry-run] [--cancel] [--finish | --discard] [--json]');
  });
});

describe('amazon-secretsmanager emulator', () => {
  it('serves an in-memory Secrets Manager on the port it names, which the other commands can talk to, until SIGTERM', async () => {
    expect(existsSync(BIN), 'dist/ is missing: run npm run build').toBe(true);
    const server = spawn(process.execPath, [BIN, 'emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const endpoint = await new Promise<string>((resolveEndpoint, reject) => {
        server.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (found) resolveEndpoint(found[1]!);
        });
        server.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${output}`)));
      });
      const credentials = { accessKeyId: 'AKIAEMULATOR', secretAccessKey: 'emulator' };
      await new SecretsManagerClient({ region: 'us-east-1', serviceURL: endpoint, credentials }).createSecretAsync({ Name: 'cli/emulated', SecretString: '{"password":"p"}' });
      const status = await cli(['status', 'cli/emulated', '--json', '--region', 'us-east-1', '--endpoint', endpoint], cleanEnv({ AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey }));
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ name: 'cli/emulated', state: 'idle' });
    } finally {
      const exited = new Promise<number | null>((resolveExit) => server.once('exit', resolveExit));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('is listed in the help with its options', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/emulator \[--port <n>\]/);
    expect(COMMANDS.map((command) => command.name)).toEqual(['status', 'repair', 'rotate', 'emulator']);
  });
});
