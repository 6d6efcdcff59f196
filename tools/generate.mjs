#!/usr/bin/env node
// Turns the shape file (model/secretsmanager.json) into src/generated/: one file per model class,
// exception and operation, the service facts, the client interface and the client base class.
// Deterministic: the same shape file gives byte-identical output, which test/shape-file.test.ts checks.
//
//   node tools/generate.mjs          regenerate src/generated/
//   node tools/generate.mjs --check  exit 1 when src/generated/ differs from a fresh generation
//
// The format of the shape file is described in docs/shape-file.md.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEndpointFiles, PARTITIONS_FILE, RULE_SET_FILE } from './generate-endpoints.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHAPE_FILE = 'model/secretsmanager.json';
export const OUTPUT_DIR = 'src/generated';

const PRIMITIVES = new Set(['string', 'boolean', 'integer', 'long', 'double', 'timestamp', 'blob']);
const MEMBER_KEYS = new Set(['type', 'required', 'length', 'range', 'pattern', 'idempotencyToken', 'sensitive', 'docs', 'items', 'keys', 'values']);
const PAGINATOR_KEYS = new Set(['inputToken', 'outputToken', 'limitKey', 'items']);
const CONTENT_TYPES = { awsJson1_1: 'application/x-amz-json-1.1', awsJson1_0: 'application/x-amz-json-1.0' };

/** Raised for a shape file that breaks the format, with the JSON path of the fault. */
export class ShapeFileError extends Error {
  constructor(path, message) {
    super(`${SHAPE_FILE}: ${path}: ${message}`);
    this.name = 'ShapeFileError';
  }
}

/**
 * Parses a member type expression: a primitive, a structure or enum name, `list<T>` or `map<string, T>`.
 * @returns {{ kind: 'primitive' | 'structure' | 'enum' | 'list' | 'map', name?: string, of?: object }}
 */
function parseType(expr, model, path) {
  const text = String(expr).trim();
  const list = /^list<(.+)>$/.exec(text);
  if (list) return { kind: 'list', of: parseType(list[1], model, path) };
  const map = /^map<\s*string\s*,(.+)>$/.exec(text);
  if (map) return { kind: 'map', of: parseType(map[1], model, path) };
  if (PRIMITIVES.has(text)) return { kind: 'primitive', name: text };
  if (model.structures?.[text]) return { kind: 'structure', name: text };
  if (model.enums?.[text]) return { kind: 'enum', name: text };
  throw new ShapeFileError(path, `unknown type "${text}" (not a primitive, structure, enum, list<T> or map<string, T>)`);
}

function checkPair(value, path, what) {
  if (value === undefined) return;
  const ok = Array.isArray(value) && value.length === 2 && value.every((v) => v === null || typeof v === 'number');
  if (!ok) throw new ShapeFileError(path, `${what} must be [min, max] with numbers or null`);
}

/** Checks the whole shape file before any output is produced, so a mistake names its place. */
export function validateModel(model) {
  if (model.format !== 'shapes/1') throw new ShapeFileError('format', 'expected "shapes/1"');
  for (const key of ['name', 'sdkId', 'apiVersion', 'protocol', 'targetPrefix', 'signingName', 'endpointPrefix', 'client', 'interface', 'exception']) {
    if (typeof model.service?.[key] !== 'string') throw new ShapeFileError(`service.${key}`, 'missing or not a string');
  }
  if (!CONTENT_TYPES[model.service.protocol]) throw new ShapeFileError('service.protocol', `unsupported protocol "${model.service.protocol}"`);
  for (const [name, structure] of Object.entries(model.structures ?? {})) {
    for (const [memberName, member] of Object.entries(structure.members ?? {})) {
      const path = `structures.${name}.members.${memberName}`;
      for (const key of Object.keys(member)) {
        if (!MEMBER_KEYS.has(key)) throw new ShapeFileError(path, `unknown key "${key}"`);
      }
      parseType(member.type, model, `${path}.type`);
      checkPair(member.length, `${path}.length`, 'length');
      checkPair(member.range, `${path}.range`, 'range');
      if (member.pattern !== undefined) {
        try {
          new RegExp(member.pattern);
        } catch (error) {
          throw new ShapeFileError(`${path}.pattern`, error.message);
        }
      }
    }
  }
  for (const [name, operation] of Object.entries(model.operations ?? {})) {
    for (const key of ['input', 'output']) {
      if (!model.structures?.[operation[key]]) throw new ShapeFileError(`operations.${name}.${key}`, `no structure "${operation[key]}"`);
    }
    for (const code of operation.errors ?? []) {
      if (!model.errors?.[code]) throw new ShapeFileError(`operations.${name}.errors`, `no error "${code}"`);
    }
  }
  for (const [name, paginator] of Object.entries(model.paginators ?? {})) {
    const operation = model.operations?.[name];
    if (!operation) throw new ShapeFileError(`paginators.${name}`, `no operation "${name}"`);
    const input = model.structures[operation.input].members ?? {};
    const output = model.structures[operation.output].members ?? {};
    for (const key of Object.keys(paginator)) {
      if (!PAGINATOR_KEYS.has(key)) throw new ShapeFileError(`paginators.${name}`, `unknown key "${key}"`);
    }
    const check = (key, members, where, type) => {
      const member = members[paginator[key]];
      if (!member) throw new ShapeFileError(`paginators.${name}.${key}`, `${where} has no member "${paginator[key]}"`);
      if (!type.test(member.type)) throw new ShapeFileError(`paginators.${name}.${key}`, `${where}.${paginator[key]} is ${member.type}, not ${type.source}`);
    };
    check('inputToken', input, operation.input, /^string$/);
    check('outputToken', output, operation.output, /^string$/);
    check('items', output, operation.output, /^list</);
    if (paginator.limitKey !== undefined) check('limitKey', input, operation.input, /^integer$/);
  }
  for (const [code, error] of Object.entries(model.errors ?? {})) {
    if (typeof error.class !== 'string') throw new ShapeFileError(`errors.${code}.class`, 'missing');
    if (error.fault !== 'client' && error.fault !== 'server') throw new ShapeFileError(`errors.${code}.fault`, 'must be "client" or "server"');
  }
  findCycle(model);
}

