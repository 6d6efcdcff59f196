// The cross-runtime smoke program: the same few calls on Node, Bun, Deno and workerd, against the real
// emulator. It imports the package BY NAME, so each runtime picks its build through the `exports` map.
//
// As a program (Node, Bun, Deno): SMOKE_CONFIG holds the configuration as JSON; it prints ONE JSON line.
// In workerd, worker.mjs imports `smoke` and answers with the same JSON (workerd has no `process`).
//
// Configuration: { endpoint, region, credentials: { accessKeyId, secretAccessKey }, secretId,
//   missingId, holdURL, preAbortedId, midFlightId }. `holdURL` is a server that records every request
//   and never answers it; `GET <holdURL>/__held?secret=ID` tells how many requests for ID arrived.
import * as sdk from 'amazon-secretsmanager';

const { SecretsManagerClient, RotateSecretResponse, ResourceNotFoundException, AmazonServiceException, isResourceNotFoundException } = sdk;

/** The runtime's name and version. Bun, Deno and workerd also show a Node version, so they are asked first. */
export function runtime() {
  const g = globalThis;
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  return g.navigator?.userAgent ?? 'unknown';
}

/** Which file the package name resolved to, where the runtime can tell (not in a bundle). */
function resolvedEntry() {
  try {
    return String(import.meta.resolve('amazon-secretsmanager'));
  } catch {
    return undefined;
  }
}

function describeError(error) {
  return {
    name: error?.name,
    message: String(error?.message ?? error).slice(0, 300),
    constructor: error?.constructor?.name,
  };
}

/** Runs one step; a failing step is reported, not thrown, so the other steps still run. */
async function step(fn) {
  try {
    return { ok: true, ...(await fn()) };
  } catch (error) {
    return { ok: false, unexpected: describeError(error) };
  }
}

async function held(config, secret) {
  const res = await fetch(`${config.holdURL}/__held?secret=${encodeURIComponent(secret)}`);
  return res.json();
}

export async function smoke(config) {
  const options = { region: config.region, serviceURL: config.endpoint, credentials: config.credentials };
  const client = new SecretsManagerClient(options);
  const holding = new SecretsManagerClient({ ...options, serviceURL: config.holdURL, maxErrorRetry: 0 });
  const result = {
    runtime: runtime(),
    build: typeof sdk.UndiciHttpHandler === 'function' ? 'node' : 'web',
    resolved: resolvedEntry(),
  };

  // (1) A rotation: the new version id and the request id come back.
  result.rotate = await step(async () => {
    const res = await client.rotateSecretAsync({ SecretId: config.secretId });
    return {
      isResponse: res instanceof RotateSecretResponse,
      versionId: res.VersionId,
      name: res.Name,
      httpStatusCode: res.HttpStatusCode,
      requestId: res.ResponseMetadata.RequestId,
    };
  });

  // (2) A typed error: an unknown secret.
  result.notFound = await step(async () => {
    const error = await client.rotateSecretAsync({ SecretId: config.missingId }).then(
      () => undefined,
      (e) => e,
    );
    return {
      instanceOfResourceNotFound: error instanceof ResourceNotFoundException,
      instanceOfServiceException: error instanceof AmazonServiceException,
      guard: isResourceNotFoundException(error),
      name: error?.name,
      errorCode: error?.errorCode,
      statusCode: error?.statusCode,
      requestId: error?.requestId,
    };
  });

  // (3a) An already-aborted signal: rejects with its reason, and nothing reaches the holding server.
  result.preAborted = await step(async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await holding.rotateSecretAsync({ SecretId: config.preAbortedId }, controller.signal).then(
      () => undefined,
      (e) => e,
    );
    return { name: error?.name, isReason: error === controller.signal.reason, arrived: (await held(config, config.preAbortedId)).arrived };
  });

  // (3b) An abort in flight: aborted once the holding server reports the request has arrived (it never answers).
  result.midFlight = await step(async () => {
    const controller = new AbortController();
    const pending = holding.rotateSecretAsync({ SecretId: config.midFlightId }, controller.signal).then(
      () => undefined,
      (e) => e,
    );
    let arrived = 0;
    for (let polls = 0; polls < 250 && arrived === 0; polls++) {
      arrived = (await held(config, config.midFlightId)).arrived;
      if (arrived === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const abortedAt = Date.now();
    controller.abort();
    const error = await pending;
    return { arrivedBeforeAbort: arrived, name: error?.name, isReason: error === controller.signal.reason, rejectedAfterMs: Date.now() - abortedAt };
  });

  client.destroy();
  holding.destroy();
  return result;
}

const env = globalThis.process?.env;
if (env?.SMOKE_CONFIG) {
  smoke(JSON.parse(env.SMOKE_CONFIG)).then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      console.error(error);
      globalThis.process.exitCode = 1;
    },
  );
}
