// Symmetric eigendecomposition A = Q diag(λ) Qᵀ on flat row-major Float64Arrays, with Q kept
// implicit: Householder tridiagonalization A = Q_H T Q_Hᵀ (Golub & Van Loan, Matrix Computations
// 4th ed., Alg. 8.3.1) and the implicit-shift QL iteration on T (the QL form of G&VL Alg. 8.3.3,
// Wilkinson shift; Bowdler, Martin, Reinsch & Wilkinson 1968, EISPACK tql2), T = Z Λ Zᵀ with Z
// a product of Givens rotations that are recorded, not accumulated. Q = Q_H Z.
//
// Q f(Λ) Qᵀ M — what the theory needs (Σx⁺Σxy, Σx^{-1/2}⁺ M) — then costs O(n² · M.cols) after the
// 4/3·n³ of the tridiagonalization, where accumulating Q would cost about 9n³ more; Q itself is
// formed only when asked for (explicitQ).
import { EPS, hypot2 } from './hypot';
import { applyOnArena, onArena } from './eigenArena';
import { tridiagonalizeBlocked, type TridiagonalOptions } from './tridiagonalBlocked';

export interface ImplicitSymmetricEig {
  n: number;
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** values[j] is the eigenvalue of QL's index perm[j]: column j of the sorted Q is Q e_perm[j]. */
  perm: Int32Array;
  /** Householder vectors: reflector k acts on indices k+1 … n−1 (vector of length n−k−1), P_k = I − β_k v vᵀ. */
  reflectors: Float64Array[];
  betas: Float64Array;
  /** The QL rotations in the order applied: Z ← Z G on columns (i, i+1). */
  rotIndex: Int32Array;
  rotC: Float64Array;
  rotS: Float64Array;
  rotCount: number;
  /**
   * Rows and columns of A that are exactly zero are split off first (each e_i an eigenvector of 0;
   * MNIST's never-lit pixels): QL index t < nActive is the compact problem's, and row t of the QL
   * space is row rowOrder[t] of A. null when no row was split off.
   */
  rowOrder: Int32Array | null;
}

const SAFMIN = 2 ** -1022;

/**
 * The eigendecomposition of the symmetric n×n row-major A (its lower triangle is read; A is not
 * modified). Past `opts.crossover` (128) rows the tridiagonalization is blocked (tridiagonalBlocked.ts,
 * LAPACK dsytrd on the arena's kernels), its last columns and smaller matrices unblocked (below).
 */
export function symmetricEigenFlat(A: ArrayLike<number>, n: number, opts: TridiagonalOptions = {}): ImplicitSymmetricEig {
  // split off the zero rows (exactly zero in the lower triangle, so in A): A = Pᵀ (A_c ⊕ 0) P
  const active: number[] = [];
  const zero: number[] = [];
  for (let i = 0; i < n; i++) {
    let nz = A[i * n + i] !== 0; // the diagonal first: most rows end the scan there
    for (let j = 0; j < i && !nz; j++) nz = A[i * n + j] !== 0;
    for (let r = i + 1; r < n && !nz; r++) nz = A[r * n + i] !== 0;
    (nz ? active : zero).push(i);
  }
  const na = active.length;
  let S: Float64Array;
  let rowOrder: Int32Array | null = null;
  if (na === n) S = Float64Array.from(A as ArrayLike<number>);
  else {
    rowOrder = Int32Array.from([...active, ...zero]);
    S = new Float64Array(na * na);
    for (let i = 0; i < na; i++) for (let j = 0; j <= i; j++) S[i * na + j] = A[active[i] * n + active[j]];
  }
  const d = new Float64Array(n); // d[na …] stay 0: the split-off eigenvalues
  const e = new Float64Array(n);
  // the blocked reduction takes full storage but reads only the lower triangle (tridiagonalBlocked.ts)
  const { reflectors, betas } = tridiagonalizeBlocked(S, na, d, e, tridiagonalize, opts);
  const rot = implicitQl(d, e, na);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b] - d[a] || a - b);
  const values = new Float64Array(n);
  const perm = new Int32Array(n);
  order.forEach((i, j) => {
    values[j] = d[i];
    perm[j] = i;
  });
  return { n, values, perm, reflectors, betas, ...rot, rowOrder };
}

