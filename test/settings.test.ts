// Settings from the environment and the shared config file (Node entry), as the AWS SDKs read them:
// an option given to the client beats an environment variable, which beats the profile. They are read
// at the first call; a value that cannot work is refused there with a ConfigurationException naming the
// variable or the profile key, before anything is sent. A capturing transport shows where each request
// went and how it was signed.
import { describe, expect, it, vi } from 'vitest';
import {
  type AmazonSecretsManagerConfig,
  type ClientConfig,
  ConfigurationException,
  type HttpRequest,
  SecretsManagerClient,
} from '../src/index.node.js';
import { SecretsManagerClient as WebSecretsManagerClient } from '../src/index.js';
import { type CountingHandler, countingHandler, rejection, thrown } from './helpers/countingHandler.js';
import { useTempHome } from './helpers/tempHome.js';

const home = useTempHome();

const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** A Node client with fixed credentials and a capturing transport. */
function client(config: AmazonSecretsManagerConfig = {}): { client: SecretsManagerClient; handler: CountingHandler } {
  const handler = countingHandler();
  return { client: new SecretsManagerClient({ credentials: CREDENTIALS, httpHandler: handler, ...config }), handler };
}

/** The request one call sent. */
async function sent(config: AmazonSecretsManagerConfig = {}): Promise<HttpRequest> {
  const { client: created, handler } = client(config);
  await created.rotateSecretAsync({ SecretId: 's' });
  expect(handler.calls).toBe(1);
  return handler.requests[0]!;
}

/** `https://host:port/path` of a request. */
const urlOf = (request: HttpRequest) => `${request.protocol}//${request.hostname}${request.port === undefined ? '' : `:${request.port}`}${request.path}`;

/** The region of the request's credential scope. */
function signingRegionOf(request: HttpRequest): string {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/secretsmanager\/aws4_request/.exec(request.headers.authorization ?? '');
  if (!match) throw new Error(`no credential scope in ${request.headers.authorization}`);
  return match[1]!;
}

/** The ConfigurationException the first call rejects with; nothing may have been sent. */
async function refusedAtFirstCall(config: AmazonSecretsManagerConfig = {}): Promise<ConfigurationException> {
  const { client: created, handler } = client({ region: 'us-east-1', ...config });
  const error = await rejection(created.rotateSecretAsync({ SecretId: 's' }));
  expect(error).toBeInstanceOf(ConfigurationException);
  expect(handler.calls).toBe(0);
  return error as ConfigurationException;
}

describe('region', () => {
  it('from AWS_REGION: the host and the signature follow it', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    const request = await sent();
    expect(urlOf(request)).toBe('https://secretsmanager.eu-west-3.amazonaws.com/');
    expect(signingRegionOf(request)).toBe('eu-west-3');
  });

  it('from AWS_DEFAULT_REGION when AWS_REGION is not set', async () => {
    vi.stubEnv('AWS_DEFAULT_REGION', 'ap-southeast-2');
    const request = await sent();
    expect(request.hostname).toBe('secretsmanager.ap-southeast-2.amazonaws.com');
    expect(signingRegionOf(request)).toBe('ap-southeast-2');
  });

  it('AWS_REGION beats AWS_DEFAULT_REGION', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    vi.stubEnv('AWS_DEFAULT_REGION', 'ap-southeast-2');
    expect((await sent()).hostname).toBe('secretsmanager.eu-west-3.amazonaws.com');
  });

  it("from the profile's region in ~/.aws/config when neither variable is set", async () => {
    home().aws('config', '[default]\nregion = eu-north-1\n');
    const request = await sent();
    expect(request.hostname).toBe('secretsmanager.eu-north-1.amazonaws.com');
    expect(signingRegionOf(request)).toBe('eu-north-1');
  });

  it('from [profile dev] with AWS_PROFILE=dev, and from AWS_CONFIG_FILE when it points elsewhere', async () => {
    home().aws('config', '[default]\nregion = eu-north-1\n\n[profile dev]\nregion = sa-east-1\n');
    vi.stubEnv('AWS_PROFILE', 'dev');
    expect((await sent()).hostname).toBe('secretsmanager.sa-east-1.amazonaws.com');
    vi.stubEnv('AWS_CONFIG_FILE', home().write('other/config', '[profile dev]\nregion = ca-central-1\n'));
    expect((await sent()).hostname).toBe('secretsmanager.ca-central-1.amazonaws.com');
  });

  it('the region option beats AWS_REGION, which beats the profile', async () => {
    home().aws('config', '[default]\nregion = eu-north-1\n');
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    expect((await sent({ region: 'ap-south-1' })).hostname).toBe('secretsmanager.ap-south-1.amazonaws.com');
    expect((await sent()).hostname).toBe('secretsmanager.eu-west-3.amazonaws.com');
    vi.stubEnv('AWS_REGION', undefined);
    expect((await sent()).hostname).toBe('secretsmanager.eu-north-1.amazonaws.com');
  });

  it('is read at the first call, once: a region set after construction is used, one changed after the first call is not', async () => {
    const { client: created, handler } = client();
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    await created.rotateSecretAsync({ SecretId: 's' });
    vi.stubEnv('AWS_REGION', 'us-west-2');
    await created.rotateSecretAsync({ SecretId: 's' });
    expect(handler.requests.map((request) => request.hostname)).toEqual(['secretsmanager.eu-west-3.amazonaws.com', 'secretsmanager.eu-west-3.amazonaws.com']);
  });

  it("a profile region that is not a region name: ConfigurationException naming the profile's region key, nothing sent", async () => {
    home().aws('config', '[default]\nregion = eu-north-1.evil.com#\n');
    const { client: created, handler } = client();
    const error = await rejection(created.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).option).toBe('region in profile "default" of the shared config files');
    expect(handler.calls).toBe(0);
  });

  it('the web entry reads no environment: AWS_ENDPOINT_URL and AWS_USE_FIPS_ENDPOINT do not move its requests', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4566');
    vi.stubEnv('AWS_USE_FIPS_ENDPOINT', 'true');
    const handler = countingHandler();
    await new WebSecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: handler }).rotateSecretAsync({ SecretId: 's' });
    expect(urlOf(handler.requests[0]!)).toBe('https://secretsmanager.us-east-1.amazonaws.com/');
  });
});

