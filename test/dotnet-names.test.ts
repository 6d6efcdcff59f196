// .NET names where they cost nothing: code ported from the AWS SDK for .NET compiles with one import
// change. `AmazonSecretsManagerClient` is the very class `SecretsManagerClient` of each entry point.
import { describe, expect, it } from 'vitest';
import * as node from '../src/index.node.js';
import * as web from '../src/index.js';

describe('AmazonSecretsManagerClient', () => {
  it.each([
    ['the Node entry', node],
    ['the web entry', web],
  ])('%s exports it as the same class as SecretsManagerClient', (_, entry) => {
    expect(entry.AmazonSecretsManagerClient).toBe(entry.SecretsManagerClient);
    const client: node.AmazonSecretsManagerClient = new entry.AmazonSecretsManagerClient({ region: 'eu-west-1' });
    expect(client).toBeInstanceOf(entry.SecretsManagerClient);
    client.destroy();
  });
});
