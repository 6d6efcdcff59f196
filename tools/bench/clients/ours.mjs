// This SDK, from its built Node entry: the client as a user constructs it, one rotateSecretAsync per call.
import { SecretsManagerClient } from '../../../dist/esm/index.node.js';
import { CREDENTIALS, expectVersionId, REGION, SECRET_ID } from './common.mjs';

export function create(url) {
  const client = new SecretsManagerClient({ region: REGION, serviceURL: url, credentials: CREDENTIALS });
  return {
    async call() {
      expectVersionId(await client.rotateSecretAsync({ SecretId: SECRET_ID }));
    },
    close() {
      client.destroy();
    },
  };
}
