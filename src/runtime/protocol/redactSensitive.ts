import type { MemberShape, StructureShape } from './schema.js';

const REDACTED = '***';

function redactMember(member: MemberShape, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (member.sensitive) return REDACTED;
  switch (member.kind) {
    case 'structure':
      return typeof value === 'object' ? redactSensitive(value as object, member.shape) : value;
    case 'list':
      return Array.isArray(value) ? value.map((item) => redactMember(member.member, item)) : value;
    case 'map':
      return typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactMember(member.value, item)])) : value;
    default:
      return value;
  }
}

/**
 * A copy of a model object for display, with every sensitive member (the shape file's `sensitive`
 * flag), however deep, replaced by `'***'`. Generated classes use it for `toJSON` and `util.inspect`.
 */
export function redactSensitive(value: object, shape: StructureShape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    out[name] = Object.hasOwn(shape.members, name) ? redactMember(shape.members[name]!, item) : item;
  }
  return out;
}

/** The `inspect` that Node hands a `util.inspect.custom` method. */
export type InspectFunction = (value: unknown, options: object) => string;

/**
 * What `util.inspect` prints for a model object with sensitive members: the class name, as for any other
 * class instance, then its members with the sensitive ones as `'***'`. The name is the shape's, which no
 * minifier renames.
 */
export function inspectRedacted(value: object, shape: StructureShape, depth: number, options: object, inspect: InspectFunction): string {
  if (depth < 0) return `[${shape.name}]`;
  return `${shape.name} ${inspect(redactSensitive(value, shape), { ...options, depth })}`;
}
