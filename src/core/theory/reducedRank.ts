// The least-squares solution W* = Σx⁺Σxy and the reduced-rank regression solutions
// W^{k,*} = S⁺ [S⁺Σxy]_k, S = Σx^{1/2} (GBL eq. 4; Reinsel & Velu Thm 2.2), from one
// eigendecomposition of Σx: S⁺ is applied as Q diag(λ^{-1/2}) Qᵀ, never formed.
import { applySpectralFunction, columns, svd, zeros, type SymmetricEig } from '../linalg/dense';
import { reducedRankSquaresWasm } from '../linalg/distancesWasm';
import { dot4 } from '../linalg/gemm';
import type { Mat, ReducedRankTerms } from '../types';
import { pseudoInverseCutoff, sigmaXPinvTimes } from './leastSquares';
import { isWide, qTimes, qtTimesCached, scaleRows } from './wideProducts';

/** W* = Σx⁺ Σxy (spec §1), Σx = QΛQᵀ given by its eigendecomposition (leastSquares.ts). */
export function leastSquaresSolution(sigmaXEig: SymmetricEig, sigmaXY: Mat): Mat {
  return sigmaXPinvTimes(sigmaXEig, sigmaXY);
}

/**
 * W^{k,*} for k = 0 … maxRank (GBL eq. 4) as rank-one terms: [S⁺Σxy]_k = Σ_{j<k} s_j ũ_j ṽ_jᵀ, so
 * W^{k,*} = Σ_{j<k} (s_j S⁺ũ_j) ṽ_jᵀ. Terms past the rank of S⁺Σxy are zero columns.
 */
export function reducedRankSolutions(sigmaXEig: SymmetricEig, sigmaXY: Mat, maxRank: number, sigmaXYIsSigmaX = false): ReducedRankTerms {
  const d = sigmaXY.rows;
  const p = sigmaXY.cols;
  if (sigmaXYIsSigmaX) return autoencoderTerms(sigmaXEig, maxRank);
  const invSqrt = (l: number) => 1 / Math.sqrt(l);
  const cutoff = pseudoInverseCutoff(sigmaXEig); // the cut-off of Σx⁺ (leastSquares.ts)
  const n = sigmaXEig.values.length;
  let U: Mat;
  let s: number[];
  let V: Mat;
  let SU: Mat;
  let kmax: number;
  if (n === d && d > 0 && isWide(d, p)) {
    // many columns (an autoencoder's Σxy): with Z = Λ^{-1/2}⁺ QᵀΣxy, S⁺Σxy = Q Z has Z's singular
    // values and right vectors, ũ_j = Q z_j, so S⁺ũ_j = Q Λ^{-1/2}⁺ z_j: QᵀΣxy once (shared with W*),
    // the SVD of Z, one product with Q — the explicit Q on the arena's kernels (wideProducts.ts)
    const Z = scaleRows(sigmaXEig, invSqrt, qtTimesCached(sigmaXEig, sigmaXY), p, cutoff);
    ({ U, s, V } = svd({ rows: d, cols: p, data: Z }));
    kmax = Math.min(maxRank, s.length);
    const Uk = columns(U, 0, kmax);
    SU = { rows: d, cols: kmax, data: qTimes(sigmaXEig, scaleRows(sigmaXEig, invSqrt, Uk.data, kmax, cutoff), kmax) };
  } else {
    const M = applySpectralFunction(sigmaXEig, invSqrt, sigmaXY, cutoff); // S⁺ Σxy
    ({ U, s, V } = svd(M));
    kmax = Math.min(maxRank, s.length);
    SU = applySpectralFunction(sigmaXEig, invSqrt, columns(U, 0, kmax), cutoff); // S⁺ ũ_j
  }
  const left = zeros(d, maxRank);
  const right = zeros(p, maxRank);
  for (let j = 0; j < kmax; j++) {
    if (!(s[j] > 0)) continue;
    for (let a = 0; a < d; a++) left.data[a * maxRank + j] = s[j] * SU.data[a * kmax + j];
    for (let b = 0; b < p; b++) right.data[b * maxRank + j] = V.data[b * V.cols + j];
  }
  return { left, right };
}

/**
 * Σxy = Σx = QΛQᵀ (an autoencoder): S⁺Σxy = Q Λ^{1/2}₊ Qᵀ (λ above the cut-off of Σx⁺), whose SVD is
 * s_j = √λ_j, ũ_j = ṽ_j = q_j, so s_j S⁺ũ_j = q_j and W^{k,*} = Σ_{j<k} q_j q_jᵀ: the projector onto
 * the top k eigenvectors (GBL eq. 4 in closed form), the λ_j in descending order.
 */