/** The runtime shapes reference each other directly, so a recursive structure cannot be expressed yet. */
function findCycle(model) {
  const state = new Map();
  const visit = (name, trail) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'active') throw new ShapeFileError(`structures.${name}`, `recursive structures are not supported (${[...trail, name].join(' → ')})`);
    state.set(name, 'active');
    for (const dependency of structureDependencies(model, name)) visit(dependency, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(model.structures ?? {})) visit(name, []);
}

function structureDependencies(model, name, kind = 'structure') {
  const found = new Set();
  const walk = (type) => {
    if (type.kind === 'list' || type.kind === 'map') walk(type.of);
    else if (type.kind === kind) found.add(type.name);
  };
  for (const member of Object.values(model.structures[name].members ?? {})) walk(parseType(member.type, model, name));
  return [...found].sort();
}

// ---------------------------------------------------------------------------------------------
// Text helpers

const HEADER = `// Generated by tools/generate.mjs from ${SHAPE_FILE}. Do not edit: change the shape file or the
// generator, then run \`npm run generate\`.
`;

/** A JSDoc block from Markdown docs and extra tag lines, indented. */
function jsdoc(docs, indent = '', tags = []) {
  const lines = [];
  // \@ keeps a stray @ in the service's docs from reading as a tag; the generator's own {@link ...} stays a link.
  if (docs) lines.push(...docs.replaceAll('*/', '*\\/').replace(/(?<!\{)@/g, '\\@').split('\n'));
  if (docs && tags.length) lines.push('');
  lines.push(...tags);
  if (lines.length === 0) return '';
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */\n`;
}

const q = (value) => JSON.stringify(value);

function tsType(type) {
  switch (type.kind) {
    case 'list':
      return `${wrapArray(tsType(type.of))}[]`;
    case 'map':
      return `Record<string, ${tsType(type.of)}>`;
    case 'structure':
      return `I${type.name}`;
    case 'enum':
      // A value the service adds after this release still type-checks (and is never refused).
      return `${type.name} | (string & {})`;
    default:
      return { string: 'string', boolean: 'boolean', integer: 'number', long: 'number', double: 'number', timestamp: 'Date', blob: 'Uint8Array' }[type.name];
  }
}

const wrapArray = (text) => (/[ |&]/.test(text) ? `(${text})` : text);

/**
 * The runtime member shape literal (see src/runtime/protocol/schema.ts). `readOnly`: the member of a
 * structure no request contains, which is only ever read from a response and redacted for display:
 * its shape says its kind, its nesting and whether it is sensitive, and leaves out the constraints
 * that only the validator reads. A fifth of the Node entry's text was such constraints, and compiling
 * the entry is most of what importing the package costs (docs/benchmarks.md).
 */
function memberShape(member, model, path, readOnly) {
  return shapeLiteral(parseType(member.type, model, path), member, model, readOnly);
}

/**
 * Only what botocore's ParamValidator checks before sending (botocore/validate.py: required members,
 * types, unknown members, and `min` of a string's length, a list's length and a number's value) lands
 * in the runtime shape. Maximums, patterns, enum values, blob lengths and map sizes are left to the
 * service, which may accept what the model does not, or widen a limit later: a copy of this SDK
 * installed today must not refuse it. The member docs still state every constraint.
 */
function shapeLiteral(type, member, model, readOnly = false) {
  const fields = [];
  // A least length of 0 refuses nothing and is left out; a least value of 0 refuses negatives and stays.
  const min = (pair, ofLength = true) => {
    if (pair && !readOnly && pair[0] !== null && pair[0] !== undefined && !(ofLength && pair[0] === 0)) fields.push(`min: ${pair[0]}`);
  };
  const flags = () => {
    if (member.required && !readOnly) fields.push('required: true');
    if (member.sensitive) fields.push('sensitive: true');
  };
  switch (type.kind) {
    case 'list':
      fields.push(`kind: 'list'`, `member: ${shapeLiteral(type.of, member.items ?? {}, model, readOnly)}`);
      min(member.length);
      break;
    case 'map':
      fields.push(`kind: 'map'`, `key: ${shapeLiteral({ kind: 'primitive', name: 'string' }, member.keys ?? {}, model, readOnly)}`, `value: ${shapeLiteral(type.of, member.values ?? {}, model, readOnly)}`);
      break;
    case 'structure':
      fields.push(`kind: 'structure'`, `shape: ${type.name}Shape`);
      break;
    case 'enum':
      // Any string: a value the service adds after this release is sent as it is, as AWS's SDKs send it
      // (botocore, .NET and JS v3 check no enum before sending).
      fields.push(`kind: 'string'`);
      break;
    default:
      fields.push(`kind: '${type.name}'`);
      if (type.name === 'string') min(member.length);
      else if (type.name === 'integer' || type.name === 'long' || type.name === 'double') min(member.range, false);
      if (member.idempotencyToken && !readOnly) fields.push('idempotencyToken: true');
  }
  flags();
  return `{ ${fields.join(', ')} }`;
}

/** Member docs plus the constraints, so a reader of the API docs sees the rules the validator applies. */
function memberDocs(member) {
  const rules = [];
  if (member.required) rules.push('Required.');
  const pair = member.length ?? member.range;
  if (pair) {
    const what = member.length ? (member.type.startsWith('list') || member.type.startsWith('map') ? 'Entries' : 'Length') : 'Value';
    if (pair[0] !== null && pair[1] !== null) rules.push(`${what}: ${pair[0]} to ${pair[1]}.`);
    else if (pair[0] !== null) rules.push(`${what}: at least ${pair[0]}.`);
    else if (pair[1] !== null) rules.push(`${what}: at most ${pair[1]}.`);
  }
  if (member.pattern) rules.push(`Pattern: \`${member.pattern}\`.`);
  if (member.idempotencyToken) rules.push('Filled with a new UUID v4 when left unset, so that a retried call is applied once.');
  if (member.sensitive) rules.push("Sensitive: the SDK never logs it, and `JSON.stringify`, `util.inspect` and `console.log` show `'***'`.");
  return [member.docs, rules.join(' ')].filter(Boolean).join('\n\n');
}

