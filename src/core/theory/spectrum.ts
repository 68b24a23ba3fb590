// The spectral quantities of spec §1: σ_i, u_i, v_i of Σxy, r_xy, λ_i = u_iᵀΣx u_i, the completed
// basis U of Assumption 1 (GBL §3), ε = ‖B‖₂ with UᵀΣxU = diag(λ) + B, and GBL Table 1's Δxy, Δx (eq. 27).
import {
  applyQ,
  applyQt,
  cloneMat,
  columns,
  frobeniusNorm,
  householder,
  matmul,
  orthonormalComplement,
  psdSqrt,
  svd,
  symmetricEig,
  symmetrize,
  transpose,
  zeros,
  type SymmetricEig,
} from '../linalg/dense';
import { symmetricEigenFlat } from '../linalg/symmetricEigen';
import { arenaDoubles, createArena } from '../linalg/wasm/wasmGemm';
import type { Mat } from '../types';

export interface SingularSpectrum {
  /** Singular values of Σxy, descending, all min(d, p) of them. */
  all: number[];
  /** σ_1 ≥ … ≥ σ_rxy: those above rankTol·σ1. */
  sigma: number[];
  rxy: number;
  /** u_1 … u_rxy (d×rxy). */
  uLearnable: Mat;
  /** Right singular vectors of Σxy completed to an orthonormal basis of ℝᵖ (p×p); column i is v_i. */
  V: Mat;
}

/** r_xy: how many σ_i exceed rankTol·σ1 (spec §1). */
export function learnableCount(singularValuesDesc: number[], rankTol: number): number {
  if (singularValuesDesc.length === 0 || !(singularValuesDesc[0] > 0)) return 0;
  const cut = rankTol * singularValuesDesc[0];
  let r = 0;
  while (r < singularValuesDesc.length && singularValuesDesc[r] > cut) r++;
  return r;
}

/** SVD of Σxy = Σ σ_i u_i v_iᵀ (spec §1), with r_xy and V completed to p×p. */
export function singularSpectrum(sigmaXY: Mat, rankTol: number): SingularSpectrum {
  const p = sigmaXY.cols;
  const { U, s, V: Vthin } = svd(sigmaXY);
  const rxy = learnableCount(s, rankTol);
  const V = Vthin.cols < p ? hconcat(Vthin, orthonormalComplement(Vthin)) : Vthin;
  return { all: s, sigma: s.slice(0, rxy), rxy, uLearnable: columns(U, 0, rxy), V };
}

/**
 * The same spectrum where Σxy is Σx itself (an autoencoder, Y = X: sigmaXYIsSigmaX), from Σx's
 * eigendecomposition Σx = Σ λ_i q_i q_iᵀ instead of a second factorization: σ_i = |λ_i| in
 * descending order, u_i = q_i, v_i = sign(λ_i) q_i (−q_i for a round-off negative λ_i, so that
 * σ_i = u_iᵀΣxy v_i ≥ 0). The symmetric eigendecomposition is backward stable to ε‖Σx‖ like the SVD
 * (G&VL Thm 8.1.12 and §8.6.3), so the small σ_i are as accurate.
 */
export function symmetricSpectrum(sigmaXEig: SymmetricEig, rankTol: number): SingularSpectrum {
  const d = sigmaXEig.values.length;
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => Math.abs(sigmaXEig.values[b]) - Math.abs(sigmaXEig.values[a]) || a - b);
  const all = order.map((i) => Math.abs(sigmaXEig.values[i]));
  const rxy = learnableCount(all, rankTol);
  const Q = sigmaXEig.vectors;
  const V = zeros(d, d);
  const uLearnable = zeros(d, rxy);
  for (let a = 0; a < d; a++)
    for (let j = 0; j < d; j++) {
      const i = order[j];
      const q = Q.data[a * d + i];
      V.data[a * d + j] = sigmaXEig.values[i] < 0 ? -q : q;
      if (j < rxy) uLearnable.data[a * rxy + j] = q;
    }
  return { all, sigma: all.slice(0, rxy), rxy, uLearnable, V };
}

/** Whether Σxy is Σx entry for entry (an autoencoder's moments: Y = X). */
export function sigmaXYIsSigmaX(sigmaX: Mat, sigmaXY: Mat): boolean {
  if (sigmaXY.rows !== sigmaX.rows || sigmaXY.cols !== sigmaX.cols) return false;
  const a = sigmaX.data;
  const b = sigmaXY.data;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** [A B] for A, B with the same number of rows. */
function hconcat(A: Mat, B: Mat): Mat {
  const c = A.cols + B.cols;
  const M = zeros(A.rows, c);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) M.data[i * c + j] = A.data[i * A.cols + j];
    for (let j = 0; j < B.cols; j++) M.data[i * c + A.cols + j] = B.data[i * B.cols + j];
  }
  return M;
}

/**
 * The completed basis U of ℝᵈ (spec §1, GBL Assumption 1): columns 0…r−1 are u_1…u_r; the rest
 * are an explicit orthonormal basis C of span(u_i)^⊥ (Householder), rotated to the eigenvectors
 * of CᵀΣxC, eigenvalues descending. CᵀΣxC is read off QᵀΣxQ, built with the r reflectors
 * (O(r d²)); its eigendecomposition is the one O(d³) step.
 */
