// Blocked Householder tridiagonalization of a symmetric n×n row-major matrix, LAPACK dsytrd/dlatrd
// (lower; Golub & Van Loan, Matrix Computations 4th ed., §8.3.1 and its blocked form): each panel of
// b columns is reduced with the reflectors' effect on the rest kept as A − V Wᵀ − W Vᵀ, so the
// trailing matrix is read by one matrix–vector product per column (its lower triangle only, dsymv:
// symv.ts, a wasm kernel on the arena) and updated once per panel by one product of rank 2b
// (A₂₂ ← A₂₂ − [V W][W V]ᵀ, its lower triangle only, by blocks of rows: dsyr2k).
// The last `crossover` columns go through the unblocked reduction (symmetricEigen.ts, G&VL Alg. 8.3.1).
// Reflectors as symmetricEigen.ts keeps them: P_k = I − β_k v vᵀ on indices k+1 … n−1.
import { dot } from './gemm';
import { householderVector } from './reflector';
import { symvLower } from './symv';
import { panelSizes, workspaceCache, type BlockedOptions } from './blockedWorkspace';
import type { Float64Arena } from './wasm/wasmGemm';

/** LAPACK dsytrd's options: nb, nx and the arena (blockedWorkspace.ts). */
export type TridiagonalOptions = BlockedOptions;

interface Workspace {
  arena: Float64Arena;
  T: [Float64Array, Float64Array];
  P: Float64Array;
  Wt: Float64Array;
  L: Float64Array;
  R: Float64Array;
  h: Float64Array;
  /** A block of rows of the trailing update's product. */
  G: Float64Array;
}

/** Rows of the trailing update's product computed at once (its lower triangle by blocks of rows). */
const SYR2K_ROWS = 64;

const cache = workspaceCache();

function workspace(n: number, b: number, make: ((t: number) => Float64Arena) | undefined): Workspace {
  const { arena, buffers } = cache(`${n}/${b}`, [n * n, n * n, b * n, b * n, n * 2 * b, n * 2 * b, n, SYR2K_ROWS * n], make);
  const [t0, t1, P, Wt, L, R, h, G] = buffers;
  return { arena, T: [t0, t1], P, Wt, L, R, h, G };
}

/** The reduction of the unblocked tail: (S, n, d, e) → reflectors and betas, as symmetricEigen.ts's tridiagonalize. */
export type UnblockedTridiagonalize = (S: Float64Array, n: number, d: Float64Array, e: Float64Array) => { reflectors: Float64Array[]; betas: Float64Array };

/**
 * T = Q_Hᵀ A Q_H for the symmetric n×n A (full storage, its lower triangle read; not modified): diagonal
 * into d, subdiagonal into e[0 … n−2] (e[n−1] = 0), the n−2 reflectors returned.
 */
export function tridiagonalizeBlocked(
  A: ArrayLike<number>,
  n: number,
  d: Float64Array,
  e: Float64Array,
  unblocked: UnblockedTridiagonalize,
  opts: TridiagonalOptions = {},
): { reflectors: Float64Array[]; betas: Float64Array } {
  const { b, nx } = panelSizes(opts, n);
  if (n <= nx) return unblocked(Float64Array.from(A as ArrayLike<number>), n, d, e);
  const ws = workspace(n, b, opts.arena);
  const reflectors: Float64Array[] = [];
  const betas = new Float64Array(Math.max(n - 2, 0));
  let cur = 0;
  let T = ws.T[0].subarray(0, n * n);
  T.set(A as ArrayLike<number>);
  let mm = n;
  let k = 0;
  // every panel column keeps a reflector of length ≥ 2 (there are n − 2 of them; the last two columns are left to the tail)
  while (mm > nx && mm >= b + 2) {
    panel(ws, T, mm, b, d, e, k, reflectors, betas);
    const m2 = mm - b;
    const K = 2 * b;
    const { L, R, P, Wt } = ws;
    for (let j = 0; j < b; j++) interleave(P, Wt, j * mm + b, m2, L, R, K, j, b);
    cur = 1 - cur;
    const next = ws.T[cur].subarray(0, m2 * m2);
    // the lower triangle only (dsyr2k): rows r0 … r1 − 1 of [V W] times the first r1 rows of [W V]
    // (each entry the one sum over K the whole product makes: the same bits); the upper triangle is
    // left stale: nothing reads it (the panels take columns below the diagonal, symv and the
    // unblocked tail the lower triangle)
    for (let r0 = 0; r0 < m2; r0 += SYR2K_ROWS) {
      const r1 = Math.min(r0 + SYR2K_ROWS, m2);
      const G = ws.G.subarray(0, (r1 - r0) * r1);
      ws.arena.gemmNT(L.subarray(r0 * K, r1 * K), R.subarray(0, r1 * K), G, r1 - r0, K, r1);
      for (let r = r0; r < r1; r++) subtractRow(next, r * m2, T, (b + r) * mm + b, G, (r - r0) * r1, r + 1);
    }
    T = next;
    mm = m2;
    k += b;
  }
  const rest = Float64Array.from(T.subarray(0, mm * mm));
  const tail = unblocked(rest, mm, d.subarray(k), e.subarray(k));
  tail.reflectors.forEach((v, t) => {
    reflectors.push(v);
    betas[k + t] = tail.betas[t];
  });
  e[n - 1] = 0;
  return { reflectors, betas };
}

