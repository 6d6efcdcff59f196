import { ConfigurationException } from '../runtime/errors/ConfigurationException.js';
import type { RetryMode } from '../runtime/config/ClientConfig.js';
import type { FoundSetting, PlatformSettings } from '../runtime/config/Platform.js';
import { builtin } from './builtins.js';

type Reader<T> = (text: string, source: string) => T;

const readBoolean: Reader<boolean> = (text, source) => {
  const value = text.trim().toLowerCase();
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ConfigurationException(`${source} must be true or false, not ${JSON.stringify(text)}.`, source);
};

/** `AWS_MAX_ATTEMPTS` / `max_attempts` count every attempt; the client's option counts retries. */
const readMaxErrorRetry: Reader<number> = (text, source) => {
  const attempts = Number(text.trim());
  if (!Number.isSafeInteger(attempts) || attempts < 1 || attempts > 101) {
    throw new ConfigurationException(`${source} must be a whole number of attempts from 1 to 101, not ${JSON.stringify(text)}.`, source);
  }
  return attempts - 1;
};

const readRetryMode: Reader<RetryMode> = (text, source) => {
  const value = text.trim().toLowerCase();
  if (value === 'standard' || value === 'adaptive') return value;
  // The AWS SDKs' "legacy" mode predates standard; this client has one behaviour for both.
  if (value === 'legacy') return 'standard';
  throw new ConfigurationException(`${source} must be standard, adaptive or legacy, not ${JSON.stringify(text)}.`, source);
};

// Taken as written: a region with stray whitespace is refused, not guessed at.
const readString: Reader<string> = (text) => text;

/**
 * The client's settings from the standard environment variables and the shared config files
 * (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, `AWS_PROFILE`), as the AWS SDKs read them:
 * a variable wins over the profile. Read once, at the client's first call.
 */
export async function loadNodeSettings(): Promise<PlatformSettings> {
  const env = process.env;
  const profileName = env.AWS_PROFILE || 'default';
  const files = await loadSharedFiles();
  // Both files may hold a profile's settings; the config file wins, as in the AWS CLI.
  const profile: Record<string, string | undefined> = { ...files.credentialsFile?.[profileName], ...files.configFile?.[profileName] };

  function find<T>(variables: readonly string[], key: string | undefined, read: Reader<T>): FoundSetting<T> | undefined {
    for (const variable of variables) {
      const text = env[variable];
      if (text !== undefined && text !== '') return { value: read(text, variable), source: variable };
    }
    const text = key === undefined ? undefined : profile[key];
    if (text === undefined || text === '') return undefined;
    const source = `${key} in profile "${profileName}" of the shared config files`;
    return { value: read(text, source), source };
  }

  const ignoreEndpointUrls = find(['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'], 'ignore_configured_endpoint_urls', readBoolean)?.value === true;
  return prune({
    region: find(['AWS_REGION', 'AWS_DEFAULT_REGION'], 'region', readString),
    useFIPSEndpoint: find(['AWS_USE_FIPS_ENDPOINT'], 'use_fips_endpoint', readBoolean),
    useDualstackEndpoint: find(['AWS_USE_DUALSTACK_ENDPOINT'], 'use_dualstack_endpoint', readBoolean),
    maxErrorRetry: find(['AWS_MAX_ATTEMPTS'], 'max_attempts', readMaxErrorRetry),
    retryMode: find(['AWS_RETRY_MODE'], 'retry_mode', readRetryMode),
    userAgentAppId: find(['AWS_SDK_UA_APP_ID'], 'sdk_ua_app_id', readString),
    serviceURL: ignoreEndpointUrls ? undefined : find(['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_ENDPOINT_URL'], 'endpoint_url', readString),
  });
}

/**
 * The shared config and credentials files, parsed by AWS's own loader; where neither file exists (a
 * Lambda function, a container) the loader is not even imported, which keeps cold starts short.
 */
async function loadSharedFiles(): Promise<{ configFile?: Record<string, Record<string, string | undefined>>; credentialsFile?: Record<string, Record<string, string | undefined>> }> {
  const { existsSync } = builtin<typeof import('node:fs')>('node:fs');
  const { join } = builtin<typeof import('node:path')>('node:path');
  const home = process.env.HOME || process.env.USERPROFILE || builtin<typeof import('node:os')>('node:os').homedir();
  const paths = [process.env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), process.env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')];
  if (!paths.some((path) => existsSync(path.replace(/^~(?=$|[/\\])/, home)))) return {};
  const { loadSharedConfigFiles } = await import('./sharedConfigFiles.js');
  return loadSharedConfigFiles({ ignoreCache: true });
}

function prune(settings: { [K in keyof PlatformSettings]: PlatformSettings[K] | undefined }): PlatformSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as PlatformSettings;
}
