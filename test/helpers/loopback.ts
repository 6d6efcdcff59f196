// What the test servers share: they start on 127.0.0.1 at a port the system picks, and read a request's
// whole body the same way.
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

/** Starts `server` listening on 127.0.0.1 at a free port, and resolves with that port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** The whole body of a request a test server received. */
export function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
