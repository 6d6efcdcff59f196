// The official service model and examples as botocore carries them (on this machine through Python): the
// independent source that tests compare with, never read by src/.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface BotocoreMember {
  shape: string;
  idempotencyToken?: boolean;
}

export interface BotocoreShape {
  type: 'structure' | 'list' | 'map' | 'string' | 'blob' | 'boolean' | 'integer' | 'long' | 'timestamp';
  members?: Record<string, BotocoreMember>;
  required?: string[];
  member?: BotocoreMember;
  key?: BotocoreMember;
  value?: BotocoreMember;
  sensitive?: boolean;
  enum?: string[];
  min?: number;
  max?: number;
  error?: unknown;
  exception?: boolean;
}

export interface BotocoreModel {
  metadata: Record<string, string>;
  operations: Record<string, { name: string; input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, BotocoreShape>;
}

export interface BotocoreExample {
  input?: Record<string, unknown>;
  output?: Record<string, unknown>;
  description?: string;
}

let directory: string | undefined;

function dataDir(): string {
  directory ??= `${execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim()}/data/secretsmanager/2017-10-17`;
  return directory;
}

function readData(file: string): unknown {
  const path = `${dataDir()}/${file}`;
  const bytes = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
}

/** botocore's service-2.json for Secrets Manager. */
export function botocoreModel(): BotocoreModel {
  return readData('service-2.json.gz') as BotocoreModel;
}

/** botocore's examples-1.json: operation → its documented examples (input and output). */
export function botocoreExamples(): Record<string, BotocoreExample[]> {
  return (readData('examples-1.json') as { examples: Record<string, BotocoreExample[]> }).examples;
}
