// The transport contract is Smithy's HttpHandler: the handlers of the AWS SDK for JavaScript plug in
// unchanged. Each one here rotates a secret against the emulator, signatures checked.
import { createServer } from 'node:http';
import { FetchHttpHandler as SmithyFetchHttpHandler } from '@smithy/fetch-http-handler';
import { NodeHttpHandler as SmithyNodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchHttpHandler, NodeHttpHandler, ResourceNotFoundException, SecretsManagerClient, UndiciHttpHandler, type HttpHandler } from '../src/index.node.js';
import { listenOnLoopback, readAll } from './helpers/loopback.js';
import { useMoto } from './helpers/moto.js';

const moto = useMoto();

describe.each<[string, () => HttpHandler]>([
  ['NodeHttpHandler (the Node default)', () => new NodeHttpHandler()],
  ['UndiciHttpHandler', () => new UndiciHttpHandler()],
  ['FetchHttpHandler (the web default)', () => new FetchHttpHandler()],
  ['@smithy/node-http-handler NodeHttpHandler', () => new SmithyNodeHttpHandler() as unknown as HttpHandler],
  ['@smithy/fetch-http-handler FetchHttpHandler', () => new SmithyFetchHttpHandler() as unknown as HttpHandler],
])('%s', (_, createHandler) => {
  it('rotates a secret and reads a typed error', async () => {
    const httpHandler = createHandler();
    const client = new SecretsManagerClient({ region: 'us-east-1', serviceURL: moto().endpoint, credentials: moto().credentials, httpHandler });
    try {
      const secret = await moto().createSecret();
      const res = await client.rotateSecretAsync({ SecretId: secret.Name, RotateImmediately: false });
      expect(res).toMatchObject({ Name: secret.Name, HttpStatusCode: 200 });
      expect(res.ResponseMetadata.RequestId).toMatch(/^\w{20,}$/);
      const err = await client.rotateSecretAsync({ SecretId: moto().uniqueName('missing') }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ResourceNotFoundException);
      expect((err as ResourceNotFoundException).requestId).toMatch(/^\w{20,}$/);
    } finally {
      client.destroy();
      httpHandler.destroy?.();
    }
  });
});

describe('NodeHttpHandler on its own, with requests the client did not build', () => {
  // It hands node:http the headers as a raw list, so node:http adds nothing of its own: what a request
  // lacks (a Host, a body's length) the handler must add, once.
  const seen: { rawHeaders: string[]; body: string }[] = [];
  const server = createServer((req, res) => {
    void readAll(req).then((body) => {
      seen.push({ rawHeaders: req.rawHeaders, body: body.toString('utf8') });
      res.end('{}');
    });
  });
  let port = 0;
  const handler = new NodeHttpHandler();
  beforeAll(async () => {
    port = await listenOnLoopback(server);
  });
  afterAll(() => {
    handler.destroy();
    server.close();
  });
  const headersOf = (raw: string[]) => raw.flatMap((value, i) => (i % 2 === 0 ? [[value.toLowerCase(), raw[i + 1]!] as const] : []));

  it('adds a Host and a Content-Length (in bytes) where the request has none, each once', async () => {
    const { response } = await handler.handle({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/p', headers: { 'x-a': '1' }, body: 'héllo' });
    expect(response.statusCode).toBe(200);
    const { rawHeaders, body } = seen.at(-1)!;
    expect(body).toBe('héllo');
    const headers = headersOf(rawHeaders);
    expect(headers.filter(([name]) => name === 'host')).toEqual([['host', `127.0.0.1:${port}`]]);
    expect(headers.filter(([name]) => name === 'content-length')).toEqual([['content-length', '6']]);
    expect(headers).toContainEqual(['x-a', '1']);
  });

  it("sends the request's own Host and Content-Length as they are, and no second one", async () => {
    await handler.handle({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', headers: { Host: 'example.test', 'Content-Length': '2' }, body: '{}' });
    const headers = headersOf(seen.at(-1)!.rawHeaders);
    expect(headers.filter(([name]) => name === 'host')).toEqual([['host', 'example.test']]);
    expect(headers.filter(([name]) => name === 'content-length')).toEqual([['content-length', '2']]);
  });

  it('refuses a header value with a line break before anything is sent', async () => {
    const before = seen.length;
    await expect(handler.handle({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/', headers: { 'x-a': 'a\r\nx-injected: 1' }, body: '{}' })).rejects.toMatchObject({
      code: 'ERR_INVALID_CHAR',
    });
    expect(seen.length).toBe(before);
  });
});
