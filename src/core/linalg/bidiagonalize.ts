// Householder bidiagonalization U_bᵀ A V_b = B (upper bidiagonal) of an m×n (m ≥ n) row-major A,
// unblocked (Golub & Van Loan, Matrix Computations 4th ed., Alg. 5.4.2): one left reflector per
// column, one right reflector per row, each applied to the trailing matrix as it is made. The
// blocked form (bidiagonalBlocked.ts, LAPACK dgebrd) runs this on its last small block.

/**
 * ‖x‖² below which a column or row is taken as reduced already (no reflector): 2^-968, so that
 * β = 2/‖v‖² ≤ 2^967 stays finite (‖v‖² ≥ 2‖x‖²); svd.ts exactScale puts max|a_ij| in [2^-100, 2^100],
 * so what is dropped is below 2^-384·max|a_ij|.
 */
export const NEGLIGIBLE2 = 2 ** -968;

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
  // z = xᵀ A[k…, k+1…] for the column x = A[k…, k] of the next step, summed while the rows are
  // final in the pass before (each row once more while it is in cache): then w = β (z − α A[k, k+1…])
  const z = new Float64Array(n);
  let zFor = -1;
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
    if (norm2 >= NEGLIGIBLE2 && L > 1) {
      if (zFor !== k) {
        // z = xᵀ A[k…, k+1…] (a pass over the trailing rows; only at k = 0)
        for (let j = k + 1; j < n; j++) z[j] = 0;
        for (let i = 0; i < L; i++) {
          const xi = v[i];
          if (xi === 0) continue;
          const r = (k + i) * n;
          for (let j = k + 1; j < n; j++) z[j] += xi * A[r + j];
        }
      }
      const norm = Math.sqrt(norm2);
      const alpha = v[0] >= 0 ? -norm : norm;
      v[0] -= alpha;
      let vn = 0;
      for (let i = 0; i < L; i++) vn += v[i] * v[i];
      beta = vn > 0 ? 2 / vn : 0;
      s[k] = alpha;
      // w = β vᵀ A[k…, k+1…] = β (z − α A[k, k+1…]) (v = x − α e_1)
      for (let j = k + 1; j < n; j++) w[j] = (z[j] - alpha * A[k * n + j]) * beta;
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
      if (un2 >= NEGLIGIBLE2 && R > 1) {
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
    // the second pass, fused per row: A[i, k+1…] −= v_i w (left), then −= β (A[i, k+1…]·u) uᵀ (right),
    // then z += A[i][k+1] A[i, k+2…] for the next step
    if (k + 1 < n) {
      for (let j = k + 2; j < n; j++) z[j] = 0;
      zFor = k + 1;
      for (let i = k + 1; i < m; i++) {
        const r = i * n + k + 1;
        const vi = beta !== 0 ? v[i - k] : 0;
        if (rb !== 0) {
          // the left update and the dot with u in one pass (each entry updated before it is read);
          // the dot in four partial sums, j mod 4, as (t0 + t2) + (t1 + t3) then the last R mod 4
          // in turn: the order of the f64x2 kernel (wasm/bidiagonal.wat), the same bits
          const wk = k + 1;
          const viz = vi !== 0;
          let t0 = 0;
          let t1 = 0;
          let t2 = 0;
          let t3 = 0;
          let j = 0;
          for (; j + 3 < R; j += 4) {
            const x0 = viz ? A[r + j] - vi * w[wk + j] : A[r + j];
            const x1 = viz ? A[r + j + 1] - vi * w[wk + j + 1] : A[r + j + 1];
            const x2 = viz ? A[r + j + 2] - vi * w[wk + j + 2] : A[r + j + 2];
            const x3 = viz ? A[r + j + 3] - vi * w[wk + j + 3] : A[r + j + 3];
            A[r + j] = x0;
            A[r + j + 1] = x1;
            A[r + j + 2] = x2;
            A[r + j + 3] = x3;
            t0 += x0 * u[j];
            t1 += x1 * u[j + 1];
            t2 += x2 * u[j + 2];
            t3 += x3 * u[j + 3];
          }
          let t = t0 + t2 + (t1 + t3);
          for (; j < R; j++) {
            const x = viz ? A[r + j] - vi * w[wk + j] : A[r + j];
            A[r + j] = x;
            t += x * u[j];
          }
          t *= rb;
          if (t !== 0) {
            updateAndSum(A, r, u, 0, t, z, k + 1, R);
            continue;
          }
        } else if (vi !== 0) {
          updateAndSum(A, r, w, k + 1, vi, z, k + 1, R);
          continue;
        }
        const xi = A[r];
        if (xi !== 0) for (let j = 1; j < R; j++) z[k + 1 + j] += xi * A[r + j];
      }
    }
  }
  e[n - 1] = 0;
  return keep ? { leftV, leftB, rightV, rightB } : null;
}

/**
 * a = A[r…r+len) −= c·x[xo…) in place, then z[zo + j] += a_0·a_j for j ≥ 1 (the next step's z) in the
 * same pass (wasm/bidiagonal.wat $axmyZ: the same operations).
 */
function updateAndSum(A: Float64Array, r: number, x: Float64Array, xo: number, c: number, z: Float64Array, zo: number, len: number): void {
  const a0 = A[r] - c * x[xo];
  A[r] = a0;
  if (a0 !== 0) {
    for (let j = 1; j < len; j++) {
      const a = A[r + j] - c * x[xo + j];
      A[r + j] = a;
      z[zo + j] += a0 * a;
    }
  } else {
    for (let j = 1; j < len; j++) A[r + j] -= c * x[xo + j];
  }
}
