/**
 * Each test's own AWS environment, for the credential-chain and settings tests: HOME is a fresh temp
 * directory (so `~/.aws/credentials` and `~/.aws/config` are the test's own), every variable the Node
 * entry or AWS's providers read is cleared, and EC2 instance metadata is switched off and pointed at a
 * closed local port, so that no test ever reaches 169.254.169.254. A test that wants a source sets it.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

/** Every variable that could make a test depend on the machine it runs on. */
export const AWS_ENVIRONMENT_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_ACCOUNT_ID',
  'AWS_CREDENTIAL_SCOPE',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SDK_LOAD_CONFIG',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
  'AWS_EC2_METADATA_V1_DISABLED',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_MAX_ATTEMPTS',
  'AWS_RETRY_MODE',
  'AWS_SDK_UA_APP_ID',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'USERPROFILE',
  'HOMEPATH',
] as const;

/** A port nothing listens on (discard): where instance metadata points unless a test says otherwise. */
export const CLOSED_LOCAL_ENDPOINT = 'http://127.0.0.1:9';

export interface TempHome {
  /** The test's HOME. */
  readonly dir: string;
  /** Writes `text` to `relative` under HOME (directories made as needed) and returns the absolute path. */
  write(relative: string, text: string, mode?: number): string;
  /** Writes `~/.aws/credentials` or `~/.aws/config`. */
  aws(file: 'credentials' | 'config', text: string): string;
  /** Writes a node script under HOME and returns the shell command that runs it (`node /path/name`). */
  script(name: string, source: string): string;
}

/**
 * Registers beforeEach/afterEach that give every test of the file a fresh HOME and a clean AWS
 * environment; call at file or describe level, then `home()` inside tests.
 */
export function useTempHome(): () => TempHome {
  let current: TempHome | undefined;
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), 'sm-home-'));
    for (const name of AWS_ENVIRONMENT_VARIABLES) vi.stubEnv(name, undefined);
    vi.stubEnv('HOME', dir);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', CLOSED_LOCAL_ENDPOINT);
    const write = (relative: string, text: string, mode?: number) => {
      const path = join(dir, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      if (mode !== undefined) chmodSync(path, mode);
      return path;
    };
    current = {
      dir,
      write,
      aws: (file, text) => write(join('.aws', file), text),
      script: (name, source) => `${JSON.stringify(process.execPath)} ${JSON.stringify(write(name, source))}`,
    };
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    if (current) rmSync(current.dir, { recursive: true, force: true });
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useTempHome() must be called at file or describe level; home() only inside tests');
    return current;
  };
}
