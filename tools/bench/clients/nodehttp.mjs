// A second floor: the same unsigned POST with node:http and a keep-alive agent, the transport of this
// SDK's Node build. Against the undici floor, it shows what the choice of transport alone costs.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { expectVersionId, SECRET_ID } from './common.mjs';

export function create(url) {
  const agent = new Agent({ keepAlive: true, scheduling: 'lifo' });
  const { hostname, port } = new URL(url);
  return {
    call() {
      return new Promise((resolve, reject) => {
        const body = JSON.stringify({ SecretId: SECRET_ID, ClientRequestToken: randomUUID() });
        const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.RotateSecret', 'content-length': Buffer.byteLength(body) };
        const req = request({ hostname, port, method: 'POST', path: '/', agent, headers }, (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
              expectVersionId(JSON.parse(Buffer.concat(chunks).toString('utf8')));
              resolve();
            } catch (error) {
              reject(error);
            }
          });
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
