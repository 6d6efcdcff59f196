/**
 * The package's exception identity (`instanceof` that holds across copies of the package), for the
 * classes of this folder. The main entry does not export its own helper, and this folder uses only the
 * public API, so the rule is restated here: both key their brands in the `Symbol.for` registry under the
 * same names, which is what makes a class of one copy recognise an instance made by another.
 */
const BRAND = Symbol.for('amazon-secretsmanager.brand');

/** Gives an exception class its `name` (spelled out, so minifiers cannot rename it) and its brand. */
export function registerException(cls: abstract new (...args: never[]) => Error, name: string): void {
  const brand = Symbol.for(`amazon-secretsmanager.${name}`);
  Object.defineProperty(cls, BRAND, { value: brand });
  Object.defineProperty(cls.prototype, brand, { value: true });
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** The `Symbol.hasInstance` of every exception class of this folder. */
export function hasBrand(cls: Function, value: unknown): boolean {
  const brand = Object.hasOwn(cls, BRAND) ? (cls as { [BRAND]?: symbol })[BRAND] : undefined;
  // A user's own subclass has no brand of its own: plain prototype identity applies to it.
  if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(cls, value);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