function autoencoderTerms(sigmaXEig: SymmetricEig, maxRank: number): ReducedRankTerms {
  const d = sigmaXEig.values.length;
  const cutoff = pseudoInverseCutoff(sigmaXEig);
  const Q = sigmaXEig.vectors;
  const left = zeros(d, maxRank);
  const right = zeros(d, maxRank);
  for (let j = 0; j < Math.min(maxRank, d); j++) {
    if (!(sigmaXEig.values[j] > cutoff)) continue;
    for (let a = 0; a < d; a++) {
      const q = Q.data[a * d + j];
      left.data[a * maxRank + j] = q;
      right.data[a * maxRank + j] = q;
    }
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

/** The terms' right_jᵀ as rows (r×p, contiguous), and a block of rows of W − W^{k,*}: once per terms object. */
interface DistanceWork {
  rightRows: Float64Array;
  block: Float64Array;
  blockRows: number;
}

const distanceWork = new WeakMap<ReducedRankTerms, DistanceWork>();

/** Whether the distances take the WebAssembly kernel (linalg/distancesWasm.ts; the same bits): tests turn it off. */
export const distancesOptions = { wasm: true };

/** Rows of W − W^{k,*} held at once: 32 rows of p doubles stay in L2 while every term passes over them. */
const BLOCK_ROWS = 32;

function distanceWorkOf(terms: ReducedRankTerms): DistanceWork {
  let a = distanceWork.get(terms);
  if (!a) {
    const { left, right } = terms;
    const r = left.cols;
    const p = right.rows;
    const rightRows = new Float64Array(r * p);
    for (let j = 0; j < r; j++) for (let b = 0; b < p; b++) rightRows[j * p + b] = right.data[b * r + j];
    const blockRows = Math.max(1, Math.min(BLOCK_ROWS, left.rows));
    a = { rightRows, block: new Float64Array(blockRows * p), blockRows };
    distanceWork.set(terms, a);
  }
  return a;
}

/** ‖x[o…o+p)‖² by gemm.ts dot4 (four partial sums, a fixed order). */
const rowNorm2 = (x: Float64Array, o: number, p: number): number => dot4(x, o, x, o, p);

/** x[o…o+p) ← x − α v[vo…vo+p), and its new ‖·‖² as rowNorm2 sums it: one pass over the row. */
function subtractNorm2(x: Float64Array, o: number, alpha: number, v: Float64Array, vo: number, p: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let b = 0;
  for (; b + 3 < p; b += 4) {
    const x0 = x[o + b] - alpha * v[vo + b];
    const x1 = x[o + b + 1] - alpha * v[vo + b + 1];
    const x2 = x[o + b + 2] - alpha * v[vo + b + 2];
    const x3 = x[o + b + 3] - alpha * v[vo + b + 3];
    x[o + b] = x0;
    x[o + b + 1] = x1;
    x[o + b + 2] = x2;
    x[o + b + 3] = x3;
    s0 += x0 * x0;
    s1 += x1 * x1;
    s2 += x2 * x2;
    s3 += x3 * x3;
  }
  for (; b < p; b++) {
    const xb = x[o + b] - alpha * v[vo + b];
    x[o + b] = xb;
    s0 += xb * xb;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * ‖W − W^{k,*}‖_F for k = 0 … r: the rank-one terms subtracted from one copy of W in turn, each
 * norm summed over the difference itself — never ‖W‖² − 2⟨W, W^{k,*}⟩ + ‖W^{k,*}‖², which loses
 * everything below about 1e-8‖W‖. O(r·d·p) time: per row and term one pass that subtracts and sums
 * the squares (four partial sums, rowNorm2), 32 rows of W at a time so that they stay in cache while
 * the r terms pass over them; the terms' rows are laid out once per terms object.
 */
export function reducedRankDistancesOf(W: Mat, terms: ReducedRankTerms): number[] {
  const r = terms.left.cols;
  const d = W.rows;
  const p = W.cols;
  const L = terms.left.data;
  const { rightRows, block, blockRows } = distanceWorkOf(terms);
  // the same loop on f64x2 (the same bits), where WebAssembly SIMD runs
  const squares = distancesOptions.wasm ? reducedRankSquaresWasm(W.data, L, rightRows, d, p, r, blockRows) : null;
  if (squares) return Array.from(squares, Math.sqrt);
  const sq = new Float64Array(r + 1);
  const rowSq = new Float64Array(blockRows);
  for (let a0 = 0; a0 < d; a0 += blockRows) {
    const rows = Math.min(blockRows, d - a0);
    block.set(W.data.subarray(a0 * p, (a0 + rows) * p));
    for (let t = 0; t < rows; t++) {
      rowSq[t] = rowNorm2(block, t * p, p);
      sq[0] += rowSq[t];
    }
    for (let j = 0; j < r; j++) {
      for (let t = 0; t < rows; t++) {
        const x = L[(a0 + t) * r + j];
        if (x !== 0) rowSq[t] = subtractNorm2(block, t * p, x, rightRows, j * p, p);
        sq[j + 1] += rowSq[t];
      }
    }
  }
  return Array.from(sq, Math.sqrt);
}
