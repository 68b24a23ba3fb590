// Phase steps (spec §1): the step at which component i's value first reaches half of σ_i/λ_i.
import { SCALAR_STEPS, componentValue, initialFactor, type ScalarMethod } from './scalar';

/**
 * Depth-2 flow closed form (GBL eq. 16 solved for w = σ/(2λ)): k = ln((σ − λw0)/(λw0)) / (2ησ).
 * Real-valued; null when λ w0 ≥ σ/2 (already past half) or λ ≤ 0 (never reached).
 */
export function phaseStepClosedForm(sigma: number, lambda: number, w0: number, eta: number): number | null {
  if (!(lambda > 0 && sigma > 0 && eta > 0) || lambda * w0 >= sigma / 2) return null;
  return Math.log((sigma - lambda * w0) / (lambda * w0)) / (2 * eta * sigma);
}

/** The closed-form phase step of every learnable component (theory.phaseSteps of spec §4). */
export function phaseStepsClosedForm(sigma: number[], lambda: number[], w0: number, eta: number): Array<number | null> {
  return sigma.map((s, i) => phaseStepClosedForm(s, lambda[i], w0, eta));
}

/** The first index k with traj[k] ≥ target, or null. */
export function firstStepReaching(traj: ArrayLike<number>, target: number): number | null {
  for (let k = 0; k < traj.length; k++) if (traj[k] >= target) return k;
  return null;
}

/**
 * Predicted phase step of one component: the first k ≤ steps at which the scalar theory of the
 * method (gd: the recursion; flow: RK4 with h = η) reaches ½σ/λ, or null. Streams the same
 * steps as scalarGdTrajectory / scalarFlowTrajectory without storing them.
 */
export function predictedPhaseStep(
  sigma: number,
  lambda: number,
  depth: number,
  method: ScalarMethod,
  eta: number,
  w0: number,
  steps: number,
): number | null {
  if (!(lambda > 0)) return null;
  const target = (0.5 * sigma) / lambda;
  let a = initialFactor(w0, depth);
  if (componentValue(a, depth) >= target) return 0;
  const step = SCALAR_STEPS[method];
  for (let k = 1; k <= steps; k++) {
    const next = step(a, sigma, lambda, depth, eta);
    const w = componentValue(next, depth);
    if (w >= target) return k;
    if (!Number.isFinite(w)) return null;
    // settled below the target (a fixed point or a 2-cycle's exact repeat): it never gets there
    if (next === a) return null;
    a = next;
  }
  return null;
}

/** predictedPhaseStep for every learnable component. */
export function predictedPhaseSteps(
  sigma: number[],
  lambda: number[],
  depth: number,
  method: ScalarMethod,
  eta: number,
  w0: number,
  steps: number,
): Array<number | null> {
  return sigma.map((s, i) => predictedPhaseStep(s, lambda[i], depth, method, eta, w0, steps));
}
