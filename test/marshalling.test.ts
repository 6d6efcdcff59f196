// The schema-driven (un)marshaller for member kinds RotateSecret does not use yet (timestamps, blobs,
// maps, enums, sensitive members), so the rest of the service can be added to the shape file as is.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { marshallRequest } from '../src/runtime/protocol/marshallRequest.js';
import { redactSensitive } from '../src/runtime/protocol/redactSensitive.js';
import type { StructureShape } from '../src/runtime/protocol/schema.js';
import { UnexpectedMemberError, unmarshallResponse } from '../src/runtime/protocol/unmarshallResponse.js';
import { RequestValidationException, SecretsManagerClient } from '../src/index.node.js';

const Tag: StructureShape = { name: 'Tag', members: { Key: { kind: 'string', min: 1 }, Value: { kind: 'string' } } };
const Entry: StructureShape = {
  name: 'SecretValueEntry',
  members: {
    SecretString: { kind: 'string', sensitive: true, min: 12 },
    SecretBinary: { kind: 'blob', sensitive: true },
    CreatedDate: { kind: 'timestamp' },
    Stages: { kind: 'map', key: { kind: 'string', min: 1 }, value: { kind: 'list', member: { kind: 'string' } } },
    Tags: { kind: 'list', member: { kind: 'structure', shape: Tag }, min: 1 },
    SortOrder: { kind: 'string' },
    Count: { kind: 'integer', min: 0 },
    Ratio: { kind: 'double' },
  },
};

const noToken = () => 'unused';

describe('marshalling members of every kind', () => {
  it('sends timestamps as epoch seconds, blobs as base64 and maps as objects', () => {
    const body = marshallRequest(
      Entry,
      {
        SecretBinary: new Uint8Array([0, 1, 2, 250, 255]),
        CreatedDate: new Date('2018-04-11T20:05:45.713Z'),
        Stages: { v1: ['AWSCURRENT'] },
        Tags: [{ Key: 'team', Value: 'db' }],
        SortOrder: 'asc',
        Ratio: 0.5,
      },
      noToken,
    );
    expect(JSON.stringify(body)).toBe(
      '{"SecretBinary":"AAEC+v8=","CreatedDate":1523477145.713,"Stages":{"v1":["AWSCURRENT"]},"Tags":[{"Key":"team","Value":"db"}],"SortOrder":"asc","Ratio":0.5}',
    );
  });

  it('sends an enum value the model does not list (one the service adds later) as it is', () => {
    expect(marshallRequest(Entry, { SortOrder: 'random' }, noToken)).toEqual({ SortOrder: 'random' });
  });

  it('sends a string blob as its UTF-8 bytes', () => {
    expect(marshallRequest(Entry, { SecretBinary: 'hé' }, noToken)).toEqual({ SecretBinary: 'aMOp' });
  });

  it.each([
    [{ CreatedDate: 'yesterday' }, 'CreatedDate', 'type', /must be a valid Date, not a string/],
    [{ CreatedDate: new Date(Number.NaN) }, 'CreatedDate', 'type', /valid Date/],
    [{ Stages: { '': ['x'] } }, 'Stages[""]', 'length', /at least 1/],
    [{ Stages: { v1: 'AWSCURRENT' } }, 'Stages["v1"]', 'type', /must be an array/],
    [{ Tags: [] }, 'Tags', 'length', /at least 1 entries long \(it has 0\)/],
    [{ Tags: [{ Key: '' }] }, 'Tags[0].Key', 'length', /at least 1/],
    [{ Count: -1 }, 'Count', 'range', /at least 0 \(got -1\)/],
    [{ Count: 2 ** 53 }, 'Count', 'type', /whole number/],
    [{ SecretBinary: [1, 2] }, 'SecretBinary', 'type', /Uint8Array or a string, not an array/],
  ])('refuses %j at %s (%s)', (request, memberPath, constraint, message) => {
    let caught: unknown;
    try {
      marshallRequest(Entry, request, noToken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RequestValidationException);
    expect(caught).toMatchObject({ memberPath, constraint });
    expect((caught as Error).message).toMatch(message);
  });

  it('never echoes a sensitive value in a validation message', () => {
    const secret = 'hunter2';
    expect(() => marshallRequest(Entry, { SecretString: secret }, noToken)).toThrow(/SecretString must be at least 12 characters long\.$/);
    try {
      marshallRequest(Entry, { SecretString: secret }, noToken);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });
});

describe('unmarshalling members of every kind', () => {
  it('reads epoch seconds (fractional) and ISO strings as Date, base64 as bytes, maps and lists', () => {
    const members = unmarshallResponse(Entry, {
      SecretBinary: 'AAEC+v8=',
      CreatedDate: 1523477145.713,
      Stages: { v1: ['AWSCURRENT'], v2: null },
      Tags: [{ Key: 'team', Value: 'db', Extra: 1 }, null],
      Count: 3,
      Unknown: 'dropped',
    });
    expect(members).toEqual({
      SecretBinary: new Uint8Array([0, 1, 2, 250, 255]),
      CreatedDate: new Date('2018-04-11T20:05:45.713Z'),
      Stages: { v1: ['AWSCURRENT'] },
      Tags: [{ Key: 'team', Value: 'db' }],
      Count: 3,
    });
    expect(unmarshallResponse(Entry, { CreatedDate: '2018-04-11T20:05:45.713Z' }).CreatedDate).toEqual(new Date('2018-04-11T20:05:45.713Z'));
  });

  it.each([
    [{ CreatedDate: 'soon' }, 'CreatedDate'],
    [{ SecretBinary: '***' }, 'SecretBinary'],
    [{ Tags: [{ Key: 5 }] }, 'Tags[0].Key'],
    [{ Stages: [] }, 'Stages'],
    [{ Count: '3' }, 'Count'],
  ])('names the member whose JSON type does not fit: %j', (body, memberPath) => {
    let caught: unknown;
    try {
      unmarshallResponse(Entry, body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnexpectedMemberError);
    expect((caught as UnexpectedMemberError).memberPath).toBe(memberPath);
  });
});

describe('keeping secrets out of output', () => {
  it('redacts sensitive members at any depth for display', () => {
    const Outer: StructureShape = { name: 'Outer', members: { Entries: { kind: 'list', member: { kind: 'structure', shape: Entry } }, Name: { kind: 'string' } } };
    expect(redactSensitive({ Name: 'n', Entries: [{ SecretString: 's3cr3t', SecretBinary: new Uint8Array([1]), Count: 1 }] }, Outer)).toEqual({
      Name: 'n',
      Entries: [{ SecretString: '***', SecretBinary: '***', Count: 1 }],
    });
  });

  it('shows no credentials in util.inspect or JSON.stringify of a client', () => {
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEXAMPLEKEYID0000', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token-value' },
    });
    for (const text of [inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client)]) {
      expect(text).not.toContain('wJalrXUtnFEMI');
      expect(text).not.toContain('session-token-value');
      expect(text).not.toContain('AKIAEXAMPLEKEYID0000');
    }
  });
});
