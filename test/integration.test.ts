// rotateSecretAsync against the real emulator, with moto's SigV4 verification on: every request this
// file sends is checked by an independent verifier (botocore's signer inside moto).
import { describe, expect, it } from 'vitest';
import {
  AmazonSecretsManagerException,
  type HttpHandler,
  InvalidParameterException,
  InvalidRequestException,
  ResourceNotFoundException,
  RotateSecretRequest,
  RotateSecretResponse,
  SecretsManagerClient,
} from '../src/index.node.js';
import { useMoto, type MotoCredentials } from './helpers/moto.js';

const moto = useMoto();

function client(credentials: MotoCredentials = moto().credentials): SecretsManagerClient {
  return new SecretsManagerClient({ region: moto().region, serviceURL: moto().endpoint, credentials });
}

/** Version id → staging labels, as the emulator reports them. */
async function stages(secretId: string): Promise<Record<string, string[]>> {
  return (await moto().describeSecret(secretId)).VersionIdsToStages;
}

describe('rotateSecretAsync against moto_server', () => {
  it('rotates with rules: the new version becomes AWSCURRENT and the response carries its id and the request id', async () => {
    const secret = await moto().createSecret();
    const res = await client().rotateSecretAsync(
      new RotateSecretRequest({ SecretId: secret.Name, RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }),
    );
    expect(res).toBeInstanceOf(RotateSecretResponse);
    expect(res.ARN).toBe(secret.ARN);
    expect(res.Name).toBe(secret.Name);
    expect(res.VersionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.HttpStatusCode).toBe(200);
    expect(res.ContentLength).toBeGreaterThan(0);
    expect(res.ResponseMetadata.RequestId).toMatch(/^\w{20,}$/);
    // Without a rotation function the emulator promotes the new version at once.
    expect(await stages(secret.Name)).toEqual({ [secret.VersionId]: ['AWSPREVIOUS'], [res.VersionId!]: ['AWSCURRENT'] });
    const described = await moto().describeSecret(secret.Name);
    expect(described.RotationEnabled).toBe(true);
    expect(described.RotationRules).toEqual({ AutomaticallyAfterDays: 30 });
  });

  it('rotates without rules, from a plain object and by ARN', async () => {
    const secret = await moto().createSecret();
    const res = await client().rotateSecretAsync({ SecretId: secret.ARN });
    expect(res.Name).toBe(secret.Name);
    expect((await stages(secret.Name))[res.VersionId!]).toEqual(['AWSCURRENT']);
  });

  it('uses an explicit ClientRequestToken as the new version id', async () => {
    const secret = await moto().createSecret();
    const token = 'f0e1d2c3-b4a5-4968-8776-655443322110';
    const res = await client().rotateSecretAsync({ SecretId: secret.Name, ClientRequestToken: token, RotateImmediately: false });
    expect(res.VersionId).toBe(token);
    expect((await stages(secret.Name))[token]).toEqual(['AWSCURRENT']);
  });

  it('rotates on a schedule expression with a window', async () => {
    const secret = await moto().createSecret();
    const res = await client().rotateSecretAsync({ SecretId: secret.Name, RotationRules: { ScheduleExpression: 'rate(10 days)', Duration: '3h' }, RotateImmediately: false });
    // moto 5 stores only AutomaticallyAfterDays, so the rules cannot be read back; the rotation itself can.
    expect((await stages(secret.Name))[res.VersionId!]).toEqual(['AWSCURRENT']);
  });

  it('signs with temporary credentials from an assumed role (X-Amz-Security-Token)', async () => {
    const temporary = await moto().assumeRole();
    expect(temporary.accessKeyId).toMatch(/^ASIA/);
    const secret = await moto().createSecret();
    const res = await client(temporary).rotateSecretAsync({ SecretId: secret.Name, RotateImmediately: false });
    expect(res.Name).toBe(secret.Name);
  });

  it('takes credentials from a provider function', async () => {
    const secret = await moto().createSecret();
    let calls = 0;
    const provided = new SecretsManagerClient({
      region: 'us-east-1',
      serviceURL: moto().endpoint,
      credentials: async () => {
        calls++;
        return moto().credentials;
      },
    });
    await provided.rotateSecretAsync({ SecretId: secret.Name, RotateImmediately: false });
    await provided.rotateSecretAsync({ SecretId: secret.Name, RotateImmediately: false });
    expect(calls).toBe(1);
  });

  it('maps an unknown secret to ResourceNotFoundException (moto answers 404, the service 400)', async () => {
    const err = await client()
      .rotateSecretAsync({ SecretId: moto().uniqueName('missing') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err).toBeInstanceOf(AmazonSecretsManagerException);
    expect(err).toMatchObject({
      name: 'ResourceNotFoundException',
      errorCode: 'ResourceNotFoundException',
      errorType: 'Sender',
      statusCode: 404,
      message: "Secrets Manager can't find the specified secret.",
    });
    expect((err as ResourceNotFoundException).requestId).toMatch(/^\w{20,}$/);
  });

  it('maps a secret scheduled for deletion to InvalidRequestException', async () => {
    const secret = await moto().createSecret();
    await moto().send('DeleteSecret', { SecretId: secret.Name, RecoveryWindowInDays: 7 });
    const err = await client()
      .rotateSecretAsync({ SecretId: secret.Name })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRequestException);
    expect(err).toMatchObject({ errorCode: 'InvalidRequestException', statusCode: 400 });
    expect((err as Error).message).toMatch(/marked deleted/);
  });

  it('maps the emulator refusing a rule to InvalidParameterException', async () => {
    // Every rule moto checks is also checked client-side, so the out-of-range value is put into the body
    // after validation, by a transport that re-sends it through the harness's own signer.
    const secret = await moto().createSecret();
    const editing = new SecretsManagerClient({
      region: 'us-east-1',
      serviceURL: moto().endpoint,
      credentials: moto().credentials,
      httpHandler: resendWithEditedBody((body) => ({ ...body, RotationRules: { AutomaticallyAfterDays: 0 } })),
    });
    const err = await editing.rotateSecretAsync({ SecretId: secret.Name, RotationRules: { AutomaticallyAfterDays: 30 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect(err).toMatchObject({ errorCode: 'InvalidParameterException', statusCode: 400, message: 'RotationRules.AutomaticallyAfterDays must be within 1-1000.' });
  });

  it('refuses a wrong secret key with a typed error carrying the verifier code', async () => {
    const secret = await moto().createSecret();
    const wrong = { ...moto().credentials, secretAccessKey: 'not-the-secret-key-0000000000000000000000' };
    const err = await client(wrong)
      .rotateSecretAsync({ SecretId: secret.Name })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmazonSecretsManagerException);
    expect(err).toMatchObject({ name: 'AmazonSecretsManagerException', errorCode: 'SignatureDoesNotMatch', errorType: 'Sender', statusCode: 403 });
    expect((err as Error).message).not.toContain(wrong.secretAccessKey);
    // Nothing changed: the secret still has only its first version.
    expect(Object.keys(await stages(secret.Name))).toEqual([secret.VersionId]);
  });

  it('refuses an unknown access key with InvalidClientTokenId', async () => {
    const err = await client({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) })
      .rotateSecretAsync({ SecretId: 'whatever' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errorCode: 'InvalidClientTokenId', statusCode: 403 });
  });

  it('cancels with an already-aborted signal before anything reaches the emulator', async () => {
    const secret = await moto().createSecret();
    const ac = new AbortController();
    ac.abort();
    await expect(client().rotateSecretAsync({ SecretId: secret.Name }, ac.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(Object.keys(await stages(secret.Name))).toEqual([secret.VersionId]);
  });
});

/** A transport that edits the JSON body and sends it, signed by the harness, to the emulator. */
function resendWithEditedBody(edit: (body: Record<string, unknown>) => Record<string, unknown>): HttpHandler {
  return {
    async handle(request) {
      const operation = request.headers['x-amz-target']!.split('.')[1]!;
      const raw = await moto().call(operation, edit(JSON.parse(request.body as string)));
      return { response: { statusCode: raw.status, headers: raw.headers, body: typeof raw.body === 'string' ? raw.body : JSON.stringify(raw.body) } };
    },
  };
}
