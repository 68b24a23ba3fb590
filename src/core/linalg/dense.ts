// Dense float64 linear algebra on our row-major Mat: the factorizations on flat arrays (svd.ts:
// Golub–Kahan SVD; symmetricEigen.ts: tridiagonalization + implicit QL, Q kept implicit) and a few
// plain products. ml-matrix is left only for toMatrix/fromMatrix, which tests and off-path checks use.
import { Matrix } from 'ml-matrix';
import { gemm, gemmTN } from './gemm';
import { singularValuesFlat, svdFlat } from './svd';
import { applySpectral, explicitQ, symmetricEigenFlat, type ImplicitSymmetricEig } from './symmetricEigen';
import type { Mat } from '../types';

// ---------------------------------------------------------------- construction and conversion

export function zeros(rows: number, cols: number): Mat {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identity(n: number): Mat {
  const M = zeros(n, n);
  for (let i = 0; i < n; i++) M.data[i * n + i] = 1;
  return M;
}

export function matFromRows(rows: number[][]): Mat {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const M = zeros(r, c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new Error(`matFromRows: row ${i} has ${rows[i].length} entries, expected ${c}`);
    for (let j = 0; j < c; j++) M.data[i * c + j] = rows[i][j];
  }
  return M;
}

export function diagMat(values: ArrayLike<number>): Mat {
  const n = values.length;
  const M = zeros(n, n);
  for (let i = 0; i < n; i++) M.data[i * n + i] = values[i];
  return M;
}

export function toRows(A: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < A.rows; i++) out.push(Array.from(A.data.subarray(i * A.cols, (i + 1) * A.cols)));
  return out;
}

export function toMatrix(A: Mat): Matrix {
  return Matrix.from1DArray(A.rows, A.cols, A.data);
}

export function fromMatrix(M: Matrix): Mat {
  const A = zeros(M.rows, M.columns);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.columns; j++) A.data[i * M.columns + j] = M.get(i, j);
  return A;
}

export function cloneMat(A: Mat): Mat {
  return { rows: A.rows, cols: A.cols, data: new Float64Array(A.data) };
}

// ---------------------------------------------------------------- products and shapes

/** A · B. */
export function matmul(A: Mat, B: Mat): Mat {
  if (A.cols !== B.rows) throw new Error(`matmul: ${A.rows}×${A.cols} · ${B.rows}×${B.cols}`);
  const C = zeros(A.rows, B.cols);
  if (A.rows > 0 && B.cols > 0) {
    if (A.cols === 0) return C;
    gemm(A.data, B.data, C.data, A.rows, A.cols, B.cols);
  }
  return C;
}

export function transpose(A: Mat): Mat {
  const T = zeros(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j];
  return T;
}

/** Columns j0 … j1−1 of A. */
export function columns(A: Mat, j0: number, j1: number): Mat {
  const c = j1 - j0;
  const M = zeros(A.rows, c);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < c; j++) M.data[i * c + j] = A.data[i * A.cols + j0 + j];
  return M;
}

/** Column j of A as a vector. */
export function column(A: Mat, j: number): Float64Array {
  const v = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) v[i] = A.data[i * A.cols + j];
  return v;
}

/** A − B. */
export function sub(A: Mat, B: Mat): Mat {
  const C = zeros(A.rows, A.cols);
  for (let i = 0; i < C.data.length; i++) C.data[i] = A.data[i] - B.data[i];
  return C;
}

/** (A + Aᵀ)/2. */
export function symmetrize(A: Mat): Mat {
  const n = A.rows;
  const S = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S.data[i * n + j] = 0.5 * (A.data[i * n + j] + A.data[j * n + i]);
  return S;
}

// ---------------------------------------------------------------- norms

export function frobeniusNorm(A: Mat): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i] * A.data[i];
  return Math.sqrt(s);
}

/** Singular values, descending (min(rows, cols) of them): Golub–Kahan (svd.ts), accurate to ε·σ_1 for the small ones. */
export function singularValues(A: Mat): number[] {
  if (A.rows === 0 || A.cols === 0) return [];
  return Array.from(singularValuesFlat(A.data, A.rows, A.cols));
}

/** ‖A‖₂, the largest singular value. */
export function spectralNorm(A: Mat): number {
  const s = singularValues(A);
  return s.length === 0 ? 0 : s[0];
}

// ---------------------------------------------------------------- SVD

export interface Svd {
  /** m×k left singular vectors (columns). */
  U: Mat;
  /** k singular values, descending. */
  s: number[];
  /** n×k right singular vectors (columns). */
  V: Mat;
}

