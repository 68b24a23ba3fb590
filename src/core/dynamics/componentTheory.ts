// The per-component theory a run is drawn against (spec §1 "Per-component theory"): the scalar
// recursion / ODE for the run's depth and method, the closed forms, Thm 3's bounds, and the
// predicted phase steps — for the inits the theory covers.
import { learnableVectors } from '../theory/index';
import { predictedPhaseStep } from '../theory/phases';
import { ScalarCursor, closedFormDepth2Flow, thm3Bounds } from '../theory/scalar';
import type { Experiment, MomentsProblem, Theory } from '../types';
import { initScaleOrDefault } from './init';
import { METHODS } from './methods/index';

export interface ComponentTheory {
  predictedPhaseSteps: Array<number | null>;
  /** The scalar recursion / ODE of each component at step k (k non-decreasing between calls). */
  scalarAt(k: number): Array<number | null>;
  closedFormAt(k: number): Array<number | null> | null;
  boundsAt(k: number): { lower: Array<number | null>; upper: Array<number | null> } | null;
  /** Whether closedFormAt gives values (depth ≤ 2). */
  hasClosedForm: boolean;
  /** Whether boundsAt gives values (GBL Thm 3: depth 2, a method it speaks of). */
  hasBounds: boolean;
}

/** Σxy symmetric positive semidefinite (to a tolerance): identity init is then aligned (spec §1). */
function sigmaXYIsSymmetricPsd(problem: MomentsProblem, theory: Theory): boolean {
  const { d, p } = problem;
  if (d !== p) return false;
  const S = problem.sigmaXY.data;
  let asym = 0;
  let norm = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      asym += (S[i * d + j] - S[j * d + i]) ** 2;
      norm += S[i * d + j] ** 2;
    }
  if (asym > 1e-18 * Math.max(norm, 1e-300)) return false;
  // symmetric: PSD iff u_i ≈ v_i for every learnable component (u_i without building all of U)
  const u = learnableVectors(theory);
  const V = theory.V.data;
  for (let i = 0; i < theory.rxy; i++) {
    let uv = 0;
    for (let a = 0; a < d; a++) uv += u.data[a * u.cols + i] * V[a * p + i];
    if (uv < 1 - 1e-6) return false;
  }
  return true;
}

/** Whether the per-component theory covers this experiment's init and method (spec §1–2). */
export function theoryCovers(exp: Experiment, problem: MomentsProblem, theory: Theory): boolean {
  if (!METHODS[exp.optimizer.method].theory) return false;
  if (exp.init.scheme === 'aligned') return true;
  if (exp.init.scheme === 'identity') return sigmaXYIsSymmetricPsd(problem, theory);
  return false;
}

export function componentTheory(
  exp: Experiment,
  problem: MomentsProblem,
  theory: Theory,
  depth: number,
): ComponentTheory | null {
  const descriptor = METHODS[exp.optimizer.method];
  const covered = descriptor.theory;
  if (!covered || !theoryCovers(exp, problem, theory)) return null;
  const { stepSize: eta, steps } = exp.optimizer;
  const w0 = initScaleOrDefault(exp.init);
  const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
  const scalarMethod = covered.scalar;
  const cursors = theory.sigma.map((sigma, i) => new ScalarCursor(sigma, theory.lambda[i], depth, scalarMethod, eta, w0));
  // streamed, O(1) memory: the first step reaching ½σ/λ, stopping early once it settles below
  const predictedPhaseSteps = theory.sigma.map((sigma, i) => predictedPhaseStep(sigma, theory.lambda[i], depth, scalarMethod, eta, w0, steps));
  const hasBounds = depth === 2 && descriptor.gblThm3;
  return {
    predictedPhaseSteps,
    hasClosedForm: depth <= 2,
    hasBounds,
    scalarAt: (k) => cursors.map((c) => finiteOrNull(c.at(k))),
    closedFormAt: (k) => {
      const t = eta * k;
      if (depth === 1) {
        return theory.sigma.map((s, i) => finiteOrNull(covered.closedFormDepth1(s, theory.lambda[i], eta, w0, k)));
      }
      if (depth === 2) return theory.sigma.map((s, i) => finiteOrNull(closedFormDepth2Flow(s, theory.lambda[i], w0, t)));
      return null;
    },
    boundsAt: (k) => {
      if (!hasBounds) return null;
      const lower: Array<number | null> = [];
      const upper: Array<number | null> = [];
      theory.sigma.forEach((s, i) => {
        const b = thm3Bounds(s, theory.lambda[i], eta, w0, k);
        lower.push(b ? finiteOrNull(b.lower) : null);
        upper.push(b ? finiteOrNull(b.upper) : null);
      });
      return { lower, upper };
    },
  };
}
