/**
 * Freezes a parsed secret, its plain objects and arrays all the way down, and returns it. The cache
 * gives every reader of a version the same parsed object: one reader deleting a field before logging
 * it must not change what the next reader gets. Instances of classes (a Date or a Map a schema made)
 * are left as they are: freezing does not make them immutable, and their methods may need to write.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    const prototype = Object.getPrototypeOf(value);
    if (Array.isArray(value) || prototype === Object.prototype || prototype === null) {
      Object.freeze(value);
      for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}
