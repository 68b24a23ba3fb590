// Every data kind the lab reads (spec §2 `data.kind`), one descriptor each: its dims, defaults,
// files, randomness and loader. A new kind is an entry here plus its functions; a kind missing
// here is a compile error.
import type { DataKind, DataSpec, Diagnostic, InitSpec, Problem } from '../types';
import { completionProblem } from './completion';
import { filesProblem } from './files';
import { mnistProblem } from './mnist';
import { checkMoments, momentsProblem } from './moments';
import type { Rng } from './rng';
import { autoencoderProblem, regressionProblem } from './synthetic';

/** The section of data.kind K. */
export type DataSpecOf<K extends DataKind> = Extract<DataSpec, { kind: K }>;

export interface ProblemDims {
  d: number;
  p: number;
}

/** MNIST's 28×28 pixels against its 10 one-hot classes. */
export const MNIST_DIMS = { d: 784, p: 10 } as const;

/** What a loader may use besides its section. */
export interface LoadContext {
  /** The experiment's stream (seed, spec §2). */
  rng: Rng;
  /** The bytes of a file, its path relative to the experiment file. */
  readFile(relPath: string): Promise<Uint8Array>;
  /** The `mnist` package, where the host has it. */
  loadMnist?: () => unknown;
  /** theory.rankTol (the moments checks use it). */
  rankTol: number;
  /** The preparation a load may start (seconds, spec §5.7): a check's bound, Infinity for a run. */
  prepareSeconds?: number;
}

export interface DataKindDescriptor<K extends DataKind> {
  /** The problem a section of this kind becomes (spec §1–2). */
  problemKind: Problem['kind'];
  /** d and p known from the file alone, or null where the data decide them (files). */
  dims(data: DataSpecOf<K>): ProblemDims | null;
  /** The section with spec §2's defaults filled in (a copy). */
  withDefaults(data: DataSpecOf<K>): DataSpecOf<K>;
  /** The init scheme when the file names none (spec §2). */
  defaultInitScheme: InitSpec['scheme'];
  /** Whether the nuclear-norm baseline (spec §4) is on unless the file says otherwise. */
  nuclearNormBaseline: boolean;
  /** The data files the section names, relative to the experiment file. */
  files(data: DataSpecOf<K>): string[];
  /** Whether the problem is drawn from the seed's stream (then the seed is part of its identity). */
  random(data: DataSpecOf<K>): boolean;
  /** Whether the loader's diagnostics depend on theory.rankTol. */
  usesRankTol: boolean;
  /** The field that sets the kind's size (the budget diagnostics point at it, spec §5.7). */
  sizeField: string;
  /** Samples drawn or read to build the moments, as far as the file says (0 where none). */
  samples(data: DataSpecOf<K>): number;
  /** An upper bound of r_xy before the theory is computed, given m = min(d, p). */
  rankBound(data: DataSpecOf<K>, m: number): number;
  /** The problem and its diagnostics; throws a ProblemError (or any error) on bad data. */
  load(data: DataSpecOf<K>, ctx: LoadContext): Promise<{ problem: Problem; diagnostics: Diagnostic[] }>;
}

const named = (...files: Array<string | undefined>): string[] => files.filter((f): f is string => typeof f === 'string');

/** One descriptor per data kind: a missing kind does not compile. */
export type DataKindTable = { readonly [K in DataKind]: DataKindDescriptor<K> };

