// The R of A = QR for a tall m×n (m ≥ n) row-major A, by Householder reflections (Golub & Van Loan,
// Matrix Computations 4th ed., Alg. 5.2.1), Q not kept. A's singular values are R's: for m ≫ n
// (a 784×10 W) the SVD's bidiagonalization then runs on n×n (Chan 1982, R-bidiagonalization),
// 2mn² + O(n³) instead of 4mn².
import { householderVector } from './reflector';

/**
 * R (n×n row-major, upper triangular) of the m×n row-major A (not modified), m ≥ n. Worked on Aᵀ
 * (n×m, each column of A one contiguous row), so that each reflector and each update of a column
 * runs along m contiguous doubles (a dot product and an axpy per column), not along rows of n.
 */
export function householderR(A: ArrayLike<number>, m: number, n: number): Float64Array {
  const T = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) T[j * m + i] = A[i * n + j];
  const R = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const ko = k * m + k;
    const L = m - k;
    const { beta, tau } = householderVector(T, ko, 1, L);
    R[k * n + k] = beta;
    // column j > k: a_j −= τ v (vᵀ a_j) on entries k…, v = (1, T[k][k+1…])
    for (let j = k + 1; j < n; j++) {
      const jo = j * m + k;
      if (tau !== 0) {
        let t = T[jo];
        for (let i = 1; i < L; i++) t += T[ko + i] * T[jo + i];
        t *= tau;
        T[jo] -= t;
        for (let i = 1; i < L; i++) T[jo + i] -= t * T[ko + i];
      }
      R[k * n + j] = T[jo];
    }
  }
  return R;
}
