// PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy, ValidateResourcePolicy.
import type { EmulatorContext } from '../EmulatorContext.js';
import { readBoolean, readString, type Input } from '../readInput.js';
import { invalidParameter, ServiceError } from '../ServiceError.js';
import { checkPolicy } from '../validatePolicy.js';

export function PutResourcePolicy(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.getLive(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const policy = readString(input, 'ResourcePolicy', { required: true, min: 1, max: 20480 }) as string;
  // "By default, public policies aren't blocked." (PutResourcePolicyRequest.BlockPublicPolicy)
  const block = readBoolean(input, 'BlockPublicPolicy') === true;
  const check = checkPolicy(policy);
  if (check.errors.length > 0) throw new ServiceError('MalformedPolicyDocumentException', `This resource policy contains an error: ${check.errors[0]!.ErrorMessage}`);
  if (block && check.public) {
    // PublicPolicyException's model documentation; reached only when the caller set BlockPublicPolicy.
    throw new ServiceError('PublicPolicyException', 'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.');
  }
  secret.ResourcePolicy = policy;
  secret.LastChangedDate = ctx.now();
  return { ARN: secret.ARN, Name: secret.Name };
}

export function GetResourcePolicy(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.getLive(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  return { ARN: secret.ARN, Name: secret.Name, ResourcePolicy: secret.ResourcePolicy };
}

export function DeleteResourcePolicy(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.getLive(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  delete secret.ResourcePolicy;
  secret.LastChangedDate = ctx.now();
  return { ARN: secret.ARN, Name: secret.Name };
}

export function ValidateResourcePolicy(ctx: EmulatorContext, input: Input) {
  const secretId = readString(input, 'SecretId', { min: 1, max: 2048 });
  const policy = readString(input, 'ResourcePolicy', { required: true, min: 1, max: 20480 }) as string;
  if (secretId !== undefined) ctx.store.getLive(secretId);
  if (policy.trim() === '') throw invalidParameter('ResourcePolicy must not be empty.');
  const check = checkPolicy(policy);
  return { PolicyValidationPassed: check.errors.length === 0, ValidationErrors: check.errors };
}
