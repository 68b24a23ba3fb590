// The shared vocabulary of the core: the experiment (spec §2), the problem it defines (spec §1),
// the theory of it (spec §1), the diagnostics (spec §3) and the results (spec §4).
// Pure types: no runtime code lives here.

/** A dense row-major float64 matrix: entry (i, j) is data[i * cols + j]. */
export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

// ---------------------------------------------------------------- experiment (spec §2)

export type DataSpec =
  | { kind: 'autoencoder'; n: number; d: number; rank: number; spectrum: number[]; noise: number }
  | { kind: 'regression'; n: number; d: number; p: number; rank: number; spectrum: number[]; noise: number }
  | { kind: 'moments'; sigmaX: number[] | number[][]; sigmaXY: number[] | number[][]; n?: number }
  | {
      kind: 'files';
      x: string;
      y?: string;
      labels?: string;
      center?: boolean;
      groundTruth?: string;
    }
  | { kind: 'mnist'; n: number; center?: boolean }
  | {
      kind: 'completion';
      rows: number;
      cols: number;
      rank: number;
      observed: number;
      matrix?: string;
      mask?: string;
    };

export type DataKind = DataSpec['kind'];

export interface ModelSpec {
  depth: number;
  width?: number;
  label?: string;
}

export interface InitSpec {
  scheme: 'identity' | 'aligned' | 'gaussian';
  /** δ: the init scale is e^(−δ). */
  delta?: number;
  /** e^(−δ) directly (gaussian: ACHL's end-to-end scale). */
  scale?: number;
  /** gaussian: per-factor entry standard deviation. */
  std?: number;
}

export type OptimizerMethod = 'gd' | 'flow' | 'grouprmsprop';

export interface OptimizerSpec {
  method: OptimizerMethod;
  stepSize: number;
  steps: number;
  stopLoss?: number;
}

export type Backend = 'auto' | 'webgl' | 'wasm' | 'cpu' | 'js';
export type Precision = 'auto' | 'float64' | 'float32';

/** What to record (spec §2 `record.every`, or spec §5.4's log-spaced points). */
export type RecordSpec = { every: number } | { points: number; spacing: 'log' };

/** One axis of a sweep: a JSON pointer into the experiment and the values put there (spec §5.5). */
export interface SweepAxis {
  path: string;
  values: unknown[];
}

/**
 * `sweep` (spec §2, §5.5) as the file gives it: one axis as `{ path, values }`, or `{ axes }` with
 * one or two axes (a grid, `points[i·|V2| + j]` at `[V1[i], V2[j]]`). core/sweep/axes.ts reads both.
 */
export interface SweepSpec {
  path?: string;
  values?: unknown[];
  axes?: SweepAxis[];
}

/** An experiment with every default filled in (what results.experiment holds). */
export interface Experiment {
  name?: string;
  seed: number;
  data: DataSpec;
  models: Array<Required<Pick<ModelSpec, 'depth' | 'width'>> & { label: string }>;
  init: InitSpec;
  optimizer: OptimizerSpec;
  record: RecordSpec;
  compute: { backend: Backend; precision: Precision };
  theory: { rankTol: number };
  sweep?: SweepSpec;
  /** Completion: solve ACHL's nuclear-norm program too (default true for completion, spec §4 `baselines`). */
  baseline?: { nuclearNorm: boolean };
}

// ---------------------------------------------------------------- diagnostics (spec §3)

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'schema'
  | 'stepSize.diverges'
  | 'stepSize.stability'
  | 'stepSize.eigengap'
  | 'spectrum.degenerate'
  | 'assumption.commutativity'
  | 'init.notVanishing'
  | 'steps.horizon'
  | 'record.coarse'
  | 'width.rankConstrained'
  | 'data.file'
  | 'data.moments'
  | 'data.mask'
  | 'budget.memory'
  | 'budget.time';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** JSON pointer into the experiment file. */
  path: string;
  /** The number the message speaks of. */
  limit?: number;
}

// ---------------------------------------------------------------- problem (spec §1)

/**
 * A least-squares problem reduced to its moments: every step costs the same whatever n is.
 * f(W) = ½ tr(WᵀΣxW) − tr(WᵀΣxy) + ½ trΣy  (= ‖Y − XW‖²_F / (2n)).
 */
export interface MomentsProblem {
  kind: 'moments';
  n: number | null;
  d: number;
  p: number;
  /** Σx = XᵀX/n (d×d). */
  sigmaX: Mat;
  /** Σxy = XᵀY/n (d×p). */
  sigmaXY: Mat;
  /** tr Σy = ‖Y‖²_F / n; null when only the moments are given (the loss is then the excess loss). */
  traceSigmaY: number | null;
  /** The true W (d×p) for reconstructionError, or null. */
  groundTruth: Mat | null;
}