/** Thin SVD A = U diag(s) Vᵀ, k = min(m, n), singular values descending. */
export function svd(A: Mat): Svd {
  const k = Math.min(A.rows, A.cols);
  if (k === 0) return { U: zeros(A.rows, 0), s: [], V: zeros(A.cols, 0) };
  const r = svdFlat(A.data, A.rows, A.cols, true);
  return { U: transposeFlat(r.Ut!, k, A.rows), s: Array.from(r.s), V: transposeFlat(r.Vt!, k, A.cols) };
}

/** The rows×cols Mat whose columns are the rows of the row-major cols×rows T. */
function transposeFlat(T: Float64Array, tRows: number, tCols: number): Mat {
  const M = zeros(tCols, tRows);
  for (let i = 0; i < tRows; i++) for (let j = 0; j < tCols; j++) M.data[j * tRows + i] = T[i * tCols + j];
  return M;
}


// ---------------------------------------------------------------- symmetric eigendecomposition

export interface SymmetricEig {
  /** Eigenvalues, descending. */
  values: number[];
  /** n×n, column j the eigenvector of values[j]. */
  vectors: Mat;
}

// The implicit factorization behind a SymmetricEig built here: Q f(Λ) Qᵀ M without forming Q.
const implicitOf = new WeakMap<SymmetricEig, ImplicitSymmetricEig>();
// those whose explicit Q has been formed (the getter below): products with it are then the cheaper route
const explicitFormed = new WeakSet<SymmetricEig>();

/**
 * A = Q diag(values) Qᵀ for symmetric A (symmetrized first), eigenvalues descending: Householder
 * tridiagonalization + implicit QL (symmetricEigen.ts; Golub & Van Loan Alg. 8.3.1, 8.3.3).
 * `vectors` is formed on first access (O(n³)); applySpectralFunction never needs it.
 */
export function symmetricEig(A: Mat): SymmetricEig {
  const n = A.rows;
  if (A.cols !== n) throw new Error('symmetricEig: matrix not square');
  if (n === 0) return { values: [], vectors: zeros(0, 0) };
  const imp = symmetricEigenFlat(symmetrize(A).data, n);
  let Q: Mat | null = null;
  const eig: SymmetricEig = {
    values: Array.from(imp.values),
    get vectors(): Mat {
      if (Q === null) {
        Q = { rows: n, cols: n, data: explicitQ(imp) };
        explicitFormed.add(eig);
      }
      return Q;
    },
  };
  implicitOf.set(eig, imp);
  return eig;
}

/** Default cut-off for "zero" eigenvalues of a PSD matrix: n · ε_machine · λmax (numpy's pinv). */
export function psdTolerance(eig: SymmetricEig): number {
  const n = eig.values.length;
  const top = n === 0 ? 0 : Math.max(0, eig.values[0]);
  return Math.max(n, 1) * 2.220446049250313e-16 * top;
}

/**
 * Q f(Λ) Qᵀ M for a symmetric A = QΛQᵀ, without forming the n×n matrix (O(n² · M.cols)).
 * Eigenvalues at or below `tol` get f = 0 (the pseudo-inverse convention).
 */
export function applySpectralFunction(eig: SymmetricEig, f: (lambda: number) => number, M: Mat, tol = psdTolerance(eig)): Mat {
  const n = eig.values.length;
  const imp = implicitOf.get(eig);
  // the recorded rotations cost ~6 flops per rotation and column: for many columns (S⁺ of r_xy ≈ d
  // vectors) forming Q once (or reusing it) and two products is cheaper
  if (imp && M.rows === n && (M.cols <= Math.max(8, n >> 4) || !explicitFormed.has(eig)) && M.cols <= Math.max(8, n >> 2))
    return { rows: n, cols: M.cols, data: applySpectral(imp, f, tol, M.data, M.cols) };
  const Q = eig.vectors;
  const QtM = zeros(n, M.cols);
  if (n > 0 && M.cols > 0) gemmTN(Q.data, M.data, QtM.data, n, n, M.cols);
  for (let j = 0; j < n; j++) {
    const lam = eig.values[j];
    const g = lam > tol ? f(lam) : 0;
    for (let c = 0; c < M.cols; c++) QtM.data[j * M.cols + c] *= g;
  }
  return matmul(Q, QtM);
}

/** Q f(Λ) Qᵀ as an n×n matrix. */
export function spectralFunction(eig: SymmetricEig, f: (lambda: number) => number, tol = psdTolerance(eig)): Mat {
  const n = eig.values.length;
  const Q = eig.vectors;
  const QF = zeros(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const lam = eig.values[j];
      QF.data[i * n + j] = Q.data[i * n + j] * (lam > tol ? f(lam) : 0);
    }
  return matmul(QF, transpose(Q));
}

