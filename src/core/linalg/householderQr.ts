// The R of A = QR for a tall m×n (m ≥ n) row-major A, by Householder reflections (Golub & Van Loan,
// Matrix Computations 4th ed., Alg. 5.2.1), Q not kept. A's singular values are R's: for m ≫ n
// (a 784×10 W) the SVD's bidiagonalization then runs on n×n (Chan 1982, R-bidiagonalization),
// 2mn² + O(n³) instead of 4mn².
import { householderVector } from './reflector';

/** R (n×n row-major, upper triangular) of the m×n row-major A (not modified), m ≥ n. */
export function householderR(A: ArrayLike<number>, m: number, n: number): Float64Array {
  const W = Float64Array.from(A as ArrayLike<number>);
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const kk = k * n + k;
    const { beta, tau } = householderVector(W, kk, n, m - k);
    if (tau !== 0 && k + 1 < n) {
      // A[k…, k+1…] −= τ v (vᵀ A[k…, k+1…]), v = (1, W[k+1…][k])
      for (let j = k + 1; j < n; j++) w[j] = W[k * n + j];
      for (let i = k + 1; i < m; i++) {
        const vi = W[i * n + k];
        if (vi === 0) continue;
        const r = i * n;
        for (let j = k + 1; j < n; j++) w[j] += vi * W[r + j];
      }
      for (let j = k + 1; j < n; j++) w[j] *= tau;
      for (let j = k + 1; j < n; j++) W[k * n + j] -= w[j];
      for (let i = k + 1; i < m; i++) {
        const vi = W[i * n + k];
        if (vi === 0) continue;
        const r = i * n;
        for (let j = k + 1; j < n; j++) W[r + j] -= vi * w[j];
      }
    }
    W[kk] = beta;
  }
  const R = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) R[i * n + j] = W[i * n + j];
  return R;
}
