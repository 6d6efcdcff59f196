/** What stands in a text for a credential value the client knows: the mark of a sensitive member too. */
export const REDACTED = '***';

/**
 * How many values (access key ids, secret keys, session tokens) are remembered, the newest kept: the
 * configured set and the last 64 sets a provider returned. A provider of temporary credentials
 * returns a new set about every hour, so this covers days of a long-running process without keeping
 * every token of its life.
 */
const REMEMBERED_VALUES = 3 * 65;

/** How deep the cause chain (and nested errors, arrays and plain objects) of an error is searched. */
const MAX_DEPTH = 8;

/**
 * Every credential value the client knows: the access key id, the secret key and the session token of
 * the configured credentials and of the sets its provider returned. They are taken out of what the
 * client raises and logs: a provider may quote a key in its own error (the one it returned before,
 * echoed by a refresh that failed; the output of a process it ran), and a service may quote the session
 * token in a signature error's canonical request. Values shorter than 8 characters are not looked for:
 * every real AWS value is longer, and replacing a short string (the `'a'` of a test) would garble any
 * message that happens to contain it.
 */
export class KnownCredentials {
  /** Insertion order is age: the oldest is dropped first. */
  readonly #values = new Set<string>();

  /** Remembers the values of a credential set: from now on they are replaced wherever the client reports. */
  remember(credentials: { readonly accessKeyId?: unknown; readonly secretAccessKey?: unknown; readonly sessionToken?: unknown }): void {
    for (const value of [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]) {
      if (typeof value !== 'string' || value.length < 8) continue;
      this.#values.delete(value);
      this.#values.add(value);
    }
    for (const oldest of this.#values) {
      if (this.#values.size <= REMEMBERED_VALUES) break;
      this.#values.delete(oldest);
    }
  }

  /** The text with every known value replaced by {@link REDACTED}; the longest first, as one may hold another. */
  redact(text: string): string {
    for (const value of [...this.#values].sort((a, b) => b.length - a.length)) text = text.replaceAll(value, REDACTED);
    return text;
  }

  /**
   * Takes every known value out of an error the client is about to raise: its own string properties
   * (message and stack included) and, as `util.inspect` prints them, those of its cause chain, of the
   * errors of an AggregateError, and of the errors, arrays and plain objects its properties hold. An
   * error that cannot be changed (frozen by its maker) is replaced where it hangs by an Error with the
   * cleaned message and stack. Returns the error to raise.
   */
  scrub<E>(error: E): E {
    return this.#values.size === 0 ? error : (this.#scrub(error, 0) as E);
  }

  // No record of objects already seen: redacting twice changes nothing, and the depth bounds a cycle.
  #scrub(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redact(value);
    const isError = value instanceof Error;
    // Only what inspect shows of an error: not sockets, buffers or class instances of other kinds.
    if (!(isError || Array.isArray(value) || (value as object | undefined)?.constructor === Object) || depth > MAX_DEPTH) return value;
    const object = value as Record<PropertyKey, unknown>;
    for (const name of Reflect.ownKeys(object)) {
      // `stack` is an accessor on newer V8: read through it. Other accessors are left alone.
      const current = name === 'stack' ? object.stack : Object.getOwnPropertyDescriptor(object, name)?.value;
      const next = this.#scrub(current, depth + 1);
      if (next === current) continue;
      try {
        Object.defineProperty(object, name, { value: next });
      } catch {
        // Frozen by its maker: an Error with the cleaned stack (which opens with the name and message) stands in.
        if (isError) return Object.defineProperty(new Error(this.redact(String(object.message))), 'stack', { value: this.redact(String(object.stack)) });
      }
    }
    return value;
  }
}
