/**
 * Error identity by brand, the scheme of the client's exceptions (src/runtime/errors/brand.ts): each
 * class marks its prototype with `Symbol.for('amazon-secretsmanager.<Name>')`, a symbol every copy of
 * the package and every realm shares. The cache reads the client's errors through it without
 * importing a single class, and brands its own exceptions the same way, so that `instanceof` holds
 * across the ES module and CommonJS builds and across two installed copies.
 */

/** True when `value` is an instance of the client's (or the cache's) exception class named `name`, from any copy. */
export function isBranded(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[Symbol.for(`amazon-secretsmanager.${name}`)] === true;
}

/**
 * Gives one of the cache's exception classes its `name` and its brand, and an `instanceof` that reads
 * the brand. Called from the class's static block, with the name spelled out for minifiers.
 */
export function registerException(cls: abstract new (...args: never[]) => Error, name: string): void {
  Object.defineProperty(cls.prototype, Symbol.for(`amazon-secretsmanager.${name}`), { value: true });
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(cls, Symbol.hasInstance, { value: (value: unknown) => isBranded(value, name) });
}