export const DATA_KINDS: DataKindTable = {
  autoencoder: {
    problemKind: 'moments',
    dims: (data) => ({ d: data.d, p: data.d }),
    withDefaults: (data) => ({ ...data, noise: data.noise ?? 0 }),
    defaultInitScheme: 'identity',
    nuclearNormBaseline: false,
    files: () => [],
    random: () => true,
    usesRankTol: false,
    sizeField: '/data/d',
    samples: (data) => data.n ?? 0,
    rankBound: (data, m) => (data.noise ?? 0 ? m : Math.min(m, data.rank)), // noiseless: the planted rank
    load: async (data, { rng }) => ({ problem: autoencoderProblem(data, rng), diagnostics: [] }),
  },
  regression: {
    problemKind: 'moments',
    dims: (data) => ({ d: data.d, p: data.p }),
    withDefaults: (data) => ({ ...data, noise: data.noise ?? 0 }),
    defaultInitScheme: 'identity',
    nuclearNormBaseline: false,
    files: () => [],
    random: () => true,
    usesRankTol: false,
    sizeField: '/data/d',
    samples: (data) => data.n ?? 0,
    rankBound: (data, m) => (data.noise ?? 0 ? m : Math.min(m, data.rank)), // noiseless: the planted rank
    load: async (data, { rng }) => ({ problem: regressionProblem(data, rng), diagnostics: [] }),
  },
  moments: {
    problemKind: 'moments',
    dims: (data) => {
      const d = data.sigmaX.length;
      const first = data.sigmaXY[0];
      return { d, p: typeof first === 'number' ? data.sigmaXY.length : first.length };
    },
    withDefaults: (data) => ({ ...data }),
    defaultInitScheme: 'identity',
    nuclearNormBaseline: false,
    files: () => [],
    random: () => false,
    usesRankTol: true,
    sizeField: '/data/sigmaX',
    samples: () => 0,
    rankBound: (_, m) => m,
    load: async (data, { rankTol }) => {
      const problem = momentsProblem(data);
      return { problem, diagnostics: checkMoments(problem, rankTol) };
    },
  },
  files: {
    problemKind: 'moments',
    dims: () => null, // the shapes come from the data
    withDefaults: (data) => ({ ...data, center: data.center ?? false }),
    defaultInitScheme: 'identity',
    nuclearNormBaseline: false,
    files: (data) => named(data.x, data.y, data.labels, data.groundTruth),
    random: () => false,
    usesRankTol: false,
    sizeField: '/data/x',
    samples: () => 0, // known once the files are read
    rankBound: (_, m) => m,
    load: async (data, { readFile, prepareSeconds }) => ({ problem: await filesProblem(data, readFile, prepareSeconds), diagnostics: [] }),
  },
  mnist: {
    problemKind: 'moments',
    dims: () => ({ ...MNIST_DIMS }),
    withDefaults: (data) => ({ ...data, n: data.n ?? 10000, center: data.center ?? false }),
    defaultInitScheme: 'identity',
    nuclearNormBaseline: false,
    files: () => [],
    random: () => false,
    usesRankTol: false,
    sizeField: '/data',
    samples: (data) => data.n ?? 0,
    rankBound: (_, m) => m,
    load: async (data, { loadMnist }) => ({ problem: mnistProblem(data, loadMnist), diagnostics: [] }),
  },
  completion: {
    problemKind: 'completion',
    // the network's end-to-end W is rows×cols
    dims: (data) => ({ d: data.rows, p: data.cols }),
    withDefaults: (data) => ({ ...data }),
    defaultInitScheme: 'gaussian', // ACHL's init (spec §2)
    nuclearNormBaseline: true,
    files: (data) => named(data.matrix, data.mask),
    random: (data) => named(data.matrix, data.mask).length === 0, // drawn from the seed unless read from files
    usesRankTol: false,
    sizeField: '/data/rows',
    samples: () => 0,
    rankBound: (_, m) => m,
    load: (data, { rng, readFile }) => completionProblem(data, rng, readFile),
  },
};

/** The descriptor of data.kind, or null for a kind outside the table (a file that skipped validation). */
export function dataKindOf<K extends DataKind>(kind: K): DataKindDescriptor<K> | null {
  return Object.prototype.hasOwnProperty.call(DATA_KINDS, kind) ? (DATA_KINDS[kind] as DataKindDescriptor<K>) : null;
}

/** A section's descriptor, typed to it (TypeScript cannot correlate a union's kind with the table's entry itself). */
export function descriptorOf(data: DataSpec): DataKindDescriptor<DataKind> | null {
  return dataKindOf(data.kind) as DataKindDescriptor<DataKind> | null;
}
