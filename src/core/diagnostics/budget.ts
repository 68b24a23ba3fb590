// The cost budget (spec §5.7), decided before anything is built or run:
// - budget.memory (error, refuses the run like `schema`): the estimated peak memory of the runs that
//   would run at once (the job layer runs min(threads, models × points) at once) — their factors and
//   engine workspaces, their records, the problem and theory (reduced-rank solutions W^{k,*}) each
//   worker holds — above the budget (a setting; by default a fraction of the machine's memory).
// - budget.time (warning): the estimated time of the runs (flops × steps at the float64 engine's
//   measured rate: estimateFloat64Seconds, the one estimator) × sweep points ÷ parallel runs, above
//   BUDGET_TIME_SECONDS. As an error, preparing the problem itself (building the moments from the
//   samples, the theory's eigendecomposition and SVD) would take longer than PREPARE_SECONDS_LIMIT:
//   `check` and `run` refuse that work instead of starting it.
// Pure: the machine's memory and cores come in a CostBudget from the host (io.ts nodeCostBudget).
import { sweepPointCount } from '../sweep/axes';
import { SWEEP_RUN_RECORDS } from '../sweep/thin';
import { recordSchedule } from '../dynamics/schedule';
import { descriptorOf } from '../data/kinds';
import { methodOf } from '../dynamics/methods/index';
import { estimateFloat64Seconds } from '../dynamics/select';
import { factorShapes, workspaceBufferLengths } from '../dynamics/gradient';
import { dataDims, defaultRecordEvery, type ProblemDims } from '../experiment/defaults';
import type { DataSpec, Diagnostic, Experiment, Problem } from '../types';
import { makeDiagnostic } from './codes';
import { OFF_THREAD_MIN_ENTRIES } from '../results/offThread';
import { fmt } from './format';

export interface CostBudget {
  /** Bytes the runs may take at once (budget.memory). */
  memoryBytes: number;
  /** Compute threads: at most this many runs at once. */
  threads: number;
  /** At most this many records per run (lnnLab.recordLimit); 0: none. Default 10000. */
  recordLimit?: number;
  /**
   * Preparing a problem estimated longer than this is refused (seconds; default
   * PREPARE_SECONDS_LIMIT). A check stays bounded by it; a run asked for by the user is not (Infinity).
   */
  prepareSeconds?: number;
}

/** The default memory budget: this fraction of the machine's memory (io.ts). */
export const DEFAULT_MEMORY_FRACTION = 0.5;
/** budget.time warns past this estimate (seconds). */
export const BUDGET_TIME_SECONDS = 600;
/** Preparing a problem (data and theory) estimated longer than this is refused (seconds). */
export const PREPARE_SECONDS_LIMIT = 30;
/**
 * The rates behind the preparation estimate, measured on the 2-core reference machine (busy with
 * other work, so they err long): the moments of n samples (synthetic draws, or XᵀX of a file) at
 * 2e8–7e8 units n·d·(d+p) a second; the theory (Σx's eigendecomposition, Σxy's SVD and the r_xy + 1
 * reduced-rank solutions) at about 1e-8·d³ s where r_xy is small (MNIST: 784³ → 5 s) and 2e-7·d·p·min(d, p) s
 * more where Σxy has full rank (autoencoder with noise: 15 s at d = 400, 70 s at d = 700).
 */
export const MOMENTS_UNITS_PER_SECOND = 5e8;
export const EIG_SECONDS_PER_D3 = 1e-8;
export const SVD_SECONDS_PER_UNIT = 2e-7;
/**
 * What a compute worker costs before its run: its V8 isolate, the engine's code and wasm memory.
 * Measured: `lnn-lab run` of two models (d = 300, widths 600, 300 records) peaked 144 MB above a
 * one-model toy run, against 59 MB of factors, workspaces, records and moments estimated here.
 */
