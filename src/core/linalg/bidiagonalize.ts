// Householder bidiagonalization U_bᵀ A V_b = B (upper bidiagonal) of an m×n (m ≥ n) row-major A,
// unblocked (Golub & Van Loan, Matrix Computations 4th ed., Alg. 5.4.2): one left reflector per
// column, one right reflector per row, each applied to the trailing matrix as it is made. The
// blocked form (bidiagonalBlocked.ts, LAPACK dgebrd) runs this on its last small block.

/** The reflectors of a bidiagonalization: P_k = I − β_k v_k v_kᵀ (left: on rows k…, right: on columns k+1…). */
export interface BidiagonalReflectors {
  leftV: Float64Array[];
  leftB: Float64Array;
  rightV: Float64Array[];
  rightB: Float64Array;
}

/**
 * Overwrites A (m×n, m ≥ n); the diagonal of B goes to s[0…n−1], the superdiagonal to e[0…n−2]
 * (e[n−1] = 0). The reflectors are returned when `keep` (for the singular vectors), else dropped.
 */
export function bidiagonalizeUnblocked(A: Float64Array, m: number, n: number, s: Float64Array, e: Float64Array, keep: boolean): BidiagonalReflectors | null {
  const leftV: Float64Array[] = [];
  const leftB = new Float64Array(keep ? n : 0);
  const rightV: Float64Array[] = [];
  const rightB = new Float64Array(keep ? n : 0);
  const w = new Float64Array(n);
  const v = new Float64Array(m);
  const uRow = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // left reflector zeroing A[k+1 … m−1][k] (column k is up to date)
    const L = m - k;
    let norm2 = 0;
    for (let i = 0; i < L; i++) {
      const x = A[(k + i) * n + k];
      v[i] = x;
      norm2 += x * x;
    }
    let beta = 0;
    if (norm2 > 0 && L > 1) {
      const norm = Math.sqrt(norm2);
      const alpha = v[0] >= 0 ? -norm : norm;
      v[0] -= alpha;
      let vn = 0;
      for (let i = 0; i < L; i++) vn += v[i] * v[i];
      beta = vn > 0 ? 2 / vn : 0;
      s[k] = alpha;
      // w = β vᵀ A[k…, k+1…] (one pass over the trailing rows)
      for (let j = k + 1; j < n; j++) w[j] = 0;
      for (let i = 0; i < L; i++) {
        const vi = v[i];
        if (vi === 0) continue;
        const r = (k + i) * n;
        for (let j = k + 1; j < n; j++) w[j] += vi * A[r + j];
      }
      for (let j = k + 1; j < n; j++) w[j] *= beta;
      // row k first: it defines the right reflector
      const bv0 = v[0];
      for (let j = k + 1; j < n; j++) A[k * n + j] -= bv0 * w[j];
    } else {
      s[k] = v[0];
    }
    if (keep) {
      leftV.push(v.slice(0, L));
      leftB[k] = beta;
    }
    // right reflector zeroing A[k][k+2 … n−1]
    let rb = 0;
    const R = n - k - 1;
    const u = uRow.subarray(0, Math.max(R, 0));
    if (k < n - 1) {
      const row = k * n + k + 1;
      let un2 = 0;
      for (let j = 0; j < R; j++) {
        const x = A[row + j];
        u[j] = x;
        un2 += x * x;
      }
      if (un2 > 0 && R > 1) {
        const norm = Math.sqrt(un2);
        const alpha = u[0] >= 0 ? -norm : norm;
        u[0] -= alpha;
        let un = 0;
        for (let j = 0; j < R; j++) un += u[j] * u[j];
        rb = un > 0 ? 2 / un : 0;
        e[k] = alpha;
      } else {
        e[k] = u[0];
      }
      if (keep) {
        rightV.push(u.slice());
        rightB[k] = rb;
      }
    }
    // the second pass, fused per row: A[i, k+1…] −= v_i w (left), then −= β (A[i, k+1…]·u) uᵀ (right)
    if (beta !== 0 || rb !== 0) {
      for (let i = k + 1; i < m; i++) {
        const r = i * n + k + 1;
        const vi = beta !== 0 ? v[i - k] : 0;
        if (rb !== 0) {
          // the left update and the dot with u in one pass (each entry updated before it is read: the same sums)
          let t = 0;
          if (vi !== 0) {
            const wk = k + 1;
            for (let j = 0; j < R; j++) {
              const x = A[r + j] - vi * w[wk + j];
              A[r + j] = x;
              t += x * u[j];
            }
          } else {
            for (let j = 0; j < R; j++) t += A[r + j] * u[j];
          }
          t *= rb;
          if (t !== 0) for (let j = 0; j < R; j++) A[r + j] -= t * u[j];
        } else if (vi !== 0) {
          for (let j = 0; j < R; j++) A[r + j] -= vi * w[k + 1 + j];
        }
      }
    }
  }
  e[n - 1] = 0;
  return keep ? { leftV, leftB, rightV, rightB } : null;
}