function hasSensitive(model, name) {
  const members = Object.values(model.structures[name].members ?? {});
  if (members.some((member) => member.sensitive || member.items?.sensitive || member.values?.sensitive)) return true;
  return structureDependencies(model, name).some((dependency) => hasSensitive(model, dependency));
}

// ---------------------------------------------------------------------------------------------
// Files

function outputStructures(model) {
  return new Set(Object.values(model.operations ?? {}).map((operation) => operation.output));
}

/** The structures some request contains, at any depth: the validator and the marshaller walk these. */
function requestStructures(model) {
  const found = new Set();
  const visit = (name) => {
    if (found.has(name)) return;
    found.add(name);
    for (const dependency of structureDependencies(model, name)) visit(dependency);
  };
  for (const operation of Object.values(model.operations ?? {})) visit(operation.input);
  return found;
}

function structureFile(model, name) {
  const structure = model.structures[name];
  const isOutput = outputStructures(model).has(name);
  const members = Object.entries(structure.members ?? {});
  const sensitive = hasSensitive(model, name);
  // Read from a response inside another structure, it is made as its class, so that it hides its own
  // sensitive members when printed apart from its parent (an item of BatchGetSecretValue's SecretValues).
  const nestedSensitive = sensitive && !isOutput && !Object.values(model.operations ?? {}).some((operation) => operation.input === name);
  const readOnly = !requestStructures(model).has(name);
  const imports = [`import type { StructureShape } from '../../runtime/protocol/schema.js';`];
  if (isOutput) imports.push(`import { AmazonWebServiceResponse, type ResponseHttpInfo } from '../../runtime/protocol/AmazonWebServiceResponse.js';`);
  if (sensitive) imports.push(`import { inspectRedacted, redactSensitive, type InspectFunction } from '../../runtime/protocol/redactSensitive.js';`);
  for (const dependency of structureDependencies(model, name)) {
    imports.push(`import { ${dependency}Shape, type I${dependency} } from './${dependency}.js';`);
  }
  for (const enumName of structureDependencies(model, name, 'enum')) {
    imports.push(`import type { ${enumName} } from './${enumName}.js';`);
  }

  const fields = members.map(([memberName, member]) => {
    const type = tsType(parseType(member.type, model, memberName));
    return `${jsdoc(memberDocs(member), '  ')}  ${memberName}${member.required ? '' : '?'}: ${type};`;
  });
  const declared = members.map(([memberName, member]) => {
    const type = tsType(parseType(member.type, model, memberName));
    return `  declare ${memberName}${member.required ? '' : '?'}: ${type};`;
  });
  const shapeMembers = members.map(([memberName, member]) => `    ${memberName}: ${memberShape(member, model, `structures.${name}.members.${memberName}`, readOnly)},`);

  const redaction = sensitive
    ? `
  /** Sensitive members are replaced by \`'***'\`, so logging the object cannot leak them. */
  toJSON(): Record<string, unknown> {
    return redactSensitive(this, ${name}Shape);
  }

  /** \`util.inspect\` and \`console.log\` in Node: the class name and the members, sensitive ones as \`'***'\`. */
  [Symbol.for('nodejs.util.inspect.custom')](depth: number, options: object, inspect: InspectFunction): string {
    return inspectRedacted(this, ${name}Shape, depth, options, inspect);
  }
`
    : '';

  const classDocs = jsdoc(structure.docs, '', isOutput ? [`The modelled members sit beside \`HttpStatusCode\`, \`ContentLength\` and \`ResponseMetadata\`.`] : [`Construct it with an object literal, as .NET's object initialiser: \`new ${name}({ ... })\`. Methods also accept the plain literal (\`I${name}\`).`]);
  const classBody = isOutput
    ? `export class ${name} extends AmazonWebServiceResponse implements I${name} {
${declared.join('\n')}

  constructor(init: I${name} & Partial<ResponseHttpInfo> = {}) {
    super(init);
    Object.assign(this, init);
  }
${redaction}}`
    : `export class ${name} implements I${name} {
${declared.join('\n')}

  constructor(init: I${name}) {
    Object.assign(this, init);
  }
${redaction}}`;

  return `${HEADER}
${imports.join('\n')}

${jsdoc(structure.docs)}export interface I${name} {
${fields.join('\n\n')}
}

${classDocs}${classBody}

${readOnly ? `/** The members of {@link ${name}}, for the unmarshaller and the redaction of sensitive members (no request carries it: nothing validates it). */` : `/** The members of {@link ${name}} and their constraints, for the validator and the (un)marshaller. */`}
export const ${name}Shape: StructureShape = {
  name: ${q(name)},
  members: {
${shapeMembers.join('\n')}
  },${nestedSensitive ? `\n  create: () => new ${name}({}),` : ''}
};
`;
}