export const WORKER_OVERHEAD_BYTES = 40 * 2 ** 20;
/** Bytes a recorded number costs: its array, the copy posted between threads, the results JSON. */
export const BYTES_PER_RECORDED_NUMBER = 32;
const DEFAULT_RECORD_LIMIT = 10000;

/** The field that sets a kind's size (budget diagnostics point at it; data/kinds.ts). */
export function sizeField(data: DataSpec): string {
  return descriptorOf(data)?.sizeField ?? '/data';
}

/** Samples drawn or read to build the moments (synthetic, mnist; files: read), or 0 where none (data/kinds.ts). */
function samplesOf(data: DataSpec): number {
  return descriptorOf(data)?.samples(data) ?? 0;
}

/** Upper bound of r_xy before the theory is computed (the count of W^{k,*}; data/kinds.ts). */
function rankBound(data: DataSpec, dims: ProblemDims): number {
  const m = Math.min(dims.d, dims.p);
  return descriptorOf(data)?.rankBound(data, m) ?? m;
}

/** Estimated seconds to prepare the problem: the moments from n samples, then the theory. */
export function prepareSeconds(data: DataSpec, dims: ProblemDims, n = samplesOf(data)): number {
  const { d, p } = dims;
  const moments = (n * d * (d + p)) / MOMENTS_UNITS_PER_SECOND;
  if (descriptorOf(data)?.problemKind === 'completion') return moments; // no theory
  return moments + EIG_SECONDS_PER_D3 * d * d * d + SVD_SECONDS_PER_UNIT * d * p * rankBound(data, dims);
}

const human = (seconds: number) =>
  seconds < 90 ? `${fmt(Math.round(seconds))} s` : seconds < 5400 ? `${fmt(Math.round(seconds / 60))} min` : seconds < 172800 ? `${fmt(Math.round(seconds / 360) / 10)} h` : `${fmt(Math.round(seconds / 86400))} days`;

const bytes = (b: number) =>
  b < 2 ** 20 ? `${Math.round(b / 1024)} KB` : b < 2 ** 30 ? `${Math.round(b / 2 ** 20)} MB` : `${fmt(Math.round((b / 2 ** 30) * 10) / 10)} GB`;

/**
 * budget.time as an error when preparing the problem would take longer than PREPARE_SECONDS_LIMIT,
 * else null. `n`: the samples (the rows of a data file, once read).
 */
export function prepareDiagnostic(data: DataSpec, dims: ProblemDims, n?: number, path = sizeField(data), limit = PREPARE_SECONDS_LIMIT): Diagnostic | null {
  if (!Number.isFinite(limit)) return null;
  const seconds = prepareSeconds(data, dims, n);
  if (seconds <= limit) return null;
  const samples = n ?? samplesOf(data);
  const what = samples > 0 ? `the moments of n = ${samples} samples at d = ${dims.d}, p = ${dims.p} and the theory` : `the theory at d = ${dims.d}, p = ${dims.p} (an eigendecomposition and an SVD)`;
  return makeDiagnostic(
    'budget.time',
    `preparing ${what} would take about ${human(seconds)}, more than the ${limit} s a check allows for it: not started (Run still runs it; or make the data smaller)`,
    path,
    { severity: 'error', limit },
  );
}

/**
 * Doubles a worker's records hold besides the run's arena and results (spec §5.7): the record SVD's
 * kernel memory with its kept reflectors (bidiagonalWasm.ts: about 2·d·p, the reflectors' copy d·p),
 * W(k), ∇f and W(k + 1) for ACHL Thm 3's rate (3·d·p); for moments the metrics arena (metrics.ts:
 * Σx and two d×p buffers, with up to 3× that kept free for the gemm kernels' packing, wasmGemm.ts)
 * and the reduced-rank distances' kernel memory (distancesWasm.ts: the terms' right factors, r×p with
 * r ≤ min(d, p), and a block of 32 rows of W and of the left factors).
 */
export function recordKernelDoubles(kind: Problem['kind'], d: number, p: number): number {
  return 6 * d * p + (kind === 'moments' ? 4 * (d * d + 2 * d * p) + d * p + 33 * (d + p) + 64 : 0);
}