describe('FIPS and dual-stack endpoints', () => {
  it('AWS_USE_FIPS_ENDPOINT=true → the FIPS host', async () => {
    vi.stubEnv('AWS_USE_FIPS_ENDPOINT', 'true');
    const request = await sent({ region: 'us-east-1' });
    expect(urlOf(request)).toBe('https://secretsmanager-fips.us-east-1.amazonaws.com/');
    expect(signingRegionOf(request)).toBe('us-east-1');
  });

  it('use_fips_endpoint = true in the profile → the FIPS host', async () => {
    home().aws('config', '[default]\nregion = us-west-2\nuse_fips_endpoint = true\n');
    expect((await sent()).hostname).toBe('secretsmanager-fips.us-west-2.amazonaws.com');
  });

  it('AWS_USE_FIPS_ENDPOINT=false beats the profile, and the useFIPSEndpoint option beats both', async () => {
    home().aws('config', '[default]\nuse_fips_endpoint = true\n');
    vi.stubEnv('AWS_USE_FIPS_ENDPOINT', 'false');
    expect((await sent({ region: 'us-east-1' })).hostname).toBe('secretsmanager.us-east-1.amazonaws.com');
    vi.stubEnv('AWS_USE_FIPS_ENDPOINT', 'true');
    expect((await sent({ region: 'us-east-1', useFIPSEndpoint: false })).hostname).toBe('secretsmanager.us-east-1.amazonaws.com');
  });

  it('AWS_USE_DUALSTACK_ENDPOINT=true → the dual-stack host where the partition has one (eusc-de-east-1)', async () => {
    expect((await sent({ region: 'eusc-de-east-1' })).hostname).toBe('secretsmanager.eusc-de-east-1.amazonaws.eu');
    vi.stubEnv('AWS_USE_DUALSTACK_ENDPOINT', 'true');
    const request = await sent({ region: 'eusc-de-east-1' });
    expect(urlOf(request)).toBe('https://secretsmanager.eusc-de-east-1.api.amazonwebservices.eu/');
    expect(signingRegionOf(request)).toBe('eusc-de-east-1');
  });

  it('use_dualstack_endpoint = true in the profile → the dual-stack host', async () => {
    home().aws('config', '[default]\nregion = eusc-de-east-1\nuse_dualstack_endpoint = true\n');
    expect((await sent()).hostname).toBe('secretsmanager.eusc-de-east-1.api.amazonwebservices.eu');
  });
});

