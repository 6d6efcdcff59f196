// Sensitive members never leak: every member the official model marks sensitive (read here from
// botocore's model, not from our generated code) stays readable as a property but prints as '***' in
// util.inspect, console.log, JSON.stringify, the logger and every error message, for every generated
// shape that holds one (directly or nested), as built by the caller and as parsed from the wire.
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.node.js';
import { AmazonUnmarshallingException, RequestValidationException, SecretsManagerClient } from '../src/index.node.js';
import { botocoreExamples, botocoreModel, type BotocoreModel } from './helpers/botocore.js';
import { cannedHandler } from './helpers/cannedResponse.js';

/** Long enough and plain enough to pass every constraint of a sensitive member (RotationToken: 36 to 256, [a-zA-Z0-9-]). */
const MARKER = 'SENSITIVE-MARKER-q7Zx9Kp2Lw4Vt8Rn3Jd6Hf5Gb1Cm0Ys';
const MARKER_BYTES = new TextEncoder().encode(MARKER);
/** Every form in which the marker could show up: any 8 characters of it as text, as base64, as a Uint8Array printed or serialised. */
const LEAKS = [...Array.from({ length: MARKER.length - 7 }, (_, start) => MARKER.slice(start, start + 8)), Buffer.from(MARKER_BYTES).toString('base64'), inspect(MARKER_BYTES).replace(/^Uint8Array\(\d+\) /, '').slice(1, 30), JSON.stringify(MARKER_BYTES).slice(0, 30)];

const model: BotocoreModel = botocoreModel();
const { shapes } = model;
const errorShapes = new Set(Object.values(model.operations).flatMap((operation) => (operation.errors ?? []).map((error) => error.shape)));

/** True when the shape is sensitive or holds a sensitive shape anywhere inside. */
function holdsSensitive(name: string, seen = new Set<string>()): boolean {
  const shape = shapes[name]!;
  if (shape.sensitive) return true;
  if (seen.has(name)) return false;
  seen.add(name);
  const children = [...Object.values(shape.members ?? {}), shape.member, shape.key, shape.value].filter((child) => child !== undefined);
  return children.some((child) => holdsSensitive(child.shape, seen));
}

/** The paths (SecretValues[0].SecretString) of every sensitive value in a value made by fill(). */
function sensitivePaths(name: string, path = ''): string[] {
  const shape = shapes[name]!;
  if (shape.sensitive) return [path];
  switch (shape.type) {
    case 'structure':
      return Object.entries(shape.members ?? {}).flatMap(([member, child]) => sensitivePaths(child.shape, path ? `${path}.${member}` : member));
    case 'list':
      return sensitivePaths(shape.member!.shape, `${path}[0]`);
    case 'map':
      return sensitivePaths(shape.value!.shape, `${path}.k`);
    default:
      return [];
  }
}

type Form = 'model' | 'wire';

/** A value of every member of the shape, the sensitive ones the marker; in the model's types or as JSON sends them. */
function fill(name: string, form: Form): unknown {
  const shape = shapes[name]!;
  switch (shape.type) {
    case 'structure':
      return Object.fromEntries(Object.entries(shape.members ?? {}).map(([member, child]) => [member, fill(child.shape, form)]));
    case 'list':
      return [fill(shape.member!.shape, form)];
    case 'map':
      return { k: fill(shape.value!.shape, form) };
    case 'string':
      return shape.sensitive ? MARKER : (shape.enum?.[0] ?? 'plain-value');
    case 'blob':
      return form === 'wire' ? Buffer.from(shape.sensitive ? MARKER_BYTES : [1, 2, 3]).toString('base64') : shape.sensitive ? MARKER_BYTES : new Uint8Array([1, 2, 3]);
    case 'boolean':
      return true;
    case 'integer':
    case 'long':
      return 7;
    case 'timestamp':
      return form === 'wire' ? 1523477145.713 : new Date(1523477145713);
  }
}

