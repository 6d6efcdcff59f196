// Types for the generator, so tests written in TypeScript can import it.
export const SHAPE_FILE: string;
export const OUTPUT_DIR: string;
export class ShapeFileError extends Error {}
export interface ShapeModel {
  format: string;
  service: Record<string, string>;
  operations?: Record<string, { input: string; output: string; errors?: string[]; docs?: string; example?: Record<string, unknown> }>;
  paginators?: Record<string, { inputToken: string; outputToken: string; limitKey: string; items: string }>;
  structures?: Record<string, { docs?: string; members?: Record<string, Record<string, unknown>> }>;
  enums?: Record<string, { values: string[]; docs?: string }>;
  errors?: Record<string, { class: string; fault: 'client' | 'server'; docs?: string }>;
}
export function validateModel(model: ShapeModel): void;
export interface EndpointData {
  ruleSet: unknown;
  partitions: unknown;
}
export function generate(model: ShapeModel, endpointData: EndpointData): Map<string, string>;
export function loadEndpointData(root?: string): EndpointData;
export function loadModel(root?: string): ShapeModel;
export function readGenerated(root?: string): Map<string, string>;
