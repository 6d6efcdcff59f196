import type { IAmazonSecretsManager } from '../generated/IAmazonSecretsManager.js';

/**
 * What the cache needs of a client: GetSecretValue, and where present DescribeSecret (the cheap
 * version check) and BatchGetSecretValue (`prefetch`). A `SecretsManagerClient` has all three; a test
 * can pass a stub with only `getSecretValueAsync`.
 */
export type CacheClient = Pick<IAmazonSecretsManager, 'getSecretValueAsync'> & Partial<Pick<IAmazonSecretsManager, 'describeSecretAsync' | 'batchGetSecretValueAsync'>>;
