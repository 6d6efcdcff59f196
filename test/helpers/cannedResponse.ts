/**
 * A SecretsManagerClient whose transport answers every call with one canned HTTP response, for tests of
 * how the client reads what comes back (errors, broken successes). The transport is a plain
 * `httpHandler` object, so everything from signing to parsing is the real client code.
 */
import { SecretsManagerClient, type HttpHandler, type HttpRequest, type HttpResponse, type SecretsManagerClient as Client } from '../../src/index.node.js';

/** What the fake transport answers. `body` is anything a transport may deliver: bytes, text, a stream, an async iterable. */
export interface CannedResponse {
  statusCode: number;
  headers?: HttpResponse['headers'];
  body?: unknown;
}

/** A canned response, or a function building a fresh one per call (streams can be read only once). */
export type CannedAnswer = CannedResponse | (() => CannedResponse);

/** The constructor of a SecretsManagerClient, possibly from another copy of the package. */
export type ClientClass = new (config: ConstructorParameters<typeof SecretsManagerClient>[0]) => Pick<Client, 'rotateSecretAsync'>;

/** An `httpHandler` that records each request it is handed and answers with the canned response. */
export function cannedHandler(answer: CannedAnswer): HttpHandler & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async handle(request: HttpRequest) {
      requests.push(request);
      const { statusCode, headers = {}, body } = typeof answer === 'function' ? answer() : answer;
      return { response: { statusCode, headers, body } };
    },
  };
}

/** A client (of the given copy of the package, this one by default) whose every call gets the canned answer. */
export function cannedClient(answer: CannedAnswer, Client: ClientClass = SecretsManagerClient) {
  const httpHandler = cannedHandler(answer);
  const client = new Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    httpHandler,
    clock: () => new Date('2024-01-02T03:04:05Z'),
    randomUUID: () => '00000000-0000-4000-8000-000000000000',
  });
  return { client, requests: httpHandler.requests };
}

import { rejectionOf } from './outcomes.js';

export { rejectionOf };

/** Calls rotateSecretAsync against the canned answer and returns what it throws. */
export function rotateFailsWith(answer: CannedAnswer, Client?: ClientClass): Promise<unknown> {
  return rejectionOf(cannedClient(answer, Client).client.rotateSecretAsync({ SecretId: 'MySecret' }));
}
