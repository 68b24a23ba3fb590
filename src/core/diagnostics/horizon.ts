// Predicted phase step of one component for steps.horizon (spec §1, §3): the first step at which
// the scalar theory's w reaches ½σ/λ. Exact (theory/phases.ts streams the recursion) up to a work
// cap; beyond it, the gradient-flow time to reach ½σ/λ, divided by η, estimates the step.
import { predictedPhaseStep } from '../theory/phases';
import type { ScalarMethod } from '../theory/scalar';

/** Steps of the scalar recursion streamed at most (keeps a keystroke's check well under 100 ms). */
export const EXACT_STEP_CAP = 200_000;

/**
 * Time for dw/dt = L w^(2−2/L)(σ − λw) (ACHL; GBL eq. 6 on a component) to go from w0 to ½σ/λ:
 * t = ∫ dw / (L w^(2−2/L)(σ − λw)), by Simpson's rule in s = ln w. Depth 2 gives GBL eq. 16's
 * ln((σ − λw0)/(λw0))/(2σ). Null when w0 ≥ ½σ/λ or the data cannot be learned (σ, λ ≤ 0).
 */
export function flowPhaseTime(sigma: number, lambda: number, depth: number, w0: number): number | null {
  if (!(sigma > 0 && lambda > 0 && w0 > 0)) return null;
  const target = (0.5 * sigma) / lambda;
  if (w0 >= target) return null;
  const a = Math.log(w0);
  const b = Math.log(target);
  const f = (s: number) => {
    const w = Math.exp(s);
    return Math.pow(w, 2 / depth - 1) / (depth * (sigma - lambda * w));
  };
  const n = 2000; // even
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let k = 1; k < n; k++) sum += (k % 2 === 1 ? 4 : 2) * f(a + k * h);
  return (sum * h) / 3;
}

export interface PhaseStepPrediction {
  step: number;
  /** true: streamed from the scalar recursion; false: the flow-time estimate. */
  exact: boolean;
}

/**
 * The predicted phase step when it lies beyond `steps`, else null (within steps, already past
 * half at step 0, or never reached because the recursion blows up).
 */
export function phaseStepBeyond(
  sigma: number,
  lambda: number,
  depth: number,
  method: ScalarMethod,
  eta: number,
  w0: number,
  steps: number,
): PhaseStepPrediction | null {
  const time = flowPhaseTime(sigma, lambda, depth, w0);
  if (time === null) return null;
  const horizon = Math.min(steps, EXACT_STEP_CAP);
  const within = predictedPhaseStep(sigma, lambda, depth, method, eta, w0, horizon);
  if (within !== null) return null;
  if (steps < EXACT_STEP_CAP) {
    const exact = predictedPhaseStep(sigma, lambda, depth, method, eta, w0, EXACT_STEP_CAP);
    if (exact !== null) return { step: exact, exact: true };
  }
  const estimate = Math.ceil(time / eta);
  return estimate > steps ? { step: estimate, exact: false } : null;
}