/** Matrix completion (ACHL): G = P_Ω(W − M)/|Ω|. */
export interface CompletionProblem {
  kind: 'completion';
  rows: number;
  cols: number;
  /** M (rows×cols); entries outside the mask are the ground truth where finite. */
  matrix: Mat;
  /** 1 = observed (rows×cols). */
  mask: Uint8Array;
  observedCount: number;
  /** whether every entry of M is known (reconstructionError defined). */
  hasGroundTruth: boolean;
}

export type Problem = MomentsProblem | CompletionProblem;

// ---------------------------------------------------------------- theory (spec §1)

export interface Theory {
  /** σ_1 ≥ … ≥ σ_rxy, singular values of Σxy above rankTol·σ1. */
  sigma: number[];
  /** λ_i = u_iᵀ Σx u_i. */
  lambda: number[];
  rxy: number;
  /** Completed orthonormal basis U of ℝᵈ (d×d); columns 0…rxy−1 are u_i. */
  U: Mat;
  /** Right singular vectors of Σxy, completed to p×p (columns). */
  V: Mat;
  /** ε = ‖B‖₂, B the off-diagonal part of UᵀΣxU. */
  epsilon: number;
  /** Δxy = ‖B‖₂ / ‖Σx‖₂ (GBL eq. 27). */
  deltaXY: number;
  /** Δx = ½‖Σx/‖Σx‖_F − I/√d‖_F (GBL eq. 27). */
  deltaX: number;
  /** ‖Σx‖₂. */
  sigmaXNorm: number;
  /** Cor. 3: stability = 1/(2σ1); eigengap = min over i of the gap bounds (null when rxy < 2). */
  stepSizeBounds: { stability: number | null; eigengap: number | null; eigengapIndex: number | null };
  /** W* = Σx⁺ Σxy (d×p). */
  wStar: Mat;
  /** W^{k,*} for k = 0…rxy (GBL eq. 4), as its rank-one terms (theory/reducedRank.ts). */
  reducedRank: ReducedRankTerms;
}

/**
 * W^{k,*} = Σ_{j<k} left_j right_jᵀ (left_j = s_j S⁺ũ_j, right_j = ṽ_j; GBL eq. 4), k = 0…rxy:
 * r_xy rank-one terms instead of r_xy + 1 full d×p matrices.
 */
export interface ReducedRankTerms {
  /** d×rxy. */
  left: Mat;
  /** p×rxy. */
  right: Mat;
}

// ---------------------------------------------------------------- results (spec §4)

export type StopReason = 'completed' | 'diverged' | 'stopLoss' | 'cancelled';

export interface RunResult {
  label: string;
  depth: number;
  width: number;
  method: OptimizerMethod;
  backend: Exclude<Backend, 'auto'>;
  precision: Exclude<Precision, 'auto'>;
  wallMs: number;
  diverged: boolean;
  stoppedAt: number | null;
  stopReason: StopReason;
  steps: number[];
  loss: number[];
  excessLoss: number[];
  singularValues: number[][];
  nuclearNorm: number[];
  reconstructionError: Array<number | null> | null;
  reducedRankDistance: number[][] | null;
  scalarTheory: Array<Array<number | null>> | null;
  closedForm: Array<Array<number | null>> | null;
  bounds: { lower: Array<Array<number | null>>; upper: Array<Array<number | null>> } | null;
  componentValues: number[][] | null;
  phaseSteps: { predicted: Array<number | null>; observed: Array<number | null> } | null;
  /** Extension: completion only — per singular value of M, the first recorded step it escapes (Cao's stage). */
  escapeSteps?: Array<number | null>;
  /** Spec §5.6: depth ≥ 2, per recorded step, r ≤ min(d, p, 8): σ_r(k+1) − σ_r(k) and ACHL Thm 3's prediction; null at depth 1; absent in older files. */
  singularValueRate?: SingularValueRate | null;
}

/** Spec §5.6 (ACHL Thm 3): observed and predicted one-step changes of σ_r, [recorded step][r]. */
export interface SingularValueRate {
  observed: Array<Array<number | null>>;
  predicted: Array<Array<number | null>>;
}

export interface TheoryResult {
  sigma: number[];
  lambda: number[];
  epsilon: number | null;
  deltaXY: number | null;
  deltaX: number | null;
  stepSizeBounds: { stability: number | null; eigengap: number | null };
  phaseSteps: Array<number | null>;
}

export interface Results {
  format: 'lnn-lab.results/1';
  experiment: Experiment;
  problem: { n: number | null; d: number; p: number };
  theory: TheoryResult;
  runs: RunResult[];
  baselines: {
    nuclearNormMinimization?: NuclearNormBaseline;
  };
  diagnostics: Diagnostic[];
  sweep?: SweepResults;
  /**
   * Extension: a shard's file (`lnn-lab run --shard i/n`): the sweep points with index ≡ i mod n.
   * `complete` is then false (not every point of the sweep); `shard.complete` says whether every
   * point of this shard finished. `lnn-lab merge` assembles the shards into the single run's results.
   */
  shard?: { index: number; count: number; complete: boolean };
  /** Spec §5.3: what wrote the file. */
  tool?: { name: string; version: string };
  /** Spec §5.3: when the file was written (ISO 8601). */
  createdAt?: string;
  /** Spec §5.3: true only when every model, sweep point and asked-for baseline finished and was written. Absent: unknown (older files). */
  complete?: boolean;
}

