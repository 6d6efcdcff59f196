// Bundler resolution (`import` + `types`, no `node` condition): the web typings (dist/esm/index.d.ts).
import {
  FetchHttpHandler,
  type IAmazonSecretsManager,
  isAmazonServiceException,
  isResourceNotFoundException,
  RegionEndpoint,
  RotateSecretRequest,
  type RotateSecretResponse,
  SecretsManagerClient,
} from 'amazon-secretsmanager';

export async function rotate(sm: IAmazonSecretsManager, secretId: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const res: RotateSecretResponse = await sm.rotateSecretAsync(new RotateSecretRequest({ SecretId: secretId, RotateImmediately: true }), signal);
    return res.VersionId;
  } catch (error: unknown) {
    if (isResourceNotFoundException(error)) return undefined;
    if (isAmazonServiceException(error)) throw new Error(`rotation failed: ${error.errorCode} (${error.requestId})`);
    throw error;
  }
}

// Credentials come from the app in a browser; the transport is fetch.
export const client: IAmazonSecretsManager = new SecretsManagerClient({
  region: RegionEndpoint.USWest2,
  credentials: async () => ({ accessKeyId: 'ASIA...', secretAccessKey: '...', sessionToken: '...' }),
  httpHandler: new FetchHttpHandler({ fetch: (input, init) => fetch(input, init) }),
});

// A stub in place of the client, as app tests do.
export const stub: Pick<IAmazonSecretsManager, 'rotateSecretAsync'> = {
  rotateSecretAsync: async (request) => {
    // @ts-expect-error the request's SecretId is a string, not a number
    const id: number = request.SecretId;
    void id;
    throw new Error('not called');
  },
};

// @ts-expect-error SecretId is required
void new RotateSecretRequest({});