function enumFile(model, name) {
  const definition = model.enums[name];
  const key = (value) => value.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
  return `${HEADER}
${jsdoc(definition.docs)}export const ${name} = {
${definition.values.map((value) => `  ${key(value)}: ${q(value)},`).join('\n')}
} as const;

${jsdoc(definition.docs)}export type ${name} = (typeof ${name})[keyof typeof ${name}];
`;
}

/**
 * The static field that registers an exception class as it is defined: a pure call, so that a bundler
 * drops the class with it when an app never uses the class (see src/runtime/errors/brand.ts).
 */
const BRAND_FIELD = (name) => `/** @internal Registers the class's name and brand as it is defined (see registerException). */
  static override readonly brand = /* @__PURE__ */ registerException(this, ${q(name)});`;

function serviceExceptionFile(model) {
  const { exception, fullName } = model.service;
  return `${HEADER}
import { AmazonServiceException } from '../../runtime/errors/AmazonServiceException.js';
import { registerException } from '../../runtime/errors/brand.js';

${jsdoc(`Base of every error ${fullName} answers with. An error code that the operation does not document (\`AccessDeniedException\`, \`ThrottlingException\`, a code newer than this SDK) arrives as this class itself, with the code in \`errorCode\`.`)}export class ${exception} extends AmazonServiceException {
  ${BRAND_FIELD(exception)}
}

/** True when \`value\` is an {@link ${exception}} (or a subclass) from any copy of this package. */
export function is${exception}(value: unknown): value is ${exception} {
  return value instanceof ${exception};
}
`;
}

function exceptionFile(model, code) {
  const error = model.errors[code];
  const { exception } = model.service;
  const faultText = error.fault === 'server' ? 'A server fault (`errorType` `Receiver`): retrying later may succeed.' : 'A client fault (`errorType` `Sender`): the request must change before it can succeed.';
  return `${HEADER}
import { registerException } from '../../runtime/errors/brand.js';
import { ${exception} } from './${exception}.js';

${jsdoc(`${error.docs ?? ''}\n\nWire code \`${code}\`. ${faultText}`.trim())}export class ${error.class} extends ${exception} {
  ${BRAND_FIELD(error.class)}

  declare readonly name: ${q(error.class)};

  /** The code the service sends for this error. */
  static readonly errorCode = ${q(code)};
  /** Whose fault the model says it is. */
  static readonly fault = ${q(error.fault)};
}

/** True when \`value\` is a {@link ${error.class}} from any copy of this package. */
export function is${error.class}(value: unknown): value is ${error.class} {
  return value instanceof ${error.class};
}
`;
}

const lowerFirst = (text) => text[0].toLowerCase() + text.slice(1);

function operationFile(model, name) {
  const operation = model.operations[name];
  const errors = operation.errors ?? [];
  const errorImports = errors.map((code) => `import { ${model.errors[code].class} } from '../exceptions/${model.errors[code].class}.js';`);
  const errorEntries = errors.map((code) => (model.errors[code].class === code ? `    ${code},` : `    ${code}: ${model.errors[code].class},`));
  const { docs, tags } = operationMethodDocs(model, name);
  const functionDocs = jsdoc(docs, '', [
    `@param client - The client that sends it: a \`${model.service.client}\`, or the \`${model.service.client.replace(/Client$/, 'CoreClient')}\` of apps that bundle only the operations they call.`,
    ...tags,
  ]);
  return `${HEADER}
import { invoke, type ServiceClient } from '../../runtime/ServiceClient.js';
import type { OperationShape } from '../../runtime/protocol/schema.js';
${errorImports.join('\n')}
import { ${operation.input}Shape, type I${operation.input} } from '../models/${operation.input}.js';
import { ${operation.output}, ${operation.output}Shape } from '../models/${operation.output}.js';

/** ${name}: what the client needs to validate, send and read it. */
export const ${name}Operation: OperationShape<I${operation.input}, ${operation.output}> = {
  name: ${q(name)},
  target: ${q(`${model.service.targetPrefix}.${name}`)},
  input: ${operation.input}Shape,
  output: ${operation.output}Shape,
  errors: {
${errorEntries.join('\n')}
  },
  createResponse: (members, http) => Object.assign(new ${operation.output}(http), members),
};

${functionDocs}export function ${lowerFirst(name)}Async(client: ServiceClient, request: I${operation.input}, abortSignal?: AbortSignal): Promise<${operation.output}> {
  return invoke(client, ${name}Operation, request, abortSignal);
}
${operationErrors(model, name)}`;
}

