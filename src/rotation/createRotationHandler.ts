import { isAmazonServiceException, isResourceNotFoundException, type IGetRandomPasswordRequest, type Logger } from '../index.js';
import type { DatabaseSecret } from './DatabaseSecret.js';
import type { RotationHandlerClient } from './RotationClient.js';
import { ROTATION_STEPS, type RotationEvent, type RotationStep } from './RotationEvent.js';
import { isRotationException } from './RotationException.js';
import { RotationHandlerException } from './RotationHandlerException.js';
import { DEFAULT_EXCLUDE_CHARACTERS } from './rotationDefaults.js';
import { AWSCURRENT, AWSPENDING, AWSPREVIOUS } from './stagingLabels.js';

/** What the user's steps receive. `T` is the parsed secret: a {@link DatabaseSecret} by default. */
export interface RotationStepContext<T> {
  step: RotationStep;
  /** The secret's ARN, from the event. */
  secretId: string;
  /** The pending version's id (the event's `ClientRequestToken`). */
  versionId: string;
  /** The value being rotated in: the `AWSPENDING` version's. */
  pending: T;
  /** The value in use: the `AWSCURRENT` version's. */
  current: T;
  /**
   * The value before it, when there is one and it can be read and parsed (setSecret only, for logging in
   * when neither of the others works, as AWS's templates do); undefined otherwise, with a log line saying why.
   */
  previous?: T | undefined;
  /** The client the handler was made with. */
  client: RotationHandlerClient;
  /** The handler's logger; never give it a secret value. */
  logger: Logger;
}

/** What `createSecret` receives: the current value, to derive the new one from. */
export interface CreateSecretContext<T> {
  secretId: string;
  versionId: string;
  current: T;
  client: RotationHandlerClient;
  /** A new password from GetRandomPassword, with the handler's `passwordOptions`. */
  randomPassword(): Promise<string>;
  logger: Logger;
}

/** Options of {@link createRotationHandler}. */
export interface RotationHandlerOptions<T> {
  /** A `SecretsManagerClient` (in Lambda, made once, outside the handler), or a stub of {@link RotationHandlerClient}. */
  client: RotationHandlerClient;
  /**
   * Makes the new value from the current one. Default: a copy of the current JSON with a new `password`
   * from GetRandomPassword, as AWS's database templates do. Called only when the pending version has no
   * value yet, so a retried createSecret keeps the value a first attempt stored.
   */
  createSecret?: (context: CreateSecretContext<T>) => Promise<T>;
  /** Puts the pending value into service (say, ALTER USER ... PASSWORD). Must succeed when it already is, as a retried step finds it. */
  setSecret: (context: RotationStepContext<T>) => Promise<void>;
  /** Proves the pending value works (say, logs in with it). */
  testSecret: (context: RotationStepContext<T>) => Promise<void>;
  /** Work of your own before `AWSCURRENT` moves to the pending version (the move itself is the handler's). */
  finishSecret?: (context: RotationStepContext<T>) => Promise<void>;
  /** GetRandomPassword's options; default `ExcludeCharacters` `/@"'\`, as AWS's template. */
  passwordOptions?: IGetRandomPasswordRequest;
  /** Reads a secret string; default JSON.parse, requiring an object. Its errors must not quote the value. */
  parse?: (secretString: string) => T;
  /** Turns a value back into the secret string; default JSON.stringify. */
  serialize?: (value: T) => string;
  /** Receives one line per step with its duration and outcome, and the checks' decisions; default `console`. */
  logger?: Logger;
  /** Milliseconds now, for the durations; default `performance.now`. */
  now?: () => number;
}

/** A rotation function: what AWS Lambda calls with the event (its context is not needed). */
export type RotationHandler = (event: RotationEvent, context?: unknown) => Promise<void>;

