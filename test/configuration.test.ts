// Client configuration: what the constructor can check is refused there with a ConfigurationException
// naming the option; what comes from the environment (region, credentials) is resolved and checked at
// the first call, which then rejects before anything is sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AmazonClientException,
  type ClientConfig,
  ConfigurationException,
  CredentialsException,
  SecretsManagerClient,
} from '../src/index.node.js';
import { SecretsManagerClient as WebSecretsManagerClient } from '../src/index.js';
import { countingHandler, rejection, thrown } from './helpers/countingHandler.js';

const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

// No test may depend on the environment of the machine running it: every variable the Node entry reads is unset.
beforeEach(() => {
  for (const name of ENV) vi.stubEnv(name, undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The ConfigurationException the constructor throws for `config`. */
function refusedConfig(config: unknown): ConfigurationException {
  const error = thrown(() => new SecretsManagerClient(config as ClientConfig));
  expect(error).not.toBeInstanceOf(TypeError);
  expect(error).toBeInstanceOf(ConfigurationException);
  expect(error).toBeInstanceOf(AmazonClientException);
  expect((error as Error).name).toBe('ConfigurationException');
  return error as ConfigurationException;
}

/** The Credential= part of a SigV4 Authorization header: `AKID/date/region/service/aws4_request`. */
function credentialScope(authorization: string | undefined): string {
  const match = /Credential=([^,]+),/.exec(authorization ?? '');
  if (!match) throw new Error(`no Credential= in ${authorization}`);
  return match[1]!;
}

describe('configuration: the constructor refuses what it can check', () => {
  it('refuses an unknown option (a typo), naming it and listing the real ones', () => {
    const error = refusedConfig({ regoin: 'us-east-1' });
    expect(error.option).toBe('regoin');
    expect(error.message).toContain('"regoin" is not an option of the client');
    for (const option of ['region', 'credentials', 'serviceURL', 'authenticationRegion', 'maxErrorRetry', 'retryMode', 'timeout', 'httpHandler']) {
      expect(error.message).toContain(option);
    }
  });

  it.each([null, 'us-east-1', 5])('refuses a configuration that is not an object (%s)', (config) => {
    expect(refusedConfig(config).option).toBe('config');
  });

  it.each([
    ['us-east-1.evil.com#'],
    ['../'],
    ['us east 1'],
    ['US-EAST-1'],
    [''],
    [5],
    ['us-east-1/'],
    ['evil.com?x=us-east-1'],
    ['us-east-1@evil.com'],
    ['us-east-1:443'],
    ['us-east-1\n'],
    ['-us-east-1'],
    [`us-east-${'1'.repeat(60)}`],
  ])('refuses the region %j, which is not a region name', (region) => {
    const error = refusedConfig({ region });
    expect(error.option).toBe('region');
    expect(error.message).toContain('is not a region name');
  });

  it('refuses an authenticationRegion that is not a region name', () => {
    const error = refusedConfig({ serviceURL: 'http://127.0.0.1:4566', authenticationRegion: 'us-east-1.evil.com' });
    expect(error.option).toBe('authenticationRegion');
  });

  it.each([
    { name: 'unparsable', serviceURL: 'not a url', fragment: 'is not a valid URL' },
    { name: 'empty', serviceURL: '', fragment: 'is not a valid URL' },
    { name: 'not a string', serviceURL: 5, fragment: 'is not a valid URL' },
    { name: 'ftp', serviceURL: 'ftp://x', fragment: 'must use https or http, not ftp' },
    { name: 'file', serviceURL: 'file:///etc/passwd', fragment: 'must use https or http' },
    { name: 'with a query', serviceURL: 'https://secretsmanager.example.com/?X-Amz-Target=x', fragment: 'must not carry credentials, a query or a fragment' },
    { name: 'with a fragment', serviceURL: 'https://secretsmanager.example.com/#x', fragment: 'must not carry credentials, a query or a fragment' },
  ])('refuses a serviceURL that is $name', ({ serviceURL, fragment }) => {
    const error = refusedConfig({ region: 'us-east-1', serviceURL });
    expect(error.option).toBe('serviceURL');
    expect(error.message).toContain(fragment);
  });

  it('refuses a serviceURL with credentials in it, without repeating them', () => {
    const error = refusedConfig({ region: 'us-east-1', serviceURL: 'https://user:pw-s3cr3t@host' });
    expect(error.option).toBe('serviceURL');
    expect(error.message).toContain('must not carry credentials');
    expect(error.message).not.toContain('pw-s3cr3t');
  });

  it('refuses an unparsable serviceURL with credentials in it, without repeating them', () => {
    const error = refusedConfig({ region: 'us-east-1', serviceURL: 'https://user:pw-s3cr3t@bad host' });
    expect(error.option).toBe('serviceURL');
    expect(error.message).not.toContain('pw-s3cr3t');
  });

  it('refuses a credentials object missing secretAccessKey, without repeating the access key id', () => {
    const error = refusedConfig({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAQUITEPRIVATE0042' } });
    expect(error.option).toBe('credentials');
    expect(error.message).toContain('secretAccessKey');
    expect(error.message).not.toContain('AKIAQUITEPRIVATE0042');
  });

  it('refuses credentials that are a string, without repeating it', () => {
    const error = refusedConfig({ region: 'us-east-1', credentials: 'AKIAQUITEPRIVATE0042:wJalrXUtnFEMI' });
    expect(error.option).toBe('credentials');
    expect(error.message).not.toContain('wJalrXUtnFEMI');
  });

  it.each([
    { option: 'httpHandler', value: {} },
    { option: 'httpHandler', value: { handle: 'fetch' } },
    { option: 'httpHandler', value: null },
    { option: 'clock', value: 5 },
    { option: 'clock', value: new Date(0) },
    { option: 'randomUUID', value: 'f0e1d2c3-b4a5-4968-8776-655443322110' },
  ])('refuses $option: $value', ({ option, value }) => {
    expect(refusedConfig({ region: 'us-east-1', [option]: value }).option).toBe(option);
  });

  it('accepts a valid configuration with every option', () => {
    const handler = countingHandler();
    expect(
      () =>
        new SecretsManagerClient({
          region: 'cn-northwest-1',
          credentials: CREDENTIALS,
          serviceURL: 'http://127.0.0.1:4566/base',
          authenticationRegion: 'us-gov-west-1',
          httpHandler: handler,
          clock: () => new Date(0),
          randomUUID: () => 'f0e1d2c3-b4a5-4968-8776-655443322110',
        }),
    ).not.toThrow();
  });
});

describe('configuration: what the environment supplies is resolved at the first call', () => {
  it('constructs without a region, then rejects the first call with ConfigurationException option region, sending nothing', async () => {
    expect(() => new SecretsManagerClient()).not.toThrow();
    expect(() => new SecretsManagerClient({})).not.toThrow();
    const handler = countingHandler();
    const client = new SecretsManagerClient({ credentials: CREDENTIALS, httpHandler: handler });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).option).toBe('region');
    expect((error as Error).message).toContain('AWS_REGION');
    expect(handler.calls).toBe(0);
  });

  it('also rejects `new SecretsManagerClient({})` at its first call for want of a region', async () => {
    const error = await rejection(new SecretsManagerClient({}).rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).option).toBe('region');
  });

  it('reads AWS_REGION at the first call, not at construction', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({ credentials: CREDENTIALS, httpHandler: handler });
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(handler.requests[0]!.hostname).toBe('secretsmanager.eu-west-3.amazonaws.com');
    expect(credentialScope(handler.requests[0]!.headers.authorization)).toMatch(/\/eu-west-3\/secretsmanager\/aws4_request$/);
  });

  it('refuses an AWS_REGION that is not a region name at the first call, sending nothing', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-3.evil.com#');
    const handler = countingHandler();
    const client = new SecretsManagerClient({ credentials: CREDENTIALS, httpHandler: handler });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).option).toBe('AWS_REGION');
    expect(handler.calls).toBe(0);
  });

  it('rejects the first call when serviceURL has neither region nor authenticationRegion to sign with', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({ serviceURL: 'http://127.0.0.1:4566', credentials: CREDENTIALS, httpHandler: handler });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).option).toBe('authenticationRegion');
    expect((error as Error).message).toContain('authenticationRegion');
    expect(handler.calls).toBe(0);
  });

  it('signs with authenticationRegion when serviceURL has no region', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({ serviceURL: 'http://127.0.0.1:4566', authenticationRegion: 'eu-central-1', credentials: CREDENTIALS, httpHandler: handler });
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(handler.requests[0]!.hostname).toBe('127.0.0.1');
    expect(credentialScope(handler.requests[0]!.headers.authorization)).toMatch(/\/eu-central-1\/secretsmanager\/aws4_request$/);
  });

  it('the web entry has no default region, even with AWS_REGION set', async () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    const handler = countingHandler();
    const client = new WebSecretsManagerClient({ credentials: CREDENTIALS, httpHandler: handler });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).option).toBe('region');
    expect(handler.calls).toBe(0);
  });
});

