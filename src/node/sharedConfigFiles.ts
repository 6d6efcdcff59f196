/**
 * AWS's reader of the shared config and credentials files: the parts of @smithy/core/config the client
 * uses. Imported only where one of the files exists; the Node build makes it a file of its own
 * (tools/build.mjs).
 */
export { loadSharedConfigFiles, parseKnownFiles } from '@smithy/core/config';
