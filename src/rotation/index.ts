/**
 * Rotation, end to end: diagnose, repair and wait for the rotation of a secret
 * (`SecretsManagerRotation`), and write rotation functions in TypeScript (`createRotationHandler`).
 * Import it from `amazon-secretsmanager/rotation`; apps that do not pay nothing for it.
 * @packageDocumentation
 * @module amazon-secretsmanager/rotation
 */
export { SecretsManagerRotation, type SecretsManagerRotationOptions, type RepairRotationOptions, type RepairResolution, type RotationRepairResult, type RotationPhase, type RotationProgress, type WaitForRotationOptions } from './SecretsManagerRotation.js';
export type { RotationStatus, RotationState, RotationVersion, RepairStep, StuckReason } from './RotationStatus.js';
export { diagnoseRotation, type RotationFacts } from './diagnoseRotation.js';
export { createRotationHandler, type RotationHandler, type RotationHandlerOptions, type RotationStepContext, type CreateSecretContext } from './createRotationHandler.js';
export { ROTATION_STEPS, type RotationEvent, type RotationStep } from './RotationEvent.js';
export type { DatabaseSecret } from './DatabaseSecret.js';
export type { RotationClient, RotationHandlerClient } from './RotationClient.js';
export { AWSCURRENT, AWSPENDING, AWSPREVIOUS } from './stagingLabels.js';
export { RotationException, isRotationException } from './RotationException.js';
export { RotationStuckException } from './RotationStuckException.js';
export { RotationTimeoutException } from './RotationTimeoutException.js';
export { RotationAbandonedException } from './RotationAbandonedException.js';
export { RotationRepairRefusedException } from './RotationRepairRefusedException.js';
export { RotationHandlerException, type RotationHandlerErrorCode } from './RotationHandlerException.js';
export { STUCK_AFTER_MS, POLL_INITIAL_DELAY_MS, POLL_BACKOFF_FACTOR, POLL_MAX_DELAY_MS, DEFAULT_EXCLUDE_CHARACTERS } from './rotationDefaults.js';
