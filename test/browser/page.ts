// The script of the browser test page (test/browser.test.ts bundles it with esbuild for the browser).
// It imports the SDK by its package name, so the bundler resolves the package's `exports` map with the
// `browser` condition: what a web app gets. It puts functions on `window.sdkTest` that the test calls
// through `page.evaluate`; each returns plain data (errors included), since class instances do not
// survive the trip back to Node.
import type * as Sdk from '../../src/index.js';
// @ts-ignore -- resolved by esbuild through the built package's exports map (dist/, `browser` condition).
// The type checker would see Node's typings there, or nothing when dist/ is not built: the API is src/index.ts's.
import * as built from 'amazon-secretsmanager';

const sdk = built as unknown as typeof Sdk;

/** What the test passes in: where to send, and as whom. */
export interface Target {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface RotationResult {
  VersionId: string | undefined;
  ARN: string | undefined;
  Name: string | undefined;
  HttpStatusCode: number;
  RequestId: string | undefined;
}

/** An error as plain data, with the `instanceof` checks made here, against the bundle's own classes. */
export interface ErrorResult {
  threw: true;
  name: string;
  message: string;
  errorCode?: string | undefined;
  errorType?: string | undefined;
  statusCode?: number | undefined;
  requestId?: string | undefined;
  attempts?: number | undefined;
  memberPath?: string | undefined;
  constraint?: string | undefined;
  isDOMException: boolean;
  instanceOf: {
    AmazonServiceException: boolean;
    AmazonSecretsManagerException: boolean;
    ResourceNotFoundException: boolean;
    InvalidRequestException: boolean;
    InvalidParameterException: boolean;
    AmazonClientException: boolean;
    RequestValidationException: boolean;
  };
  /** Milliseconds from the call to its rejection. */
  elapsed: number;
}

function client(target: Target): Sdk.SecretsManagerClient {
  return new sdk.SecretsManagerClient({ region: target.region, serviceURL: target.endpoint, credentials: target.credentials });
}

function describeError(error: unknown, started: number): ErrorResult {
  const e = error as Partial<Sdk.AmazonServiceException & Sdk.RequestValidationException> & Error;
  return {
    threw: true,
    name: e.name,
    message: e.message,
    errorCode: e.errorCode,
    errorType: e.errorType,
    statusCode: e.statusCode,
    requestId: e.requestId,
    attempts: e.attempts,
    memberPath: e.memberPath,
    constraint: e.constraint,
    isDOMException: error instanceof DOMException,
    instanceOf: {
      AmazonServiceException: error instanceof sdk.AmazonServiceException,
      AmazonSecretsManagerException: error instanceof sdk.AmazonSecretsManagerException,
      ResourceNotFoundException: error instanceof sdk.ResourceNotFoundException,
      InvalidRequestException: error instanceof sdk.InvalidRequestException,
      InvalidParameterException: error instanceof sdk.InvalidParameterException,
      AmazonClientException: error instanceof sdk.AmazonClientException,
      RequestValidationException: error instanceof sdk.RequestValidationException,
    },
    elapsed: performance.now() - started,
  };
}

/** Runs one rotation, on a new client unless given one; a rejection is returned as data, and an unexpected success too. */
async function attempt(target: Target, request: Sdk.IRotateSecretRequest, signal?: AbortSignal, on: Sdk.SecretsManagerClient = client(target)): Promise<ErrorResult | { threw: false; result: RotationResult }> {
  const started = performance.now();
  try {
    const res = await on.rotateSecretAsync(request, signal);
    return { threw: false, result: { VersionId: res.VersionId, ARN: res.ARN, Name: res.Name, HttpStatusCode: res.HttpStatusCode, RequestId: res.ResponseMetadata.RequestId } };
  } catch (error) {
    return describeError(error, started);
  }
}

let kept: Sdk.SecretsManagerClient | undefined;

const sdkTest = {
  /** RotateSecret without a rotation function: moto promotes the new version at once. */
  async rotate(target: Target, secretId: string): Promise<RotationResult> {
    const res = await client(target).rotateSecretAsync(new sdk.RotateSecretRequest({ SecretId: secretId, RotateImmediately: false }));
    if (!(res instanceof sdk.RotateSecretResponse)) throw new Error('rotateSecretAsync did not answer a RotateSecretResponse');
    return { VersionId: res.VersionId, ARN: res.ARN, Name: res.Name, HttpStatusCode: res.HttpStatusCode, RequestId: res.ResponseMetadata.RequestId };
  },

  /** A call expected to fail; its error as data. */
  fail(target: Target, request: Sdk.IRotateSecretRequest): Promise<ErrorResult | { threw: false; result: RotationResult }> {
    return attempt(target, request);
  },

  /** A call aborted by an AbortController `ms` after it started. */
  abortAfter(target: Target, secretId: string, ms: number): Promise<ErrorResult | { threw: false; result: RotationResult }> {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), ms);
    return attempt(target, { SecretId: secretId, RotateImmediately: false }, controller.signal);
  },

  /** A call given `AbortSignal.timeout(ms)`. */
  timeoutAfter(target: Target, secretId: string, ms: number): Promise<ErrorResult | { threw: false; result: RotationResult }> {
    return attempt(target, { SecretId: secretId, RotateImmediately: false }, AbortSignal.timeout(ms));
  },

  /** A rotation on the page's one kept client, made at the first such call: what a call leaves the next. */
  rotateOnKeptClient(target: Target, secretId: string): Promise<ErrorResult | { threw: false; result: RotationResult }> {
    kept ??= client(target);
    return attempt(target, { SecretId: secretId, RotateImmediately: false }, undefined, kept);
  },

  /** What the page's environment offers the signer. */
  environment(): { isSecureContext: boolean; hasSubtle: boolean; userAgent: string } {
    return { isSecureContext: globalThis.isSecureContext, hasSubtle: globalThis.crypto?.subtle !== undefined, userAgent: navigator.userAgent };
  },
};

export type SdkTest = typeof sdkTest;

declare global {
  interface Window {
    sdkTest: SdkTest;
  }
}

window.sdkTest = sdkTest;