/**
 * dlatrd (lower): reduces the first b columns of the mm×mm symmetric T (full storage, lower triangle used), writing
 * d[k0 + i], e[k0 + i], reflector k0 + i, and for the update of the rest V (P: b×mm, row j is v_j,
 * zero up to j, 1 at j+1) and Wᵀ (b×mm), such that the trailing matrix is T − V Wᵀ − W Vᵀ. T itself
 * is only read (the panel's columns are updated in P), which the products over its lower triangle rely on;
 * of the entries above the diagonal copied into P none is used (rows < i of column i are zeroed).
 */
function panel(ws: Workspace, T: Float64Array, mm: number, b: number, d: Float64Array, e: Float64Array, k0: number, reflectors: Float64Array[], betas: Float64Array): void {
  const { arena, P, Wt, h } = ws;
  const t1 = new Float64Array(b);
  const t2 = new Float64Array(b);
  for (let r = 0; r < mm; r++) {
    const to = r * mm;
    for (let j = 0; j < b; j++) P[j * mm + r] = T[to + j];
  }
  Wt.fill(0, 0, b * mm);
  for (let i = 0; i < b; i++) {
    const pi = i * mm;
    // column i, rows i…: A[r][i] −= Σ_{j<i} V[r][j] W[i][j] + W[r][j] V[i][j]
    for (let j = 0; j < i; j++) subtractPair(P, pi, P, Wt, j * mm, i, mm, Wt[j * mm + i], P[j * mm + i]);
    d[k0 + i] = P[pi + i];
    // reflector zeroing A[i+2…][i]: v = (1, tail) on indices i+1…
    const { beta, tau } = householderVector(P, pi + i + 1, 1, mm - i - 1);
    e[k0 + i] = beta;
    P[pi + i + 1] = 1;
    for (let r = 0; r <= i; r++) P[pi + r] = 0;
    reflectors.push(P.slice(pi + i + 1, pi + mm));
    betas[k0 + i] = tau;
    // w = τ (A v − W (Vᵀ v) − V (Wᵀ v)), then w −= ½ τ (wᵀ v) v (dlatrd; G&VL Alg. 8.3.1's p, w)
    const v = P.subarray(pi, pi + mm);
    const M1 = mm - i - 1;
    symvLower(arena, T, (i + 1) * mm + i + 1, mm, M1, P, pi + i + 1, h); // h = T[i+1…, i+1…] v[i+1…] from the lower triangle (dsymv)
    const tail = v.subarray(i + 1);
    for (let j = 0; j < i; j++) {
      t1[j] = dot(Wt.subarray(j * mm + i + 1, (j + 1) * mm), tail, M1);
      t2[j] = dot(P.subarray(j * mm + i + 1, (j + 1) * mm), tail, M1);
    }
    for (let r = i + 1; r < mm; r++) Wt[pi + r] = h[r - i - 1];
    for (let j = 0; j < i; j++) subtractPair(Wt, pi, P, Wt, j * mm, i + 1, mm, t1[j], t2[j]);
    let wv = 0;
    for (let r = i + 1; r < mm; r++) {
      Wt[pi + r] *= tau;
      wv += Wt[pi + r] * v[r];
    }
    const alpha = -0.5 * tau * wv;
    for (let r = i + 1; r < mm; r++) Wt[pi + r] += alpha * v[r];
  }
}

// The loops below are functions of their own, small and called many times a panel, so that V8
// optimizes each within the first panel instead of compiling the panel's whole body around them
// first: a fresh process's first 256² eigendecomposition ~180 → ~110–140 ms, the same bits (the
// dot products are gemm.ts `dot`, also left to right).

/** Column j of V (P) and of W (Wt), rows 0 … m2 − 1 from `o`, into [V W] (L) and [W V] (R), K = 2b wide. */
function interleave(P: Float64Array, Wt: Float64Array, o: number, m2: number, L: Float64Array, R: Float64Array, K: number, j: number, b: number): void {
  for (let r = 0; r < m2; r++) {
    const v = P[o + r];
    const w = Wt[o + r];
    L[r * K + j] = v;
    L[r * K + b + j] = w;
    R[r * K + j] = w;
    R[r * K + b + j] = v;
  }
}

/** out[no + c] = T[to + c] − G[go + c] for c < len (a row of the lower triangle's update). */
function subtractRow(out: Float64Array, no: number, T: Float64Array, to: number, G: Float64Array, go: number, len: number): void {
  for (let c = 0; c < len; c++) out[no + c] = T[to + c] - G[go + c];
}

/** x[xo + r] −= a[o + r]·w + b[o + r]·v for r = from … to − 1 (a row of V and of W, dlatrd's two updates). */
function subtractPair(x: Float64Array, xo: number, a: Float64Array, b: Float64Array, o: number, from: number, to: number, w: number, v: number): void {
  for (let r = from; r < to; r++) x[xo + r] -= a[o + r] * w + b[o + r] * v;
}
