// Request validation: a request that breaks a constraint of model/secretsmanager.json is refused with a
// RequestValidationException naming the member and the rule, before anything is signed or sent. Every
// constraint of RotateSecret is tried at its edges; the transport is a counting handler.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  AmazonClientException,
  type AwsCredentialIdentity,
  type IRotateSecretRequest,
  RequestValidationException,
  RotateSecretRequest,
  SecretsManagerClient,
  type ValidationConstraint,
} from '../src/index.node.js';
import { countingHandler, rejection, type CountingHandler } from './helpers/countingHandler.js';

const CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const TOKEN = '0123456789abcdef0123456789abcdef'; // 32 characters
const ROLE_ARN = 'arn:aws:iam::123456789012:role/partner';
const EMOJI = '\u{1F511}'; // 🔑: one code point, two UTF-16 units

function setup(): { client: SecretsManagerClient; handler: CountingHandler } {
  const handler = countingHandler();
  const client = new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: handler, randomUUID: () => 'f0e1d2c3-b4a5-4968-8776-655443322110' });
  return { client, handler };
}

/** Sends `request` (of any shape) and returns the RequestValidationException it must be refused with. */
async function refused(request: unknown): Promise<{ error: RequestValidationException; handler: CountingHandler }> {
  const { client, handler } = setup();
  const error = await rejection(client.rotateSecretAsync(request as IRotateSecretRequest));
  expect(error).not.toBeInstanceOf(TypeError);
  expect(error).toBeInstanceOf(RequestValidationException);
  expect(handler.calls).toBe(0);
  return { error: error as RequestValidationException, handler };
}

interface InvalidRow {
  name: string;
  request: unknown;
  memberPath: string;
  constraint: ValidationConstraint;
  fragment: string;
}

const s = (n: number, c = 'a') => c.repeat(n);
const rules = (RotationRules: unknown) => ({ SecretId: 's', RotationRules });
const metadata = (ExternalSecretRotationMetadata: unknown) => ({ SecretId: 's', ExternalSecretRotationMetadata });
const MEMBERS = 'SecretId, ClientRequestToken, RotationLambdaARN, RotationRules, ExternalSecretRotationMetadata, ExternalSecretRotationRoleArn, RotateImmediately';

