// aws4fetch: SigV4 over the runtime's fetch (Node's bundled undici). The request is built by hand, the
// idempotency token included, and the JSON answer parsed, as an app using it would.
import { AwsClient } from 'aws4fetch';
import { CREDENTIALS, expectVersionId, REGION, SECRET_ID } from './common.mjs';

export function create(url) {
  const aws = new AwsClient({ ...CREDENTIALS, service: 'secretsmanager', region: REGION });
  return {
    async call() {
      const res = await aws.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.RotateSecret' },
        body: JSON.stringify({ SecretId: SECRET_ID, ClientRequestToken: crypto.randomUUID() }),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      expectVersionId(await res.json());
    },
    close() {},
  };
}
