import { toBase64 } from './base64.js';
import { utf8 } from '../transport/bytes.js';
import { RequestValidationException, type ValidationConstraint } from '../errors/RequestValidationException.js';
import type { MemberShape, StructureShape } from './schema.js';

interface Context {
  readonly requestType: string;
  readonly newToken: () => string;
}

function fail(context: Context, path: string, constraint: ValidationConstraint, rule: string): never {
  throw new RequestValidationException(`${context.requestType}.${path} ${rule}`, { requestType: context.requestType, memberPath: path, constraint });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Shows a rejected value unless the member is sensitive; long values are cut. */
function shown(member: MemberShape, value: unknown): string {
  if (member.sensitive) return '';
  const text = typeof value === 'string' ? JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value) : String(value);
  return ` (got ${text})`;
}

function checkBounds(context: Context, path: string, member: { min?: number; max?: number }, size: number, constraint: ValidationConstraint, unit: string, got: string): void {
  const { min, max } = member;
  if ((min === undefined || size >= min) && (max === undefined || size <= max)) return;
  const range = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
  fail(context, path, constraint, `must be ${range}${unit}${got}.`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

function marshallMember(context: Context, path: string, member: MemberShape, value: unknown): unknown {
  switch (member.kind) {
    case 'string': {
      if (typeof value !== 'string') fail(context, path, 'type', `must be a string, not ${describe(value)}.`);
      // Smithy counts a string's length in Unicode code points, not UTF-16 units.
      const length = member.min === undefined && member.max === undefined ? 0 : [...value].length;
      checkBounds(context, path, member, length, 'length', ' characters long', member.sensitive ? '' : ` (it has ${length})`);
      if (member.pattern && !member.pattern.test(value)) fail(context, path, 'pattern', `must match the pattern ${member.pattern.source}${shown(member, value)}.`);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail(context, path, 'type', `must be a boolean, not ${describe(value)}.`);
      return value;
    case 'integer':
    case 'long':
    case 'double': {
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(context, path, 'type', `must be a finite number, not ${describe(value)}${typeof value === 'number' ? shown(member, value) : ''}.`);
      if (member.kind !== 'double' && !Number.isSafeInteger(value)) fail(context, path, 'type', `must be a whole number${shown(member, value)}.`);
      checkBounds(context, path, member, value, 'range', '', shown(member, value));
      return value;
    }
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(context, path, 'type', `must be a valid Date, not ${describe(value)}.`);
      return value.getTime() / 1000;
    case 'blob': {
      const bytes = typeof value === 'string' ? utf8.encode(value) : value;
      if (!(bytes instanceof Uint8Array)) fail(context, path, 'type', `must be a Uint8Array or a string, not ${describe(value)}.`);
      checkBounds(context, path, member, bytes.length, 'length', ' bytes long', member.sensitive ? '' : ` (it has ${bytes.length})`);
      return toBase64(bytes);
    }
    case 'structure':
      if (!isPlainObject(value)) fail(context, path, 'type', `must be an object, not ${describe(value)}.`);
      return marshallStructure(context, `${path}.`, member.shape, value);
    case 'list': {
      if (!Array.isArray(value)) fail(context, path, 'type', `must be an array, not ${describe(value)}.`);
      checkBounds(context, path, member, value.length, 'length', ' entries long', ` (it has ${value.length})`);
      // A plain loop, not map(): map() skips the holes of a sparse array, which would go out as null.
      const items: unknown[] = [];
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (item === undefined || item === null) fail(context, `${path}[${index}]`, 'type', `must not be ${item}.`);
        items.push(marshallMember(context, `${path}[${index}]`, member.member, item));
      }
      return items;
    }
    case 'map': {
      if (!isPlainObject(value)) fail(context, path, 'type', `must be an object, not ${describe(value)}.`);
      const entries = Object.entries(value);
      checkBounds(context, path, member, entries.length, 'length', ' entries', ` (it has ${entries.length})`);
      const out: Record<string, unknown> = {};
      for (const [key, item] of entries) {
        marshallMember(context, `${path}[${JSON.stringify(key)}]`, member.key, key);
        if (item === undefined || item === null) fail(context, `${path}[${JSON.stringify(key)}]`, 'type', `must not be ${item}.`);
        out[key] = marshallMember(context, `${path}[${JSON.stringify(key)}]`, member.value, item);
      }
      return out;
    }
  }
}

function marshallStructure(context: Context, prefix: string, shape: StructureShape, value: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape.members, key) && value[key] !== undefined) {
      fail(context, `${prefix}${key}`, 'unknownMember', `is not a member of ${shape.name} (members: ${Object.keys(shape.members).join(', ')}).`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    let item = value[name];
    // null is .NET's "not set": it is left out of the body like undefined.
    if (item === undefined || item === null) {
      if (member.kind === 'string' && member.idempotencyToken) item = context.newToken();
      else if (member.required) fail(context, `${prefix}${name}`, 'required', 'is required.');
      else continue;
    }
    out[name] = marshallMember(context, `${prefix}${name}`, member, item);
  }
  return out;
}

/**
 * Checks a request against its shape and returns the JSON object to send: only the members that are
 * set, timestamps as epoch seconds, blobs as base64, an unset idempotency token filled with
 * `newToken()`. Throws {@link RequestValidationException} naming the member and the rule.
 */
export function marshallRequest(shape: StructureShape, request: unknown, newToken: () => string): Record<string, unknown> {
  const context: Context = { requestType: shape.name, newToken };
  if (!isPlainObject(request)) {
    throw new RequestValidationException(`The request must be a ${shape.name} or an object of the same shape, not ${describe(request)}.`, { requestType: shape.name, memberPath: '', constraint: 'type' });
  }
  return marshallStructure(context, '', shape, request);
}
