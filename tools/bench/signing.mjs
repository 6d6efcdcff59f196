// Signing alone, in a process of its own: @smithy/signature-v4's SignatureV4.signRequest over a hash
// built on node:crypto (as @smithy/hash-node is), for a request with the headers and body size of one
// RotateSecret call. What it costs per signature is the part of a call that no signed client can skip.
//   node signing.mjs '<options as JSON>'   options: warmup (signatures), seconds or count, rounds
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { CREDENTIALS, REGION, SECRET_ID } from './clients/common.mjs';

const options = { warmup: 200, count: 200, rounds: 1, ...JSON.parse(process.argv[2] ?? '{}') };

const bytes = (data) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

/** SHA-256 and HMAC-SHA-256 in the shape @smithy/signature-v4 expects, on node:crypto. */
class NodeCryptoSha256 {
  constructor(secret) {
    this.secret = secret;
    this.reset();
  }
  update(data) {
    this.hash.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset() {
    this.hash = this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
}

const signer = new SignatureV4({ service: 'secretsmanager', region: REGION, credentials: CREDENTIALS, sha256: NodeCryptoSha256 });
const userAgent = `aws-sdk-js/3 ua/2.1 lang/js md/nodejs#${process.versions.node} os/${process.platform} api/secrets_manager#2017-10-17 cfg/retry-mode#standard`;

/** A request as a client hands it to the signer: new idempotency token, invocation id and date each time. */
function request() {
  return {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 8080,
    path: '/',
    query: {},
    headers: {
      host: '127.0.0.1:8080',
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.RotateSecret',
      'x-amz-user-agent': userAgent,
      'user-agent': userAgent,
      'amz-sdk-invocation-id': randomUUID(),
      'amz-sdk-request': 'attempt=1; max=3',
    },
    body: JSON.stringify({ SecretId: SECRET_ID, ClientRequestToken: randomUUID() }),
  };
}

/** The request is built outside the measured part: what is measured is signRequest alone. */
async function run(n) {
  const requests = Array.from({ length: n }, request);
  const cpu = process.cpuUsage();
  for (const r of requests) {
    const signed = await signer.sign(r, { signingDate: new Date() });
    if (!signed.headers.authorization) throw new Error('not signed');
  }
  const { user, system } = process.cpuUsage(cpu);
  return (user + system) / n;
}

await run(options.warmup);
let count = options.count;
if (options.seconds !== undefined) {
  const perSignature = await run(500);
  count = Math.max(500, Math.round((options.seconds * 1e6) / perSignature));
}
const rounds = [];
for (let i = 0; i < options.rounds; i++) rounds.push(await run(count));
const report = { count, cpuMicrosPerSignature: rounds };
if (process.send) process.send(report, () => process.exit(0));
else console.log(JSON.stringify(report));
