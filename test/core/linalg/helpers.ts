// Helpers of the linalg tests: orthogonal matrices known in closed form and matrices of given spectra.
import { rng } from '../theory/helpers';

/** H = I − 2uuᵀ/uᵀu for a seeded u (n×n row-major): orthogonal and symmetric by construction. */
export function householderQ(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const u = Array.from({ length: n }, () => r() - 0.5);
  const uu = u.reduce((a, x) => a + x * x, 0);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu;
  return H;
}

/** Q = H_a H_b (two reflections: a rotation, no symmetry), n×n. */
export function orthogonal(n: number, seed: number): Float64Array {
  const A = householderQ(n, seed);
  const B = householderQ(n, seed + 7919);
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) Q[i * n + j] += A[i * n + k] * B[k * n + j];
  return Q;
}

/** U diag(values) Vᵀ (m×n) with U, V orthogonal from `orthogonal`; values.length ≤ min(m, n). */
export function designedMatrix(m: number, n: number, values: number[], seed: number): Float64Array {
  const U = orthogonal(m, seed);
  const V = orthogonal(n, seed + 1);
  const A = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let t = 0; t < values.length; t++) x += U[i * m + t] * values[t] * V[j * n + t];
      A[i * n + j] = x;
    }
  return A;
}

/** Q diag(values) Qᵀ (n×n symmetric), Q from `orthogonal`. */
export function designedSymmetric(values: number[], seed: number): { A: Float64Array; Q: Float64Array } {
  const n = values.length;
  const Q = orthogonal(n, seed);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let x = 0;
      for (let t = 0; t < n; t++) x += Q[i * n + t] * values[t] * Q[j * n + t];
      A[i * n + j] = x;
      A[j * n + i] = x;
    }
  return { A, Q };
}

export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** max |QΛQᵀ − A| and max |QᵀQ − I| of an n×n eigendecomposition (Q row-major, column k the k-th vector). */
export function eigenFactorErrors(A: ArrayLike<number>, n: number, values: ArrayLike<number>, Q: ArrayLike<number>): { rec: number; orth: number } {
  let rec = 0;
  let orth = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let x = 0;
      let y = 0;
      for (let k = 0; k < n; k++) {
        x += Q[i * n + k] * values[k] * Q[j * n + k];
        y += Q[k * n + i] * Q[k * n + j];
      }
      rec = Math.max(rec, Math.abs(x - A[i * n + j]));
      orth = Math.max(orth, Math.abs(y - (i === j ? 1 : 0)));
    }
  return { rec, orth };
}
