// ACHL's convex baseline for matrix completion (ACHL §5, their CVX program; spec §4
// `baselines.nuclearNormMinimization`): min ‖W‖_* subject to |W_ij − M_ij| ≤ tol on Ω, tol = 1e-3.
// Solved by ADMM (Boyd et al. 2011, §3, §5) on the split W = Z:
//   W ← D_{1/ρ}(Z − U)          singular value thresholding (svt.ts)
//   Z ← Π_C(W + U)              C: the box [M − tol, M + tol] on Ω, free elsewhere
//   U ← U + W − Z               scaled dual
// with residual balancing of ρ (Boyd eq. 3.13). ADMM's feasibility converges slowly (its primal
// residual decays like 1/k here), its objective fast; so every few iterations the certificate
// of gap.ts is taken: the feasible point Π_C(W) against the dual bound of Λ = −ρU. It stops once
// the relative duality gap is below gapTol (default 1e-4) and returns that feasible point.
import { reconstructionErrorOf } from '../results/metrics';
import type { CompletionProblem, Mat } from '../types';
import { certificate, type Certificate } from './gap';
import { singularValueThreshold } from './svt';
import { turn } from '../turn';

/** ACHL's constraint: |W_ij − M_ij| ≤ 1e-3 on the observed entries. */
export const NUCLEAR_NORM_TOLERANCE = 1e-3;

export interface NuclearNormOptions {
  /** Half-width of the box on Ω (default 1e-3, ACHL). */
  tolerance?: number;
  /** Stop once (upper − lower)/upper ≤ gapTol (default 1e-4: the objective to 1e-4 relative, the box exactly). */
  gapTol?: number;
  /** Iterations between certificates (default 10). */
  checkEvery?: number;
  /** Default 3000. */
  maxIterations?: number;
  signal?: AbortSignal;
  /** Give the event loop a turn at least this often (ms); default 50. */
  yieldEveryMs?: number;
}

export interface NuclearNormResult {
  /** The feasible point Π_C(W) of the last certificate. */
  W: Mat;
  /** ‖W‖_*: an upper bound on the optimum. */
  nuclearNorm: number;
  /** The dual bound: a lower bound on the optimum. */
  lowerBound: number;
  /** (nuclearNorm − lowerBound)/nuclearNorm. */
  dualityGap: number;
  /** tol‖Λ‖₁ of the certificate's dual: about how much the box lowers the optimum (gap.ts). */
  boxSlack: number;
  /** ‖W − M‖²_F/‖M‖²_F over all entries (ACHL's test error); null without a ground truth. */
  reconstructionError: number | null;
  iterations: number;
  /** ADMM's ‖W − Z‖_F and ρ‖Z − Z_prev‖_F at the last iteration. */
  primalResidual: number;
  dualResidual: number;
  /** max over Ω of (|W_ij − M_ij| − tol)₊ for the returned W (0 up to round-off: it is projected). */
  maxViolation: number;
  rho: number;
  status: 'converged' | 'maxIterations' | 'cancelled';
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function norm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

export async function nuclearNormMinimization(problem: CompletionProblem, options: NuclearNormOptions = {}): Promise<NuclearNormResult> {
  const { rows: m, cols: n, mask } = problem;
  const M = problem.matrix.data;
  const tol = options.tolerance ?? NUCLEAR_NORM_TOLERANCE;
  const gapTol = options.gapTol ?? 1e-4;
  const checkEvery = options.checkEvery ?? 10;
  const maxIterations = options.maxIterations ?? 3000;
  const yieldEvery = options.yieldEveryMs ?? 50;
  const size = m * n;
  const W = new Float64Array(size);
  const Z = new Float64Array(size);
  const U = new Float64Array(size);
  const Y = new Float64Array(size);
  for (let i = 0; i < size; i++) Z[i] = mask[i] ? M[i] : 0;
  // the threshold 1/ρ starts at ‖P_Ω M‖_F/(10√min(m, n)), a tenth of an average singular value;
  // residual balancing adapts it (the run time hardly depends on the start)
  const observedNorm = norm(Z);
  let rho = observedNorm > 0 ? (10 * Math.sqrt(Math.min(m, n))) / observedNorm : 1;
  let primal = Infinity;
  let dual = Infinity;
  let status: NuclearNormResult['status'] = 'maxIterations';
  let iterations = 0;
  let best: Certificate | null = null;
  let lastTurn = now();
  const check = () => {
    const c = certificate(problem, W, U, rho, tol);
    // keep the best feasible point and the best lower bound seen (both stay valid)
    if (!best) best = c;
    else {
      if (c.upper < best.upper) best = { ...c, lower: Math.max(c.lower, best.lower) };
      else best = { ...best, lower: Math.max(c.lower, best.lower) };
    }
    return (best.upper - best.lower) / Math.max(best.upper, Number.MIN_VALUE) <= gapTol;
  };
  for (let it = 1; it <= maxIterations; it++) {
    if (options.signal?.aborted) {
      status = 'cancelled';
      break;
    }
    for (let i = 0; i < size; i++) Y[i] = Z[i] - U[i];
    singularValueThreshold(Y, m, n, 1 / rho, W);
    let r2 = 0;
    let dz2 = 0;
    for (let i = 0; i < size; i++) {
      const v = W[i] + U[i];
      let z = v;
      if (mask[i]) {
        const lo = M[i] - tol;
        const hi = M[i] + tol;
        z = v < lo ? lo : v > hi ? hi : v;
      }
      dz2 += (z - Z[i]) ** 2;
      Z[i] = z;
      const res = W[i] - z;
      U[i] += res;
      r2 += res * res;
    }
    primal = Math.sqrt(r2);
    dual = rho * Math.sqrt(dz2);
    iterations = it;
    if (it % checkEvery === 0 && check()) {
      status = 'converged';
      break;
    }
    // residual balancing (Boyd eq. 3.13): keep the two residuals within a factor 10
    if (primal > 10 * dual) {
      rho *= 2;
      for (let i = 0; i < size; i++) U[i] /= 2;
    } else if (dual > 10 * primal) {
      rho /= 2;
      for (let i = 0; i < size; i++) U[i] *= 2;
    }
    if (now() - lastTurn > yieldEvery) {
      await turn();
      lastTurn = now();
    }
  }
  if (!best) check();
  const c = best as unknown as Certificate;
  const Wmat: Mat = { rows: m, cols: n, data: c.point };
  let maxViolation = 0;
  for (let i = 0; i < size; i++) if (mask[i]) maxViolation = Math.max(maxViolation, Math.abs(c.point[i] - M[i]) - tol);
  return {
    W: Wmat,
    nuclearNorm: c.upper,
    lowerBound: c.lower,
    boxSlack: c.boxSlack,
    dualityGap: (c.upper - c.lower) / Math.max(c.upper, Number.MIN_VALUE),
    reconstructionError: reconstructionErrorOf(problem, Wmat),
    iterations,
    primalResidual: primal,
    dualResidual: dual,
    maxViolation: Math.max(0, maxViolation),
    rho,
    status,
  };
}