/** The union of an operation's modelled exceptions, and a guard that narrows a caught error to it. */
function operationErrors(model, name) {
  const classes = [...new Set((model.operations[name].errors ?? []).map((code) => model.errors[code].class))];
  if (classes.length === 0) return '';
  return `
/**
 * The exceptions ${name} is documented to throw. Narrow a caught error with {@link is${name}Error},
 * then \`switch (error.name)\` picks the class. Other errors: {@link ${model.service.exception}} for an
 * undocumented code, \`AmazonClientException\` and its subclasses for what failed on this side.
 */
export type ${name}Error = ${classes.join(' | ')};

/** True when \`error\` is one of the exceptions ${name} is documented to throw ({@link ${name}Error}). */
export function is${name}Error(error: unknown): error is ${name}Error {
  return ${classes.map((cls) => `error instanceof ${cls}`).join(' || ')};
}
`;
}

/** The type of one item of a paginator's `items` list member. */
function paginatorItemType(model, name) {
  const operation = model.operations[name];
  const member = model.structures[operation.output].members[model.paginators[name].items];
  return parseType(member.type, model, `paginators.${name}.items`).of;
}

function paginatorFile(model, name) {
  const operation = model.operations[name];
  const paginator = model.paginators[name];
  const item = paginatorItemType(model, name);
  const itemType = tsType(item);
  const imports = [
    `import { Paginator, type PaginatorShape } from '../../paginators/Paginator.js';`,
    `import type { I${operation.input} } from '../models/${operation.input}.js';`,
    `import type { ${operation.output} } from '../models/${operation.output}.js';`,
  ];
  if (item.kind === 'structure') imports.push(`import type { I${item.name} } from '../models/${item.name}.js';`);
  const itemsName = lowerFirst(paginator.items);
  const limit = paginator.limitKey === undefined ? '' : ` \`${paginator.limitKey}\` in the request sets how many come per page.`;
  return `${HEADER}
${imports.join('\n')}

/** How ${name} pages, from the shape file's \`paginators\`. */
export const ${name}PaginatorShape: PaginatorShape = {
  operation: ${q(name)},
  inputToken: ${q(paginator.inputToken)},
  outputToken: ${q(paginator.outputToken)},
  items: ${q(paginator.items)},
};

${jsdoc(`Every page of ${name}, fetched as the caller iterates: \`responses\` gives each ${operation.output}, \`${itemsName}\` each item of their \`${paginator.items}\`. Mirrors .NET's \`I${name}Paginator\`; made by \`client.paginators.${lowerFirst(name)}(request)\`.\n\nSingle use: iterate \`responses\` or \`${itemsName}\` once; a second iteration throws \`InvalidOperationException\`. The request is not changed: each page is sent with a copy carrying its \`${paginator.inputToken}\`.${limit}`)}export class ${name}Paginator extends Paginator<I${operation.input}, ${operation.output}, ${itemType}> {
  /** Each entry of \`${paginator.items}\` of every page, in order. Iterating it consumes the paginator, as iterating \`responses\` does. */
  get ${itemsName}(): AsyncIterable<${itemType}> {
    return this.items();
  }
}
`;
}

function paginatorFactoryFile(model) {
  const { service } = model;
  const names = Object.keys(model.paginators ?? {}).sort();
  const imports = names.flatMap((name) => [
    `import { ${name}Paginator, ${name}PaginatorShape } from './${name}Paginator.js';`,
    `import type { I${model.operations[name].input} } from '../models/${model.operations[name].input}.js';`,
  ]);
  const methods = names.map((name) => {
    const operation = model.operations[name];
    const hasRequired = Object.values(model.structures[operation.input].members ?? {}).some((member) => member.required);
    const paginator = model.paginators[name];
    const docs = jsdoc(`Pages through ${name}: \`for await (const page of client.paginators.${lowerFirst(name)}(request).responses)\`, or \`.${lowerFirst(paginator.items)}\` for each item. Nothing is sent until the iteration starts.`, '  ', [
      iamLine(model, name, ', once per page'),
      '',
      `@param request - The first page's request; \`${paginator.inputToken}\` in it is where paging starts. Not changed by the paginator.`,
      `@param abortSignal - Stops the paging: the page in flight is torn down and no further page is requested; the iteration rejects with \`abortSignal.reason\`.`,
      `@throws {@link ${model.service.exception}} From the page whose call failed (see \`${lowerFirst(name)}Async\`), when the iteration reaches it.`,
      ...exampleTags(model, name, (literal) => `for await (const page of client.paginators.${lowerFirst(name)}(${literal}).responses) {\n  console.log(page.${paginator.items}?.length);\n}`),
    ]);
    return `${docs}  ${lowerFirst(name)}(request: I${operation.input}${hasRequired ? '' : ' = {}'}, abortSignal?: AbortSignal): ${name}Paginator {
    return new ${name}Paginator((page, signal) => this.#client.${lowerFirst(name)}Async(page, signal), ${name}PaginatorShape, request, abortSignal);
  }`;
  });
  const methodNames = names.map((name) => q(`${lowerFirst(name)}Async`)).join(' | ');
  return `${HEADER}
import type { ${service.interface} } from '../${service.interface}.js';
${imports.join('\n')}

${jsdoc(`The paginators of ${service.fullName}: \`client.paginators\`. Mirrors .NET's \`I${service.name}PaginatorFactory\`. Pages through any object with the listing methods of \`${service.interface}\`: the client, or a stub.`)}export class ${service.name}PaginatorFactory {
  readonly #client: Pick<${service.interface}, ${methodNames}>;

  constructor(client: Pick<${service.interface}, ${methodNames}>) {
    this.#client = client;
  }

${methods.join('\n\n')}
}
`;
}

function beginEndFile(model, name) {
  const { service } = model;
  const operation = model.operations[name];
  const method = `${lowerFirst(name)}Async`;
  const throwsTags = [
    ...(operation.errors ?? []).map((code) => `@throws {@link ${model.errors[code].class}} ${(model.errors[code].docs ?? '').split('\n')[0]}`),
    `@throws {@link ${service.exception}} Any other error code the service answered with.`,
    `@throws {@link AmazonClientException} What failed on this side: the request broke the model (\`RequestValidationException\`), no credentials, a network failure.`,
    `@throws {@link InvalidOperationException} The call has not completed yet, \`end${name}\` was already called with this handle, or the handle is another operation's.`,
  ];
  const beginDocs = jsdoc(`Starts ${name} and returns at once (.NET Framework 3.5's \`Begin${name}\`): a thin adapter over \`client.${method}\` for code ported from the Asynchronous Programming Model. Call {@link end${name}} with the handle, from the callback or after \`await asyncResult.asyncWaitHandle\`, to get the response or the error.`, '', [
    iamLine(model, name),
    '',
    `@param client - The client (or anything with its \`${method}\`).`,
    `@param request - The ${name} parameters, as a \`${operation.input}\` or a plain object of the same shape.`,
    `@param callback - Called once when the call completes (success or failure), with the handle. An exception it throws is reported as uncaught.`,
    `@param state - Any value, handed back as \`asyncResult.asyncState\`.`,
    `@returns The handle of the call: \`isCompleted\`, \`asyncState\`, \`asyncWaitHandle\`.`,
    ...exampleTags(model, name, (literal) => `begin${name}(client, ${literal}, (asyncResult) => {\n  const response = end${name}(asyncResult);\n});`),
  ]);
  const endDocs = jsdoc(`Completes a call started by {@link begin${name}} (.NET's \`End${name}\`): returns its response, or throws the error the call failed with.`, '', [
    `@param asyncResult - The handle \`begin${name}\` returned.`,
    ...throwsTags,
  ]);
  return `${HEADER}
import { AsyncResult, type AsyncCallback, type IAsyncResult } from '../../beginEnd/AsyncResult.js';
import type { ${service.interface} } from '../${service.interface}.js';
import type { I${operation.input} } from '../models/${operation.input}.js';
import type { ${operation.output} } from '../models/${operation.output}.js';

${beginDocs}export function begin${name}(client: Pick<${service.interface}, ${q(method)}>, request: I${operation.input}, callback?: AsyncCallback, state?: unknown): IAsyncResult {
  return new AsyncResult(${q(name)}, () => client.${method}(request), callback, state);
}

${endDocs}export function end${name}(asyncResult: IAsyncResult): ${operation.output} {
  return AsyncResult.end<${operation.output}>(${q(name)}, asyncResult);
}
`;
}

