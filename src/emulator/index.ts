/**
 * An embedded AWS Secrets Manager for tests, demos and local runs: `amazon-secretsmanager/emulator`.
 * @packageDocumentation
 */
export {
  SecretsManagerEmulator,
  type SecretsManagerEmulatorOptions,
  type EmulatorRequest,
  type EmulatorResponse,
  type RotationRecord,
  type SeedSecret,
  type InspectedSecret,
} from './SecretsManagerEmulator.js';
export type { RotationEvent, RotationFunction } from './RotationFunction.js';
export type { EmulatorCredentials } from './checkSignature.js';
export type { RotationStep } from './EmulatorContext.js';
export { ServiceError } from './ServiceError.js';
