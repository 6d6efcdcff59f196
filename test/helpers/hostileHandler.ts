/**
 * The hostile-response tests' transport: a plain `httpHandler` object that answers each attempt with the
 * next scripted response (any status, any header object, any body bytes) delivered in any form a
 * transport may hand over (bytes, text, chunked async iterable, web ReadableStream, Node Readable, Blob),
 * optionally failing mid-body with an {@link InjectedFault}. Everything from signing to parsing is the real
 * client; sleep is instant and the clock advances on its own, so nothing waits.
 */
import { Readable } from 'node:stream';
import { SecretsManagerClient, type AmazonSecretsManagerConfig, type HttpHandler, type HttpRequest, type HttpResponse } from '../../src/index.node.js';

/** The error a scripted body stream fails with; a transport failure the client reports must carry exactly it. */
export class InjectedFault extends Error {
  constructor(message = 'the scripted body stream failed mid-way') {
    super(message);
    this.name = 'InjectedFault';
  }
}

/** How the body reaches the client. */
export const BODY_FORMS = ['bytes', 'buffer', 'string', 'iterable', 'web-stream', 'node-readable', 'blob', 'absent', 'not-bytes'] as const;
export type BodyForm = (typeof BODY_FORMS)[number];

/** One scripted answer. */
export interface HostileAnswer {
  readonly status: number;
  readonly headers: HttpResponse['headers'];
  readonly body: Uint8Array;
  readonly form: BodyForm;
  /** Chunk size for the streaming forms (at least 1). */
  readonly chunkSize?: number;
  /** For the streaming forms: fail with an {@link InjectedFault} after this many chunks. */
  readonly failAfterChunks?: number | undefined;
}

function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) out.push(bytes.slice(offset, offset + size));
  return out;
}

/** The body in the answer's form. Streams are built fresh on every call: they can be read only once. */
export function deliverBody(answer: HostileAnswer): { body: unknown; fault: InjectedFault | undefined } {
  const { body: bytes, form } = answer;
  const chunks = chunksOf(bytes, Math.max(1, answer.chunkSize ?? 16));
  const failAt = answer.failAfterChunks;
  const fault = failAt === undefined || !['iterable', 'web-stream', 'node-readable'].includes(form) ? undefined : new InjectedFault();
  const kept = fault === undefined ? chunks : chunks.slice(0, failAt);
  switch (form) {
    case 'bytes':
      return { body: bytes, fault };
    case 'buffer':
      return { body: Buffer.from(bytes), fault };
    case 'string':
      return { body: new TextDecoder().decode(bytes), fault };
    case 'blob':
      return { body: new Blob([new Uint8Array(bytes)]), fault };
    case 'absent':
      return { body: undefined, fault };
    case 'not-bytes':
      // A broken transport: a stream whose chunks are not bytes after the first few.
      return {
        body: (async function* () {
          yield* chunks.slice(0, 2);
          yield { length: 3 } as unknown as Uint8Array;
        })(),
        fault,
      };
    case 'iterable':
      return {
        body: (async function* () {
          for (const [index, chunk] of kept.entries()) {
            await Promise.resolve();
            // Alternate bytes and text, as hand-written transports do.
            yield index % 3 === 2 ? new TextDecoder().decode(chunk) : chunk;
          }
          if (fault) throw fault;
        })(),
        fault,
      };
    case 'web-stream': {
      let index = 0;
      return {
        body: new ReadableStream<Uint8Array>({
          pull(controller) {
            if (index < kept.length) controller.enqueue(kept[index++]!);
            else if (fault) controller.error(fault);
            else controller.close();
          },
        }),
        fault,
      };
    }
    case 'node-readable': {
      let index = 0;
      const stream = new Readable({
        read() {
          if (index < kept.length) this.push(Buffer.from(kept[index++]!));
          else if (fault) this.destroy(fault);
          else this.push(null);
        },
      });
      return { body: stream, fault };
    }
  }
}

/** What the handler saw and handed out. */
export interface ScriptedHandler extends HttpHandler {
  readonly requests: HttpRequest[];
  /** The faults built into the bodies handed out, in order. */
  readonly faults: InjectedFault[];
}

/**
 * Answers attempt n (1-based) with `script[n - 1]`, or the last entry once the script runs out; or with
 * `script(n)` when it is a function.
 */
export function scriptedHandler(script: readonly HostileAnswer[] | ((attempt: number) => HostileAnswer)): ScriptedHandler {
  const requests: HttpRequest[] = [];
  const faults: InjectedFault[] = [];
  return {
    requests,
    faults,
    async handle(request: HttpRequest) {
      requests.push(request);
      const answer = typeof script === 'function' ? script(requests.length) : script[Math.min(requests.length, script.length) - 1]!;
      const { body, fault } = deliverBody(answer);
      if (fault) faults.push(fault);
      return { response: { statusCode: answer.status, headers: answer.headers, body } };
    },
  };
}

export const HOSTILE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** A clock that starts at 2024-01-02T03:04:05Z and moves on by one millisecond each time it is read. */
export function advancingClock(start = Date.parse('2024-01-02T03:04:05Z')): () => Date {
  let now = start;
  return () => new Date(now++);
}

/**
 * A client whose transport plays `script`, with an instant sleep (the waits it was asked for are kept in
 * `sleeps`) and an advancing clock. `config` overrides anything, e.g. `maxErrorRetry`.
 */
export function hostileClient(script: Parameters<typeof scriptedHandler>[0], config: Partial<AmazonSecretsManagerConfig> = {}) {
  const handler = scriptedHandler(script);
  const sleeps: number[] = [];
  const client = new SecretsManagerClient({
    region: 'us-east-1',
    credentials: HOSTILE_CREDENTIALS,
    httpHandler: handler,
    clock: advancingClock(),
    randomUUID: () => '00000000-0000-4000-8000-000000000000',
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
    },
    ...config,
  });
  return { client, handler, sleeps };
}

/** How a call settled; `'hung'` when it did neither within the bound. */
export type Settlement = { readonly status: 'resolved'; readonly value: unknown } | { readonly status: 'rejected'; readonly error: unknown } | { readonly status: 'hung' };

/** Waits for `promise` at most `ms` milliseconds (a real timer, cleared as soon as the promise settles). */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<Settlement> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<Settlement>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'hung' }), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settlement => ({ status: 'resolved', value }),
        (error: unknown): Settlement => ({ status: 'rejected', error }),
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