const invalid: InvalidRow[] = [
  // SecretId: required, string, length at least 1 (its maximum, 2048, is the service's to check)
  { name: 'SecretId missing', request: {}, memberPath: 'SecretId', constraint: 'required', fragment: 'is required' },
  { name: 'SecretId undefined', request: { SecretId: undefined }, memberPath: 'SecretId', constraint: 'required', fragment: 'is required' },
  { name: 'SecretId null', request: { SecretId: null }, memberPath: 'SecretId', constraint: 'required', fragment: 'is required' },
  { name: "SecretId ''", request: { SecretId: '' }, memberPath: 'SecretId', constraint: 'length', fragment: 'must be at least 1 characters long (it has 0)' },
  { name: 'SecretId a number', request: { SecretId: 42 }, memberPath: 'SecretId', constraint: 'type', fragment: 'must be a string, not a number' },
  { name: 'SecretId an object', request: { SecretId: { name: 's' } }, memberPath: 'SecretId', constraint: 'type', fragment: 'must be a string, not an object' },
  { name: 'SecretId an array', request: { SecretId: ['s'] }, memberPath: 'SecretId', constraint: 'type', fragment: 'must be a string, not an array' },
  { name: 'SecretId a symbol', request: { SecretId: Symbol('s') }, memberPath: 'SecretId', constraint: 'type', fragment: 'must be a string, not a symbol' },

  // ClientRequestToken: length at least 32, in code points
  { name: 'ClientRequestToken of 31 characters', request: { SecretId: 's', ClientRequestToken: s(31) }, memberPath: 'ClientRequestToken', constraint: 'length', fragment: 'must be at least 32 characters long (it has 31)' },
  { name: "ClientRequestToken ''", request: { SecretId: 's', ClientRequestToken: '' }, memberPath: 'ClientRequestToken', constraint: 'length', fragment: '(it has 0)' },
  { name: 'ClientRequestToken of 16 emoji (32 UTF-16 units, 16 code points)', request: { SecretId: 's', ClientRequestToken: s(16, EMOJI) }, memberPath: 'ClientRequestToken', constraint: 'length', fragment: '(it has 16)' },
  { name: 'ClientRequestToken a number', request: { SecretId: 's', ClientRequestToken: 1234 }, memberPath: 'ClientRequestToken', constraint: 'type', fragment: 'must be a string, not a number' },

  // RotationLambdaARN: length at least 0, so only its type
  { name: 'RotationLambdaARN a boolean', request: { SecretId: 's', RotationLambdaARN: true }, memberPath: 'RotationLambdaARN', constraint: 'type', fragment: 'must be a string, not a boolean' },

  // RotationRules: a structure
  { name: 'RotationRules a string', request: rules('rate(10 days)'), memberPath: 'RotationRules', constraint: 'type', fragment: 'must be an object, not a string' },
  { name: 'RotationRules an array', request: rules([{ AutomaticallyAfterDays: 30 }]), memberPath: 'RotationRules', constraint: 'type', fragment: 'must be an object, not an array' },
  { name: 'RotationRules a Date', request: rules(new Date(0)), memberPath: 'RotationRules', constraint: 'type', fragment: 'must be an object, not a Date' },
  // AutomaticallyAfterDays: long, at least 1
  { name: 'AutomaticallyAfterDays 0', request: rules({ AutomaticallyAfterDays: 0 }), memberPath: 'RotationRules.AutomaticallyAfterDays', constraint: 'range', fragment: 'must be at least 1 (got 0)' },
  { name: 'AutomaticallyAfterDays -1', request: rules({ AutomaticallyAfterDays: -1 }), memberPath: 'RotationRules.AutomaticallyAfterDays', constraint: 'range', fragment: 'must be at least 1 (got -1)' },
  { name: 'AutomaticallyAfterDays 1.5', request: rules({ AutomaticallyAfterDays: 1.5 }), memberPath: 'RotationRules.AutomaticallyAfterDays', constraint: 'type', fragment: 'must be a whole number (got 1.5)' },
  { name: 'AutomaticallyAfterDays NaN', request: rules({ AutomaticallyAfterDays: Number.NaN }), memberPath: 'RotationRules.AutomaticallyAfterDays', constraint: 'type', fragment: 'must be a finite number' },
  { name: 'AutomaticallyAfterDays Infinity', request: rules({ AutomaticallyAfterDays: Number.POSITIVE_INFINITY }), memberPath: 'RotationRules.AutomaticallyAfterDays', constraint: 'type', fragment: 'must be a finite number' },
  { name: 'AutomaticallyAfterDays -Infinity', request: rules({ AutomaticallyAfterDays: Number.NEGATIVE_INFINITY }), memberPath: 'RotationRules.AutomaticallyAfterDays', constraint: 'type', fragment: 'must be a finite number' },
  { name: "AutomaticallyAfterDays '30' (a string)", request: rules({ AutomaticallyAfterDays: '30' }), memberPath: 'RotationRules.AutomaticallyAfterDays', constraint: 'type', fragment: 'must be a finite number, not a string' },
  { name: 'AutomaticallyAfterDays 30n (a bigint)', request: rules({ AutomaticallyAfterDays: 30n }), memberPath: 'RotationRules.AutomaticallyAfterDays', constraint: 'type', fragment: 'must be a finite number, not a bigint' },
  // Duration: length at least 2
  { name: "Duration 'h' (too short)", request: rules({ Duration: 'h' }), memberPath: 'RotationRules.Duration', constraint: 'length', fragment: 'must be at least 2 characters long (it has 1)' },
  { name: 'Duration 3 (a number)', request: rules({ Duration: 3 }), memberPath: 'RotationRules.Duration', constraint: 'type', fragment: 'must be a string, not a number' },
  // ScheduleExpression: length at least 1
  { name: "ScheduleExpression ''", request: rules({ ScheduleExpression: '' }), memberPath: 'RotationRules.ScheduleExpression', constraint: 'length', fragment: 'must be at least 1 characters long (it has 0)' },
  { name: 'RotationRules.Days (unknown nested member)', request: rules({ Days: 30 }), memberPath: 'RotationRules.Days', constraint: 'unknownMember', fragment: 'is not a member of RotationRulesType (members: AutomaticallyAfterDays, Duration, ScheduleExpression)' },

  // RotateImmediately: boolean
  { name: "RotateImmediately 'true' (a string)", request: { SecretId: 's', RotateImmediately: 'true' }, memberPath: 'RotateImmediately', constraint: 'type', fragment: 'must be a boolean, not a string' },
  { name: 'RotateImmediately 1', request: { SecretId: 's', RotateImmediately: 1 }, memberPath: 'RotateImmediately', constraint: 'type', fragment: 'must be a boolean, not a number' },

  // ExternalSecretRotationMetadata: list of { Key, Value }, each at least 1 character
  { name: 'ExternalSecretRotationMetadata an object, not an array', request: metadata({ Key: 'k', Value: 'v' }), memberPath: 'ExternalSecretRotationMetadata', constraint: 'type', fragment: 'must be an array, not an object' },
  { name: 'ExternalSecretRotationMetadata a string', request: metadata('k=v'), memberPath: 'ExternalSecretRotationMetadata', constraint: 'type', fragment: 'must be an array, not a string' },
  { name: 'ExternalSecretRotationMetadata item null', request: metadata([null]), memberPath: 'ExternalSecretRotationMetadata[0]', constraint: 'type', fragment: 'must not be null' },
  { name: 'ExternalSecretRotationMetadata item undefined', request: metadata([{ Key: 'k', Value: 'v' }, undefined]), memberPath: 'ExternalSecretRotationMetadata[1]', constraint: 'type', fragment: 'must not be undefined' },
  { name: 'ExternalSecretRotationMetadata with a hole (sparse array)', request: metadata(new Array(1)), memberPath: 'ExternalSecretRotationMetadata[0]', constraint: 'type', fragment: 'must not be undefined' },
  { name: 'ExternalSecretRotationMetadata item a string', request: metadata([{ Key: 'k', Value: 'v' }, 'k=v']), memberPath: 'ExternalSecretRotationMetadata[1]', constraint: 'type', fragment: 'must be an object, not a string' },
  { name: "ExternalSecretRotationMetadata[0].Key ''", request: metadata([{ Key: '', Value: 'v' }]), memberPath: 'ExternalSecretRotationMetadata[0].Key', constraint: 'length', fragment: 'must be at least 1 characters long (it has 0)' },
  { name: 'ExternalSecretRotationMetadata[0].Extra (unknown nested member)', request: metadata([{ Key: 'k', Value: 'v', Extra: 1 }]), memberPath: 'ExternalSecretRotationMetadata[0].Extra', constraint: 'unknownMember', fragment: 'is not a member of ExternalSecretRotationMetadataItem (members: Key, Value)' },

  // ExternalSecretRotationRoleArn: length at least 20
  { name: 'ExternalSecretRotationRoleArn of 19 characters', request: { SecretId: 's', ExternalSecretRotationRoleArn: s(19) }, memberPath: 'ExternalSecretRotationRoleArn', constraint: 'length', fragment: 'must be at least 20 characters long (it has 19)' },

  // Unknown members
  { name: 'SecretID (a typo of SecretId)', request: { SecretID: 's' }, memberPath: 'SecretID', constraint: 'unknownMember', fragment: `is not a member of RotateSecretRequest (members: ${MEMBERS})` },
  { name: '__proto__ as an own key (from JSON.parse)', request: JSON.parse('{"SecretId":"s","__proto__":{"x":1}}'), memberPath: '__proto__', constraint: 'unknownMember', fragment: 'is not a member of RotateSecretRequest' },
];

