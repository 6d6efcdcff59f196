// This SDK with UndiciHttpHandler in place of its default node:http transport: the same client, the
// other transport, for the trade-off in docs/transports.md.
import { SecretsManagerClient, UndiciHttpHandler } from '../../../dist/esm/index.node.js';
import { CREDENTIALS, expectVersionId, REGION, SECRET_ID } from './common.mjs';

export function create(url) {
  const client = new SecretsManagerClient({ region: REGION, serviceURL: url, credentials: CREDENTIALS, httpHandler: new UndiciHttpHandler() });
  return {
    async call() {
      expectVersionId(await client.rotateSecretAsync({ SecretId: SECRET_ID }));
    },
    close() {
      client.destroy();
    },
  };
}
