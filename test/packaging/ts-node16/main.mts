// ES module (.mts, whatever the package.json) under node16 resolution: the `node` + `import` typings (dist/esm/index.node.d.ts).
import {
  AmazonServiceException,
  type IAmazonSecretsManager,
  isResourceNotFoundException,
  RegionEndpoint,
  type ResourceNotFoundException,
  RotateSecretRequest,
  type RotateSecretResponse,
  SecretsManagerClient,
  UndiciHttpHandler,
} from 'amazon-secretsmanager';

const request: RotateSecretRequest = new RotateSecretRequest({ SecretId: 'prod/db', RotationRules: { AutomaticallyAfterDays: 30 } });

export async function rotate(sm: IAmazonSecretsManager, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const res: RotateSecretResponse = await sm.rotateSecretAsync(request, signal);
    const requestId: string | undefined = res.ResponseMetadata.RequestId;
    return res.VersionId ?? requestId;
  } catch (error: unknown) {
    if (isResourceNotFoundException(error)) {
      const notFound: ResourceNotFoundException = error;
      const status: number = notFound.statusCode;
      return `${notFound.errorCode} ${status}`;
    }
    if (error instanceof AmazonServiceException) return error.requestId;
    throw error;
  }
}

// The Node build: its undici transport is part of the typings.
export const client: IAmazonSecretsManager = new SecretsManagerClient({ region: RegionEndpoint.EUWest1, httpHandler: new UndiciHttpHandler() });
export const region: string = RegionEndpoint.EUWest1.systemName;

// The typings are real, not `any`: each line below must be an error.
// @ts-expect-error SecretId is a string
void new RotateSecretRequest({ SecretId: 42 });
// @ts-expect-error there is no such operation
void client.rotateSecret({ SecretId: 'x' });
