// Types of tools/bench/report.mjs, and of the results that tools/bench/run.mjs writes with --json.

export type ClientId = 'official' | 'ours' | 'ours-undici' | 'aws4fetch' | 'undici' | 'nodehttp';

export interface RunFigures {
  calls: number;
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
}

export interface ColdFigures {
  medianMs: number;
  runsMs: number[];
}

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
}

export interface Metric {
  id: 'sequential' | 'concurrent' | 'cpu' | 'memory' | 'coldImport' | 'coldCall' | 'bundle';
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  values: Partial<Record<ClientId, number>>;
  /** Each client's value over the official SDK's. */
  ratios: Partial<Record<ClientId, number>>;
  /** Half the interquartile range of each client's samples over its median; undefined where the figure does not vary. */
  spreads: Partial<Record<ClientId, number | undefined>>;
}

export interface Target {
  metric: Metric['id'] | 'overhead';
  label: string;
  op: '>=' | '<=';
  target: number;
  /** A ratio to the official SDK (else an absolute figure). */
  ratio: boolean;
  measured: number | undefined;
  met?: boolean;
  /** How far past (+) or short of (−) the target, as a share of it. */
  margin?: number;
  /** The spreads of the figures behind it: this SDK's, and the official SDK's for a ratio. */
  spread?: { ours: number | undefined; official: number | undefined };
}

export interface Evaluation {
  metrics: Metric[];
  overhead:
    | {
        oursMicros: number;
        floorMicros: number;
        signingMicros: number;
        overheadMicros: number;
        boundMicros: number;
        ratioToFloorPlusSigning: number;
        overheadPerSigning: number;
      }
    | undefined;
  targets: Target[];
}

export interface BenchResults {
  meta: {
    date: string;
    command: string;
    mode: 'quick' | 'full';
    settings: Record<string, Record<string, number>>;
    machine: { cpu: string; cores: number; memoryGiB: number; node: string; os: string };
    commit: string | undefined;
    loadAverage: { before: number; after: number; max: number };
    versions: Record<string, string>;
    seconds: number;
  };
  clients: { id: ClientId; name: string; package: string; bundle: boolean; version: string }[];
  throughput: Partial<Record<ClientId, { sequential: RunFigures; concurrent: RunFigures; maxRSSBytes: number; maxRSSBytesPerProcess: number[]; rounds: unknown[] }>>;
  coldStart: { floor: ColdFigures; clients: Partial<Record<ClientId, { import: ColdFigures; call: ColdFigures }>> };
  bundle: Partial<Record<ClientId, { upFront: BundleSize & { chunks: number }; onDemand: BundleSize & { chunks: number }; firstCall: (BundleSize & { chunks: number }) | undefined; singleFile: BundleSize; inputFiles: number; packages: string[] }>>;
  signing: { signatures: number; cpuMicrosPerSignature: number; rounds: number[] };
  evaluation: Evaluation;
}

export function evaluate(results: Omit<BenchResults, 'evaluation'>): Evaluation;
export function renderText(results: BenchResults): string;
export function renderMarkdown(results: BenchResults, svgFile: string): string;
export function renderSvg(results: BenchResults): string;
