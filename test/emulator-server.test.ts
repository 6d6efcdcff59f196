// The emulator's local HTTP server, called by other clients as users would: boto3 (Python), AWS's
// JavaScript client, and this SDK; and the `emulator` command that runs it until SIGINT or SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException, SecretsManagerClient as AwsClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../src/cli/emulatorCommand.js';
import { startEmulatorServer, type EmulatorServer } from '../src/emulator/index.node.js';
import { SecretsManagerClient } from '../src/index.node.js';

const ROOT = resolve(import.meta.dirname, '..');
const CREDENTIALS = { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'emulator-test-secret-key' };

describe('the HTTP server', () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulatorServer({ credentials: CREDENTIALS });
  });
  afterAll(() => server.close());

  it('boto3 creates, reads, rotates labels and lists, with signatures checked', async () => {
    const script = `
import boto3, json, sys
from botocore.exceptions import ClientError
sm = boto3.client("secretsmanager", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="${CREDENTIALS.accessKeyId}", aws_secret_access_key="${CREDENTIALS.secretAccessKey}")
made = sm.create_secret(Name="py/secret", SecretString="from python")
sm.put_secret_value(SecretId="py/secret", SecretString="second", VersionStages=["AWSPENDING"], ClientRequestToken="p" * 36)
sm.update_secret_version_stage(SecretId="py/secret", VersionStage="AWSCURRENT", MoveToVersionId="p" * 36, RemoveFromVersionId=made["VersionId"])
value = sm.get_secret_value(SecretId="py/secret")
try:
    sm.describe_secret(SecretId="nope")
    code = None
except ClientError as e:
    code = e.response["Error"]["Code"]
bad = boto3.client("secretsmanager", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="${CREDENTIALS.accessKeyId}", aws_secret_access_key="wrong")
try:
    bad.list_secrets()
    badcode = None
except ClientError as e:
    badcode = e.response["Error"]["Code"]
print(json.dumps({"value": value["SecretString"], "stages": value["VersionStages"], "created": str(type(value["CreatedDate"]).__name__),
  "listed": [s["Name"] for s in sm.list_secrets()["SecretList"]], "code": code, "badcode": badcode}))
`;
    const { stdout } = await promisify(execFile)('python3', ['-c', script, server.endpoint]);
    expect(JSON.parse(stdout)).toEqual({ value: 'second', stages: ['AWSPENDING', 'AWSCURRENT'], created: 'datetime', listed: ['py/secret'], code: 'ResourceNotFoundException', badcode: 'InvalidSignatureException' });
    expect(server.emulator.inspect('py/secret')!.Versions).toHaveLength(2);
  });

  it("AWS's JavaScript client reads, writes and gets typed errors", async () => {
    server.emulator.seed({ Name: 'js/secret', SecretString: 'one' });
    const aws = new AwsClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: CREDENTIALS });
    await aws.send(new PutSecretValueCommand({ SecretId: 'js/secret', SecretString: 'two' }));
    expect((await aws.send(new GetSecretValueCommand({ SecretId: 'js/secret' }))).SecretString).toBe('two');
    await expect(aws.send(new GetSecretValueCommand({ SecretId: 'js/none' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    aws.destroy();
  });

  it('this SDK over node:http, and a CORS preflight from a page', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, serviceURL: server.endpoint });
    await client.createSecretAsync({ Name: 'ours/secret', SecretString: 'v' });
    expect((await client.getSecretValueAsync({ SecretId: 'ours/secret' })).SecretString).toBe('v');
    client.destroy();
    const preflight = await fetch(server.endpoint, { method: 'OPTIONS', headers: { origin: 'http://page.test', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://page.test');
    expect(preflight.headers.get('access-control-expose-headers')).toContain('x-amzn-RequestId');
  });
});

describe('the emulator command', () => {
  it('prints its endpoint, serves until stopped, and says how to use it', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    let endpoint: string | undefined;
    const running = runEmulatorCommand(['--port', '0'], {
      signal: stop.signal,
      stdout: (line) => {
        lines.push(line);
        endpoint ??= /listening on (http:\/\/\S+)/.exec(line)?.[1];
      },
    });
    await expect.poll(() => endpoint).toBeDefined();
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, serviceURL: endpoint! });
    expect((await client.getRandomPasswordAsync({})).RandomPassword).toHaveLength(32);
    client.destroy();
    stop.abort();
    expect(await running).toBe(0);
    expect(lines.join('\n')).toContain('aws --endpoint-url');
    expect(lines.at(-1)).toBe('Secrets Manager emulator stopped.');
  });

  it('refuses a bad port with usage, exit code 2', async () => {
    const errors: string[] = [];
    expect(await runEmulatorCommand(['--port', 'eighty'], { stderr: (line) => errors.push(line) })).toBe(2);
    expect(errors.join('\n')).toMatch(/--port must be a whole number[\s\S]*Usage: amazon-secretsmanager emulator/);
  });

  it('stops on SIGTERM in a process of its own (the built command module)', async () => {
    const child = spawn(process.execPath, ['-e', "import('./dist/esm/cli/emulatorCommand.js').then((m) => m.runEmulatorCommand(['--port', '0'])).then((code) => { process.exitCode = code; })"], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    await expect.poll(() => out, { timeout: 10_000 }).toContain('Press Ctrl-C to stop.');
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('Secrets Manager emulator stopped.');
  });
});
