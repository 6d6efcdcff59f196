// The benchmark's stand-in for Secrets Manager: a keep-alive node:http server on 127.0.0.1 that reads
// each request's whole body and answers every POST with the same small RotateSecret response. It runs
// in a process of its own (forked by run.mjs), so that its work is never counted in a client's CPU
// time, and it reports its port over IPC. It exits when its parent goes away.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf';

const server = createServer({ keepAlive: true, keepAliveTimeout: 120_000 }, (req, res) => {
  let bytes = 0;
  req.on('data', (chunk) => {
    bytes += chunk.length;
  });
  req.on('end', () => {
    if (req.method !== 'POST') {
      res.writeHead(405, { 'content-length': 0 }).end();
      return;
    }
    const body = JSON.stringify({ ARN, Name: 's', VersionId: randomUUID() });
    res.writeHead(200, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(body),
      'x-amzn-RequestId': randomUUID(),
    });
    res.end(body);
  });
});
// Idle keep-alive connections survive the pauses between rounds; the server never closes them first.
server.headersTimeout = 130_000;
server.requestTimeout = 0;

server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  if (process.send) process.send({ port });
  else console.log(`listening on http://127.0.0.1:${port}`);
});

process.on('disconnect', () => process.exit(0));