describe('retries and the user agent', () => {
  it('AWS_MAX_ATTEMPTS=1 → amz-sdk-request: attempt=1; max=1, and a 500 is not retried', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
    expect((await sent({ region: 'us-east-1' })).headers['amz-sdk-request']).toBe('attempt=1; max=1');
    let calls = 0;
    const failing = new SecretsManagerClient({
      region: 'us-east-1',
      credentials: CREDENTIALS,
      sleep: async () => {},
      httpHandler: {
        async handle() {
          calls += 1;
          return { response: { statusCode: 500, headers: { 'x-amzn-requestid': 'r' }, body: '{"__type":"InternalServiceError","message":"boom"}' } };
        },
      },
    });
    await rejection(failing.rotateSecretAsync({ SecretId: 's' }));
    expect(calls).toBe(1);
  });

  it('max_attempts in the profile; AWS_MAX_ATTEMPTS beats it; the maxErrorRetry option beats both', async () => {
    home().aws('config', '[default]\nmax_attempts = 2\n');
    expect((await sent({ region: 'us-east-1' })).headers['amz-sdk-request']).toBe('attempt=1; max=2');
    vi.stubEnv('AWS_MAX_ATTEMPTS', '5');
    expect((await sent({ region: 'us-east-1' })).headers['amz-sdk-request']).toBe('attempt=1; max=5');
    expect((await sent({ region: 'us-east-1', maxErrorRetry: 0 })).headers['amz-sdk-request']).toBe('attempt=1; max=1');
  });

  it('AWS_RETRY_MODE=adaptive → cfg/retry-mode#adaptive in the user agent', async () => {
    vi.stubEnv('AWS_RETRY_MODE', 'adaptive');
    const request = await sent({ region: 'us-east-1' });
    expect(request.headers['x-amz-user-agent']!.split(' ')).toContain('cfg/retry-mode#adaptive');
    expect(request.headers['x-amz-user-agent']!.split(' ')).not.toContain('cfg/retry-mode#standard');
  });

  it('retry_mode in the profile; legacy reads as standard; the retryMode option beats the environment', async () => {
    home().aws('config', '[default]\nretry_mode = adaptive\n');
    expect((await sent({ region: 'us-east-1' })).headers['x-amz-user-agent']).toContain('cfg/retry-mode#adaptive');
    vi.stubEnv('AWS_RETRY_MODE', 'legacy');
    expect((await sent({ region: 'us-east-1' })).headers['x-amz-user-agent']).toContain('cfg/retry-mode#standard');
    vi.stubEnv('AWS_RETRY_MODE', 'adaptive');
    expect((await sent({ region: 'us-east-1', retryMode: 'standard' })).headers['x-amz-user-agent']).toContain('cfg/retry-mode#standard');
  });

  it('AWS_SDK_UA_APP_ID=myapp → app/myapp at the end of the user agent', async () => {
    vi.stubEnv('AWS_SDK_UA_APP_ID', 'myapp');
    const request = await sent({ region: 'us-east-1' });
    expect(request.headers['x-amz-user-agent']!.split(' ').at(-1)).toBe('app/myapp');
    expect(request.headers['user-agent']!.split(' ').at(-1)).toBe('app/myapp');
  });

  it('sdk_ua_app_id in the profile; the userAgentAppId option beats AWS_SDK_UA_APP_ID', async () => {
    home().aws('config', '[default]\nsdk_ua_app_id = fromprofile\n');
    expect((await sent({ region: 'us-east-1' })).headers['x-amz-user-agent']).toMatch(/ app\/fromprofile$/);
    vi.stubEnv('AWS_SDK_UA_APP_ID', 'fromenv');
    expect((await sent({ region: 'us-east-1', userAgentAppId: 'fromoption' })).headers['x-amz-user-agent']).toMatch(/ app\/fromoption$/);
  });
});

describe('configured endpoint URLs', () => {
  it('AWS_ENDPOINT_URL_SECRETS_MANAGER: the request goes there, signed for the configured region', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', 'http://127.0.0.1:4566');
    const request = await sent({ region: 'eu-central-1' });
    expect(urlOf(request)).toBe('http://127.0.0.1:4566/');
    expect(request.headers.host).toBe('127.0.0.1:4566');
    expect(signingRegionOf(request)).toBe('eu-central-1');
  });

  it('AWS_ENDPOINT_URL: the request goes there; the service-specific variable beats it', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://localhost:4510/base');
    expect(urlOf(await sent({ region: 'us-east-1' }))).toBe('http://localhost:4510/base');
    vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', 'http://127.0.0.1:4566');
    expect(urlOf(await sent({ region: 'us-east-1' }))).toBe('http://127.0.0.1:4566/');
  });

  it('endpoint_url in the profile; the serviceURL option beats the environment', async () => {
    home().aws('config', '[default]\nendpoint_url = http://127.0.0.1:4599\n');
    expect(urlOf(await sent({ region: 'us-east-1' }))).toBe('http://127.0.0.1:4599/');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4566');
    expect(urlOf(await sent({ region: 'us-east-1', serviceURL: 'http://127.0.0.1:7000' }))).toBe('http://127.0.0.1:7000/');
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true: every configured endpoint URL is ignored', async () => {
    home().aws('config', '[default]\nendpoint_url = http://127.0.0.1:4599\n');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4566');
    vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', 'http://127.0.0.1:4567');
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'true');
    expect(urlOf(await sent({ region: 'us-east-1' }))).toBe('https://secretsmanager.us-east-1.amazonaws.com/');
    // The serviceURL option is not a configured endpoint URL of the environment: it still applies.
    expect(urlOf(await sent({ region: 'us-east-1', serviceURL: 'http://127.0.0.1:7000' }))).toBe('http://127.0.0.1:7000/');
  });

  it('ignore_configured_endpoint_urls = true in the profile', async () => {
    home().aws('config', '[default]\nendpoint_url = http://127.0.0.1:4599\nignore_configured_endpoint_urls = true\n');
    expect(urlOf(await sent({ region: 'us-east-1' }))).toBe('https://secretsmanager.us-east-1.amazonaws.com/');
  });
});

