// The one way the test servers start: on 127.0.0.1, a port the system picks.
import type { AddressInfo, Server } from 'node:net';

/** Starts `server` listening on 127.0.0.1 at a free port, and resolves with that port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