/**
 * Householder tridiagonalization, G&VL Alg. 8.3.1, on the lower triangle of the symmetric S
 * (overwritten): P_k = I − β v vᵀ zeros S[k+2 …][k]; p = β S v, w = p − (β pᵀv/2) v,
 * S ← S − v wᵀ − w vᵀ. T has diagonal d and subdiagonal e[0 … n−2] (e[k] couples k, k+1).
 */
function tridiagonalize(S: Float64Array, n: number, d: Float64Array, e: Float64Array): { reflectors: Float64Array[]; betas: Float64Array } {
  const reflectors: Float64Array[] = [];
  const betas = new Float64Array(Math.max(n - 2, 0));
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const m = n - k - 1;
    const o = k + 1; // first index the reflector touches
    const v = new Float64Array(m);
    let norm2 = 0;
    for (let i = 0; i < m; i++) {
      const x = S[(o + i) * n + k];
      v[i] = x;
      norm2 += x * x;
    }
    d[k] = S[k * n + k];
    let beta = 0;
    // already tridiagonal in this column when x[1 …] = 0
    const tail = norm2 - v[0] * v[0];
    if (tail > 0) {
      const norm = Math.sqrt(norm2);
      const alpha = v[0] >= 0 ? -norm : norm;
      v[0] -= alpha;
      let vn = 0;
      for (let i = 0; i < m; i++) vn += v[i] * v[i];
      beta = 2 / vn;
      e[k] = alpha;
      // p = β S' v, S' the trailing m×m block, from its lower triangle (one pass over the rows)
      // rows two at a time (sharing the loads of v_j and p_j), every sum in the one-row order
      for (let i = 0; i < m; i++) p[i] = 0;
      let i = 0;
      for (; i + 1 < m; i += 2) {
        const r0 = (o + i) * n + o;
        const r1 = r0 + n;
        const v0 = v[i];
        const v1 = v[i + 1];
        let acc0 = 0;
        let acc1 = 0;
        for (let j = 0; j < i; j++) {
          const a0 = S[r0 + j];
          const a1 = S[r1 + j];
          const vj = v[j];
          acc0 += a0 * vj;
          acc1 += a1 * vj;
          let pj = p[j];
          pj += a0 * v0;
          pj += a1 * v1;
          p[j] = pj;
        }
        p[i] += acc0 + S[r0 + i] * v0;
        const a = S[r1 + i];
        acc1 += a * v[i];
        p[i] += a * v1;
        p[i + 1] += acc1 + S[r1 + i + 1] * v1;
      }
      if (i < m) {
        const r = (o + i) * n + o;
        const vi = v[i];
        let acc = 0;
        for (let j = 0; j < i; j++) {
          const a = S[r + j];
          acc += a * v[j];
          p[j] += a * vi;
        }
        p[i] += acc + S[r + i] * vi;
      }
      let pv = 0;
      for (let i = 0; i < m; i++) {
        p[i] *= beta;
        pv += p[i] * v[i];
      }
      const h = (beta * pv) / 2;
      for (let i = 0; i < m; i++) p[i] -= h * v[i]; // p is now w
      for (i = 0; i + 1 < m; i += 2) {
        const r0 = (o + i) * n + o;
        const r1 = r0 + n;
        const v0 = v[i];
        const w0 = p[i];
        const v1 = v[i + 1];
        const w1 = p[i + 1];
        for (let j = 0; j <= i; j++) {
          const pj = p[j];
          const vj = v[j];
          S[r0 + j] -= v0 * pj + w0 * vj;
          S[r1 + j] -= v1 * pj + w1 * vj;
        }
        S[r1 + i + 1] -= v1 * w1 + w1 * v1;
      }
      if (i < m) {
        const r = (o + i) * n + o;
        const vi = v[i];
        const wi = p[i];
        for (let j = 0; j <= i; j++) S[r + j] -= vi * p[j] + wi * v[j];
      }
    } else {
      e[k] = v[0];
    }
    reflectors.push(v);
    betas[k] = beta;
  }
  if (n >= 2) {
    d[n - 2] = S[(n - 2) * n + n - 2];
    e[n - 2] = S[(n - 1) * n + n - 2];
  }
  if (n >= 1) d[n - 1] = S[(n - 1) * n + n - 1];
  e[n - 1] = 0;
  return { reflectors, betas };
}

