// The Node credential chain, as .NET's FallbackCredentialsFactory and the AWS SDKs have it: environment
// variables, the shared files, container credentials, EC2 instance metadata. Each source runs against a
// real local stand-in, through defaultCredentialProvider and through a real client call (whose signed
// request shows which key id and session token were used); then how the client caches a provider's
// credentials, and that nothing is read before the first call.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AmazonSecretsManagerConfig,
  type AwsCredentialIdentity,
  CredentialsException,
  defaultCredentialProvider,
  type HttpRequest,
  SecretsManagerClient,
} from '../src/index.node.js';
import { countingHandler, rejection } from './helpers/countingHandler.js';
import {
  type ContainerServer,
  IMDS_ROLE,
  IMDS_ROLE_PATH,
  IMDS_SESSION_TOKEN,
  IMDS_TOKEN_PATH,
  type ImdsServer,
  type MetadataCredentials,
  type MetadataMode,
  startContainerServer,
  startImdsServer,
} from './helpers/metadataServers.js';
import { useTempHome } from './helpers/tempHome.js';

const home = useTempHome();

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

const ENV = { id: 'AKIAENVIRONMENT00001', secret: 'envSecretKey/000000000000000000000000001', token: 'envSessionToken-00000001' };
const FILE = { id: 'AKIASHAREDFILE000001', secret: 'fileSecretKey/00000000000000000000000001', token: 'fileSessionToken-0000001' };
const DEV = { id: 'AKIADEVPROFILE000001', secret: 'devSecretKey/000000000000000000000000001' };
const PROCESS = { id: 'ASIACREDPROCESS00001', secret: 'processSecretKey/000000000000000000000001', token: 'processSessionToken-001' };
const CONTAINER: MetadataCredentials = { AccessKeyId: 'ASIACONTAINER0000001', SecretAccessKey: 'containerSecretKey/00000000000000000000001', Token: 'container-session-token-0001' };
const INSTANCE: MetadataCredentials = { AccessKeyId: 'ASIAINSTANCEMETA0001', SecretAccessKey: 'instanceSecretKey/000000000000000000000001', Token: 'instance-session-token-0001' };
const CONTAINER_AUTHORIZATION = 'container-authorization-token-0001';

const SOURCES = {
  env: 'environment variables',
  files: (profile = 'default') => `shared config files, profile "${profile}"`,
  container: 'container credentials (ECS, EKS Pod Identity)',
  imds: 'EC2 instance metadata (IMDS)',
} as const;

let container: ContainerServer;
let imds: ImdsServer;

beforeAll(async () => {
  [container, imds] = await Promise.all([startContainerServer(CONTAINER), startImdsServer(INSTANCE)]);
});
afterAll(async () => {
  await Promise.all([container?.close(), imds?.close()]);
});
beforeEach(() => {
  container.requests.length = 0;
  container.mode = 'ok';
  container.authorization = undefined;
  imds.requests.length = 0;
  imds.mode = 'ok';
  imds.tokenStatus = undefined;
  imds.acceptsV1 = false;
});
afterEach(() => {
  vi.restoreAllMocks();
  container.dropConnections();
  imds.dropConnections();
});

/** The chain with short metadata timeouts and no retries, so that failures are quick. */
const chain = (options: { profile?: string } = {}) => defaultCredentialProvider({ timeout: 250, maxRetries: 0, ...options });

function useEnvironmentCredentials(withToken = true): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', ENV.id);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', ENV.secret);
  if (withToken) vi.stubEnv('AWS_SESSION_TOKEN', ENV.token);
}

function writeCredentialsFile(): string {
  return home().aws('credentials', `[default]\naws_access_key_id = ${FILE.id}\naws_secret_access_key = ${FILE.secret}\naws_session_token = ${FILE.token}\n`);
}

function useContainer(): void {
  container.authorization = CONTAINER_AUTHORIZATION;
  vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', container.credentialsUrl);
  vi.stubEnv('AWS_CONTAINER_AUTHORIZATION_TOKEN', CONTAINER_AUTHORIZATION);
}

function useImds(): void {
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', undefined);
  vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', imds.url);
}

/** The key id (from `Credential=`) and session token (`x-amz-security-token`) a signed request carries. */
function identityOf(request: HttpRequest | undefined): { keyId: string; token: string | undefined } {
  const match = /Credential=([^/]+)\//.exec(request?.headers.authorization ?? '');
  if (!match) throw new Error(`no Credential= in ${request?.headers.authorization}`);
  return { keyId: match[1]!, token: request!.headers['x-amz-security-token'] };
}

