// The official AWS SDK for JavaScript v3 client, with its defaults (node:http keep-alive handler, retries).
import { RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CREDENTIALS, expectVersionId, REGION, SECRET_ID } from './common.mjs';

export function create(url) {
  const client = new SecretsManagerClient({ region: REGION, endpoint: url, credentials: CREDENTIALS });
  return {
    async call() {
      expectVersionId(await client.send(new RotateSecretCommand({ SecretId: SECRET_ID })));
    },
    close() {
      client.destroy();
    },
  };
}
