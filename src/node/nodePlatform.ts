import { CredentialsException } from '../runtime/CredentialsException.js';
import type { Platform } from '../runtime/ServiceClient.js';
import { UndiciHttpHandler } from './UndiciHttpHandler.js';

const ENV_SOURCE = 'from the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

/** Node: undici for transport; credentials and region from the standard environment variables, read at the first call. */
export const nodePlatform: Platform = {
  name: 'node',
  createHttpHandler: () => new UndiciHttpHandler(),
  defaultCredentials: async () => {
    const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
    if (!accessKeyId || !secretAccessKey) {
      throw new CredentialsException(`No credentials are configured: pass credentials to the client, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials).`);
    }
    return { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined };
  },
  defaultCredentialsSource: ENV_SOURCE,
  defaultRegion: () => process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined,
};