/** Makes one real call with a client that has no credentials option (the default chain) and says what it was signed with. */
async function signedBy(config: AmazonSecretsManagerConfig = {}): Promise<{ keyId: string; token: string | undefined }> {
  const handler = countingHandler();
  const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, ...config });
  await client.rotateSecretAsync({ SecretId: 's' });
  expect(handler.calls).toBe(1);
  return identityOf(handler.requests[0]);
}

/** The CredentialsException a provider call rejects with; fails if it does not reject within `ms` (a hung chain must not hang the test). */
async function chainFailure(provider: () => Promise<AwsCredentialIdentity>, ms = 1500): Promise<CredentialsException> {
  const outcome = rejection(provider()).then(
    (error) => ({ error }),
    (failure: unknown) => ({ failure }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const result = await Promise.race([outcome, late]);
  clearTimeout(timer);
  if (result === 'late') {
    // Let the hung chain finish now, in this test's environment, rather than wander into the next test's.
    container.dropConnections();
    imds.dropConnections();
    await outcome;
    throw new Error(`the credential chain had neither failed nor succeeded after ${ms} ms`);
  }
  if ('failure' in result) throw result.failure;
  const { error } = result;
  expect(error).toBeInstanceOf(CredentialsException);
  expect((error as Error).name).toBe('CredentialsException');
  return error as CredentialsException;
}

/** The failure list of a chain's CredentialsException: each source tried, in order, with its reason. */
function triedSources(error: Error): Array<{ source: string; reason: string }> {
  const [head, ...lines] = error.message.split('\n');
  expect(head).toBe('No usable credentials were found. The client looked, in order:');
  return lines.map((line, index) => {
    const match = /^ {2}(\d+)\. (.*?): (.+)$/.exec(line);
    if (!match) throw new Error(`unexpected line in the failure list: ${JSON.stringify(line)}`);
    expect(Number(match[1])).toBe(index + 1);
    return { source: match[2]!, reason: match[3]! };
  });
}

/** Asserts that no string of `secrets` appears in `text`. */
function expectNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('the order of the chain: environment, shared files, container, instance metadata', () => {
  beforeEach(() => {
    useEnvironmentCredentials();
    writeCredentialsFile();
    useContainer();
    useImds();
  });

  function withoutEnvironment(): void {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  }

  it('environment variables beat everything else, and nothing remote is asked', async () => {
    expect((await chain()()).accessKeyId).toBe(ENV.id);
    expect(await signedBy()).toEqual({ keyId: ENV.id, token: ENV.token });
    expect(container.requests).toHaveLength(0);
    expect(imds.requests).toHaveLength(0);
  });

  it('without them, the shared files beat container credentials and instance metadata', async () => {
    withoutEnvironment();
    expect((await chain()()).accessKeyId).toBe(FILE.id);
    expect(await signedBy()).toEqual({ keyId: FILE.id, token: FILE.token });
    expect(container.requests).toHaveLength(0);
    expect(imds.requests).toHaveLength(0);
  });

  it('without them, container credentials beat instance metadata', async () => {
    withoutEnvironment();
    rmSync(join(home().dir, '.aws', 'credentials'));
    expect((await chain()()).accessKeyId).toBe(CONTAINER.AccessKeyId);
    expect(await signedBy()).toEqual({ keyId: CONTAINER.AccessKeyId, token: CONTAINER.Token });
    expect(container.requests).toHaveLength(2);
    expect(imds.requests).toHaveLength(0);
  });

  it('instance metadata comes last', async () => {
    withoutEnvironment();
    rmSync(join(home().dir, '.aws', 'credentials'));
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    expect((await chain()()).accessKeyId).toBe(INSTANCE.AccessKeyId);
    expect(await signedBy()).toEqual({ keyId: INSTANCE.AccessKeyId, token: INSTANCE.Token });
    expect(container.requests).toHaveLength(0);
    expect(imds.requests.length).toBeGreaterThan(0);
  });

  it('with no source at all, the CredentialsException lists every source in order with its reason', async () => {
    withoutEnvironment();
    rmSync(join(home().dir, '.aws', 'credentials'));
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const error = await chainFailure(chain());
    expect(triedSources(error)).toEqual([
      { source: SOURCES.env, reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set' },
      { source: SOURCES.files(), reason: expect.stringContaining('Could not resolve credentials using profile: [default]') },
      { source: SOURCES.container, reason: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set' },
      { source: SOURCES.imds, reason: 'AWS_EC2_METADATA_DISABLED is true' },
    ]);
    // The client passes the chain's exception on unchanged, having sent nothing.
    const handler = countingHandler();
    const clientError = await rejection(new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler }).rotateSecretAsync({ SecretId: 's' }));
    expect(clientError).toBeInstanceOf(CredentialsException);
    expect((clientError as Error).message).toBe(error.message);
    expect(handler.calls).toBe(0);
  });
});

describe('environment variables', () => {
  it('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY sign the request; AWS_SESSION_TOKEN goes in x-amz-security-token', async () => {
    useEnvironmentCredentials();
    expect(await chain()()).toEqual({ accessKeyId: ENV.id, secretAccessKey: ENV.secret, sessionToken: ENV.token, expiration: undefined });
    expect(await signedBy()).toEqual({ keyId: ENV.id, token: ENV.token });
  });

  it('without AWS_SESSION_TOKEN no x-amz-security-token is sent', async () => {
    useEnvironmentCredentials(false);
    expect((await chain()()).sessionToken).toBeUndefined();
    expect(await signedBy()).toEqual({ keyId: ENV.id, token: undefined });
  });

  it('AWS_CREDENTIAL_EXPIRATION becomes the expiration, and the client reads the variables again as it nears', async () => {
    useEnvironmentCredentials();
    const expiration = new Date(Date.now() + 4 * MINUTE);
    vi.stubEnv('AWS_CREDENTIAL_EXPIRATION', expiration.toISOString());
    expect((await chain()()).expiration).toEqual(expiration);
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler });
    await client.rotateSecretAsync({ SecretId: 's' });
    // Inside the 5-minute refresh margin: the next call asks the chain again and sees the new keys.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAROTATEDENVKEY001');
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(handler.requests.map((request) => identityOf(request).keyId)).toEqual([ENV.id, 'AKIAROTATEDENVKEY001']);
  });

  it('credentials from the environment without an expiration are kept for the life of the client', async () => {
    useEnvironmentCredentials();
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler });
    await client.rotateSecretAsync({ SecretId: 's' });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAROTATEDENVKEY001');
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(handler.requests.map((request) => identityOf(request).keyId)).toEqual([ENV.id, ENV.id]);
  });

  it('an AWS_CREDENTIAL_EXPIRATION in the past is reported, and the chain goes on', async () => {
    useEnvironmentCredentials();
    vi.stubEnv('AWS_CREDENTIAL_EXPIRATION', '2020-01-01T00:00:00Z');
    const error = await chainFailure(chain());
    expect(triedSources(error)[0]).toEqual({ source: SOURCES.env, reason: 'returned credentials that expired at 2020-01-01T00:00:00.000Z' });
    expectNoSecrets(error.message, [ENV.secret, ENV.token]);
    writeCredentialsFile();
    expect(await signedBy()).toEqual({ keyId: FILE.id, token: FILE.token });
  });

  it('only AWS_ACCESS_KEY_ID set: reported without repeating it, and the chain goes on to the shared files', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', ENV.id);
    const error = await chainFailure(chain());
    expect(triedSources(error)).toHaveLength(4);
    expect(triedSources(error)[0]).toEqual({ source: SOURCES.env, reason: 'AWS_SECRET_ACCESS_KEY is not set while AWS_ACCESS_KEY_ID is' });
    expect(error.message).not.toContain(ENV.id);
    writeCredentialsFile();
    expect((await chain()()).accessKeyId).toBe(FILE.id);
    expect(await signedBy()).toEqual({ keyId: FILE.id, token: FILE.token });
  });

  it('only AWS_SECRET_ACCESS_KEY set: reported without repeating it, and the chain goes on', async () => {
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', ENV.secret);
    const error = await chainFailure(chain());
    expect(triedSources(error)[0]).toEqual({ source: SOURCES.env, reason: 'AWS_ACCESS_KEY_ID is not set while AWS_SECRET_ACCESS_KEY is' });
    expect(error.message).not.toContain(ENV.secret);
    writeCredentialsFile();
    expect(await signedBy()).toEqual({ keyId: FILE.id, token: FILE.token });
  });
});

