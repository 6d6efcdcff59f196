import { AmazonClientException } from '../runtime/errors/AmazonClientException.js';
import { InvalidOperationException } from '../runtime/errors/InvalidOperationException.js';

/** How an operation pages: the shape file's `paginators` entry for it. */
export interface PaginatorShape {
  /** The operation (`ListSecrets`), for messages. */
  readonly operation: string;
  /** The request member that asks for the next page (`NextToken`). */
  readonly inputToken: string;
  /** The response member that holds the next page's token (`NextToken`). */
  readonly outputToken: string;
  /** The response member that lists the page's items (`SecretList`). */
  readonly items: string;
}

/** Sends one page's request: the client's `xxxAsync` method. */
export type PageSender<Request, Response> = (request: Request, abortSignal?: AbortSignal) => Promise<Response>;

/**
 * The engine under every generated paginator. Mirrors .NET's paginators (`ListSecretsPaginator`):
 * pages are fetched one at a time as the caller iterates, starting from the request's own token, until a
 * response has no next token; the paginator is single use. Unlike .NET it never writes the next token
 * into the caller's request: each page is sent with a copy.
 */
export class Paginator<Request extends object, Response extends object, Item> {
  readonly #send: PageSender<Request, Response>;
  readonly #shape: PaginatorShape;
  readonly #request: Request;
  readonly #abortSignal: AbortSignal | undefined;
  #consumed = false;

  /** @internal Made by the generated paginator factory (`client.paginators`). */
  constructor(send: PageSender<Request, Response>, shape: PaginatorShape, request: Request, abortSignal?: AbortSignal) {
    this.#send = send;
    this.#shape = shape;
    this.#request = request;
    this.#abortSignal = abortSignal;
  }

  /**
   * Each page, as the service answers it. Iterating starts the paging; a paginator can be iterated once
   * (through `responses` or its items), a second time throws {@link InvalidOperationException}.
   */
  get responses(): AsyncIterable<Response> {
    return { [Symbol.asyncIterator]: () => this.#pages() };
  }

  /** Each item of each page, in order; the generated paginators expose it under the member's name. */
  protected items(): AsyncIterable<Item> {
    return { [Symbol.asyncIterator]: () => this.#items() };
  }

  async *#items(): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.#pages()) yield* ((page as Record<string, unknown>)[this.#shape.items] as Item[] | undefined) ?? [];
  }

  #pages(): AsyncGenerator<Response, void, undefined> {
    // Checked when iteration starts, as .NET checks in GetAsyncEnumerator, so that the second loop fails at once.
    if (this.#consumed) {
      throw new InvalidOperationException(`This ${this.#shape.operation} paginator has already been consumed and cannot be reused; create a new one with client.paginators.`);
    }
    this.#consumed = true;
    return this.#fetch();
  }

  async *#fetch(): AsyncGenerator<Response, void, undefined> {
    const { inputToken, outputToken, operation } = this.#shape;
    const signal = this.#abortSignal;
    let token = (this.#request as Record<string, unknown>)[inputToken] as string | undefined;
    for (;;) {
      // Aborted between pages (by the loop's body, say): no further request is sent.
      signal?.throwIfAborted();
      const response = await this.#send({ ...this.#request, [inputToken]: token }, signal);
      signal?.throwIfAborted();
      const next = (response as Record<string, unknown>)[outputToken] as string | undefined;
      yield response;
      // An empty token ends the listing as an absent one does (.NET: string.IsNullOrEmpty).
      if (next === undefined || next === '') return;
      // A service that hands back the token it was given would page forever; botocore stops the same way.
      if (next === token) throw new AmazonClientException(`${operation} answered with the same ${outputToken} it was sent; paging stopped to avoid an endless loop.`);
      token = next;
    }
  }
}
