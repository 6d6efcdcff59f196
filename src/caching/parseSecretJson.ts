import type { StandardSchemaV1 } from './StandardSchemaV1.js';
import { SecretValidationException } from './SecretValidationException.js';

/** What `getSecretJson` accepts as `parse`: a function of the parsed JSON, or any Standard Schema validator. */
export type SecretParser<T> = ((json: unknown) => T) | StandardSchemaV1<unknown, T>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a secret: its SecretString, else its SecretBinary if that is UTF-8. */
function textOf(secretId: string, value: { SecretString?: string | undefined; SecretBinary?: Uint8Array | undefined }): string {
  if (value.SecretString !== undefined) return value.SecretString;
  if (value.SecretBinary !== undefined) {
    try {
      return utf8.decode(value.SecretBinary);
    } catch {
      // Not text: the decoder's error is dropped with the bytes it read.
    }
  }
  throw new SecretValidationException(secretId, 'no-string');
}

/** `a.b[2]` from a Standard Schema issue's path. */
function formatPath(path: StandardSchemaV1.Issue['path']): string {
  let out = '';
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * The secret's text parsed as JSON and, with `parse`, validated or transformed. A JSON syntax error
 * becomes a {@link SecretValidationException} without the parser's message, which quotes the input.
 * A schema's failure keeps only the paths of its issues: their messages may quote values too. A parse
 * function's own error propagates as it was thrown: it is the application's code and its message.
 */
export async function parseSecretJson<T>(secretId: string, value: { SecretString?: string | undefined; SecretBinary?: Uint8Array | undefined }, parse: SecretParser<T> | undefined): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(textOf(secretId, value));
  } catch (error) {
    if (error instanceof SecretValidationException) throw error;
    throw new SecretValidationException(secretId, 'not-json');
  }
  if (parse === undefined) return json as T;
  if (typeof parse === 'function') return parse(json);
  const result = await parse['~standard'].validate(json);
  if (result.issues === undefined) return result.value;
  throw new SecretValidationException(secretId, 'invalid', [...new Set(result.issues.map((issue) => formatPath(issue.path)))]);
}