describe('the shared files', () => {
  it('~/.aws/credentials, profile default', async () => {
    writeCredentialsFile();
    expect(await chain()()).toMatchObject({ accessKeyId: FILE.id, secretAccessKey: FILE.secret, sessionToken: FILE.token });
    expect(await signedBy()).toEqual({ keyId: FILE.id, token: FILE.token });
  });

  it('AWS_PROFILE=dev picks [profile dev] of ~/.aws/config over the default profile', async () => {
    writeCredentialsFile();
    home().aws('config', `[default]\nregion = us-east-1\n\n[profile dev]\naws_access_key_id = ${DEV.id}\naws_secret_access_key = ${DEV.secret}\n`);
    vi.stubEnv('AWS_PROFILE', 'dev');
    expect((await chain()()).accessKeyId).toBe(DEV.id);
    expect(await signedBy()).toEqual({ keyId: DEV.id, token: undefined });
  });

  it('the profile option of defaultCredentialProvider picks a profile too, and a missing one is named in the failure list', async () => {
    home().aws('config', `[profile dev]\naws_access_key_id = ${DEV.id}\naws_secret_access_key = ${DEV.secret}\n`);
    expect((await chain({ profile: 'dev' })()).accessKeyId).toBe(DEV.id);
    expect(await signedBy({ credentials: chain({ profile: 'dev' }) })).toEqual({ keyId: DEV.id, token: undefined });
    const error = await chainFailure(chain({ profile: 'staging' }));
    expect(triedSources(error)[1]!.source).toBe(SOURCES.files('staging'));
  });

  it('AWS_SHARED_CREDENTIALS_FILE points the chain at another credentials file', async () => {
    writeCredentialsFile();
    const elsewhere = home().write('elsewhere/creds.ini', `[default]\naws_access_key_id = ${DEV.id}\naws_secret_access_key = ${DEV.secret}\n`);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', elsewhere);
    expect((await chain()()).accessKeyId).toBe(DEV.id);
    expect(await signedBy()).toEqual({ keyId: DEV.id, token: undefined });
  });

  it('AWS_CONFIG_FILE points the chain at another config file', async () => {
    home().aws('config', `[profile dev]\naws_access_key_id = ${FILE.id}\naws_secret_access_key = ${FILE.secret}\n`);
    const elsewhere = home().write('elsewhere/config.ini', `[profile dev]\naws_access_key_id = ${DEV.id}\naws_secret_access_key = ${DEV.secret}\n`);
    vi.stubEnv('AWS_CONFIG_FILE', elsewhere);
    vi.stubEnv('AWS_PROFILE', 'dev');
    expect((await chain()()).accessKeyId).toBe(DEV.id);
    expect(await signedBy()).toEqual({ keyId: DEV.id, token: undefined });
  });

  it('credential_process: the JSON the command prints, session token and expiration included', async () => {
    const expiration = new Date(Date.now() + HOUR);
    const command = home().script(
      'creds.mjs',
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(PROCESS.id)}, SecretAccessKey: ${JSON.stringify(PROCESS.secret)}, SessionToken: ${JSON.stringify(PROCESS.token)}, Expiration: ${JSON.stringify(expiration.toISOString())} }));\n`,
    );
    home().aws('config', `[default]\ncredential_process = ${command}\n`);
    expect(await chain()()).toMatchObject({ accessKeyId: PROCESS.id, secretAccessKey: PROCESS.secret, sessionToken: PROCESS.token, expiration });
    expect(await signedBy()).toEqual({ keyId: PROCESS.id, token: PROCESS.token });
  });

  it('a credentials file rewritten between two calls of the chain is read afresh', async () => {
    writeCredentialsFile();
    const provider = chain();
    expect((await provider()).accessKeyId).toBe(FILE.id);
    home().aws('credentials', `[default]\naws_access_key_id = ${DEV.id}\naws_secret_access_key = ${DEV.secret}\n`);
    expect((await provider()).accessKeyId).toBe(DEV.id);
  });

  it('rewritten keys are picked up by the client when its credentials near expiry and it asks the chain again', async () => {
    // credential_process reads keys.json: temporary credentials that the test rotates by rewriting the file.
    const keys = home().write('keys.json', JSON.stringify({ id: PROCESS.id, secret: PROCESS.secret }));
    const command = home().script(
      'rotating.mjs',
      `import { readFileSync } from 'node:fs';\nconst keys = JSON.parse(readFileSync(${JSON.stringify(keys)}, 'utf8'));\nconsole.log(JSON.stringify({ Version: 1, AccessKeyId: keys.id, SecretAccessKey: keys.secret, SessionToken: 'rotating-token', Expiration: new Date(Date.now() + 3600000).toISOString() }));\n`,
    );
    home().aws('config', `[default]\ncredential_process = ${command}\n`);
    let now = Date.now();
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, clock: () => new Date(now) });
    await client.rotateSecretAsync({ SecretId: 's' });
    home().write('keys.json', JSON.stringify({ id: 'ASIAROTATEDPROCESS01', secret: 'rotated' }));
    now += 30 * MINUTE;
    await client.rotateSecretAsync({ SecretId: 's' });
    now += 26 * MINUTE; // 56 minutes on: inside the 5-minute margin of the hour-long credentials
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(handler.requests.map((request) => identityOf(request).keyId)).toEqual([PROCESS.id, PROCESS.id, 'ASIAROTATEDPROCESS01']);
  });
});

describe('container credentials (ECS, EKS Pod Identity)', () => {
  it('AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN: the token goes in Authorization, the answer signs', async () => {
    useContainer();
    expect(await chain()()).toMatchObject({ accessKeyId: CONTAINER.AccessKeyId, secretAccessKey: CONTAINER.SecretAccessKey, sessionToken: CONTAINER.Token });
    expect(await signedBy()).toEqual({ keyId: CONTAINER.AccessKeyId, token: CONTAINER.Token });
    expect(container.requests.map((request) => [request.method, request.path, request.headers.authorization])).toEqual([
      ['GET', '/creds', CONTAINER_AUTHORIZATION],
      ['GET', '/creds', CONTAINER_AUTHORIZATION],
    ]);
  });

  it('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: the token is read from the file', async () => {
    container.authorization = 'token-from-a-file-0001';
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', container.credentialsUrl);
    vi.stubEnv('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', home().write('eks/token', 'token-from-a-file-0001'));
    expect((await chain()()).accessKeyId).toBe(CONTAINER.AccessKeyId);
    expect(await signedBy()).toEqual({ keyId: CONTAINER.AccessKeyId, token: CONTAINER.Token });
    expect(container.requests.map((request) => request.headers.authorization)).toEqual(['token-from-a-file-0001', 'token-from-a-file-0001']);
  });

  it('a wrong authorization token: the 401 is reported, without the token', async () => {
    useContainer();
    vi.stubEnv('AWS_CONTAINER_AUTHORIZATION_TOKEN', 'wrong-authorization-token-0001');
    const error = await chainFailure(chain());
    expect(triedSources(error)[2]).toEqual({ source: SOURCES.container, reason: expect.stringContaining('401') });
    expect(error.message).not.toContain('wrong-authorization-token-0001');
  });

  it.each<{ mode: MetadataMode; reason: RegExp }>([
    { mode: 'stall', reason: /time/i },
    { mode: 'status500', reason: /500/ },
    { mode: 'badJson', reason: /JSON/ },
    { mode: 'expired', reason: /^returned credentials that expired at \d{4}-\d\d-\d\dT/ },
  ])('the endpoint fails ($mode): CredentialsException listing every source with its reason, and no secret', async ({ mode, reason }) => {
    useContainer();
    container.mode = mode;
    const error = await chainFailure(chain());
    const tried = triedSources(error);
    expect(tried.map((entry) => entry.source)).toEqual([SOURCES.env, SOURCES.files(), SOURCES.container, SOURCES.imds]);
    expect(tried[2]!.reason).toMatch(reason);
    expect(tried[3]!.reason).toBe('AWS_EC2_METADATA_DISABLED is true');
    expectNoSecrets(error.message, [CONTAINER.SecretAccessKey, CONTAINER.Token, CONTAINER_AUTHORIZATION]);
    expect(container.requests).toHaveLength(1);
  });
});

describe('EC2 instance metadata (IMDS)', () => {
  it('IMDSv2: a session token from PUT /latest/api/token, then the role and its credentials with the token', async () => {
    useImds();
    expect(await chain()()).toMatchObject({ accessKeyId: INSTANCE.AccessKeyId, secretAccessKey: INSTANCE.SecretAccessKey, sessionToken: INSTANCE.Token });
    expect(imds.requests.map((request) => [request.method, request.path])).toEqual([
      ['PUT', IMDS_TOKEN_PATH],
      ['GET', IMDS_ROLE_PATH],
      ['GET', IMDS_ROLE_PATH + IMDS_ROLE],
    ]);
    expect(imds.requests[0]!.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    expect(imds.requests.slice(1).map((request) => request.headers['x-aws-ec2-metadata-token'])).toEqual([IMDS_SESSION_TOKEN, IMDS_SESSION_TOKEN]);
    expect(await signedBy()).toEqual({ keyId: INSTANCE.AccessKeyId, token: INSTANCE.Token });
  });

  it.each([403, 404])('IMDSv1 fallback: the token PUT answers %i, so the role and credentials are fetched without a token', async (status) => {
    useImds();
    imds.tokenStatus = status;
    imds.acceptsV1 = true;
    expect((await chain()()).accessKeyId).toBe(INSTANCE.AccessKeyId);
    expect(imds.requests.map((request) => [request.method, request.path, request.headers['x-aws-ec2-metadata-token']])).toEqual([
      ['PUT', IMDS_TOKEN_PATH, undefined],
      ['GET', IMDS_ROLE_PATH, undefined],
      ['GET', IMDS_ROLE_PATH + IMDS_ROLE, undefined],
    ]);
    expect(await signedBy()).toEqual({ keyId: INSTANCE.AccessKeyId, token: INSTANCE.Token });
  });

  it('no IMDSv1 fallback with AWS_EC2_METADATA_V1_DISABLED=true: the token PUT is all that is sent', async () => {
    useImds();
    vi.stubEnv('AWS_EC2_METADATA_V1_DISABLED', 'true');
    imds.tokenStatus = 403;
    imds.acceptsV1 = true;
    const error = await chainFailure(chain());
    const tried = triedSources(error);
    expect(tried).toHaveLength(4);
    expect(tried[3]!.source).toBe(SOURCES.imds);
    expect(tried[3]!.reason).toContain('v1 fallback has been blocked');
    expect(tried[3]!.reason).toContain('AWS_EC2_METADATA_V1_DISABLED');
    expect(imds.requests.map((request) => [request.method, request.path])).toEqual([['PUT', IMDS_TOKEN_PATH]]);
  });

  it('no IMDSv1 fallback when the token PUT answers 400, as @smithy/credential-provider-imds has it', async () => {
    useImds();
    imds.tokenStatus = 400;
    imds.acceptsV1 = true;
    const error = await chainFailure(chain());
    expect(triedSources(error)[3]).toEqual({ source: SOURCES.imds, reason: 'EC2 Metadata token request returned error' });
    expect(imds.requests.map((request) => request.method)).toEqual(['PUT']);
  });

  it.each<{ mode: MetadataMode; reason: RegExp }>([
    { mode: 'stall', reason: /Timeout/i },
    { mode: 'status500', reason: /Error response received from instance metadata service/ },
    { mode: 'badJson', reason: /JSON/ },
  ])('the credentials document fails ($mode): CredentialsException listing every source with its reason, and no secret', async ({ mode, reason }) => {
    useImds();
    imds.mode = mode;
    const error = await chainFailure(chain());
    const tried = triedSources(error);
    expect(tried.map((entry) => entry.source)).toEqual([SOURCES.env, SOURCES.files(), SOURCES.container, SOURCES.imds]);
    expect(tried[3]!.reason).toMatch(reason);
    expectNoSecrets(error.message, [INSTANCE.SecretAccessKey, INSTANCE.Token, IMDS_SESSION_TOKEN]);
  });

  it('credentials past their expiration are still used for a few minutes (static stability), with a warning that holds no secret', async () => {
    // @smithy/credential-provider-imds, as the AWS SDKs: during an IMDS outage EC2 keeps honouring the
    // last credentials, so they are used with their expiration moved 5 to 10 minutes ahead, not refused.
    useImds();
    imds.mode = 'expired';
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
    const before = Date.now();
    const credentials = await chain()();
    expect(credentials).toMatchObject({ accessKeyId: INSTANCE.AccessKeyId, sessionToken: INSTANCE.Token });
    expect(credentials.expiration!.getTime()).toBeGreaterThanOrEqual(before + 5 * MINUTE);
    expect(credentials.expiration!.getTime()).toBeLessThanOrEqual(Date.now() + 10 * MINUTE);
    expect(warnings.join('\n')).toContain('credential expiration extension');
    expectNoSecrets(warnings.join('\n'), [INSTANCE.SecretAccessKey, INSTANCE.Token, IMDS_SESSION_TOKEN]);
    expect(await signedBy()).toEqual({ keyId: INSTANCE.AccessKeyId, token: INSTANCE.Token });
  });

  it('AWS_EC2_METADATA_DISABLED=true: instance metadata is skipped with that reason, even with an endpoint set', async () => {
    useImds();
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const error = await chainFailure(chain());
    expect(triedSources(error)[3]).toEqual({ source: SOURCES.imds, reason: 'AWS_EC2_METADATA_DISABLED is true' });
    const clientError = await rejection(new SecretsManagerClient({ region: 'us-east-1', httpHandler: countingHandler() }).rotateSecretAsync({ SecretId: 's' }));
    expect(clientError).toBeInstanceOf(CredentialsException);
    expect(imds.requests).toHaveLength(0);
  });
});

describe('a profile that exists but cannot be used stops the chain there, as in the AWS SDKs', () => {
  it('credential_process that exits 1: CredentialsException naming the profile, and neither the container nor IMDS is asked', async () => {
    const command = home().script('broken.mjs', `process.stderr.write('cannot reach the vault\\n');\nprocess.exit(1);\n`);
    home().aws('config', `[default]\ncredential_process = ${command}\n`);
    useContainer();
    useImds();
    const outcome = await chain()().then((credentials) => `credentials of ${credentials.accessKeyId}`, (error: unknown) => error);
    expect(outcome).toBeInstanceOf(CredentialsException);
    const tried = triedSources(outcome as Error);
    expect(tried.map((entry) => entry.source)).toEqual([SOURCES.env, SOURCES.files()]);
    expect(tried[1]!.reason).toContain('Command failed');
    const clientError = await rejection(new SecretsManagerClient({ region: 'us-east-1', httpHandler: countingHandler() }).rotateSecretAsync({ SecretId: 's' }));
    expect(clientError).toBeInstanceOf(CredentialsException);
    expect(container.requests).toHaveLength(0);
    expect(imds.requests).toHaveLength(0);
  });

  it('a profile with settings but no credentials (only a region) does not stop the chain', async () => {
    home().aws('config', '[default]\nregion = eu-west-1\n');
    useContainer();
    expect(await signedBy()).toEqual({ keyId: CONTAINER.AccessKeyId, token: CONTAINER.Token });
  });
});

describe('any provider of the AWS SDK shape plugs in', () => {
  it('an async function returning { accessKeyId, secretAccessKey, sessionToken, expiration }', async () => {
    const provider = async (): Promise<AwsCredentialIdentity> => ({
      accessKeyId: 'ASIAPLUGGEDPROVIDER1',
      secretAccessKey: 'pluggedSecret',
      sessionToken: 'plugged-session-token',
      expiration: new Date(Date.now() + HOUR),
    });
    expect(await signedBy({ credentials: provider })).toEqual({ keyId: 'ASIAPLUGGEDPROVIDER1', token: 'plugged-session-token' });
  });

  it("AWS's own fromIni provider, unchanged", async () => {
    home().aws('config', `[profile dev]\naws_access_key_id = ${DEV.id}\naws_secret_access_key = ${DEV.secret}\n`);
    expect(await signedBy({ credentials: fromIni({ profile: 'dev' }) })).toEqual({ keyId: DEV.id, token: undefined });
  });
});

describe('the client caches what a provider gives', () => {
  const NOW = Date.parse('2026-03-01T12:00:00Z');

  /** A provider that counts its calls and hands out credentials expiring `ahead` ms after `clock()`. */
  function countingProvider(clock: () => number, ahead: number): (() => Promise<AwsCredentialIdentity>) & { calls: number } {
    const provider = Object.assign(
      async (): Promise<AwsCredentialIdentity> => {
        provider.calls += 1;
        return { accessKeyId: `ASIACACHED${String(provider.calls).padStart(10, '0')}`, secretAccessKey: 'cached-secret', sessionToken: 'cached-token', expiration: new Date(clock() + ahead) };
      },
      { calls: 0 },
    );
    return provider;
  }

  it('credentials that expire in an hour: one provider call for many calls', async () => {
    const provider = countingProvider(() => NOW, HOUR);
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, credentials: provider, clock: () => new Date(NOW) });
    for (let i = 0; i < 10; i += 1) await client.rotateSecretAsync({ SecretId: 's' });
    expect(provider.calls).toBe(1);
    expect(handler.calls).toBe(10);
    expect(new Set(handler.requests.map((request) => identityOf(request).keyId))).toEqual(new Set(['ASIACACHED0000000001']));
  });

  it('credentials that expire in 4 minutes (inside the 5-minute margin): one provider call per call, signed with what it returned', async () => {
    const provider = countingProvider(() => NOW, 4 * MINUTE);
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, credentials: provider, clock: () => new Date(NOW) });
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(provider.calls).toBe(1);
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(provider.calls).toBe(2);
    expect(handler.requests.map((request) => identityOf(request).keyId)).toEqual(['ASIACACHED0000000001', 'ASIACACHED0000000002']);
  });

  it('hour-long credentials are fetched again once the clock is within 5 minutes of their expiry', async () => {
    let now = NOW;
    const provider = countingProvider(() => now, HOUR);
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, credentials: provider, clock: () => new Date(now) });
    await client.rotateSecretAsync({ SecretId: 's' });
    now = NOW + 54 * MINUTE;
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(provider.calls).toBe(1);
    now = NOW + 56 * MINUTE;
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(provider.calls).toBe(2);
    expect(identityOf(handler.requests[2]).keyId).toBe('ASIACACHED0000000002');
  });

  it('50 concurrent first calls share one provider call (no stampede)', async () => {
    let calls = 0;
    const provider = async (): Promise<AwsCredentialIdentity> => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { accessKeyId: 'ASIASHAREDBY50CALLS1', secretAccessKey: 'shared', expiration: new Date(NOW + HOUR) };
    };
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, credentials: provider, clock: () => new Date(NOW) });
    await Promise.all(Array.from({ length: 50 }, () => client.rotateSecretAsync({ SecretId: 's' })));
    expect(calls).toBe(1);
    expect(handler.calls).toBe(50);
  });

  it('a provider that throws: CredentialsException with its error as the cause and not its text; nothing is sent', async () => {
    const failure = new Error('sso token for AKIAPROVIDERLEAK0001 / s3cr3t-provider-text expired');
    const handler = countingHandler();
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      httpHandler: handler,
      credentials: async () => {
        throw failure;
      },
    });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(CredentialsException);
    expect((error as Error).cause).toBe(failure);
    expect((error as Error).message).not.toContain('s3cr3t-provider-text');
    expect((error as Error).message).not.toContain('AKIAPROVIDERLEAK0001');
    expect(handler.calls).toBe(0);
  });

  it('a provider returning credentials that have already expired is refused; nothing is sent', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      httpHandler: handler,
      clock: () => new Date(NOW),
      credentials: async () => ({ accessKeyId: 'ASIAALREADYEXPIRED01', secretAccessKey: 'expired-secret', sessionToken: 'expired-token', expiration: new Date(NOW - MINUTE) }),
    });
    const error = await client.rotateSecretAsync({ SecretId: 's' }).then(() => `a request signed with ${identityOf(handler.requests[0]).keyId} was sent`, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(CredentialsException);
    expect((error as Error).message).toContain('expired');
    expectNoSecrets((error as Error).message, ['expired-secret', 'expired-token']);
    expect(handler.calls).toBe(0);
  });
});

describe('laziness: nothing is read before the first call', () => {
  it('importing the module and constructing a client run no provider and ask no endpoint', async () => {
    const runs = join(home().dir, 'runs.log');
    const command = home().script(
      'counted.mjs',
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(runs)}, 'run\\n');\nconsole.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(PROCESS.id)}, SecretAccessKey: 'lazy-secret' }));\n`,
    );
    home().aws('config', `[default]\ncredential_process = ${command}\n`);
    useContainer();
    useImds();
    vi.resetModules();
    const fresh = await import('../src/index.node.js');
    const handler = countingHandler();
    const client = new fresh.SecretsManagerClient({ region: 'us-east-1', httpHandler: handler });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(runs)).toBe(false);
    expect(container.requests).toHaveLength(0);
    expect(imds.requests).toHaveLength(0);
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(readFileSync(runs, 'utf8')).toBe('run\n');
    expect(identityOf(handler.requests[0]).keyId).toBe(PROCESS.id);
  });

  it('a credentials file created after the client was constructed is used', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler });
    writeCredentialsFile();
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(identityOf(handler.requests[0])).toEqual({ keyId: FILE.id, token: FILE.token });
  });

  it('a provider given to the constructor is not called until the first call', async () => {
    let calls = 0;
    const handler = countingHandler();
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      httpHandler: handler,
      credentials: async () => {
        calls += 1;
        return { accessKeyId: 'ASIALAZYPROVIDER0001', secretAccessKey: 'lazy' };
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(0);
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(calls).toBe(1);
  });
});