/**
 * Implicit QL with Wilkinson's shift on the symmetric tridiagonal (d, e) in place (tql2; the QL
 * variant of G&VL Alg. 8.3.3). Every rotation is recorded.
 */
function implicitQl(d: Float64Array, e: Float64Array, n: number): Pick<ImplicitSymmetricEig, 'rotIndex' | 'rotC' | 'rotS' | 'rotCount'> {
  let cap = Math.max(16, 2 * n * n);
  let rotIndex = new Int32Array(cap);
  let rotC = new Float64Array(cap);
  let rotS = new Float64Array(cap);
  let count = 0;
  const push = (i: number, c: number, s: number) => {
    if (count === cap) {
      cap *= 2;
      const ri = new Int32Array(cap);
      ri.set(rotIndex);
      rotIndex = ri;
      const rc = new Float64Array(cap);
      rc.set(rotC);
      rotC = rc;
      const rs = new Float64Array(cap);
      rs.set(rotS);
      rotS = rs;
    }
    rotIndex[count] = i;
    rotC[count] = c;
    rotS[count] = s;
    count++;
  };
  // EISPACK tql2's test: e_m negligible against the largest |d_l| + |e_l| met so far (absolute
  // accuracy ε‖T‖, LAPACK dsteqr's bound; a relative test stalls on clusters of eigenvalues at 0)
  let tst1 = 0;
  const negligible = (m: number) => Math.abs(e[m]) <= EPS * tst1 || e[m] * e[m] <= SAFMIN;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let iter = 0;
    for (;;) {
      let m = l;
      while (m < n - 1 && !negligible(m)) m++;
      if (m === l) break;
      if (++iter > 60) throw new Error('symmetric eigendecomposition: no convergence');
      // Wilkinson shift from the leading 2×2 of the block l … m
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = hypot2(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i: number;
      let underflow = false;
      for (i = m - 1; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = hypot2(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        push(i, c, s);
      }
      if (underflow) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return { rotIndex, rotC, rotS, rotCount: count };
}

/** Y ← Qᵀ Y for the n×c row-major Y (in place), Q unsorted (QL's order of the eigenvalues). */
export function applyQtUnsorted(eig: ImplicitSymmetricEig, Y: Float64Array, c: number): void {
  const { reflectors, betas, rotIndex, rotC, rotS, rotCount, rowOrder } = eig;
  if (rowOrder) permuteRows(Y, c, rowOrder, true);
  if (onArena(eig, c)) return applyOnArena(eig, Y, c, true);
  // Q_Hᵀ = P_{n−3} ⋯ P_0: P_0 first
  for (let k = 0; k < reflectors.length; k++) reflect(reflectors[k], betas[k], k + 1, Y, c);
  // Zᵀ = G_Nᵀ ⋯ G_1ᵀ: G_1ᵀ first
  for (let t = 0; t < rotCount; t++) rotateRows(Y, rotIndex[t] * c, c, rotC[t], rotS[t]);
}

/** Rows a and a + c of Y (c columns) ← (cs y_a − sn y_b, sn y_a + cs y_b): Gᵀ; G is sn → −sn (exact, the same bits). */
function rotateRows(Y: Float64Array, a: number, c: number, cs: number, sn: number): void {
  const b = a + c;
  for (let j = 0; j < c; j++) {
    const ya = Y[a + j];
    const yb = Y[b + j];
    Y[a + j] = cs * ya - sn * yb;
    Y[b + j] = sn * ya + cs * yb;
  }
}

/** Y ← Q Y for the n×c row-major Y (in place), Q unsorted. */
export function applyQUnsorted(eig: ImplicitSymmetricEig, Y: Float64Array, c: number): void {
  const { reflectors, betas, rotIndex, rotC, rotS, rotCount } = eig;
  if (onArena(eig, c)) applyOnArena(eig, Y, c, false);
  else {
    // Z = G_1 ⋯ G_N: G_N first; (Gy)_i = c y_i + s y_{i+1}, (Gy)_{i+1} = −s y_i + c y_{i+1}
    for (let t = rotCount - 1; t >= 0; t--) rotateRows(Y, rotIndex[t] * c, c, rotC[t], -rotS[t]);
    // Q_H = P_0 ⋯ P_{n−3}: P_{n−3} first
    for (let k = reflectors.length - 1; k >= 0; k--) reflect(reflectors[k], betas[k], k + 1, Y, c);
  }
  if (eig.rowOrder) permuteRows(Y, c, eig.rowOrder, false);
}

/** gather: row t ← row order[t]; else scatter: row order[t] ← row t. */
function permuteRows(Y: Float64Array, c: number, order: Int32Array, gather: boolean): void {
  const X = Float64Array.from(Y.subarray(0, order.length * c));
  for (let t = 0; t < order.length; t++) {
    if (gather) Y.set(X.subarray(order[t] * c, order[t] * c + c), t * c);
    else Y.set(X.subarray(t * c, t * c + c), order[t] * c);
  }
}

/** Y[o …] ← (I − β v vᵀ) Y[o …] on rows o … o + |v| − 1 of the row-major Y with c columns. */
function reflect(v: Float64Array, beta: number, o: number, Y: Float64Array, c: number): void {
  if (beta === 0) return;
  const m = v.length;
  const w = new Float64Array(c);
  for (let i = 0; i < m; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    const r = (o + i) * c;
    for (let j = 0; j < c; j++) w[j] += vi * Y[r + j];
  }
  for (let j = 0; j < c; j++) w[j] *= beta;
  for (let i = 0; i < m; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    const r = (o + i) * c;
    for (let j = 0; j < c; j++) Y[r + j] -= vi * w[j];
  }
}

/**
 * Q f(Λ) Qᵀ M for the n×c row-major M (a new array): g_j = f(λ_j) where λ_j > tol, else 0.
 * O(n² c) beside the decomposition.
 */
export function applySpectral(eig: ImplicitSymmetricEig, g: (lambda: number) => number, tol: number, M: ArrayLike<number>, c: number): Float64Array {
  const Y = Float64Array.from(M as ArrayLike<number>);
  applyQtUnsorted(eig, Y, c);
  for (let j = 0; j < eig.n; j++) {
    const lam = eig.values[j];
    const gj = lam > tol ? g(lam) : 0;
    const r = eig.perm[j] * c;
    for (let t = 0; t < c; t++) Y[r + t] *= gj;
  }
  applyQUnsorted(eig, Y, c);
  return Y;
}

/**
 * The n×count row-major block of Q whose columns are the eigenvectors of the `count` largest
 * eigenvalues, descending (all n by default: Q itself, O(n³); O(n²·count) for a few).
 */
export function explicitQ(eig: ImplicitSymmetricEig, count = eig.n): Float64Array {
  const n = eig.n;
  // Q P: start from the permutation P (P e_j = e_perm[j]), its first `count` columns, and apply Q from the left
  const Y = new Float64Array(n * count);
  for (let j = 0; j < count; j++) Y[eig.perm[j] * count + j] = 1;
  applyQUnsorted(eig, Y, count);
  return Y;
}
