// A certificate for the nuclear-norm program of nuclearNorm.ts (ACHL's CVX baseline):
//   primal  min ‖W‖_*  s.t. |W_ij − M_ij| ≤ tol on Ω
//   dual    max ⟨Λ, M⟩ − tol‖Λ‖₁  s.t. ‖Λ‖₂ ≤ 1, Λ zero off Ω
// (‖W‖_* = max_{‖Λ‖₂≤1} ⟨Λ, W⟩; minimizing ⟨Λ, W⟩ over the box is −∞ unless Λ lives on Ω.)
// Any feasible W bounds the optimum from above, any dual-feasible Λ from below. From an ADMM
// iterate: W projected onto the box, and Λ = −ρ P_Ω(U) (the scaled dual is −∂‖W‖_* at the
// fixed point) divided by max(1, ‖Λ‖₂).
import type { CompletionProblem } from '../types';
import { singularValuesFlat } from '../linalg/svd';

export interface Certificate {
  /** Π_C(W): feasible. */
  point: Float64Array;
  /** ‖Π_C(W)‖_*. */
  upper: number;
  /** ⟨Λ, M⟩ − tol‖Λ‖₁ for the scaled Λ. */
  lower: number;
  /**
   * tol‖Λ‖₁ for the scaled Λ: about how far the box lets the optimum sit below that of the exact
   * program (W = M on Ω), whose dual bound is ⟨Λ, M⟩ = lower + boxSlack.
   */
  boxSlack: number;
}

/** Π_C(W): the observed entries clipped to [M − tol, M + tol], the others kept. */
export function projectOntoBox(problem: CompletionProblem, W: Float64Array, tol: number): Float64Array {
  const M = problem.matrix.data;
  const out = Float64Array.from(W);
  for (let i = 0; i < out.length; i++) {
    if (!problem.mask[i]) continue;
    const lo = M[i] - tol;
    const hi = M[i] + tol;
    if (out[i] < lo) out[i] = lo;
    else if (out[i] > hi) out[i] = hi;
  }
  return out;
}

export function certificate(problem: CompletionProblem, W: Float64Array, U: Float64Array, rho: number, tol: number): Certificate {
  const { rows: m, cols: n, mask } = problem;
  const M = problem.matrix.data;
  const point = projectOntoBox(problem, W, tol);
  // ‖point‖_* from the bidiagonal's values (svd.ts), exact to ~ε‖point‖₂ each: the Gram route's √ of
  // round-off eigenvalues would add ~1e-6 relative to a low-rank point's upper bound
  const upper = singularValuesFlat(point, m, n).reduce((a, b) => a + b, 0);
  const lambda = new Float64Array(m * n);
  for (let i = 0; i < lambda.length; i++) lambda[i] = mask[i] ? -rho * U[i] : 0;
  const spectral = singularValuesFlat(lambda, m, n)[0] ?? 0;
  const scale = 1 / Math.max(1, spectral);
  let lower = 0;
  let boxSlack = 0;
  for (let i = 0; i < lambda.length; i++) {
    if (!mask[i]) continue;
    lower += scale * (lambda[i] * M[i] - tol * Math.abs(lambda[i]));
    boxSlack += scale * tol * Math.abs(lambda[i]);
  }
  return { point, upper, lower, boxSlack };
}
