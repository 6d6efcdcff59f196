/**
 * Exception identity that survives two copies of this package in one app (a bundler that duplicates
 * it, a library that pins another version): `instanceof` and the `isXxx()` guards compare a brand
 * registered under `Symbol.for`, which every copy and every realm shares, instead of the prototype.
 */
const BRAND = Symbol.for('amazon-secretsmanager.brand');

type Branded = { [BRAND]?: symbol };

/**
 * Gives an exception class its `name` and its brand, and returns the brand. Called once per class, as
 * the class is defined, from the initialiser of its static `brand` field, with the name spelled out so
 * that minifiers cannot rename it:
 *
 *     static readonly brand = /* @__PURE__ *\/ registerException(this, 'ResourceNotFoundException');
 *
 * Not a static block: the default browser targets of current bundlers (Vite's baseline, with Safari 16)
 * lack static blocks, so the bundler would rewrite the class and every private field in it into
 * WeakMap helpers. And not a call after the class: a bundler must keep a module-level call, so every
 * exception would stay in every app. A static field's pure initialiser is dropped with its class when an
 * app never uses the class, by esbuild, Rollup (Vite 7) and Rolldown (Vite 8) alike
 * (test/bundle-budget.test.ts checks it).
 */
export function registerException(cls: abstract new (...args: never[]) => Error, name: string): symbol {
  const brand = Symbol.for(`amazon-secretsmanager.${name}`);
  Object.defineProperty(cls, BRAND, { value: brand });
  Object.defineProperty(cls.prototype, brand, { value: true });
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
  return brand;
}

/** The `Symbol.hasInstance` of every exception class. */
export function hasBrand(cls: Function, value: unknown): boolean {
  const brand = Object.hasOwn(cls, BRAND) ? (cls as Branded)[BRAND] : undefined;
  // A user's own subclass has no brand of its own: plain prototype identity applies to it.
  if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(cls, value);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