describe('credentials: resolved at the first call', () => {
  it('rejects with CredentialsException naming AWS_ACCESS_KEY_ID when the Node entry has none, sending nothing', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(CredentialsException);
    expect(error).toBeInstanceOf(AmazonClientException);
    expect((error as Error).name).toBe('CredentialsException');
    expect((error as Error).message).toContain('AWS_ACCESS_KEY_ID');
    expect(handler.calls).toBe(0);
  });

  it('rejects with CredentialsException when only AWS_ACCESS_KEY_ID is set, without repeating it', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAONLYTHEKEYID0001');
    const handler = countingHandler();
    const error = await rejection(new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler }).rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(CredentialsException);
    expect((error as Error).message).toContain('AWS_SECRET_ACCESS_KEY');
    expect((error as Error).message).not.toContain('AKIAONLYTHEKEYID0001');
    expect(handler.calls).toBe(0);
  });

  it('reads the environment credentials at the first call, not at construction, and signs with them', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, clock: () => new Date('2026-11-26T00:00:00Z') });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIALATEENVIRONMENT1');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'late-secret-key-0000000000000000000000000');
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(handler.calls).toBe(1);
    expect(credentialScope(handler.requests[0]!.headers.authorization)).toBe('AKIALATEENVIRONMENT1/20261126/us-east-1/secretsmanager/aws4_request');
    expect(handler.requests[0]!.headers['x-amz-security-token']).toBeUndefined();
  });

  it('a provider that throws: CredentialsException without the provider text in its message, with the error as its cause', async () => {
    const providerError = new Error('profile default: aws_secret_access_key = wJalrXUtnFEMI/LEAKED is malformed');
    const handler = countingHandler();
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      httpHandler: handler,
      credentials: async () => {
        throw providerError;
      },
    });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(CredentialsException);
    expect((error as Error).message).not.toContain('wJalrXUtnFEMI');
    expect((error as Error).message).not.toContain(providerError.message);
    expect((error as Error).cause).toBe(providerError);
    expect(handler.calls).toBe(0);
  });

  it('a provider returning {}: CredentialsException "returned no accessKeyId", sending nothing', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, credentials: async () => ({}) as never });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(CredentialsException);
    expect((error as Error).message).toContain('returned no accessKeyId');
    expect(handler.calls).toBe(0);
  });

  it('a provider returning no secretAccessKey: CredentialsException that does not repeat the key id', async () => {
    const handler = countingHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, credentials: async () => ({ accessKeyId: 'AKIAPROVIDED00000042' }) as never });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(CredentialsException);
    expect((error as Error).message).toContain('returned no secretAccessKey');
    expect((error as Error).message).not.toContain('AKIAPROVIDED00000042');
    expect(handler.calls).toBe(0);
  });

  it('the web entry with no credentials: CredentialsException saying a web runtime has no default source', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIANOTFORTHEWEB0001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-for-the-web');
    const handler = countingHandler();
    const client = new WebSecretsManagerClient({ region: 'us-east-1', httpHandler: handler });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(CredentialsException);
    expect((error as Error).message).toContain('a web runtime has no default source');
    expect(handler.calls).toBe(0);
  });
});