function serviceFile(model) {
  const { service } = model;
  return `${HEADER}
import type { ServiceShape } from '../runtime/protocol/schema.js';
import { resolveEndpoint } from './endpoints/resolveEndpoint.js';
import { ${service.exception} } from './exceptions/${service.exception}.js';

/** The facts of ${service.fullName} that every call uses. */
export const ${service.name}Service: ServiceShape = {
  sdkId: ${q(service.sdkId)},
  apiVersion: ${q(service.apiVersion)},
  contentType: ${q(CONTENT_TYPES[service.protocol])},
  signingName: ${q(service.signingName)},
  endpointPrefix: ${q(service.endpointPrefix)},
  exception: ${service.exception},
  resolveEndpoint,
};
`;
}

/** A TypeScript object literal of an example input, keys unquoted where they are identifiers. */
function exampleLiteral(value, indent = '') {
  const text = JSON.stringify(value, null, 2).replace(/^( *)"([A-Za-z_$][\w$]*)":/gm, '$1$2:');
  return text.split('\n').map((line, index) => (index === 0 ? line : `${indent}${line}`)).join('\n');
}

/** The IAM action an operation needs; the shape file's docs name it under "Required permissions". */
function iamAction(model, name) {
  return `${model.service.signingName}:${name}`;
}