function at(value: unknown, path: string): unknown {
  return path.split(/\.|(?=\[)/).reduce<unknown>((current, step) => {
    const index = /^\[(\d+)\]$/.exec(step);
    return (current as Record<string, unknown>)[index ? Number(index[1]) : step];
  }, value);
}

/** What console.log prints for the values. */
function consoleLogged(...values: unknown[]): string {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString('utf8');
      done();
    },
  });
  new Console({ stdout: stream, stderr: stream }).log(...values);
  return out;
}

/** Every way a value is commonly printed or serialised. */
function printed(value: unknown) {
  return {
    inspect: inspect(value),
    'inspect, full depth': inspect(value, { depth: null }),
    'inspect, colours': inspect(value, { depth: null, colors: true }),
    'console.log': consoleLogged(value),
    'console.log, inside an object': consoleLogged({ wrapped: [value] }),
    'JSON.stringify': JSON.stringify(value),
    'JSON.stringify, inside an object': JSON.stringify({ wrapped: [value] }),
  };
}

function expectNoLeak(where: string, outputs: Record<string, string>): void {
  for (const [how, text] of Object.entries(outputs)) {
    for (const leak of LEAKS) expect(text.includes(leak), `${where}: ${how} shows the sensitive value:\n${text}`).toBe(false);
  }
}

function expectReadable(where: string, value: unknown, paths: string[]): void {
  for (const path of paths) {
    const found = at(value, path);
    if (found instanceof Uint8Array) expect([...found], `${where}.${path}`).toEqual([...MARKER_BYTES]);
    else expect(found, `${where}.${path}`).toBe(MARKER);
  }
}

const holders = Object.keys(shapes).filter((name) => shapes[name]!.type === 'structure' && !errorShapes.has(name) && holdsSensitive(name));
const exports = sdk as unknown as Record<string, new (init: unknown) => object>;

describe('the sensitive members of the official model', () => {
  it('are found in botocore: the members .NET and AWS document as sensitive, in the shapes that hold them', () => {
    const members = new Set(holders.flatMap((name) => sensitivePaths(name).map((path) => path.replace(/.*\./, ''))));
    expect([...members].sort()).toEqual(['RandomPassword', 'RotationToken', 'SecretBinary', 'SecretString']);
    expect(holders.sort()).toEqual(['BatchGetSecretValueResponse', 'CreateSecretRequest', 'GetRandomPasswordResponse', 'GetSecretValueResponse', 'PutSecretValueRequest', 'SecretValueEntry', 'SecretValuesType', 'UpdateSecretRequest'].filter((n) => shapes[n]?.type === 'structure'));
  });
});

describe('every generated shape with a sensitive member, built by the caller', () => {
  it.each(holders)('%s: readable as properties, "***" wherever it is printed, with the class name in util.inspect', (name) => {
    const Class = exports[name];
    expect(typeof Class, `${name} is exported as a class`).toBe('function');
    const instance = new Class!(fill(name, 'model'));
    const paths = sensitivePaths(name);
    expect(paths.length).toBeGreaterThan(0);
    expectReadable(name, instance, paths);
    const outputs = printed(instance);
    expectNoLeak(name, outputs);
    expect(outputs.inspect.startsWith(`${name} {`), outputs.inspect).toBe(true);
    expect(outputs['inspect, full depth']).toContain("'***'");
    expect(JSON.parse(outputs['JSON.stringify']) as unknown).toMatchObject(Object.fromEntries(paths.filter((p) => !p.includes('[')).map((p) => [p, '***'])));
  });
});