function defaultParse<T>(secretString: string): T {
  let value: unknown;
  try {
    value = JSON.parse(secretString);
  } catch {
    // JSON.parse's message quotes the text, which is the secret: say what was wrong without it.
    throw new RotationHandlerException('InvalidSecretValue', 'The secret value is not JSON; the default createSecret and parse expect a JSON object such as {"username": ..., "password": ...}. Pass parse (and createSecret) for other formats.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RotationHandlerException('InvalidSecretValue', `The secret value is JSON but not an object (it is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}); pass parse (and createSecret) for other formats.`);
  }
  return value as T;
}

/**
 * Replaces every secret string (and every password inside it) in a text to be logged, in each form an
 * error message quotes it: as is, percent-encoded (drivers quote connection URLs, and GetRandomPassword's
 * punctuation includes % # { } ^ and more) and JSON-escaped (a config printed as JSON). Longest first,
 * so that no part of a longer form is left behind.
 */
function redact(text: string, secrets: ReadonlySet<string>): string {
  const forms = new Set<string>();
  for (const secret of secrets) for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) if (form.length >= 4) forms.add(form);
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  return out;
}

/**
 * The error a failed step rejects with. AWS Lambda's Node runtime logs whatever a handler rejects with,
 * message and stack (aws-lambda-nodejs-runtime-interface-client, src/CallbackContext.js: "Invoke Error"),
 * so the original error is rethrown only when it is this package's or the service's and quotes no value;
 * any other (a driver's error may also hold its connection config in a property, which inspect prints)
 * is replaced by a RotationHandlerException with the masked message and stack, and is not kept as cause.
 */
function safeError(error: unknown, secrets: ReadonlySet<string>, step: RotationStep | undefined): unknown {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  const masked = redact(message, secrets);
  if ((isRotationException(error) || isAmazonServiceException(error)) && masked === message && (stack === undefined || redact(stack, secrets) === stack)) return error;
  const code = isAmazonServiceException(error) ? error.errorCode : (error as { code?: unknown } | null)?.code;
  const replaced = new RotationHandlerException('StepFailed', `${step ?? 'The step'} failed: ${name}: ${masked}`, step, {
    name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
  });
  // The original frames, masked, under the new message: where it failed stays visible.
  if (stack !== undefined) {
    const header = `${name}: ${message}`;
    const frames = stack.startsWith(header) ? stack.slice(header.length) : `\n${stack}`;
    replaced.stack = `${replaced.name}: ${replaced.message}${redact(frames, secrets)}`;
  }
  return replaced;
}

function secretsOf(text: string | undefined, parsed: unknown): string[] {
  const found = text === undefined ? [] : [text];
  if (parsed && typeof parsed === 'object') {
    for (const [key, value] of Object.entries(parsed)) if (/password|secret|token|key/i.test(key) && typeof value === 'string') found.push(value);
  }
  return found;
}

/**
 * Makes a rotation function from the parts that touch your database: it does what AWS's rotation
 * templates do around them (aws-samples/aws-secrets-manager-rotation-lambdas,
 * SecretsManagerRotationTemplate/lambda_function.py).
 *
 * Before every step: DescribeSecret; rotation must be on, the event's token must be a version of the
 * secret and be labelled `AWSPENDING`; if that version is already `AWSCURRENT` the step returns at once
 * (a retry of a finished rotation). Then:
 * - createSecret: the `AWSCURRENT` value must exist; if the pending version has no value yet, the new
 *   value (yours, or a copy of the current JSON with a GetRandomPassword password) is stored with
 *   PutSecretValue under the event's token, labelled `AWSPENDING`, with the event's `RotationToken`;
 * - setSecret, testSecret: your functions, given the pending and current values parsed;
 * - finishSecret: your function if any, then UpdateSecretVersionStage moving `AWSCURRENT` to the
 *   pending version, then removing `AWSPENDING` from it, so no stray pending label is left.
 * Each step can run again without harm. Each logs its duration and outcome, never a value; a step that
 * fails rejects with an error that quotes none either (`StepFailed` for errors not of this package's or
 * the service's making).
 */
