// The clients compared, in the order the report lists them. `official` is the baseline every ratio is
// taken against; `ours-undici` is this SDK with UndiciHttpHandler instead of its default node:http;
// `undici` is the floor issue 7's overhead target is measured from, and `nodehttp` the same floor on
// node:http, the default transport of this SDK's Node build. `bundle: false` marks a client that
// has no browser bundle to measure.
export const CLIENTS = [
  { id: 'official', name: 'AWS SDK v3', package: '@aws-sdk/client-secrets-manager', bundle: true },
  { id: 'ours', name: 'this SDK', package: 'amazon-secretsmanager', bundle: true },
  // The same client on its other Node transport (UndiciHttpHandler); the browser build has neither.
  { id: 'ours-undici', name: 'this SDK, UndiciHttpHandler', package: 'amazon-secretsmanager', bundle: false },
  { id: 'aws4fetch', name: 'aws4fetch', package: 'aws4fetch', bundle: true },
  { id: 'undici', name: 'undici floor (unsigned)', package: 'undici', bundle: false },
  { id: 'nodehttp', name: 'node:http floor (unsigned)', package: 'node', bundle: false },
];