/** A^{1/2} for symmetric PSD A (negative round-off eigenvalues clipped to 0). */
export function psdSqrt(A: Mat): Mat {
  return spectralFunction(symmetricEig(A), Math.sqrt);
}

/** (A^{1/2})⁺ for symmetric PSD A. */
export function psdSqrtPinv(A: Mat): Mat {
  return spectralFunction(symmetricEig(A), (l) => 1 / Math.sqrt(l));
}

/** A⁺ for symmetric PSD A, from its eigendecomposition. */
export function psdPinv(A: Mat): Mat {
  return spectralFunction(symmetricEig(A), (l) => 1 / l);
}

/** Moore–Penrose pseudo-inverse of any A: V diag(1/s) Uᵀ over s_j > max(m, n)·ε·s_1 (numpy's pinv rule). */
export function pseudoInverse(A: Mat): Mat {
  if (A.rows === 0 || A.cols === 0) return zeros(A.cols, A.rows);
  const { U, s, V } = svd(A);
  const k = s.length;
  const cut = Math.max(A.rows, A.cols) * 2.220446049250313e-16 * (s[0] ?? 0);
  const P = zeros(A.cols, A.rows);
  for (let j = 0; j < k; j++) {
    if (!(s[j] > cut)) continue;
    const inv = 1 / s[j];
    for (let a = 0; a < A.cols; a++) {
      const x = V.data[a * k + j] * inv;
      if (x === 0) continue;
      for (let b = 0; b < A.rows; b++) P.data[a * A.rows + b] += x * U.data[b * k + j];
    }
  }
  return P;
}

// ---------------------------------------------------------------- Householder basis completion

/** Householder reflectors H_j = I − 2 v_j v_jᵀ (v_j zero above row j); Q = H_0 H_1 ⋯ H_{k−1}, QᵀA = R. */
export interface Householder {
  n: number;
  vs: Float64Array[];
}

/** Householder QR of A (n×k, k ≤ n): the reflectors only. */
export function householder(A: Mat): Householder {
  const n = A.rows;
  const k = Math.min(A.cols, n);
  const R = cloneMat(A);
  const vs: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = new Float64Array(n);
    let norm2 = 0;
    for (let i = j; i < n; i++) norm2 += R.data[i * R.cols + j] ** 2;
    const norm = Math.sqrt(norm2);
    if (norm > 0) {
      const x0 = R.data[j * R.cols + j];
      const alpha = x0 >= 0 ? -norm : norm;
      for (let i = j; i < n; i++) v[i] = R.data[i * R.cols + j];
      v[j] -= alpha;
      let vn = 0;
      for (let i = j; i < n; i++) vn += v[i] * v[i];
      vn = Math.sqrt(vn);
      if (vn > 0) for (let i = j; i < n; i++) v[i] /= vn;
      reflectRows(v, j, R);
    }
    vs.push(v);
  }
  return { n, vs };
}

/** M ← (I − 2vvᵀ) M, v zero above row j0. In place. */
function reflectRows(v: Float64Array, j0: number, M: Mat): void {
  const m = M.cols;
  const w = new Float64Array(m);
  for (let i = j0; i < M.rows; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    const r = i * m;
    for (let c = 0; c < m; c++) w[c] += vi * M.data[r + c];
  }
  for (let i = j0; i < M.rows; i++) {
    const vi = 2 * v[i];
    if (vi === 0) continue;
    const r = i * m;
    for (let c = 0; c < m; c++) M.data[r + c] -= vi * w[c];
  }
}

/** Q M (in place), Q = H_0 ⋯ H_{k−1}. */
export function applyQ(h: Householder, M: Mat): Mat {
  for (let j = h.vs.length - 1; j >= 0; j--) reflectRows(h.vs[j], j, M);
  return M;
}

/** Qᵀ M (in place). */
export function applyQt(h: Householder, M: Mat): Mat {
  for (let j = 0; j < h.vs.length; j++) reflectRows(h.vs[j], j, M);
  return M;
}

/**
 * An explicit orthonormal basis C (n×(n−k)) of the orthogonal complement of span(A), A (n×k)
 * of full column rank: the last n−k columns of A's Householder Q. O(k n²).
 */
export function orthonormalComplement(A: Mat): Mat {
  const n = A.rows;
  const k = A.cols;
  const h = householder(A);
  const C = zeros(n, n - k);
  for (let j = 0; j < n - k; j++) C.data[(k + j) * (n - k) + j] = 1;
  return applyQ(h, C);
}