export function completedBasis(sigmaX: Mat, uLearnable: Mat): Mat {
  const d = sigmaX.rows;
  const r = uLearnable.cols;
  const h = householder(uLearnable);
  // QᵀΣxQ = Qᵀ (QᵀΣx)ᵀ for symmetric Σx
  const QtS = applyQt(h, symmetrize(sigmaX));
  const QtSQ = applyQt(h, transpose(QtS));
  const m = d - r;
  const CtSC = zeros(m, m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) CtSC.data[i * m + j] = QtSQ.data[(r + i) * d + r + j];
  const E = symmetricEig(CtSC).vectors;
  // C E = Q [0; E]
  const padded = zeros(d, m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) padded.data[(r + i) * m + j] = E.data[i * m + j];
  const CE = applyQ(h, padded);
  const U = zeros(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < r; j++) U.data[i * d + j] = uLearnable.data[i * r + j];
    for (let j = 0; j < m; j++) U.data[i * d + r + j] = CE.data[i * m + j];
  }
  return U;
}

export interface AlignmentQuantities {
  /** λ_i = u_iᵀ Σx u_i. */
  lambda: number[];
  /** ε = ‖B‖₂, B the off-diagonal part of UᵀΣxU (GBL Assumption 1). */
  epsilon: number;
}

/**
 * λ_i and ε without forming U. In the completed basis, UᵀΣxU = [[A, K], [Kᵀ, diag(μ)]] with
 * A = U_rᵀΣxU_r, so B = [[A − diag A, K], [Kᵀ, 0]]. B vanishes on the complement of
 * span(e_1…e_r) ⊕ range(Kᵀ) and, with KKᵀ = U_rᵀΣx(I − U_rU_rᵀ)ΣxU_r = RᵀR, is orthogonally
 * similar there to [[A − diag A, Rᵀ], [R, 0]] (2r×2r). So ε needs only O(r d²) work.
 */
export function alignmentQuantities(sigmaX: Mat, uLearnable: Mat): AlignmentQuantities {
  const r = uLearnable.cols;
  if (r === 0) return { lambda: [], epsilon: 0 };
  const T = arenaMatmul(sigmaX, uLearnable); // Σx U_r (d×r), d²r on the arena's kernels
  const A = matmul(transpose(uLearnable), T); // U_rᵀ Σx U_r (r×r)
  const lambda: number[] = [];
  for (let i = 0; i < r; i++) lambda.push(A.data[i * r + i]);
  // (I − U_rU_rᵀ) Σx U_r = T − U_r A
  const PT = cloneMat(T);
  const UA = matmul(uLearnable, A);
  for (let i = 0; i < PT.data.length; i++) PT.data[i] -= UA.data[i];
  const R = psdSqrt(matmul(transpose(PT), PT)); // symmetric, RᵀR = KKᵀ
  const As = symmetrize(A);
  const small = zeros(2 * r, 2 * r);
  const n = 2 * r;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) {
      small.data[i * n + j] = i === j ? 0 : As.data[i * r + j];
      small.data[i * n + r + j] = R.data[j * r + i];
      small.data[(r + i) * n + j] = R.data[i * r + j];
    }
  // small is symmetric: ‖small‖₂ = max |λ| — its eigenvalues only (tridiagonalization + QL), half an SVD's work
  const ev = symmetricEigenFlat(small.data, n).values;
  return { lambda, epsilon: ev.length === 0 ? 0 : Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1])) };
}

/** A · B on a fresh arena (wasm/wasmGemm.ts: the JS kernels' bits). */
function arenaMatmul(A: Mat, B: Mat): Mat {
  const C = zeros(A.rows, B.cols);
  if (A.rows === 0 || B.cols === 0 || A.cols === 0) return C;
  const arena = createArena(arenaDoubles([A.data.length, B.data.length, C.data.length]));
  const c = arena.alloc(C.data.length);
  arena.gemm(arena.copyOf(A.data), arena.copyOf(B.data), c, A.rows, A.cols, B.cols);
  C.data.set(c);
  return C;
}

/** Δx = ½ ‖Σx/‖Σx‖_F − I_d/√d‖_F (GBL eq. 27). */
export function deltaX(sigmaX: Mat): number {
  const d = sigmaX.rows;
  const nF = frobeniusNorm(sigmaX);
  if (d === 0) return 0;
  const scale = nF > 0 ? 1 / nF : 0;
  const diag = 1 / Math.sqrt(d);
  let s = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      const x = sigmaX.data[i * d + j] * scale - (i === j ? diag : 0);
      s += x * x;
    }
  return 0.5 * Math.sqrt(s);
}

/** Δxy = ‖B‖₂ / ‖Σx‖₂ (GBL eq. 27); 0 when Σx = 0. */
export function deltaXY(epsilon: number, sigmaXNorm: number): number {
  return sigmaXNorm > 0 ? epsilon / sigmaXNorm : 0;
}
