// The floor: the same POST, body and headers, unsigned, with undici.request (the transport of this SDK's
// UndiciHttpHandler) and its global keep-alive pool.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { expectVersionId, SECRET_ID } from './common.mjs';

export function create(url) {
  return {
    async call() {
      const { statusCode, body } = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.RotateSecret' },
        body: JSON.stringify({ SecretId: SECRET_ID, ClientRequestToken: randomUUID() }),
      });
      const result = await body.json();
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`);
      expectVersionId(result);
    },
    close() {},
  };
}
