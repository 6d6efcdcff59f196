// CommonJS (.cts, whatever the package.json) under node16 resolution: the `node` + `require` typings (dist/cjs/index.node.d.ts).
import sm = require('amazon-secretsmanager');
import type { IAmazonSecretsManager, RotateSecretResponse } from 'amazon-secretsmanager';

async function rotate(client: IAmazonSecretsManager, secretId: string): Promise<string | undefined> {
  try {
    const res: RotateSecretResponse = await client.rotateSecretAsync(new sm.RotateSecretRequest({ SecretId: secretId }));
    return res.VersionId;
  } catch (error: unknown) {
    if (sm.isResourceNotFoundException(error)) return error.errorCode;
    throw error;
  }
}

const client: IAmazonSecretsManager = new sm.SecretsManagerClient({ region: sm.RegionEndpoint.USEast1, httpHandler: new sm.UndiciHttpHandler() });

// @ts-expect-error RotationRules.AutomaticallyAfterDays is a number
void new sm.RotateSecretRequest({ SecretId: 'x', RotationRules: { AutomaticallyAfterDays: 'soon' } });

export = { rotate, client };
