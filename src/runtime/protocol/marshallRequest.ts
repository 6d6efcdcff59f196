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

/** Shows a rejected number unless the member is sensitive (a string is never echoed, only its length). */
function shown(member: MemberShape, value: number): string {
  return member.sensitive ? '' : ` (got ${value})`;
}

/** A minimum, the only bound checked before sending (as botocore does); maximums are the service's. */
function checkMin(context: Context, path: string, min: number | undefined, size: number, constraint: ValidationConstraint, unit: string, got: string): void {
  if (min === undefined || size >= min) return;
  fail(context, path, constraint, `must be at least ${min}${unit}${got}.`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

function marshallMember(context: Context, path: string, member: MemberShape, value: unknown): unknown {
  switch (member.kind) {
    case 'string': {
      if (typeof value !== 'string') fail(context, path, 'type', `must be a string, not ${describe(value)}.`);
      // Smithy counts a string's length in Unicode code points, not UTF-16 units; only a string shorter
      // than its minimum in UTF-16 units can be short in code points, so most are never counted.
      if (member.min !== undefined && value.length < member.min * 2) {
        const length = [...value].length;
        checkMin(context, path, member.min, length, 'length', ' characters long', member.sensitive ? '' : ` (it has ${length})`);
      }
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
      checkMin(context, path, member.min, value, 'range', '', shown(member, value));
      return value;
    }
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(context, path, 'type', `must be a valid Date, not ${describe(value)}.`);
      return value.getTime() / 1000;
    case 'blob': {
      const bytes = typeof value === 'string' ? utf8.encode(value) : value;
      if (!(bytes instanceof Uint8Array)) fail(context, path, 'type', `must be a Uint8Array or a string, not ${describe(value)}.`);
      return toBase64(bytes);
    }
    case 'structure':
      if (!isPlainObject(value)) fail(context, path, 'type', `must be an object, not ${describe(value)}.`);
      return marshallStructure(context, `${path}.`, member.shape, value);
    case 'list': {
      if (!Array.isArray(value)) fail(context, path, 'type', `must be an array, not ${describe(value)}.`);
      checkMin(context, path, member.min, value.length, 'length', ' entries long', ` (it has ${value.length})`);
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
