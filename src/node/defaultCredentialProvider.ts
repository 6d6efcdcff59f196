import { CredentialsException } from '../runtime/errors/CredentialsException.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '../runtime/signing/Credentials.js';

/** Options of {@link defaultCredentialProvider}. */
export interface DefaultCredentialProviderOptions {
  /** The shared-files profile; default `AWS_PROFILE`, else `default`. */
  profile?: string;
  /** Milliseconds each container or instance metadata request may take; default 1000, as the AWS SDKs. */
  timeout?: number;
  /** Retries of a failed container or instance metadata request; default 3 for the container endpoint and 0 for instance metadata, as the AWS SDKs. */
  maxRetries?: number;
  /** The clock that decides whether credentials have already expired; for tests. */
  now?: () => number;
}

interface Source {
  /** How the failure list names it. */
  readonly name: string;
  /** Resolves credentials, or a string saying why this source has none. */
  load(): Promise<AwsCredentialIdentity | string>;
}

/** An AWS provider error that says the chain must not go on (a profile that exists but is broken). */
const isFinal = (error: unknown): boolean => (error as { tryNextLink?: boolean } | undefined)?.tryNextLink === false;

/**
 * A provider's own message, for the failure list: cut short, and with anything shaped like an access
 * key, a secret key or a token masked, since providers may quote what they read.
 */
function reasonOf(error: unknown): string {
  const message = String((error as Error | undefined)?.message ?? error)
    .replace(/\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '***')
    .replace(/[A-Za-z0-9/+=]{32,}/g, '***')
    .replace(/\s+/g, ' ')
    .trim();
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

function fromEnvironment(): Source {
  return {
    name: 'environment variables',
    async load() {
      const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken, AWS_CREDENTIAL_EXPIRATION: expiration } = process.env;
      if (!accessKeyId && !secretAccessKey) return 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set';
      if (!accessKeyId || !secretAccessKey) return `${accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is not set while ${accessKeyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is`;
      return { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined, expiration: expiration ? new Date(expiration) : undefined };
    },
  };
}

/** Keys that mean a profile is meant to supply credentials (static keys, a process, a role, SSO, web identity, login). */
const PROFILE_CREDENTIAL_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'credential_process', 'role_arn', 'source_profile', 'credential_source', 'web_identity_token_file', 'sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name', 'login_session'];

function fromSharedFiles(profile: string | undefined): Source {
  const name = profile ?? process.env.AWS_PROFILE ?? 'default';
  return {
    name: `shared config files, profile "${name}"`,
    async load() {
      const { fromIni } = await import('@aws-sdk/credential-provider-ini');
      try {
        // ignoreCache: a refresh must see a credentials file that was rewritten since.
        return await fromIni({ profile: name, ignoreCache: true })();
      } catch (error) {
        // AWS's providers let the chain go on even when the profile is meant to supply credentials and
        // cannot (a failing credential_process): such a profile stops the chain here, as botocore does,
        // rather than fall through to another identity (the instance's, say) without a word.
        const { parseKnownFiles } = await import('./sharedConfigFiles.js');
        const profiles: Record<string, Record<string, string | undefined> | undefined> = await parseKnownFiles({ profile: name, ignoreCache: true }).catch(() => ({}));
        const section = profiles[name] ?? {};
        if (PROFILE_CREDENTIAL_KEYS.some((key) => section[key] !== undefined)) throw Object.assign(error as object, { tryNextLink: false });
        throw error;
      }
    },
  };
}

function fromContainer(options: DefaultCredentialProviderOptions): Source {
  return {
    name: 'container credentials (ECS, EKS Pod Identity)',
    async load() {
      const { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: relative, AWS_CONTAINER_CREDENTIALS_FULL_URI: full } = process.env;
      if (!relative && !full) return 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set';
      const { fromHttp } = await import('@aws-sdk/credential-provider-http');
      const timeout = options.timeout ?? 1000;
      const maxRetries = options.maxRetries ?? 3;
      // fromHttp's timeout only logs a warning (@smithy/node-http-handler 4.x without throwOnRequestTimeout):
      // a stalled endpoint would hang the chain for good, so the exchange is bounded here (its attempts,
      // and its waits of `timeout` ms between them).
      const budget = timeout * (2 * maxRetries + 1);
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        return await Promise.race([
          fromHttp({ timeout, maxRetries })(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out: the endpoint did not answer within ${budget} ms`)), budget);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function fromInstance(options: DefaultCredentialProviderOptions): Source {
  return {
    name: 'EC2 instance metadata (IMDS)',
    async load() {
      if (process.env.AWS_EC2_METADATA_DISABLED?.toLowerCase() === 'true') return 'AWS_EC2_METADATA_DISABLED is true';
      const { fromInstanceMetadata } = await import('@smithy/credential-provider-imds');
      // IMDSv2 first (a session token); IMDSv1 only where AWS_EC2_METADATA_V1_DISABLED does not forbid it.
      return fromInstanceMetadata({
        timeout: options.timeout ?? 1000,
        maxRetries: options.maxRetries ?? 0,
        ec2MetadataV1Disabled: process.env.AWS_EC2_METADATA_V1_DISABLED?.toLowerCase() === 'true' ? true : undefined,
      })();
    },
  };
}

/**
 * The Node credential chain, in the order of .NET's `FallbackCredentialsFactory` and the AWS SDKs:
 * environment variables, the shared files (`~/.aws/credentials`, `~/.aws/config`, `AWS_PROFILE`,
 * `credential_process`, SSO and role profiles), container credentials, EC2 instance metadata. The
 * reading of files and metadata is done by AWS's own providers, loaded only when the chain gets that
 * far. When every source fails, the {@link CredentialsException} lists each with its reason; a
 * profile that is meant to supply credentials but cannot stops the chain there, as botocore does.
 */
export function defaultCredentialProvider(options: DefaultCredentialProviderOptions = {}): AwsCredentialIdentityProvider {
  const now = options.now ?? Date.now;
  return async () => {
    const sources = [fromEnvironment(), fromSharedFiles(options.profile), fromContainer(options), fromInstance(options)];
    const failures: string[] = [];
    for (const source of sources) {
      let outcome: AwsCredentialIdentity | string;
      try {
        outcome = await source.load();
      } catch (error) {
        failures.push(`${source.name}: ${reasonOf(error)}`);
        if (isFinal(error)) break;
        continue;
      }
      if (typeof outcome === 'string') {
        failures.push(`${source.name}: ${outcome}`);
      } else if (outcome.expiration !== undefined && outcome.expiration.getTime() <= now()) {
        failures.push(`${source.name}: returned credentials that expired at ${outcome.expiration.toISOString()}`);
      } else {
        return outcome;
      }
    }
    throw new CredentialsException(`No usable credentials were found. The client looked, in order:\n${failures.map((line, index) => `  ${index + 1}. ${line}`).join('\n')}`);
  };
}