describe('request validation: bad input is refused before anything is signed or sent', () => {
  it.each(invalid)('refuses $name at $memberPath ($constraint)', async ({ request, memberPath, constraint, fragment }) => {
    const { error } = await refused(request);
    expect(error.requestType).toBe('RotateSecretRequest');
    expect(error.memberPath).toBe(memberPath);
    expect(error.constraint).toBe(constraint);
    expect(error.message.startsWith(`RotateSecretRequest.${memberPath} `)).toBe(true);
    expect(error.message).toContain(fragment);
  });

  it.each([
    { name: 'undefined', request: undefined, fragment: 'not undefined' },
    { name: 'null', request: null, fragment: 'not null' },
    { name: 'a string', request: '{"SecretId":"s"}', fragment: 'not a string' },
    { name: 'a number', request: 7, fragment: 'not a number' },
    { name: 'an array', request: [{ SecretId: 's' }], fragment: 'not an array' },
  ])('refuses a request that is $name, naming the request type', async ({ request, fragment }) => {
    const { error } = await refused(request);
    expect(error.requestType).toBe('RotateSecretRequest');
    expect(error.memberPath).toBe('');
    expect(error.constraint).toBe('type');
    expect(error.message).toContain('The request must be a RotateSecretRequest');
    expect(error.message).toContain(fragment);
  });

  it('rejects with a RequestValidationException that is an AmazonClientException and an Error, named RequestValidationException', async () => {
    const { error } = await refused({ SecretId: '' });
    expect(error).toBeInstanceOf(AmazonClientException);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.name).toBe('RequestValidationException');
    expect(Object.prototype.toString.call(error)).toBe('[object Error]');
    expect(String(error)).toBe(`RequestValidationException: ${error.message}`);
  });

  it('rejects the returned promise rather than throwing synchronously', async () => {
    const { client, handler } = setup();
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = client.rotateSecretAsync(null as unknown as IRotateSecretRequest);
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(RequestValidationException);
    expect(handler.calls).toBe(0);
  });

  it('does not even ask for credentials for an invalid request (nothing is signed), and does for a valid one', async () => {
    let provided = 0;
    const handler = countingHandler();
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      httpHandler: handler,
      credentials: async () => {
        provided += 1;
        return CREDENTIALS;
      },
    });
    await expect(client.rotateSecretAsync({ SecretId: 's', RotationRules: { AutomaticallyAfterDays: 0 } })).rejects.toBeInstanceOf(RequestValidationException);
    expect(provided).toBe(0);
    expect(handler.calls).toBe(0);
    await client.rotateSecretAsync({ SecretId: 's', RotationRules: { AutomaticallyAfterDays: 1 } });
    expect(provided).toBe(1);
    expect(handler.calls).toBe(1);
  });

  it('reports the first broken rule of a request that breaks several, still sending nothing', async () => {
    const { error } = await refused({ SecretId: '', RotationRules: { AutomaticallyAfterDays: 0 }, RotateImmediately: 'yes' });
    expect(['SecretId', 'RotationRules.AutomaticallyAfterDays', 'RotateImmediately']).toContain(error.memberPath);
  });
});

