// The one interface every dynamics engine implements (float64 `js`, tfjs cpu/wasm/webgl).
// The run loop (run.ts) owns recording, progress, cancellation and metrics; an engine only
// advances the factors and reports the loss it meets on the way.
import type { Backend, Mat, OptimizerMethod, Precision, Problem } from '../types';

export interface EngineSetup {
  problem: Problem;
  depth: number;
  width: number;
  method: OptimizerMethod;
  /** η for gd and grouprmsprop; the RK4 time step h for flow. */
  stepSize: number;
  /** Initial factors W1 (d×r), W2…W(L−1) (r×r), WL (r×p); depth 1: one d×p factor. Float64, not retained. */
  factors: Mat[];
}

export interface StepLimits {
  /** A loss that is non-finite or above this has diverged: 1e10 × (1 + initial loss) (spec §2). */
  divergeAbove: number;
  /** Stop once the loss is at or below this (spec §2 `stopLoss`), or null. */
  stopLoss: number | null;
}

export interface AdvanceOutcome {
  /** Updates actually performed (≤ n). The engine's state is W at (start + taken). */
  taken: number;
  /** Why it stopped early, if it did: the loss of the state it stopped at tripped a limit. */
  stop: null | 'diverged' | 'stopLoss';
}

/** What stepAhead() returns: the state k, the state k + 1 it stepped to, and what the step used. */
export interface ProbeStep {
  /** W(k), the end-to-end matrix the step starts from. */
  before: Mat;
  /** G = ∇f(W(k)) in W (gradient.ts: GBL eq. 7 for moments; completion's P_Ω(W − M)/|Ω|). */
  gradient: Mat;
  /** W(k + 1) after the step. */
  after: Mat;
  /** η_k, the step's effective size: η (gd), h (flow), η/(√v̂_k + ε) (grouprmsprop). */
  stepSize: number;
}

/**
 * Semantics of advance(n, limits): for each of up to n steps, the engine evaluates the loss
 * f(W_k) of its current state (it has it anyway with the gradient). If that loss is non-finite
 * or above limits.divergeAbove it stops with 'diverged'; if it is ≤ limits.stopLoss it stops with
 * 'stopLoss'; in both cases without updating, so the state is W_k. Otherwise it performs one
 * update W_k → W_{k+1}. The loss of the state reached after the n-th update is checked by the
 * caller (the run loop checks every recorded state in float64) or by the next advance.
 */
export interface DynamicsEngine {
  readonly backend: Exclude<Backend, 'auto'>;
  readonly precision: Exclude<Precision, 'auto'>;
  advance(n: number, limits: StepLimits): Promise<AdvanceOutcome>;
  /** The end-to-end W = W1⋯WL of the current state, as float64 (d×p, or rows×cols). */
  endToEnd(): Promise<Mat>;
  /**
   * f of the state endToEnd() has just formed, from the very sums a record takes for it
   * (results/metrics.ts lossOf, bit for bit: the same kernels on the same W), so that a record
   * need not form Σx·W again; null once a step has moved on. Absent on float32 engines, whose f is
   * not the record's float64 one.
   */
  formedLoss?(): number | null;
  /**
   * Takes now the step the next advance() would take first, for ACHL's singular-value rate (spec
   * §5.6): W(k), ∇f(W(k)), W(k+1) and the step's η_k. The engine is then at k + 1, and the next
   * advance(n, …) counts this step as the first of its n (the same bits as taking it there). Null,
   * stepping nothing, where f(W(k)) trips `limits` (advance would not step either). Absent where
   * the engine cannot (float32 engines).
   */
  stepAhead?(limits: StepLimits): Promise<ProbeStep | null>;
  dispose(): void;
}

export type EngineFactory = (setup: EngineSetup) => Promise<DynamicsEngine>;

/** Which limit a loss trips, if any (spec §2: non-finite or above divergeAbove → diverged; ≤ stopLoss → stopLoss). */
export function limitTripped(loss: number, limits: StepLimits): AdvanceOutcome['stop'] {
  if (!Number.isFinite(loss) || loss > limits.divergeAbove) return 'diverged';
  if (limits.stopLoss !== null && loss <= limits.stopLoss) return 'stopLoss';
  return null;
}