/** The line that names the IAM action, with a pointer to the docs when they name further permissions. */
function iamLine(model, name, suffix = '', where = `in ${lowerFirst(name)}Async`) {
  const required = /\*\*Required permissions:\*\*([^\n]*)/.exec(model.operations[name].docs ?? '')?.[1] ?? '';
  const others = [...required.matchAll(/`([a-z0-9-]+:\w+)`/g)].map((match) => match[1]).filter((action) => action !== iamAction(model, name));
  return `IAM action: \`${iamAction(model, name)}\`${suffix}.${others.length ? ` Some calls need more (${[...new Set(others)].map((action) => `\`${action}\``).join(', ')}): see **Required permissions** ${where}.` : ''}`;
}

/** One short example of a call, from the shape file's `example` input. */
function exampleTags(model, name, call) {
  const example = model.operations[name].example;
  if (example === undefined) return [];
  return ['@example', '```ts', ...call(exampleLiteral(example)).split('\n').map((line) => line.replaceAll('*/', '*\\/')), '```'];
}

function operationMethodDocs(model, name) {
  const operation = model.operations[name];
  const output = model.operations[name].output;
  const tags = [
    iamLine(model, name, '', 'above'),
    '',
    `@param request - The ${name} parameters, as a \`${operation.input}\` or a plain object of the same shape.`,
    `@param abortSignal - Cancels the call: an already-aborted signal sends nothing, an abort in flight tears the request down; the promise rejects with \`abortSignal.reason\`.`,
    `@returns The service's answer, with \`HttpStatusCode\`, \`ContentLength\` and \`ResponseMetadata.RequestId\`.`,
    ...(operation.errors ?? []).map((code) => `@throws {@link ${model.errors[code].class}} ${(model.errors[code].docs ?? '').split('\n')[0]}`),
    `@throws {@link ${model.service.exception}} Any other error code the service answers with.`,
    `@throws {@link RequestValidationException} The request breaks a constraint of the model; nothing was sent.`,
    `@throws {@link AmazonClientException} No credentials, bad configuration, or a network failure.`,
    ...exampleTags(model, name, (literal) => `const response: ${output} = await client.${lowerFirst(name)}Async(${literal});`),
  ];
  return { docs: operation.docs, tags };
}

function interfaceFile(model) {
  const { service } = model;
  const names = Object.keys(model.operations ?? {});
  const paginators = Object.keys(model.paginators ?? {}).length > 0;
  const imports = names.flatMap((name) => {
    const operation = model.operations[name];
    return [`import type { I${operation.input} } from './models/${operation.input}.js';`, `import type { ${operation.output} } from './models/${operation.output}.js';`];
  });
  const methods = names.map((name) => {
    const operation = model.operations[name];
    const { docs, tags } = operationMethodDocs(model, name);
    return `${jsdoc(docs, '  ', tags)}  ${lowerFirst(name)}Async(request: I${operation.input}, abortSignal?: AbortSignal): Promise<${operation.output}>;`;
  });
  if (paginators) imports.unshift(`import type { ${service.name}PaginatorFactory } from './paginators/${service.name}PaginatorFactory.js';`);
  return `${HEADER}
${imports.join('\n')}

${jsdoc(`The operations of ${service.fullName}. Mirrors .NET's \`${service.interface}\`: depend on it in app code and a test can pass a stub in place of the client.`)}export interface ${service.interface} {
${paginators ? `  /** Paginators for the listing operations (.NET \`Paginators\`): \`client.paginators.listSecrets(request).responses\`. */\n  readonly paginators: ${service.name}PaginatorFactory;\n\n` : ''}${methods.join('\n\n')}
}
`;
}

function clientBaseFile(model) {
  const { service } = model;
  const names = Object.keys(model.operations ?? {});
  const paginators = Object.keys(model.paginators ?? {}).length > 0;
  const imports = names.flatMap((name) => {
    const operation = model.operations[name];
    return [
      `import { ${name}Operation } from './operations/${name}.js';`,
      `import type { I${operation.input} } from './models/${operation.input}.js';`,
      `import type { ${operation.output} } from './models/${operation.output}.js';`,
    ];
  });
  const methods = names.map((name) => {
    const operation = model.operations[name];
    const { docs, tags } = operationMethodDocs(model, name);
    return `${jsdoc(docs, '  ', tags)}  ${lowerFirst(name)}Async(request: I${operation.input}, abortSignal?: AbortSignal): Promise<${operation.output}> {
    return this.invoke(${name}Operation, request, abortSignal);
  }`;
  });
  return `${HEADER}
import { ServiceClient, type ClientConfig, type Platform } from '../runtime/ServiceClient.js';
import { ${service.name}Service } from './service.js';
import type { ${service.interface} } from './${service.interface}.js';
${paginators ? `import { ${service.name}PaginatorFactory } from './paginators/${service.name}PaginatorFactory.js';\n` : ''}${imports.join('\n')}