describe('request validation: the message', () => {
  it('echoes a non-sensitive rejected number', async () => {
    expect((await refused(rules({ AutomaticallyAfterDays: 0 }))).error.message).toBe('RotateSecretRequest.RotationRules.AutomaticallyAfterDays must be at least 1 (got 0).');
  });

  it('gives the length of a string that is too short, not the string', async () => {
    const token = s(31, 'q');
    const { error } = await refused({ SecretId: 's', ClientRequestToken: token });
    expect(error.message).toBe('RotateSecretRequest.ClientRequestToken must be at least 32 characters long (it has 31).');
    expect(error.message).not.toContain(token);
  });

  it('states the rule in words', async () => {
    const { error } = await refused({ SecretId: 's', ExternalSecretRotationRoleArn: s(19) });
    expect(error.message).toBe('RotateSecretRequest.ExternalSecretRotationRoleArn must be at least 20 characters long (it has 19).');
  });

  it('lists the real members when a member name is unknown', async () => {
    const { error } = await refused({ SecretID: 'my-secret' });
    expect(error.message).toBe(`RotateSecretRequest.SecretID is not a member of RotateSecretRequest (members: ${MEMBERS}).`);
  });
});

interface ValidRow {
  name: string;
  request: IRotateSecretRequest;
  /** Members the sent body must carry. */
  sent: Record<string, unknown>;
  /** Members the sent body must not carry. */
  absent?: string[];
}