interface RunCost {
  bytes: number;
  /** What dominates it, for the path and the message. */
  records: number;
  factors: number;
  model: number;
}

/** Memory of one run of model j: its engine's arena (factors, method sets, workspace), its records, the records' kernels. */
function runCost(exp: Experiment, j: number, dims: ProblemDims, rank: number, budget: CostBudget): RunCost {
  const { d, p } = dims;
  const m = exp.models[j];
  const sizes = factorShapes(d, p, m.depth, m.width).map(([r, c]) => r * c);
  const factorDoubles = sizes.reduce((a, b) => a + b, 0);
  const kind = descriptorOf(exp.data)?.problemKind ?? 'moments';
  const problem = (kind === 'moments' ? { kind, d, p } : { kind, rows: d, cols: p }) as unknown as Problem;
  const workspace = workspaceBufferLengths(problem, m.depth, m.width).reduce((a, b) => a + b, 0);
  // factors, gradients, and the sets the method's float64 step takes (methods/*.ts: RK4 k1…k4 and its stage state)
  const arena = (2 + methodOf(exp.optimizer.method).float64.extraFactorSets) * factorDoubles + workspace;
  const limit = budget.recordLimit ?? DEFAULT_RECORD_LIMIT;
  const recorded = recordSchedule(exp.record, exp.optimizer.steps).count;
  const records = limit > 0 ? Math.min(recorded, limit) : recorded;
  // … and per record the two rows of singularValueRate (r ≤ min(d, p, 8)) at depth ≥ 2
  const perRecord = 6 + Math.min(d, p) + (rank + 1) + 5 * rank + (m.depth >= 2 ? 2 * Math.min(d, p, 8) : 0);
  const recordBytes = records * perRecord * BYTES_PER_RECORDED_NUMBER;
  return { bytes: arena * 8 + recordBytes + 8 * recordKernelDoubles(kind, d, p) + WORKER_OVERHEAD_BYTES, records: recordBytes, factors: arena * 8, model: j };
}

/** What every worker holds besides its run: the problem (Σx, Σxy, ground truth; M and the mask) and the theory (W*, W^{k,*}). */
function sharedBytes(exp: Experiment, dims: ProblemDims, rank: number): number {
  const { d, p } = dims;
  if (exp.data.kind === 'completion') return 8 * 3 * d * p;
  return 8 * (d * d + 3 * d * p + (rank + 2) * d * p + (d + p) * rank);
}

/**
 * What a run's records' spare thread holds once started (results/offThread.ts: σ(W(k + 1)) and the
 * excess loss on a thread the budget has spare, for W of at least OFF_THREAD_MIN_ENTRIES entries at
 * depth ≥ 2): its worker, one SVD's memory (the posted W(k + 1), the bidiagonalization kernel's
 * ~2·d·p) and for moments Σx, W*, the posted W(k) and its metrics arena (two d×p buffers). 0 on one thread.
 */
export function offThreadBytes(exp: Experiment, dims: ProblemDims, threads: number): number {
  const { d, p } = dims;
  const rated = exp.models.some((m) => m.depth >= 2);
  if (!(threads > 1 && rated && d * p >= OFF_THREAD_MIN_ENTRIES)) return 0;
  const moments = descriptorOf(exp.data)?.problemKind !== 'completion';
  return WORKER_OVERHEAD_BYTES + 8 * (3 * d * p + (moments ? 2 * d * d + 4 * d * p : 0));
}

/** Runs that would run at once: min(threads, models × points) (the job layer, src/compute/job.ts). */
export function concurrentRuns(exp: Experiment, threads: number): number {
  const points = sweepPointCount(exp.sweep); // every point of the grid (spec §5.5)
  return Math.max(1, Math.min(Math.max(1, threads), exp.models.length * points));
}

export interface MemoryEstimate {
  bytes: number;
  concurrent: number;
  path: string;
}

