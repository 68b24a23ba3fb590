// The least-squares solution W* = Σx⁺Σxy and the excess-loss constant (spec §1–2), from one
// eigendecomposition of Σx per problem and one pseudo-inverse cut-off: every Σx⁺ of the lab is here.
import { applySpectralFunction, psdTolerance, symmetricEig, type SymmetricEig } from '../linalg/dense';
import type { Mat, MomentsProblem } from '../types';
import { isWide, qTimes, qtTimesCached, scaleRows } from './wideProducts';

/** Eigenvalues of Σx at or below this count as zero in Σx⁺ (and Σx^{-1/2}⁺): n·ε·λmax, numpy's pinv rule. */
export function pseudoInverseCutoff(eig: SymmetricEig): number {
  return psdTolerance(eig);
}

const eigCache = new WeakMap<MomentsProblem, SymmetricEig>();
const wStarCache = new WeakMap<MomentsProblem, Mat>();
const excessCache = new WeakMap<MomentsProblem, number>();

/** Σx = QΛQᵀ, eigenvalues descending; computed once per problem object. */
export function sigmaXEigOf(problem: MomentsProblem): SymmetricEig {
  let eig = eigCache.get(problem);
  if (!eig) {
    eig = symmetricEig(problem.sigmaX);
    eigCache.set(problem, eig);
  }
  return eig;
}

/** Σx⁺ M = Q Λ⁺ Qᵀ M, eigenvalues at or below `cutoff` (default pseudoInverseCutoff) left out. */
export function sigmaXPinvTimes(sigmaXEig: SymmetricEig, M: Mat, cutoff = pseudoInverseCutoff(sigmaXEig)): Mat {
  const n = sigmaXEig.values.length;
  if (M.rows === n && n > 0 && isWide(n, M.cols)) {
    // many columns: Q Λ⁺ (QᵀM) with the explicit Q on the arena's kernels (QᵀΣxy shared with W^{k,*})
    const y = scaleRows(sigmaXEig, (l) => 1 / l, qtTimesCached(sigmaXEig, M), M.cols, cutoff);
    return { rows: n, cols: M.cols, data: qTimes(sigmaXEig, y, M.cols) };
  }
  return applySpectralFunction(sigmaXEig, (l) => 1 / l, M, cutoff);
}

/** W* = Σx⁺ Σxy (spec §1), once per problem object. */
export function leastSquaresSolutionOf(problem: MomentsProblem): Mat {
  let w = wStarCache.get(problem);
  if (!w) {
    w = sigmaXPinvTimes(sigmaXEigOf(problem), problem.sigmaXY);
    wStarCache.set(problem, w);
  }
  return w;
}

/**
 * min f = ½ trΣy − ½ tr(Σxyᵀ Σx⁺ Σxy): where trΣy is unknown (moments data) f is the excess loss
 * f(W) − min f = ½⟨W,ΣxW⟩ − ⟨W,Σxy⟩ + ½ tr(Σxyᵀ W*) (spec §1–2); this is its constant ½⟨Σxy, W*⟩.
 */
export function excessLossConstantOf(problem: MomentsProblem): number {
  let c = excessCache.get(problem);
  if (c === undefined) {
    const w = leastSquaresSolutionOf(problem).data;
    const sxy = problem.sigmaXY.data;
    let s = 0;
    for (let i = 0; i < sxy.length; i++) s += sxy[i] * w[i];
    c = s / 2;
    excessCache.set(problem, c);
  }
  return c;
}