export function createRotationHandler<T = DatabaseSecret>(options: RotationHandlerOptions<T>): RotationHandler {
  const { client, createSecret, setSecret, testSecret, finishSecret } = options;
  if (typeof client?.describeSecretAsync !== 'function') throw new TypeError('createRotationHandler needs a client: pass a SecretsManagerClient.');
  for (const [name, fn] of [['setSecret', setSecret], ['testSecret', testSecret]] as const) {
    if (typeof fn !== 'function') throw new TypeError(`createRotationHandler needs ${name}: the function that ${name === 'setSecret' ? 'puts the pending value into service' : 'proves the pending value works'}.`);
  }
  const parse = options.parse ?? defaultParse<T>;
  const serialize = options.serialize ?? ((value: T) => JSON.stringify(value));
  const logger = options.logger ?? console;
  const now = options.now ?? (() => performance.now());
  const passwordOptions: IGetRandomPasswordRequest = { ExcludeCharacters: DEFAULT_EXCLUDE_CHARACTERS, ...options.passwordOptions };

  return async function rotationHandler(event: RotationEvent): Promise<void> {
    const started = now();
    const step = event?.Step;
    const secrets = new Set<string>();
    const label = `rotation ${typeof step === 'string' ? step : '?'} of ${typeof event?.SecretId === 'string' ? event.SecretId : '?'}`;
    try {
      const outcome = await run(event, secrets, label);
      logger.info(`${label}: ${outcome} in ${Math.round(now() - started)} ms`);
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      logger.info(`${label}: failed in ${Math.round(now() - started)} ms: ${name}: ${redact(message, secrets)}`);
      throw safeError(error, secrets, ROTATION_STEPS.includes(step) ? step : undefined);
    }
  };

  async function run(event: RotationEvent, secrets: Set<string>, label: string): Promise<string> {
    if (typeof event !== 'object' || event === null) throw new RotationHandlerException('InvalidEvent', 'The rotation event must be an object with Step, SecretId and ClientRequestToken.');
    const { Step: step, SecretId: secretId, ClientRequestToken: token, RotationToken: rotationToken } = event;
    if (!ROTATION_STEPS.includes(step)) throw new RotationHandlerException('InvalidEvent', `The rotation event's Step must be one of ${ROTATION_STEPS.join(', ')}, not ${JSON.stringify(step)}.`);
    for (const [member, value] of [['SecretId', secretId], ['ClientRequestToken', token]] as const) {
      if (typeof value !== 'string' || value.length === 0) throw new RotationHandlerException('InvalidEvent', `The rotation event's ${member} must be a non-empty string.`, step);
    }
    if (rotationToken !== undefined && typeof rotationToken !== 'string') throw new RotationHandlerException('InvalidEvent', "The rotation event's RotationToken must be a string when present.", step);

    const described = await client.describeSecretAsync({ SecretId: secretId });
    // As AWS's generic template: a secret never set up for rotation has no RotationEnabled at all, and is
    // refused too (its database templates refuse only an explicit false).
    if (described.RotationEnabled !== true) throw new RotationHandlerException('RotationDisabled', `Rotation is not turned on for secret ${secretId}.`, step);
    const versions = described.VersionIdsToStages ?? {};
    const stages = versions[token];
    if (stages === undefined) throw new RotationHandlerException('UnknownVersion', `Version ${token} is not a version of secret ${secretId}: the event's ClientRequestToken must be the version the rotation created.`, step);
    if (stages.includes(AWSCURRENT)) {
      // A finished rotation's step run again. A finishSecret that moved AWSCURRENT but failed before
      // removing AWSPENDING is finished here.
      if (step === 'finishSecret' && stages.includes(AWSPENDING)) {
        await client.updateSecretVersionStageAsync({ SecretId: secretId, VersionStage: AWSPENDING, RemoveFromVersionId: token });
        return `version ${token} was already AWSCURRENT; removed its stray AWSPENDING`;
      }
      return `nothing to do, version ${token} is already AWSCURRENT`;
    }
    if (!stages.includes(AWSPENDING)) throw new RotationHandlerException('NotPending', `Version ${token} of secret ${secretId} is not labelled AWSPENDING (its labels: ${stages.join(', ') || 'none'}).`, step);

    const read = async (stage: string, versionId?: string): Promise<T> => {
      const res = await client.getSecretValueAsync({ SecretId: secretId, VersionStage: stage, ...(versionId ? { VersionId: versionId } : {}) });
      if (res.SecretString === undefined) throw new RotationHandlerException('InvalidSecretValue', `The ${stage} version of secret ${secretId} holds a binary value; the handler rotates string values.`, step);
      secrets.add(res.SecretString);
      const value = parse(res.SecretString);
      for (const secret of secretsOf(undefined, value)) secrets.add(secret);
      return value;
    };
    const readCurrent = async (): Promise<T> => {
      try {
        return await read(AWSCURRENT);
      } catch (error) {
        if (isResourceNotFoundException(error)) throw new RotationHandlerException('NoCurrentValue', `Secret ${secretId} has no AWSCURRENT value to rotate from: store a first value with PutSecretValue.`, step);
        throw error;
      }
    };

    switch (step) {
      case 'createSecret': {
        const current = await readCurrent();
        try {
          await client.getSecretValueAsync({ SecretId: secretId, VersionId: token, VersionStage: AWSPENDING });
          return `the pending version ${token} already holds a value; kept it`;
        } catch (error) {
          // No value yet: the service made the version empty (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html).
          if (!isResourceNotFoundException(error)) throw error;
        }
        const randomPassword = async () => {
          const res = await client.getRandomPasswordAsync(passwordOptions);
          if (!res.RandomPassword) throw new RotationHandlerException('InvalidSecretValue', 'GetRandomPassword returned no password.', step);
          secrets.add(res.RandomPassword);
          return res.RandomPassword;
        };
        const next = createSecret
          ? await createSecret({ secretId, versionId: token, current, client, randomPassword, logger })
          : await defaultCreate(current, randomPassword);
        const text = serialize(next);
        secrets.add(text);
        for (const secret of secretsOf(undefined, next)) secrets.add(secret);
        await client.putSecretValueAsync({ SecretId: secretId, ClientRequestToken: token, SecretString: text, VersionStages: [AWSPENDING], ...(rotationToken ? { RotationToken: rotationToken } : {}) });
        return `stored the new value as version ${token} (AWSPENDING)`;
      }
      case 'setSecret':
      case 'testSecret': {
        const pending = await read(AWSPENDING, token);
        const current = await readCurrent();
        let previous: T | undefined;
        if (step === 'setSecret') {
          // Only a fallback for logging in: setSecret goes on without it when it cannot be read (binary,
          // rejected by parse, not readable), as AWS's PostgreSQL single-user template does
          // (lambda_function.py set_secret: `except (ResourceNotFoundException, KeyError): previous_dict = None`).
          try {
            previous = await read(AWSPREVIOUS);
          } catch (error) {
            if (!isResourceNotFoundException(error)) {
              const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
              logger.info(`${label}: the AWSPREVIOUS value could not be read (${redact(why, secrets)}); setSecret gets no previous value`);
            }
          }
        }
        await (step === 'setSecret' ? setSecret : testSecret)({ step, secretId, versionId: token, pending, current, ...(step === 'setSecret' ? { previous } : {}), client, logger });
        return 'done';
      }
      case 'finishSecret': {
        if (finishSecret) {
          const pending = await read(AWSPENDING, token);
          const current = await readCurrent();
          await finishSecret({ step, secretId, versionId: token, pending, current, client, logger });
        }
        const currentId = Object.entries(versions).find(([, labels]) => labels.includes(AWSCURRENT))?.[0];
        // RemoveFromVersionId makes the move conditional: the service refuses it if AWSCURRENT is elsewhere by now.
        await client.updateSecretVersionStageAsync({ SecretId: secretId, VersionStage: AWSCURRENT, MoveToVersionId: token, ...(currentId ? { RemoveFromVersionId: currentId } : {}) });
        // AWS documents that the pending label goes with the move; its templates leave it, and the
        // service removes it later (aws-samples/aws-secrets-manager-rotation-lambdas issue 168). Removed
        // here, so a secret is never left with a pending label that any tool could mistake for a rotation.
        await client.updateSecretVersionStageAsync({ SecretId: secretId, VersionStage: AWSPENDING, RemoveFromVersionId: token });
        return `moved AWSCURRENT from version ${currentId ?? 'none'} to ${token} and removed AWSPENDING`;
      }
    }
  }

  async function defaultCreate(current: T, randomPassword: () => Promise<string>): Promise<T> {
    return { ...(current as object), password: await randomPassword() } as T;
  }
}
