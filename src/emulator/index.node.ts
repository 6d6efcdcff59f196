/**
 * The embedded AWS Secrets Manager for Node: the emulator, and the local HTTP server around it.
 * @packageDocumentation
 * @module amazon-secretsmanager/emulator
 */
export * from './index.js';
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from './node/startEmulatorServer.js';