/** A client whose transport records requests and answers with `body` (JSON), logging each attempt into `lines`. */
function clientAnswering(body: unknown, lines: string[], statusCode = 200) {
  const handler = cannedHandler({ statusCode, headers: { 'x-amzn-requestid': 'req-1' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const client = new SecretsManagerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    httpHandler: handler,
    maxErrorRetry: 0,
    logger: { info: (line) => void lines.push(line) },
  });
  return { client, requests: handler.requests };
}

const call = (client: SecretsManagerClient, operation: string, request: unknown): Promise<unknown> =>
  (client as unknown as Record<string, (request: unknown) => Promise<unknown>>)[`${operation[0]!.toLowerCase()}${operation.slice(1)}Async`]!(request);

const operationsWith = (io: 'input' | 'output') => Object.keys(model.operations).filter((name) => model.operations[name]![io] && holdsSensitive(model.operations[name]![io]!.shape));

describe('responses with sensitive members, as the client reads them from the wire', () => {
  it.each(operationsWith('output'))('%s: readable, hidden when printed, logged and nested items printed alone', async (operation) => {
    const output = model.operations[operation]!.output!.shape;
    const lines: string[] = [];
    const { client } = clientAnswering(fill(output, 'wire'), lines);
    const response = await call(client, operation, botocoreExamples()[operation]?.[0]?.input ?? {});
    const paths = sensitivePaths(output);
    expectReadable(operation, response, paths);
    expectNoLeak(operation, { ...printed(response), logger: lines.join('\n') });
    expect(inspect(response).startsWith(`${output} {`)).toBe(true);
    // An item of a list (SecretValueEntry) printed on its own hides its secrets too, and says what it is.
    for (const path of paths.filter((p) => p.includes('['))) {
      const item = at(response, path.slice(0, path.lastIndexOf('.')));
      expectNoLeak(`${operation} ${path}`, printed(item));
      expect(inspect(item)).toMatch(/^[A-Z]\w+ \{/);
    }
  });

  it('does not put a sensitive value of a malformed answer into the error, its cause or its message', async () => {
    for (const body of [`{"Name":"s","SecretString":${MARKER}}`, `{"Name":"s","SecretString":"${MARKER}"`, `{"SecretBinary":"${MARKER}!!"}`, `{"SecretString":["${MARKER}"]}`]) {
      const { client } = clientAnswering(body, []);
      const error = await client.getSecretValueAsync({ SecretId: 's' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AmazonUnmarshallingException);
      expectNoLeak(`malformed body ${body}`, { message: (error as Error).message, inspect: inspect(error, { depth: null }), json: JSON.stringify(error) });
    }
  });
});

describe('requests with sensitive members', () => {
  /** botocore's first example of the operation, every sensitive member set to the marker. */
  function realisticRequest(operation: string): Record<string, unknown> {
    const input = model.operations[operation]!.input!.shape;
    const request: Record<string, unknown> = { ...botocoreExamples()[operation]?.[0]?.input };
    for (const [member, child] of Object.entries(shapes[input]!.members ?? {})) {
      if (shapes[child.shape]!.sensitive) request[member] = shapes[child.shape]!.type === 'blob' ? MARKER_BYTES : MARKER;
    }
    // SecretString and SecretBinary exclude each other in the service; both are set here to cover both.
    return request;
  }

  it.each(operationsWith('input'))('%s: sent to the service, but never logged, printed or put in a validation error', async (operation) => {
    const input = model.operations[operation]!.input!.shape;
    const lines: string[] = [];
    const { client, requests } = clientAnswering({}, lines);
    const request = new exports[input]!(realisticRequest(operation));
    expectNoLeak(`${input} instance`, printed(request));
    await call(client, operation, request);
    // The marker does go on the wire: that is the point of the call.
    expect(String(requests[0]!.body)).toContain(MARKER);
    expect(String(requests[0]!.body)).toContain(Buffer.from(MARKER_BYTES).toString('base64'));
    expectNoLeak(`${operation} logger`, { logger: lines.join('\n') });

    // Refused before sending: the message names the member and the rule, never the value.
    for (const broken of [
      { ...realisticRequest(operation), Bogus: MARKER },
      { ...realisticRequest(operation), SecretString: { nested: MARKER } },
      { ...realisticRequest(operation), SecretBinary: [MARKER] },
    ]) {
      const error = await call(client, operation, broken).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RequestValidationException);
      expectNoLeak(`${operation} validation`, { message: (error as Error).message, inspect: inspect(error, { depth: null }), json: JSON.stringify(error) });
    }
  });
});
