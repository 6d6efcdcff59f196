import type { BuildResult, Plugin } from 'esbuild';

export interface Chunk {
  name: string;
  code: Uint8Array;
  text: string;
  inputs: string[];
}
export interface Sizes {
  bytes: number;
  gzipBytes: number;
  chunks: number;
}
export interface Bundle {
  upFront: Sizes;
  onDemand: Sizes;
  upFrontChunks: Chunk[];
  onDemandChunks: Chunk[];
  result?: BuildResult;
}
export type AppOptions = { endpoint?: string; done?: string };
export const APPS: Record<'rotateOnly' | 'getOnly' | 'fullClient' | 'readWithClient' | 'readWithCache', (options?: AppOptions) => string>;
export const VITE7_DEFAULT_TARGETS: string[];
export const VITES: Record<'vite8' | 'vite7', string>;
export const LOWERED: RegExp;
export function gzipSize(bytes: Uint8Array): number;
export function esbuildBundle(app: string, options?: { target?: string | string[]; plugins?: Plugin[]; root?: string }): Promise<Bundle>;
export function viteBundle(app: string, options?: { vite?: 'vite8' | 'vite7'; root?: string; files?: Record<string, string> }): Promise<Bundle>;
