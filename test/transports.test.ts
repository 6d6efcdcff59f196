// The transport contract is Smithy's HttpHandler: the handlers of the AWS SDK for JavaScript plug in
// unchanged. Each one here rotates a secret against the emulator, signatures checked.
import { FetchHttpHandler as SmithyFetchHttpHandler } from '@smithy/fetch-http-handler';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, expect, it } from 'vitest';
import { FetchHttpHandler, ResourceNotFoundException, SecretsManagerClient, UndiciHttpHandler, type HttpHandler } from '../src/index.node.js';
import { useMoto } from './helpers/moto.js';

const moto = useMoto();

describe.each<[string, () => HttpHandler]>([
  ['UndiciHttpHandler (the Node default)', () => new UndiciHttpHandler()],
  ['FetchHttpHandler (the web default)', () => new FetchHttpHandler()],
  ['@smithy/node-http-handler NodeHttpHandler', () => new NodeHttpHandler() as unknown as HttpHandler],
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
