// Paginators (.NET's client.Paginators): each page and each item as async iterables, single use, the
// caller's request left alone, and an AbortSignal that stops paging at once. Against a real node:http
// server that pages as the service documents it (NextToken in, NextToken out, none on the last page):
// moto ignores MaxResults for ListSecretVersionIds, so its paging is tested here and not against moto.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AmazonClientException,
  type IAmazonSecretsManager,
  type IListSecretsRequest,
  InvalidNextTokenException,
  InvalidOperationException,
  ListSecretsPaginator,
  ListSecretsResponse,
  ListSecretVersionIdsResponse,
  SecretsManagerClient,
  SecretsManagerPaginatorFactory,
} from '../src/index.node.js';
import { startControlledServer, type ControlledServer } from './helpers/controlledServer.js';
import { rejectionOf } from './helpers/outcomes.js';

/** Three pages of versions: tokens t1, t2, then none. */
const VERSION_PAGES: Record<string, { Versions: { VersionId: string }[]; NextToken?: string }> = {
  '': { Versions: [{ VersionId: 'v1' }, { VersionId: 'v2' }], NextToken: 't1' },
  t1: { Versions: [{ VersionId: 'v3' }], NextToken: 't2' },
  t2: { Versions: [{ VersionId: 'v4' }, { VersionId: 'v5' }] },
};

let server: ControlledServer;
/** The JSON bodies the server received, in order. */
let bodies: Record<string, unknown>[] = [];
const clients: SecretsManagerClient[] = [];

beforeAll(async () => {
  server = await startControlledServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.autoRespond(undefined);
  bodies = [];
  for (const client of clients.splice(0)) client.destroy();
});

function client(): SecretsManagerClient {
  const created = new SecretsManagerClient({ region: 'us-east-1', serviceURL: server.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxErrorRetry: 0 });
  clients.push(created);
  return created;
}

/** Answers ListSecretVersionIds from VERSION_PAGES by the request's NextToken. */
function pageVersions(): void {
  server.autoRespond((body) => {
    const request = JSON.parse(body) as { NextToken?: string };
    bodies.push(request);
    const page = VERSION_PAGES[request.NextToken ?? ''];
    if (page === undefined) return { status: 400, body: JSON.stringify({ __type: 'InvalidNextTokenException', Message: 'bad token' }) };
    return { status: 200, body: JSON.stringify({ ARN: 'arn', Name: 's', ...page }) };
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('client.paginators against a paging server', () => {
  it('gives each page as a typed response, sending each page with the previous page\'s NextToken', async () => {
    pageVersions();
    const pages = await collect(client().paginators.listSecretVersionIds({ SecretId: 's', MaxResults: 2 }).responses);
    expect(pages.map((page) => page.Versions?.map((v) => v.VersionId))).toEqual([['v1', 'v2'], ['v3'], ['v4', 'v5']]);
    for (const page of pages) expect(page).toBeInstanceOf(ListSecretVersionIdsResponse);
    expect(bodies).toEqual([
      { SecretId: 's', MaxResults: 2 },
      { SecretId: 's', MaxResults: 2, NextToken: 't1' },
      { SecretId: 's', MaxResults: 2, NextToken: 't2' },
    ]);
  });

  it('gives each item of every page through the member-named iterable (versions)', async () => {
    pageVersions();
    const versions = await collect(client().paginators.listSecretVersionIds({ SecretId: 's' }).versions);
    expect(versions.map((v) => v.VersionId)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
  });

  it('starts from the NextToken of the request, as .NET does', async () => {
    pageVersions();
    const versions = await collect(client().paginators.listSecretVersionIds({ SecretId: 's', NextToken: 't1' }).versions);
    expect(versions.map((v) => v.VersionId)).toEqual(['v3', 'v4', 'v5']);
    expect(bodies[0]).toEqual({ SecretId: 's', NextToken: 't1' });
  });

  it('leaves the caller\'s request unchanged (.NET writes NextToken into it), even a frozen one', async () => {
    pageVersions();
    const request = Object.freeze({ SecretId: 's', MaxResults: 2 });
    await collect(client().paginators.listSecretVersionIds(request).responses);
    expect(request).toEqual({ SecretId: 's', MaxResults: 2 });
    expect(bodies).toHaveLength(3);
  });

  it('sends nothing until the iteration starts, and no further page after the loop breaks', async () => {
    pageVersions();
    const paginator = client().paginators.listSecretVersionIds({ SecretId: 's' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(bodies).toHaveLength(0);
    for await (const version of paginator.versions) {
      if (version.VersionId === 'v2') break;
    }
    expect(bodies).toHaveLength(1);
  });

  it('stops when a page carries an empty NextToken (moto answers "" on its last page)', async () => {
    server.autoRespond((body) => {
      bodies.push(JSON.parse(body) as Record<string, unknown>);
      return { status: 200, body: JSON.stringify({ Versions: [{ VersionId: 'only' }], NextToken: '' }) };
    });
    expect((await collect(client().paginators.listSecretVersionIds({ SecretId: 's' }).versions)).map((v) => v.VersionId)).toEqual(['only']);
    expect(bodies).toHaveLength(1);
  });

  it('throws the typed error of a failing page when the iteration reaches it, after the pages before it', async () => {
    server.autoRespond((body) => {
      const request = JSON.parse(body) as { NextToken?: string };
      bodies.push(request);
      if (request.NextToken === undefined) return { status: 200, body: JSON.stringify({ SecretList: [{ Name: 'a' }], NextToken: 'expired' }) };
      return { status: 400, body: JSON.stringify({ __type: 'InvalidNextTokenException', Message: 'The token has expired.' }) };
    });
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const secret of client().paginators.listSecrets().secretList) seen.push(secret.Name!);
      })(),
    );
    expect(seen).toEqual(['a']);
    expect(error).toBeInstanceOf(InvalidNextTokenException);
    expect(error).toMatchObject({ name: 'InvalidNextTokenException', message: 'The token has expired.' });
  });

  it('stops at once on an abort while a page is in flight: the request is torn down, no further page is asked for', async () => {
    const ac = new AbortController();
    const pages: ListSecretsResponse[] = [];
    const iterating = rejectionOf(
      (async () => {
        for await (const page of client().paginators.listSecrets({ MaxResults: 1 }, ac.signal).responses) pages.push(page);
      })(),
    );
    const first = await server.nextExchange();
    first.res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ SecretList: [{ Name: 'a' }], NextToken: 't1' }));
    const second = await server.nextExchange();
    expect(JSON.parse(second.body)).toEqual({ MaxResults: 1, NextToken: 't1' });
    const reason = new Error('user cancelled');
    ac.abort(reason);
    expect(await iterating).toBe(reason);
    await second.torn;
    expect(pages).toHaveLength(1);
    expect(server.requests).toBeGreaterThanOrEqual(2);
    const before = server.requests;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toBe(before);
  });

  it('sends nothing with an already-aborted signal', async () => {
    pageVersions();
    const ac = new AbortController();
    const reason = new Error('gone');
    ac.abort(reason);
    expect(await rejectionOf(collect(client().paginators.listSecrets({}, ac.signal).responses))).toBe(reason);
    expect(bodies).toHaveLength(0);
  });
});