describe('a value that cannot work: ConfigurationException at the first call naming where it came from, nothing sent', () => {
  it.each([
    ['AWS_USE_FIPS_ENDPOINT', 'yes'],
    ['AWS_USE_DUALSTACK_ENDPOINT', '1'],
    ['AWS_MAX_ATTEMPTS', '0'],
    ['AWS_MAX_ATTEMPTS', 'three'],
    ['AWS_MAX_ATTEMPTS', '2.5'],
    ['AWS_RETRY_MODE', 'fast'],
    ['AWS_SDK_UA_APP_ID', 'a'.repeat(51)],
    ['AWS_ENDPOINT_URL', 'not a url'],
    ['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'ftp://127.0.0.1/'],
    ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'maybe'],
    ['AWS_REGION', 'us-east-1/../evil'],
  ])('%s=%s', async (variable, value) => {
    vi.stubEnv(variable, value);
    const error = await refusedAtFirstCall(variable === 'AWS_REGION' ? { region: undefined } : {});
    expect(error.option).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it.each([
    ['max_attempts', 'x'],
    ['max_attempts', '0'],
    ['use_fips_endpoint', 'yes'],
    ['use_dualstack_endpoint', 'on'],
    ['retry_mode', 'fast'],
    ['sdk_ua_app_id', 'b'.repeat(51)],
  ])('%s = %s in the profile', async (key, value) => {
    home().aws('config', `[default]\n${key} = ${value}\n`);
    const error = await refusedAtFirstCall();
    expect(error.option).toBe(`${key} in profile "default" of the shared config files`);
    expect(error.message).toContain(key);
  });

  it('names the profile AWS_PROFILE chose', async () => {
    home().aws('config', '[profile dev]\nmax_attempts = x\n');
    vi.stubEnv('AWS_PROFILE', 'dev');
    const error = await refusedAtFirstCall();
    expect(error.option).toBe('max_attempts in profile "dev" of the shared config files');
  });

  it('the construction itself succeeds, and a corrected environment is seen at the next call', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '0');
    const { client: created, handler } = client({ region: 'us-east-1' });
    expect((await rejection(created.rotateSecretAsync({ SecretId: 's' })) as ConfigurationException).option).toBe('AWS_MAX_ATTEMPTS');
    vi.stubEnv('AWS_MAX_ATTEMPTS', '4');
    await created.rotateSecretAsync({ SecretId: 's' });
    expect(handler.requests.map((request) => request.headers['amz-sdk-request'])).toEqual(['attempt=1; max=4']);
  });
});

describe('options given at construction that cannot work: ConfigurationException from the constructor, naming the option', () => {
  it.each<[keyof ClientConfig, unknown]>([
    ['maxErrorRetry', -1],
    ['maxErrorRetry', 1.5],
    ['maxErrorRetry', 101],
    ['timeout', 'x'],
    ['timeout', 0],
    ['totalTimeout', -5],
    ['retryMode', 'fast'],
    ['userAgentAppId', 'c'.repeat(51)],
    ['userAgentAppId', ''],
    ['logger', {}],
    ['logger', console.info],
    ['useFIPSEndpoint', 'true'],
    ['useDualstackEndpoint', 1],
  ])('%s: %j', (option, value) => {
    const error = thrown(() => new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, [option]: value } as ClientConfig));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).option).toBe(option);
    expect((error as Error).message).toContain(option);
  });

  it('accepts the limits: userAgentAppId of 50 characters, maxErrorRetry 0 and 100, timeout Infinity, console as the logger', () => {
    for (const config of [{ userAgentAppId: 'd'.repeat(50) }, { maxErrorRetry: 0 }, { maxErrorRetry: 100 }, { timeout: Infinity }, { logger: console }]) {
      expect(() => new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, ...config })).not.toThrow();
    }
  });
});