const valid: ValidRow[] = [
  { name: 'SecretId of exactly 1 character', request: { SecretId: 'a' }, sent: { SecretId: 'a' } },
  { name: 'SecretId of exactly 2048 characters', request: { SecretId: s(2048) }, sent: { SecretId: s(2048) } },
  { name: 'ClientRequestToken of exactly 32 characters', request: { SecretId: 's', ClientRequestToken: s(32) }, sent: { ClientRequestToken: s(32) } },
  { name: 'ClientRequestToken of exactly 64 characters', request: { SecretId: 's', ClientRequestToken: s(64) }, sent: { ClientRequestToken: s(64) } },
  { name: 'ClientRequestToken of 32 emoji (64 UTF-16 units)', request: { SecretId: 's', ClientRequestToken: s(32, EMOJI) }, sent: { ClientRequestToken: s(32, EMOJI) } },
  { name: 'ClientRequestToken of 64 emoji (128 UTF-16 units)', request: { SecretId: 's', ClientRequestToken: s(64, EMOJI) }, sent: { ClientRequestToken: s(64, EMOJI) } },
  { name: "RotationLambdaARN '' (min 0)", request: { SecretId: 's', RotationLambdaARN: '' }, sent: { RotationLambdaARN: '' } },
  { name: 'RotationLambdaARN of exactly 2048 characters', request: { SecretId: 's', RotationLambdaARN: s(2048) }, sent: { RotationLambdaARN: s(2048) } },
  { name: 'RotationRules null (treated as unset)', request: rules(null) as IRotateSecretRequest, sent: { SecretId: 's' }, absent: ['RotationRules'] },
  { name: 'AutomaticallyAfterDays 1', request: { SecretId: 's', RotationRules: { AutomaticallyAfterDays: 1 } }, sent: { RotationRules: { AutomaticallyAfterDays: 1 } } },
  { name: 'AutomaticallyAfterDays 1000', request: { SecretId: 's', RotationRules: { AutomaticallyAfterDays: 1000 } }, sent: { RotationRules: { AutomaticallyAfterDays: 1000 } } },
  { name: "Duration '2h'", request: { SecretId: 's', RotationRules: { Duration: '2h' } }, sent: { RotationRules: { Duration: '2h' } } },
  { name: "Duration '24h'", request: { SecretId: 's', RotationRules: { Duration: '24h' } }, sent: { RotationRules: { Duration: '24h' } } },
  // Smithy patterns are not anchored: 'a1h' contains a match of [0-9]+h, so the model accepts it.
  { name: "Duration 'a1h' (patterns are not anchored)", request: { SecretId: 's', RotationRules: { Duration: 'a1h' } }, sent: { RotationRules: { Duration: 'a1h' } } },
  { name: "ScheduleExpression 'rate(10 days)'", request: { SecretId: 's', RotationRules: { ScheduleExpression: 'rate(10 days)' } }, sent: { RotationRules: { ScheduleExpression: 'rate(10 days)' } } },
  { name: "ScheduleExpression 'cron(0 16 1,15 * ? *)'", request: { SecretId: 's', RotationRules: { ScheduleExpression: 'cron(0 16 1,15 * ? *)' } }, sent: { RotationRules: { ScheduleExpression: 'cron(0 16 1,15 * ? *)' } } },
  { name: 'ScheduleExpression of exactly 256 characters', request: { SecretId: 's', RotationRules: { ScheduleExpression: s(256) } }, sent: { RotationRules: { ScheduleExpression: s(256) } } },
  { name: 'RotateImmediately false', request: { SecretId: 's', RotateImmediately: false }, sent: { RotateImmediately: false } },
  { name: 'ExternalSecretRotationMetadata []', request: { SecretId: 's', ExternalSecretRotationMetadata: [] }, sent: { ExternalSecretRotationMetadata: [] } },
  {
    name: 'ExternalSecretRotationMetadata at its limits (Key 1 and 256, Value 1 and 2048)',
    request: { SecretId: 's', ExternalSecretRotationMetadata: [{ Key: 'k', Value: s(2048) }, { Key: s(256), Value: 'v' }] },
    sent: { ExternalSecretRotationMetadata: [{ Key: 'k', Value: s(2048) }, { Key: s(256), Value: 'v' }] },
  },
  { name: 'ExternalSecretRotationRoleArn of exactly 20 characters', request: { SecretId: 's', ExternalSecretRotationRoleArn: s(20) }, sent: { ExternalSecretRotationRoleArn: s(20) } },
  { name: 'ExternalSecretRotationRoleArn of exactly 2048 characters', request: { SecretId: 's', ExternalSecretRotationRoleArn: s(2048) }, sent: { ExternalSecretRotationRoleArn: s(2048) } },
  // Maximums and patterns are the service's to judge, as in AWS's SDKs: sent as they are.
  { name: 'SecretId of 2049 characters (over the model maximum)', request: { SecretId: s(2049) }, sent: { SecretId: s(2049) } },
  { name: 'ClientRequestToken of 65 characters', request: { SecretId: 's', ClientRequestToken: s(65) }, sent: { ClientRequestToken: s(65) } },
  { name: 'ClientRequestToken of 65 emoji', request: { SecretId: 's', ClientRequestToken: s(65, EMOJI) }, sent: { ClientRequestToken: s(65, EMOJI) } },
  { name: 'RotationLambdaARN of 2049 characters', request: { SecretId: 's', RotationLambdaARN: s(2049) }, sent: { RotationLambdaARN: s(2049) } },
  { name: 'AutomaticallyAfterDays 1001', request: rules({ AutomaticallyAfterDays: 1001 }) as IRotateSecretRequest, sent: { RotationRules: { AutomaticallyAfterDays: 1001 } } },
  { name: "Duration '1234h' (over the model maximum of 3)", request: rules({ Duration: '1234h' }) as IRotateSecretRequest, sent: { RotationRules: { Duration: '1234h' } } },
  { name: "Duration 'xx' (outside the model pattern)", request: rules({ Duration: 'xx' }) as IRotateSecretRequest, sent: { RotationRules: { Duration: 'xx' } } },
  { name: "ScheduleExpression '$$' (outside the model pattern)", request: rules({ ScheduleExpression: '$$' }) as IRotateSecretRequest, sent: { RotationRules: { ScheduleExpression: '$$' } } },
  { name: 'ScheduleExpression of 257 characters', request: rules({ ScheduleExpression: s(257) }) as IRotateSecretRequest, sent: { RotationRules: { ScheduleExpression: s(257) } } },
  { name: 'ExternalSecretRotationMetadata[0].Key of 257 characters', request: metadata([{ Key: s(257), Value: 'v' }]) as IRotateSecretRequest, sent: { ExternalSecretRotationMetadata: [{ Key: s(257), Value: 'v' }] } },
  { name: 'ExternalSecretRotationMetadata[0].Value of 2049 characters', request: metadata([{ Key: 'k', Value: s(2049) }]) as IRotateSecretRequest, sent: { ExternalSecretRotationMetadata: [{ Key: 'k', Value: s(2049) }] } },
  { name: 'ExternalSecretRotationRoleArn of 2049 characters', request: { SecretId: 's', ExternalSecretRotationRoleArn: s(2049) }, sent: { ExternalSecretRotationRoleArn: s(2049) } },
  {
    name: 'every member at once, as a RotateSecretRequest',
    request: new RotateSecretRequest({
      SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf',
      ClientRequestToken: TOKEN,
      RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rotate',
      RotationRules: { AutomaticallyAfterDays: 30, Duration: '3h' },
      ExternalSecretRotationMetadata: [{ Key: 'k', Value: 'v' }],
      ExternalSecretRotationRoleArn: ROLE_ARN,
      RotateImmediately: true,
    }),
    sent: {
      SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf',
      ClientRequestToken: TOKEN,
      RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rotate',
      RotationRules: { AutomaticallyAfterDays: 30, Duration: '3h' },
      ExternalSecretRotationMetadata: [{ Key: 'k', Value: 'v' }],
      ExternalSecretRotationRoleArn: ROLE_ARN,
      RotateImmediately: true,
    },
  },
];

