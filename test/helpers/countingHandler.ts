/**
 * A transport for the validation and configuration tests: it records every request the client hands
 * it (already signed) and answers 200 with an empty RotateSecret result, so a test can assert that
 * nothing was sent, or inspect what was.
 */
import type { HttpHandler, HttpRequest, HttpResponse } from '../../src/index.node.js';

export interface CountingHandler extends HttpHandler {
  /** The requests handed to `handle`, in order. */
  readonly requests: HttpRequest[];
  /** How many times `handle` was called. */
  readonly calls: number;
  /** The JSON body of the last request. */
  lastBody(): Record<string, unknown>;
}

export function countingHandler(): CountingHandler {
  const requests: HttpRequest[] = [];
  return {
    requests,
    get calls() {
      return requests.length;
    },
    lastBody() {
      const last = requests.at(-1);
      if (last === undefined) throw new Error('no request was sent');
      const body = typeof last.body === 'string' ? last.body : new TextDecoder().decode(last.body);
      return JSON.parse(body) as Record<string, unknown>;
    },
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      requests.push(request);
      return {
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' },
          body: new TextEncoder().encode('{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf","Name":"s"}'),
        },
      };
    },
  };
}

/** What a rejected promise rejected with (fails if it resolved). */
export { rejectionOf as rejection } from './outcomes.js';

/** What a function threw (fails if it returned). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the function to throw, but it returned');
}
