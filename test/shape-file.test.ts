// The shape file is written by hand; this proves it says what the official service model says, and that
// src/generated/ is exactly what the generator makes of it.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generate, loadEndpointData, loadModel, readGenerated, ShapeFileError, validateModel, type ShapeModel } from '../tools/generate.mjs';

const model = loadModel();
const endpointData = loadEndpointData();

type Spec = Record<string, unknown>;

/** Our member, in the form tools/dump-botocore-shapes.py gives the official one: nested through lists and maps. */
function facts(type: string, spec: Spec): Spec {
  const list = /^list<(.+)>$/.exec(type);
  const map = /^map<\s*string\s*,\s*(.+)>$/.exec(type);
  const out: Spec = {};
  if (list) Object.assign(out, { type: 'list', member: facts(list[1]!, (spec.items ?? {}) as Spec) });
  else if (map) Object.assign(out, { type: 'map', key: facts('string', (spec.keys ?? {}) as Spec), value: facts(map[1]!, (spec.values ?? {}) as Spec) });
  else if (model.structures?.[type]) return { type: 'structure', structure: type };
  else if (model.enums?.[type]) Object.assign(out, { type: 'string', enum: model.enums[type]!.values });
  else out.type = type;
  for (const key of ['length', 'range', 'pattern']) if (spec[key] !== undefined) out[key] = spec[key];
  for (const key of ['sensitive', 'idempotencyToken']) if (spec[key]) out[key] = true;
  return out;
}

describe('the shape file', () => {
  const official = JSON.parse(execFileSync('python3', ['tools/dump-botocore-shapes.py', 'model/secretsmanager.json'], { encoding: 'utf8' }));

  it('names the service as the official model does', () => {
    expect(official.metadata).toMatchObject({
      apiVersion: model.service.apiVersion,
      targetPrefix: model.service.targetPrefix,
      signingName: model.service.signingName,
      endpointPrefix: model.service.endpointPrefix,
      serviceId: model.service.sdkId,
      serviceFullName: model.service.fullName,
      jsonVersion: '1.1',
    });
    expect(model.service.protocol).toBe('awsJson1_1');
  });

  it('gives each operation the official input, output and errors', () => {
    for (const [name, operation] of Object.entries(model.operations ?? {})) {
      // An operation the official model gives no output (TagResource) answers with .NET's empty XResponse.
      const output = official.operations[name].output ?? `${name}Response`;
      expect({ name, ...operation, docs: undefined, example: undefined, errors: [...(operation.errors ?? [])].sort() }).toEqual({
        name,
        ...official.operations[name],
        output,
        docs: undefined,
        errors: [...official.operations[name].errors].sort(),
      });
      if (!official.operations[name].output) expect(model.structures![output]!.members).toEqual({});
    }
  });

  it('gives every member the official type, constraints and flags, and nothing more or less', () => {
    for (const [name, structure] of Object.entries(model.structures ?? {})) {
      const members = structure.members ?? {};
      if (!official.structures[name]) continue; // the empty responses checked above
      const ours = Object.fromEntries(Object.entries(members).map(([member, spec]) => [member, facts(String(spec.type), spec as Spec)]));
      expect({ name, members: ours }).toEqual({ name, members: official.structures[name].members });
      const required = Object.entries(members).filter(([, spec]) => spec.required).map(([member]) => member);
      expect({ name, required }).toEqual({ name, required: official.structures[name].required });
    }
  });

  it('covers the whole API: every operation and error of the official model', () => {
    expect(Object.keys(model.operations ?? {}).sort()).toEqual(Object.keys(official.allOperations).sort());
    expect(Object.keys(model.errors ?? {}).sort()).toEqual([...official.allErrors].sort());
  });

  it('gives each enum the official values', () => {
    for (const [name, definition] of Object.entries(model.enums ?? {})) expect({ name, values: definition.values }).toEqual({ name, values: official.enums[name] });
  });

  it('marks each error a client or server fault as the official model does', () => {
    for (const [code, error] of Object.entries(model.errors ?? {})) expect({ code, fault: error.fault }).toEqual({ code, fault: official.errors[code].fault });
  });

  it('names error classes as .NET does: the shape name, plus Exception where it lacks it', () => {
    for (const [code, error] of Object.entries(model.errors ?? {})) expect(error.class).toBe(code.endsWith('Exception') ? code : `${code}Exception`);
  });
});

describe('the generator', () => {
  it('has produced exactly the committed src/generated/ (run npm run generate after changing the shape file)', () => {
    const fresh = generate(model, endpointData);
    const committed = readGenerated();
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, text] of fresh) expect({ path, text: committed.get(path) }).toEqual({ path, text });
  });

  it('is deterministic', () => {
    expect(generate(loadModel(), loadEndpointData())).toEqual(generate(loadModel(), loadEndpointData()));
  });

  it('marks every file as generated and names its source', () => {
    for (const [path, text] of generate(model, endpointData)) expect({ path, head: /^\/\/ Generated by tools\/generate\.mjs from model\/[\w-]+\.json/.test(text) }).toEqual({ path, head: true });
  });

  it.each<[string, (m: ShapeModel) => void, RegExp]>([
    ['an unknown member type', (m) => (m.structures!.RotationRulesType!.members!.Duration!.type = 'strng'), /RotationRulesType\.members\.Duration\.type: unknown type "strng"/],
    ['a misspelt member key', (m) => (m.structures!.RotationRulesType!.members!.Duration!.lenght = [1, 2]), /Duration: unknown key "lenght"/],
    ['a bad pattern', (m) => (m.structures!.RotationRulesType!.members!.Duration!.pattern = '[0-9'), /Duration\.pattern/],
    ['an operation error that is not defined', (m) => m.operations!.RotateSecret!.errors!.push('NoSuchError'), /operations\.RotateSecret\.errors: no error "NoSuchError"/],
    ['a fault that is neither client nor server', (m) => ((m.errors!.InternalServiceError as { fault: string }).fault = 'both'), /errors\.InternalServiceError\.fault/],
    ['a recursive structure', (m) => (m.structures!.RotationRulesType!.members!.Self = { type: 'RotationRulesType' }), /recursive structures are not supported/],
  ])('refuses a shape file with %s, naming the place', (_, breakIt, message) => {
    const broken = structuredClone(model);
    breakIt(broken);
    expect(() => validateModel(broken)).toThrow(ShapeFileError);
    expect(() => validateModel(broken)).toThrow(message);
  });
});
