// The least-squares solution W* = Σx⁺Σxy and the reduced-rank regression solutions
// W^{k,*} = S⁺ [S⁺Σxy]_k, S = Σx^{1/2} (GBL eq. 4; Reinsel & Velu Thm 2.2), from one
// eigendecomposition of Σx: S⁺ is applied as Q diag(λ^{-1/2}) Qᵀ, never formed.
import { applySpectralFunction, columns, svd, zeros, type SymmetricEig } from '../linalg/dense';
import type { Mat } from '../types';
import { pseudoInverseCutoff, sigmaXPinvTimes } from './leastSquares';

/** W* = Σx⁺ Σxy (spec §1), Σx = QΛQᵀ given by its eigendecomposition (leastSquares.ts). */
export function leastSquaresSolution(sigmaXEig: SymmetricEig, sigmaXY: Mat): Mat {
  return sigmaXPinvTimes(sigmaXEig, sigmaXY);
}

/** W^{k,*} for k = 0 … maxRank (GBL eq. 4): W^{0,*} = 0, then one rank-one term per k. */
export function reducedRankSolutions(sigmaXEig: SymmetricEig, sigmaXY: Mat, maxRank: number): Mat[] {
  const d = sigmaXY.rows;
  const p = sigmaXY.cols;
  const invSqrt = (l: number) => 1 / Math.sqrt(l);
  const cutoff = pseudoInverseCutoff(sigmaXEig); // the cut-off of Σx⁺ (leastSquares.ts)
  const M = applySpectralFunction(sigmaXEig, invSqrt, sigmaXY, cutoff); // S⁺ Σxy
  const { U, s, V } = svd(M);
  const kmax = Math.min(maxRank, s.length);
  const SU = applySpectralFunction(sigmaXEig, invSqrt, columns(U, 0, kmax), cutoff); // S⁺ ũ_j
  const out: Mat[] = [zeros(d, p)];
  for (let k = 1; k <= maxRank; k++) {
    const prev = out[k - 1];
    const W = { rows: d, cols: p, data: new Float64Array(prev.data) };
    const j = k - 1;
    if (j < kmax && s[j] > 0) {
      // [S⁺Σxy]_k = Σ_{j<k} s_j ũ_j ṽ_jᵀ, so W^{k,*} = W^{k−1,*} + s_j (S⁺ũ_j) ṽ_jᵀ
      for (let a = 0; a < d; a++) {
        const x = s[j] * SU.data[a * kmax + j];
        if (x === 0) continue;
        for (let b = 0; b < p; b++) W.data[a * p + b] += x * V.data[b * V.cols + j];
      }
    }
    out.push(W);
  }
  return out;
}