describe('paginators over the public interface (a stub)', () => {
  /** A stub of the listing method: pages by token from `pages`, recording each request it is given. */
  function stub(pages: Record<string, { SecretList: { Name: string }[]; NextToken?: string }>) {
    const requests: IListSecretsRequest[] = [];
    const listing: Pick<IAmazonSecretsManager, 'listSecretsAsync' | 'listSecretVersionIdsAsync' | 'batchGetSecretValueAsync'> = {
      listSecretsAsync: async (request) => {
        requests.push(request);
        return new ListSecretsResponse(pages[request.NextToken ?? '']!);
      },
      listSecretVersionIdsAsync: () => Promise.reject(new Error('not used')),
      batchGetSecretValueAsync: () => Promise.reject(new Error('not used')),
    };
    return { factory: new SecretsManagerPaginatorFactory(listing), requests };
  }

  it('is single use: a second iteration, of responses or of the items, throws InvalidOperationException', async () => {
    const { factory, requests } = stub({ '': { SecretList: [{ Name: 'a' }] } });
    const paginator = factory.listSecrets({});
    expect(paginator).toBeInstanceOf(ListSecretsPaginator);
    expect((await collect(paginator.secretList)).map((s) => s.Name)).toEqual(['a']);
    for (const again of [() => collect(paginator.responses), () => collect(paginator.secretList)]) {
      const error = await rejectionOf(again());
      expect(error).toBeInstanceOf(InvalidOperationException);
      expect(error).toMatchObject({ name: 'InvalidOperationException', message: expect.stringMatching(/already been consumed and cannot be reused/) });
    }
    expect(requests).toHaveLength(1);
  });

  it('counts a started iteration as consumed, even one that was not read to the end', async () => {
    const { factory } = stub({ '': { SecretList: [{ Name: 'a' }, { Name: 'b' }], NextToken: 'n' }, n: { SecretList: [{ Name: 'c' }] } });
    const paginator = factory.listSecrets({});
    const iterator = paginator.responses[Symbol.asyncIterator]();
    await iterator.next();
    expect(() => paginator.responses[Symbol.asyncIterator]()).toThrow(InvalidOperationException);
  });

  it('stops with AmazonClientException when the service hands back the token it was sent, instead of paging forever', async () => {
    const { factory, requests } = stub({ '': { SecretList: [{ Name: 'a' }], NextToken: 'same' }, same: { SecretList: [{ Name: 'b' }], NextToken: 'same' } });
    const error = await rejectionOf(collect(factory.listSecrets({}).secretList));
    expect(error).toBeInstanceOf(AmazonClientException);
    expect((error as Error).message).toMatch(/same NextToken/);
    expect(requests).toHaveLength(2);
  });

  it('stops between pages when the signal aborts in the loop body, without asking for the next page', async () => {
    const { factory, requests } = stub({ '': { SecretList: [{ Name: 'a' }], NextToken: 'n' }, n: { SecretList: [{ Name: 'b' }] } });
    const ac = new AbortController();
    const error = await rejectionOf(
      (async () => {
        for await (const page of factory.listSecrets({}, ac.signal).responses) {
          expect(page.SecretList).toHaveLength(1);
          ac.abort();
        }
      })(),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(requests).toHaveLength(1);
  });

  it('is the same factory behind client.paginators, with the three paginators .NET has', () => {
    const paginators = new SecretsManagerClient({ region: 'us-east-1' }).paginators;
    expect(paginators).toBeInstanceOf(SecretsManagerPaginatorFactory);
    expect(Object.getOwnPropertyNames(SecretsManagerPaginatorFactory.prototype).filter((name) => name !== 'constructor').sort()).toEqual(['batchGetSecretValue', 'listSecretVersionIds', 'listSecrets']);
  });
});
