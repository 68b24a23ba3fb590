// The least-squares solution W* = Σx⁺Σxy and the reduced-rank regression solutions
// W^{k,*} = S⁺ [S⁺Σxy]_k, S = Σx^{1/2} (GBL eq. 4; Reinsel & Velu Thm 2.2), from one
// eigendecomposition of Σx: S⁺ is applied as Q diag(λ^{-1/2}) Qᵀ, never formed.
import { applySpectralFunction, columns, svd, zeros, type SymmetricEig } from '../linalg/dense';
import type { Mat, ReducedRankTerms } from '../types';
import { pseudoInverseCutoff, sigmaXPinvTimes } from './leastSquares';

/** W* = Σx⁺ Σxy (spec §1), Σx = QΛQᵀ given by its eigendecomposition (leastSquares.ts). */
export function leastSquaresSolution(sigmaXEig: SymmetricEig, sigmaXY: Mat): Mat {
  return sigmaXPinvTimes(sigmaXEig, sigmaXY);
}

/**
 * W^{k,*} for k = 0 … maxRank (GBL eq. 4) as rank-one terms: [S⁺Σxy]_k = Σ_{j<k} s_j ũ_j ṽ_jᵀ, so
 * W^{k,*} = Σ_{j<k} (s_j S⁺ũ_j) ṽ_jᵀ. Terms past the rank of S⁺Σxy are zero columns.
 */
export function reducedRankSolutions(sigmaXEig: SymmetricEig, sigmaXY: Mat, maxRank: number): ReducedRankTerms {
  const d = sigmaXY.rows;
  const p = sigmaXY.cols;
  const invSqrt = (l: number) => 1 / Math.sqrt(l);
  const cutoff = pseudoInverseCutoff(sigmaXEig); // the cut-off of Σx⁺ (leastSquares.ts)
  const M = applySpectralFunction(sigmaXEig, invSqrt, sigmaXY, cutoff); // S⁺ Σxy
  const { U, s, V } = svd(M);
  const kmax = Math.min(maxRank, s.length);
  const SU = applySpectralFunction(sigmaXEig, invSqrt, columns(U, 0, kmax), cutoff); // S⁺ ũ_j
  const left = zeros(d, maxRank);
  const right = zeros(p, maxRank);
  for (let j = 0; j < kmax; j++) {
    if (!(s[j] > 0)) continue;
    for (let a = 0; a < d; a++) left.data[a * maxRank + j] = s[j] * SU.data[a * kmax + j];
    for (let b = 0; b < p; b++) right.data[b * maxRank + j] = V.data[b * V.cols + j];
  }
  return { left, right };
}

/** The number of terms: W^{k,*} exists for k = 0 … reducedRankCount(terms). */
export function reducedRankCount(terms: ReducedRankTerms): number {
  return terms.left.cols;
}

/** W^{k,*} as a d×p matrix (off the record path: tests, exports), summed in the order of the terms. */
export function reducedRankSolution(terms: ReducedRankTerms, k: number): Mat {
  const { left, right } = terms;
  const r = left.cols;
  if (k < 0 || k > r) throw new Error(`reducedRankSolution: k = ${k} outside 0…${r}`);
  const d = left.rows;
  const p = right.rows;
  const W = zeros(d, p);
  for (let j = 0; j < k; j++) addRankOne(W.data, left, right, j, 1);
  return W;
}

/** X += α left_j right_jᵀ (X d×p row-major). */
export function addRankOne(X: Float64Array, left: Mat, right: Mat, j: number, alpha: number): void {
  const r = left.cols;
  const d = left.rows;
  const p = right.rows;
  for (let a = 0; a < d; a++) {
    const x = alpha * left.data[a * r + j];
    if (x === 0) continue;
    const o = a * p;
    for (let b = 0; b < p; b++) X[o + b] += x * right.data[b * r + j];
  }
}

/**
 * ‖W − W^{k,*}‖_F for k = 0 … r: the rank-one terms subtracted from one copy of W in turn, each
 * norm summed over the difference itself — never ‖W‖² − 2⟨W, W^{k,*}⟩ + ‖W^{k,*}‖², which loses
 * everything below about 1e-8‖W‖. O(r·d·p) time, one d×p buffer (`scratch`, when given).
 */
export function reducedRankDistancesOf(W: Mat, terms: ReducedRankTerms, scratch?: Float64Array): number[] {
  const r = terms.left.cols;
  const R = scratch && scratch.length >= W.data.length ? scratch : new Float64Array(W.data.length);
  R.set(W.data);
  const n = W.data.length;
  const norm = () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += R[i] * R[i];
    return Math.sqrt(s);
  };
  const out = [norm()];
  for (let j = 0; j < r; j++) {
    addRankOne(R, terms.left, terms.right, j, -1);
    out.push(norm());
  }
  return out;
}
