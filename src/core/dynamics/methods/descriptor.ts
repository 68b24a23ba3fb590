// What the lab knows of an optimizer method (spec §2 `optimizer.method`): one descriptor per
// method, collected in METHODS (methods/index.ts). A new method is a descriptor and its functions.
import type * as TF from '@tensorflow/tfjs';
import type { Float64Arena } from '../../linalg/wasm/wasmGemm';
import type { ScalarMethod } from '../../theory/scalar';
import type { GradientWorkspace } from '../gradient';
import type { TfjsState, TfjsStepContext } from '../tfjs/steps';

/** What a float64 step works on: every buffer comes from the engine's arena. */
export interface Float64StepContext {
  arena: Float64Arena;
  ws: GradientWorkspace;
  /** The factors W1…WL, updated in place. */
  factors: Float64Array[];
  /** Factor-shaped gradient buffers. */
  grads: Float64Array[];
  /** η, or the RK4 time step h for flow. */
  stepSize: number;
  /** A fresh set of factor-shaped buffers from the arena (at most `extraFactorSets` calls). */
  alloc(): Float64Array[];
}

export interface Float64Stepper {
  /** Where the engine has ws.evaluate() write ∇_l f of the current state before step(). */
  readonly gradients: Float64Array[];
  /** W_k → W_{k+1}, `gradients` holding ∇f(W_k); allocation-free. */
  step(): void;
  /** η_k of the last step(): the factor its update multiplied ∇f by (ACHL §3's step size, spec §5.6). */
  lastStepSize(): number;
}

export interface Float64Method {
  /** Factor-shaped buffer sets the step takes from the arena besides factors and grads (RK4: 5). */
  extraFactorSets: number;
  create(ctx: Float64StepContext): Float64Stepper;
}

export interface TfjsMethod {
  /** The s the gradient operands are uploaded with, so that every ∇ the step sees is s·∇ (saves an op per step). */
  gradientScale(stepSize: number): number;
  /** Whether the state carries grouprmsprop's running average v. */
  runningAverage: boolean;
  /** One update from `st`, whose s·∇_l are `grads`: the new state (fresh tensors). Inside tf.tidy. */
  step(ctx: TfjsStepContext, st: TfjsState, grads: TF.Tensor2D[]): TfjsState;
}

/** The per-component theory of spec §1 for a method it covers. */
export interface ComponentTheoryOf {
  /** The scalar recursion / ODE each component follows (theory/scalar.ts). */
  scalar: ScalarMethod;
  /** Depth 1: the closed form w_k (GBL eq. 21 for gd, eq. 9 at t = ηk for flow). */
  closedFormDepth1(sigma: number, lambda: number, eta: number, w0: number, k: number): number;
}

/** Where a fixed step size stops converging on a component of local rate ρ (theory/stepSize.ts rho). */
export interface StabilityOf {
  /** The step contracts iff η·ρ < bound. */
  bound: number;
  /** What crossing it does, in words (stepSize.diverges). */
  beyond: string;
}

export interface MethodDescriptor {
  /** Evaluations of f and its factor gradients per step (cost.ts flopsPerStep). */
  evaluationsPerStep: number;
  /** The step-size stability bound, or null for an adaptive step (no fixed bound). */
  stability: StabilityOf | null;
  /** GBL Thm 3 and Cor. 3 (bounds at depth 2, the stability and eigengap conditions) speak of it. */
  gblThm3: boolean;
  /** The per-component theory, or null where it does not cover the method. */
  theory: ComponentTheoryOf | null;
  float64: Float64Method;
  tfjs: TfjsMethod;
}
