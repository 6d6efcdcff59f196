import { fromBase64 } from './base64.js';
import type { MemberShape, StructureShape } from './schema.js';

/** A member of the response whose JSON type does not fit the model; the caller turns it into an exception. */
export class UnexpectedMemberError extends Error {
  constructor(readonly memberPath: string, expected: string) {
    super(`member ${memberPath} is not ${expected}`);
  }
}

const EPOCH_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readMember(path: string, member: MemberShape, value: unknown): unknown {
  switch (member.kind) {
    case 'string':
      if (typeof value !== 'string') throw new UnexpectedMemberError(path, 'a string');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new UnexpectedMemberError(path, 'a boolean');
      return value;
    case 'integer':
    case 'long':
    case 'double':
      if (typeof value !== 'number') throw new UnexpectedMemberError(path, 'a number');
      return value;
    case 'timestamp': {
      // awsJson1_1 sends epoch seconds, possibly fractional. Epoch seconds as a string (as AWS's own
      // examples write them, botocore's examples-1.json) and ISO text are read too, as botocore's
      // parse_timestamp and the JS v3 client read them.
      const date =
        typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(EPOCH_TEXT.test(value) ? Number(value) * 1000 : value) : undefined;
      if (date === undefined || Number.isNaN(date.getTime())) throw new UnexpectedMemberError(path, 'a timestamp');
      return date;
    }
    case 'blob':
      if (typeof value !== 'string') throw new UnexpectedMemberError(path, 'a base64 string');
      try {
        return fromBase64(value);
      } catch {
        throw new UnexpectedMemberError(path, 'valid base64');
      }
    case 'structure':
      if (!isObject(value)) throw new UnexpectedMemberError(path, 'an object');
      return member.shape.create ? Object.assign(member.shape.create(), readStructure(`${path}.`, member.shape, value)) : readStructure(`${path}.`, member.shape, value);
    case 'list':
      if (!Array.isArray(value)) throw new UnexpectedMemberError(path, 'an array');
      return value.filter((item) => item !== null).map((item, index) => readMember(`${path}[${index}]`, member.member, item));
    case 'map': {
      if (!isObject(value)) throw new UnexpectedMemberError(path, 'an object');
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (item !== null) out[key] = readMember(`${path}[${JSON.stringify(key)}]`, member.value, item);
      }
      return out;
    }
  }
}

function readStructure(prefix: string, shape: StructureShape, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const item = value[name];
    // Absent and null both mean "not set"; members the model does not know (newer than this SDK) are dropped.
    if (item !== undefined && item !== null) out[name] = readMember(`${prefix}${name}`, member, item);
  }
  return out;
}

/**
 * Reads the members of a parsed response body by its shape: timestamps become `Date`, blobs
 * `Uint8Array`. Throws {@link UnexpectedMemberError} for a member whose JSON type does not fit.
 */
export function unmarshallResponse(shape: StructureShape, body: Record<string, unknown>): Record<string, unknown> {
  return readStructure('', shape, body);
}
