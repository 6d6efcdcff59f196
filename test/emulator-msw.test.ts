// A user's msw setup in Node, with the emulator's handlers added: msw intercepts this SDK's default
// transport (node:http) and the fetch handler, and answers from the emulator. undici's own `request`
// (UndiciHttpHandler) bypasses msw: its calls reach the real server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsManagerEmulator } from '../src/emulator/index.js';
import { secretsManagerHandlers } from '../src/emulator/msw.js';
import { FetchHttpHandler, NodeHttpHandler, SecretsManagerClient, UndiciHttpHandler } from '../src/index.node.js';

describe('msw in Node', () => {
  const emulator = new SecretsManagerEmulator();
  let real: Server;
  let realURL: string;
  // The user's own handlers beside ours: msw answers both from one setup.
  const mswServer = setupServer(http.get('https://api.example.test/health', () => HttpResponse.json({ ok: true })), ...secretsManagerHandlers(emulator));

  beforeAll(async () => {
    // A real server on loopback: what a request that msw does not intercept reaches.
    real = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{"RandomPassword":"from-the-real-server"}');
    });
    await new Promise<void>((done) => real.listen(0, '127.0.0.1', done));
    realURL = `http://127.0.0.1:${(real.address() as AddressInfo).port}`;
    mswServer.use(...secretsManagerHandlers(emulator, { endpoints: [`${realURL}/`] }));
    mswServer.listen({ onUnhandledRequest: 'bypass' });
    emulator.seed({ Name: 'msw/secret', SecretString: 'from the emulator' });
  });
  afterAll(async () => {
    mswServer.close();
    await new Promise((done) => real.close(done));
  });

  const client = (httpHandler?: NodeHttpHandler | FetchHttpHandler | UndiciHttpHandler, serviceURL?: string) =>
    new SecretsManagerClient({ region: 'eu-west-1', credentials: emulator.credentials, ...(httpHandler && { httpHandler }), ...(serviceURL && { serviceURL }) });

  it("intercepts the default transport (node:http) on the service's own endpoint", async () => {
    const c = client();
    expect((await c.getSecretValueAsync({ SecretId: 'msw/secret' })).SecretString).toBe('from the emulator');
    const error = await c.getSecretValueAsync({ SecretId: 'msw/none' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', statusCode: 400 });
    expect(await (await fetch('https://api.example.test/health')).json()).toEqual({ ok: true });
    c.destroy();
  });

  it('intercepts FetchHttpHandler, on a FIPS endpoint too', async () => {
    const c = new SecretsManagerClient({ region: 'us-east-1', useFIPSEndpoint: true, credentials: emulator.credentials, httpHandler: new FetchHttpHandler() });
    expect((await c.getSecretValueAsync({ SecretId: 'msw/secret' })).SecretString).toBe('from the emulator');
  });

  it('a serviceURL given to the handlers is answered by the emulator through node:http and fetch', async () => {
    for (const handler of [new NodeHttpHandler(), new FetchHttpHandler()]) {
      const c = client(handler, realURL);
      expect((await c.getRandomPasswordAsync({ PasswordLength: 12 })).RandomPassword).toHaveLength(12);
      c.destroy();
    }
  });

  it("does NOT intercept undici's own request (UndiciHttpHandler): the call reaches the real server", async () => {
    const c = client(new UndiciHttpHandler(), realURL);
    expect((await c.getRandomPasswordAsync({ PasswordLength: 12 })).RandomPassword).toBe('from-the-real-server');
    c.destroy();
  });
});