/** The estimated peak memory of the runs (spec §5.7) and the field that sets it. */
export function estimateMemory(exp: Experiment, dims: ProblemDims, budget: CostBudget, rank = rankBound(exp.data, dims)): MemoryEstimate {
  const concurrent = concurrentRuns(exp, budget.threads);
  const costs = exp.models.map((_, j) => runCost(exp, j, dims, rank, budget)).sort((a, b) => b.bytes - a.bytes);
  // the `concurrent` largest runs (a sweep repeats the models at every point)
  let total = 0;
  let biggest = costs[0];
  for (let k = 0; k < concurrent; k++) total += costs[k % costs.length].bytes;
  const shared = sharedBytes(exp, dims, rank);
  total += shared * (concurrent + 1); // one copy per worker and the job's own
  total += concurrent * offThreadBytes(exp, dims, budget.threads);
  // a sweep keeps every point's runs, thinned to SWEEP_RUN_RECORDS records each (spec §5.5, sweep/thin.ts)
  const points = sweepPointCount(exp.sweep);
  if (points > 1) {
    const limit = budget.recordLimit ?? DEFAULT_RECORD_LIMIT;
    const recorded = recordSchedule(exp.record, exp.optimizer.steps).count;
    const records = Math.max(1, limit > 0 ? Math.min(recorded, limit) : recorded);
    total += points * costs.reduce((s, c) => s + c.records * Math.min(1, SWEEP_RUN_RECORDS / records), 0);
  }
  let path = sizeField(exp.data);
  const m = exp.models[biggest.model];
  // records: at record.every where the file sets it, else at the steps that size its default
  if (biggest.records > biggest.factors && biggest.records > shared) path = !('every' in exp.record) ? '/record/points' : exp.record.every === defaultRecordEvery(exp.optimizer.steps) ? '/optimizer/steps' : '/record/every';
  else if (biggest.factors > shared && m.depth > 1 && m.width > Math.max(dims.d, dims.p)) path = `/models/${biggest.model}/width`;
  return { bytes: total, concurrent, path };
}

/** budget.memory and budget.time for an experiment whose dims are known (before its data is built). */
export function budgetDiagnostics(exp: Experiment, dims: ProblemDims, budget: CostBudget | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const threads = budget?.threads ?? 1;
  if (budget && budget.memoryBytes > 0) {
    const est = estimateMemory(exp, dims, budget);
    if (est.bytes > budget.memoryBytes) {
      out.push(
        makeDiagnostic(
          'budget.memory',
          `the runs would need about ${bytes(est.bytes)} at once (${est.concurrent} at a time: factors, workspaces, records, the moments and reduced-rank solutions each holds, and each worker's own ${Math.round(WORKER_OVERHEAD_BYTES / 2 ** 20)} MB), more than the memory budget of ${bytes(budget.memoryBytes)} (setting lnnLab.memoryBudget, lnn-lab --memory-budget or LNN_LAB_MEMORY_BUDGET)`,
          est.path,
          { limit: budget.memoryBytes },
        ),
      );
    }
  }
  const points = sweepPointCount(exp.sweep); // every point of the grid (spec §5.5)
  const seconds = (estimateFloat64Seconds(exp, dims.d, dims.p) * points) / concurrentRuns(exp, threads);
  if (seconds > BUDGET_TIME_SECONDS) {
    out.push(
      makeDiagnostic(
        'budget.time',
        `the runs would take about ${human(seconds)} on this machine (flops × steps at the float64 engine's measured speed${points > 1 ? `, × ${points} sweep points` : ''}, ${concurrentRuns(exp, threads)} at a time)`,
        '/optimizer/steps',
        { limit: BUDGET_TIME_SECONDS },
      ),
    );
  }
  return out;
}

/** Known dims of a data section before it is built (null for files: the data decide). */
export function knownDims(data: DataSpec): ProblemDims | null {
  return dataDims(data);
}