/** The operations of the client; the platform entry points (Node, web) add their defaults. */
export abstract class ${service.client}Base extends ServiceClient implements ${service.interface} {
  protected constructor(config: ClientConfig, platform: Platform) {
    super(config, platform, ${service.name}Service);
  }
${paginators ? `
  /** Paginators for the listing operations (.NET \`Paginators\`): \`for await (const page of client.paginators.listSecrets({}).responses)\`. */
  get paginators(): ${service.name}PaginatorFactory {
    return new ${service.name}PaginatorFactory(this);
  }
` : ''}
${methods.join('\n\n')}
}
`;
}

/** The public surface: models, enums, exceptions and guards, the per-operation functions, the interface. Shapes and operation data stay internal. */
function indexFile(model) {
  const { service } = model;
  const lines = [];
  for (const name of Object.keys(model.structures ?? {}).sort()) lines.push(`export { ${name}, type I${name} } from './models/${name}.js';`);
  for (const name of Object.keys(model.enums ?? {}).sort()) lines.push(`export { ${name} } from './models/${name}.js';`);
  lines.push(`export { ${service.exception}, is${service.exception} } from './exceptions/${service.exception}.js';`);
  for (const code of Object.keys(model.errors ?? {}).sort()) {
    const cls = model.errors[code].class;
    lines.push(`export { ${cls}, is${cls} } from './exceptions/${cls}.js';`);
  }
  for (const name of Object.keys(model.operations ?? {}).sort()) {
    const errors = (model.operations[name].errors ?? []).length ? `, is${name}Error, type ${name}Error` : '';
    lines.push(`export { ${lowerFirst(name)}Async${errors} } from './operations/${name}.js';`);
  }
  if (Object.keys(model.paginators ?? {}).length) {
    lines.push(`export { ${service.name}PaginatorFactory } from './paginators/${service.name}PaginatorFactory.js';`);
    for (const name of Object.keys(model.paginators).sort()) lines.push(`export { ${name}Paginator } from './paginators/${name}Paginator.js';`);
  }
  for (const name of Object.keys(model.operations ?? {}).sort()) lines.push(`export { begin${name}, end${name} } from './beginEnd/${name}.js';`);
  lines.push(`export type { ${service.interface} } from './${service.interface}.js';`);
  lines.push(`export { RegionEndpoint } from './endpoints/RegionEndpoint.js';`);
  return `${HEADER}
${lines.join('\n')}
`;
}

/**
 * Every generated file, keyed by its path under src/generated/: from the shape file, and from the
 * endpoint rule set and partitions ({@link loadEndpointData}).
 */
export function generate(model, endpointData) {
  validateModel(model);
  const files = new Map(generateEndpointFiles(endpointData.ruleSet, endpointData.partitions, model.service));
  for (const name of Object.keys(model.structures ?? {}).sort()) files.set(`models/${name}.ts`, structureFile(model, name));
  for (const name of Object.keys(model.enums ?? {}).sort()) files.set(`models/${name}.ts`, enumFile(model, name));
  files.set(`exceptions/${model.service.exception}.ts`, serviceExceptionFile(model));
  for (const code of Object.keys(model.errors ?? {}).sort()) files.set(`exceptions/${model.errors[code].class}.ts`, exceptionFile(model, code));
  for (const name of Object.keys(model.operations ?? {}).sort()) files.set(`operations/${name}.ts`, operationFile(model, name));
  for (const name of Object.keys(model.paginators ?? {}).sort()) files.set(`paginators/${name}Paginator.ts`, paginatorFile(model, name));
  if (Object.keys(model.paginators ?? {}).length) files.set(`paginators/${model.service.name}PaginatorFactory.ts`, paginatorFactoryFile(model));
  for (const name of Object.keys(model.operations ?? {}).sort()) files.set(`beginEnd/${name}.ts`, beginEndFile(model, name));
  files.set('service.ts', serviceFile(model));
  files.set(`${model.service.interface}.ts`, interfaceFile(model));
  files.set(`${model.service.client}Base.ts`, clientBaseFile(model));
  files.set('index.ts', indexFile(model));
  return files;
}

export function loadModel(root = ROOT) {
  return JSON.parse(readFileSync(join(root, SHAPE_FILE), 'utf8'));
}

/** AWS's endpoint rule set for the service and its partitions, as tools/update-endpoint-data.py copied them. */
export function loadEndpointData(root = ROOT) {
  return {
    ruleSet: JSON.parse(readFileSync(join(root, RULE_SET_FILE), 'utf8')),
    partitions: JSON.parse(readFileSync(join(root, PARTITIONS_FILE), 'utf8')),
  };
}

/** The files now under src/generated/, keyed as {@link generate} keys them. */
export function readGenerated(root = ROOT) {
  const base = join(root, OUTPUT_DIR);
  const files = new Map();
  if (!existsSync(base)) return files;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(base, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(base);
  return files;
}

function main() {
  const files = generate(loadModel(), loadEndpointData());
  if (process.argv.includes('--check')) {
    const current = readGenerated();
    const stale = [...new Set([...files.keys(), ...current.keys()])].filter((path) => files.get(path) !== current.get(path));
    if (stale.length) {
      console.error(`${OUTPUT_DIR} is out of date with ${SHAPE_FILE}: ${stale.join(', ')}. Run npm run generate.`);
      process.exit(1);
    }
    return;
  }
  const base = join(ROOT, OUTPUT_DIR);
  rmSync(base, { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  console.log(`Wrote ${files.size} files to ${OUTPUT_DIR}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
