import { ServiceError, validationError } from './ServiceError.js';

/** A request body as JSON gives it: the emulator trusts nothing in it. */
export type Input = Record<string, unknown>;

interface Bounds {
  required?: boolean;
  min?: number;
  max?: number;
  /** Never echoed in an error message. */
  sensitive?: boolean;
}

// A member of the wrong JSON type is a deserialization failure to the service, before validation.
const wrongType = (member: string, expected: string): ServiceError =>
  new ServiceError('SerializationException', `${member} must be ${expected}.`, 400, false);

function missing(member: string, required: boolean | undefined): undefined {
  if (required) throw validationError(member, undefined, 'Member must not be null');
  return undefined;
}

/**
 * The readers below apply the model's constraints (model/secretsmanager.json: `required`, `min`,
 * `max` of each member) the way the service's request validator does. Clients that validate first
 * (this SDK, botocore for `required` and `min`) never send such a request; AWS's JavaScript client
 * and raw HTTP do.
 */
export function readString(input: Input, member: string, bounds: Bounds = {}): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return missing(member, bounds.required);
  if (typeof value !== 'string') throw wrongType(member, 'a string');
  if (bounds.min !== undefined && value.length < bounds.min) {
    throw validationError(member, value, `Member must have length greater than or equal to ${bounds.min}`, bounds.sensitive);
  }
  if (bounds.max !== undefined && value.length > bounds.max) {
    throw validationError(member, value, `Member must have length less than or equal to ${bounds.max}`, bounds.sensitive);
  }
  return value;
}

export function readNumber(input: Input, member: string, bounds: Bounds = {}): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return missing(member, bounds.required);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(member, 'an integer');
  if (bounds.min !== undefined && value < bounds.min) throw validationError(member, value, `Member must have value greater than or equal to ${bounds.min}`);
  if (bounds.max !== undefined && value > bounds.max) throw validationError(member, value, `Member must have value less than or equal to ${bounds.max}`);
  return value;
}

export function readBoolean(input: Input, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(member, 'a boolean');
  return value;
}

export function readList(input: Input, member: string, bounds: Bounds = {}): unknown[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return missing(member, bounds.required);
  if (!Array.isArray(value)) throw wrongType(member, 'a list');
  if (bounds.min !== undefined && value.length < bounds.min) throw validationError(member, value, `Member must have length greater than or equal to ${bounds.min}`);
  if (bounds.max !== undefined && value.length > bounds.max) throw validationError(member, value, `Member must have length less than or equal to ${bounds.max}`);
  return value;
}

export function readStringList(input: Input, member: string, bounds: Bounds & { itemMin?: number; itemMax?: number } = {}): string[] | undefined {
  const list = readList(input, member, bounds);
  if (list === undefined) return undefined;
  return list.map((item, i) => {
    const one = readString({ [`${member}.${i + 1}.member`]: item }, `${member}.${i + 1}.member`, { required: true, min: bounds.itemMin, max: bounds.itemMax });
    return one as string;
  });
}

export function readStructure(input: Input, member: string, required = false): Input | undefined {
  const value = input[member];
  if (value === undefined || value === null) return missing(member, required);
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(member, 'a structure');
  return value as Input;
}

/** A list of structures, each checked to be an object. */
export function readStructureList(input: Input, member: string, bounds: Bounds = {}): Input[] | undefined {
  const list = readList(input, member, bounds);
  return list?.map((item, i) => readStructure({ [`${member}.${i + 1}.member`]: item }, `${member}.${i + 1}.member`, true) as Input);
}

/** A blob member: base64 text on the wire (awsJson1_1). */
export function readBlob(input: Input, member: string, bounds: Bounds = {}): Uint8Array | undefined {
  const text = readString(input, member, { required: bounds.required });
  if (text === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    throw wrongType(member, 'base64-encoded');
  }
  if (bounds.min !== undefined && bytes.length < bounds.min) throw validationError(member, text, `Member must have length greater than or equal to ${bounds.min}`, true);
  if (bounds.max !== undefined && bytes.length > bounds.max) throw validationError(member, text, `Member must have length less than or equal to ${bounds.max}`, true);
  return bytes;
}