/** ACHL's CVX baseline, min ‖W‖_* s.t. |W_ij − M_ij| ≤ 1e-3 on Ω (spec §4), as solved by src/core/baselines. */
export interface NuclearNormBaseline {
  reconstructionError: number | null;
  /** ‖W‖_* of the returned (feasible) W. */
  nuclearNorm: number;
  iterations?: number;
  /** ADMM's primal residual ‖W − Z‖_F at the last iteration. */
  residual?: number;
  /** ADMM's dual residual ρ‖Z − Z_prev‖_F at the last iteration. */
  dualResidual?: number;
  /** (‖W‖_* − dual bound)/‖W‖_*: the certified relative optimality gap. */
  dualityGap?: number;
  /** max over Ω of (|W_ij − M_ij| − 1e-3)₊ for the returned W. */
  maxViolation?: number;
  status?: 'converged' | 'maxIterations';
  wallMs?: number;
  /**
   * Extension: ‖M‖_* of the ground truth, when it is known. Above the baseline's ‖W‖_* by more than
   * the gap and the box's slack, M is not the minimizer of the exact-fit program, so nuclear-norm
   * minimization cannot recover M from these entries whatever the solver (ACHL's 2000-entry case).
   */
  targetNuclearNorm?: number | null;
  /** Extension: tol‖Λ‖₁ of the dual certificate, about how far the box lowers the optimum below the exact fit's. */
  boxSlack?: number;
}

/**
 * A sweep's results (spec §2, §5.5): `axes` always; one-axis sweeps also keep `path` and `values`
 * (= axes[0], for older readers); `points` in the grid's order, `points[i·|V2| + j]` at
 * `[V1[i], V2[j]]` (a cancelled or sharded run may miss some; `values` says which each is).
 */
export interface SweepResults {
  /** Absent in files written before spec §5.5 (one axis: path, values); core/sweep/axes.ts resultsAxes reads both. */
  axes?: SweepAxis[];
  path?: string;
  values?: unknown[];
  points: SweepPoint[];
}

/** The theory of one sweep point's step size (spec §5.5): Cor. 3's bounds, §3's divergence bound per label. */
export interface PointStepSizeBounds {
  /** GBL Thm 3 / Cor. 3: 1/(2σ1); null where the theory does not cover the point. */
  stability: number | null;
  /** GBL Cor. 3's eigengap bound; null when r_xy < 2 or not covered. */
  eigengap: number | null;
  /** Per model label: spec §3's stepSize.diverges limit, bound/max ρ_i (gd 2, flow 2.78); null where the method has none. */
  divergence: Record<string, number | null>;
}

/** One point of a sweep (spec §2 `sweep`, §5.5): per model label, the final reconstruction error (and loss), and §5.5's fields. */
export interface SweepPoint {
  /** values[0] (the one-axis form's field, kept). */
  value: unknown;
  /** Spec §5.5: the point's value on each axis, [V1[i]] or [V1[i], V2[j]]. Absent in files written before it. */
  values?: unknown[];
  final: Record<string, number | null>;
  /** The nuclear-norm baseline's reconstruction error at this value, or null. */
  baseline: number | null;
  /** Extension: per model label, the final loss. */
  loss?: Record<string, number | null>;
  /** Extension: per model label, why the run stopped. */
  stopReason?: Record<string, StopReason>;
  /** Spec §5.5, per label: the run diverged. */
  diverged?: Record<string, boolean>;
  /** Spec §5.5, per label: the run's observed phase steps per component (null entries), null without the theory's components. */
  observedPhaseSteps?: Record<string, Array<number | null> | null>;
  /** Spec §5.5, per label: the final ‖W − W^{k,*}‖_F/‖W*‖_F for k = 0…r_xy, null where undefined (completion). */
  reducedRankDistance?: Record<string, number[] | null>;
  /** Spec §5.5, per label: final excess loss ≤ 1e-6 × the initial one. */
  settled?: Record<string, boolean>;
  /** Spec §5.5, per label: observed phase steps increasing in i, each within 10 % of its predicted step; null where the theory does not cover the run. */
  sequential?: Record<string, boolean | null>;
  /** Spec §5.5: the point's step-size theory; null where there is none (no theory, no divergence bound). */
  stepSizeBounds?: PointStepSizeBounds | null;
  /** That point's runs, each thinned to at most SWEEP_RUN_RECORDS records (core/sweep/thin.ts), same shape as results.runs. */
  runs?: RunResult[];
}