describe('request validation: values at the edges of each rule are accepted and sent', () => {
  it.each(valid)('accepts $name', async ({ request, sent, absent }) => {
    const { client, handler } = setup();
    await client.rotateSecretAsync(request);
    expect(handler.calls).toBe(1);
    const body = handler.lastBody();
    expect(body).toMatchObject(sent);
    for (const name of absent ?? []) expect(body).not.toHaveProperty(name);
  });
});

/** A request botocore can be given as it is: JSON values only, no null (our "unset", its type error), no holes. */
function jsonOnly(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return Object.keys(value).length === value.length && value.every(jsonOnly);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(jsonOnly);
  return false;
}

describe('request validation: the same verdicts as botocore', () => {
  // botocore's ParamValidator (botocore/validate.py) is what AWS's Python SDK checks before sending:
  // required members, types, unknown members, and minimum lengths and values, nothing more.
  const rows = [...invalid.map((row) => ({ name: row.name, request: row.request })), ...valid.map((row) => ({ name: row.name, request: { ...row.request } }))].filter((row) => jsonOnly(row.request));
  const verdicts = JSON.parse(
    execFileSync('python3', ['test/helpers/botocore-validate.py'], { input: JSON.stringify(rows.map((row) => ['RotateSecret', row.request])), encoding: 'utf8' }),
  ) as Array<string | null>;

  it('covers most of the rows above', () => {
    expect(rows.length).toBeGreaterThan(50);
    expect(verdicts).toHaveLength(rows.length);
  });

  it.each(rows.map((row, index) => ({ ...row, botocore: verdicts[index] })))('$name: refused exactly when botocore refuses it', async ({ request, botocore }) => {
    const { client, handler } = setup();
    const error = await rejection(client.rotateSecretAsync(request as IRotateSecretRequest)).catch(() => undefined);
    const refusedByUs = error instanceof RequestValidationException;
    expect({ refused: refusedByUs, botocore }).toEqual({ refused: botocore !== null, botocore });
    expect(handler.calls).toBe(refusedByUs ? 0 : 1);
  });
});
