/**
 * Exception identity that survives two copies of this package in one app (a bundler that duplicates
 * it, a library that pins another version): `instanceof` and the `isXxx()` guards compare a brand
 * registered under `Symbol.for`, which every copy and every realm shares, instead of the prototype.
 */
const BRAND = Symbol.for('amazon-secretsmanager.brand');

type Branded = { [BRAND]?: symbol };

/**
 * Gives an exception class its `name` and its brand. Called once from each class's static block,
 * with the name spelled out so that minifiers cannot rename it.
 */
export function registerException(cls: abstract new (...args: never[]) => Error, name: string): void {
  const brand = Symbol.for(`amazon-secretsmanager.${name}`);
  Object.defineProperty(cls, BRAND, { value: brand });
  Object.defineProperty(cls.prototype, brand, { value: true });
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** The `Symbol.hasInstance` of every exception class. */
export function hasBrand(cls: Function, value: unknown): boolean {
  const brand = Object.hasOwn(cls, BRAND) ? (cls as Branded)[BRAND] : undefined;
  // A user's own subclass has no brand of its own: plain prototype identity applies to it.
  if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(cls, value);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
