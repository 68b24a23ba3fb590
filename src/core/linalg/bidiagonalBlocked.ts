// Blocked Householder bidiagonalization of an m×n (m ≥ n) row-major matrix, the diagonal and
// superdiagonal only (no vectors): LAPACK dgebrd/dlabrd (Dongarra, Sorensen & Hammarling 1989;
// Golub & Van Loan, Matrix Computations 4th ed., §5.4.8). Each panel of b columns and rows is
// reduced with its reflectors' effect on the rest of the matrix kept as A − U Yᵀ − X Vᵀ (U, V the
// panel's left and right reflectors, X, Y built alongside), so the trailing matrix is read by two
// matrix–vector products per column and updated once per panel by one product of rank 2b
// (A₂₂ ← A₂₂ − [U X] [Y V]ᵀ) on the arena's kernels (wasm/wasmGemm.ts `Float64Kernels`). The last
// `crossover` columns go through the unblocked reduction (bidiagonalize.ts, G&VL Alg. 5.4.2).
//
// The trailing matrix is kept contiguous (its own (m−k)×(n−k) buffer, two of them in turn), since
// the kernels take whole row-major matrices; the matrix–vector products run over full rows of it.
import { bidiagonalizeUnblocked, type BidiagonalReflectors } from './bidiagonalize';
import { householderVector } from './reflector';
import { bidiagonalizeWasm } from './bidiagonalWasm';
import { panelSizes, workspaceCache, type BlockedOptions } from './blockedWorkspace';
import type { Float64Arena } from './wasm/wasmGemm';

export type { BlockedOptions } from './blockedWorkspace';

interface Workspace {
  arena: Float64Arena;
  T: [Float64Array, Float64Array];
  P: Float64Array;
  L: Float64Array;
  R: Float64Array;
  g: Float64Array;
  w: Float64Array;
  h: Float64Array;
  /** The panel's τ of its left and right reflectors (kept by bidiagonalizeBlockedKeeping). */
  tauq: Float64Array;
  taup: Float64Array;
}

const cache = workspaceCache();

/**
 * No panels by default: the unblocked reduction on its f64x2 kernel (bidiagonalWasm.ts) beats the
 * panels (their matrix–vector products and the rank-2b update on the arena) at every size measured,
 * bidiagonalizeBlocked at 64², 128², 256², 784², 784×300 about 3×, 2×, 1.7×, 1.2×, 1.5× faster (2 cores,
 * 1 Dec 2026, load 3). Panels of 8 up to n = 256 and 16 beyond when a crossover is asked for.
 */
export function bidiagonalDefaults(n: number): { block: number; crossover: number } {
  return { block: n <= 256 ? 8 : 16, crossover: Infinity };
}

function workspace(m: number, n: number, b: number, make: ((t: number) => Float64Arena) | undefined): Workspace {
  const { arena, buffers } = cache(`${m}×${n}/${b}`, [m * n, m * n, b * m, m * 2 * b, 2 * b * n, n, n, m], make);
  const [t0, t1, P, L, R, g, w, h] = buffers;
  return { arena, T: [t0, t1], P, L, R, g, w, h, tauq: new Float64Array(b), taup: new Float64Array(b) };
}

/**
 * The upper bidiagonal B = U_bᵀ A V_b of the m×n (m ≥ n) row-major A (not modified): diagonal into
 * d[0…n−1], superdiagonal into e[0…n−2], e[n−1] = 0.
 */
export function bidiagonalizeBlocked(A: ArrayLike<number>, m: number, n: number, d: Float64Array, e: Float64Array, opts: BlockedOptions = {}): void {
  reduce(A, m, n, d, e, opts, null);
}

/**
 * bidiagonalizeBlocked keeping its reflectors, in bidiagonalize.ts's form (P_k = I − β_k v_k v_kᵀ,
 * left on rows k…, right on columns k+1…): dlabrd's u_j and v_j with β = τ, for the singular vectors.
 */
export function bidiagonalizeBlockedKeeping(A: ArrayLike<number>, m: number, n: number, d: Float64Array, e: Float64Array, opts: BlockedOptions = {}): BidiagonalReflectors {
  const kept: BidiagonalReflectors = { leftV: [], leftB: new Float64Array(n), rightV: [], rightB: new Float64Array(n) };
  reduce(A, m, n, d, e, opts, kept);
  return kept;
}

function reduce(A: ArrayLike<number>, m: number, n: number, d: Float64Array, e: Float64Array, opts: BlockedOptions, kept: BidiagonalReflectors | null): void {
  if (m < n) throw new Error(`bidiagonalizeBlocked: m = ${m} < n = ${n}`);
  const { b, nx } = panelSizes(opts, n, bidiagonalDefaults(n));
  if (n <= nx) {
    const r = unblocked(A, m, n, d, e, kept !== null);
    if (kept && r) Object.assign(kept, r);
    return;
  }
  const ws = workspace(m, n, b, opts.arena);
  let cur = 0;
  let T = ws.T[0].subarray(0, m * n);
  T.set(A as ArrayLike<number>);
  const Xt = new Float64Array(b * m);
  const Yt = new Float64Array(b * n);
    let mm = m;
  let nn = n;
  let k = 0;
  while (nn > nx) {
    panel(ws, T, mm, nn, b, Xt, Yt, d, e, k);
    if (kept) {
      // the panel's reflectors: u_j in P's row j from j, v_j in T's row j from column j + 1 (both with a leading 1)
      for (let j = 0; j < b; j++) {
        kept.leftV.push(ws.P.slice(j * mm + j, j * mm + mm));
        kept.leftB[k + j] = ws.tauq[j];
        kept.rightV.push(T.slice(j * nn + j + 1, j * nn + nn));
        kept.rightB[k + j] = ws.taup[j];
      }
    }
    // A₂₂ ← A₂₂ − [U X][Y V]ᵀ (dgebrd's two dgemm calls as one of rank 2b)
    const m2 = mm - b;
    const n2 = nn - b;
    const K = 2 * b;
    const { L, R, P } = ws;
    for (let j = 0; j < b; j++) {
      const po = j * mm + b;
      for (let r = 0; r < m2; r++) {
        L[r * K + j] = P[po + r];
        L[r * K + b + j] = Xt[po + r];
      }
    }
    for (let j = 0; j < b; j++) {
      const ro = j * n2;
      const vo = (b + j) * n2;
      const to = j * nn + b;
      for (let c = 0; c < n2; c++) {
        R[ro + c] = Yt[to + c];
        R[vo + c] = T[to + c];
      }
    }
    cur = 1 - cur;
    const next = ws.T[cur].subarray(0, m2 * n2);
    ws.arena.gemm(L, R, next, m2, K, n2);
    for (let r = 0; r < m2; r++) {
      const o = r * n2;
      const to = (b + r) * nn + b;
      for (let c = 0; c < n2; c++) next[o + c] = T[to + c] - next[o + c];
    }
    T = next;
    mm = m2;
    nn = n2;
    k += b;
  }
  const tail = unblocked(T.subarray(0, mm * nn), mm, nn, d.subarray(k), e.subarray(k), kept !== null);
  if (kept && tail) {
    kept.leftV.push(...tail.leftV);
    kept.leftB.set(tail.leftB, k);
    kept.rightV.push(...tail.rightV);
    kept.rightB.set(tail.rightB.subarray(0, n - k), k);
  }
  e[n - 1] = 0;
}

/** bidiagonalize.ts's unblocked reduction of a copy of A: on the f64x2 kernel where it runs (bidiagonalWasm.ts, the same bits), else in JS. */
function unblocked(A: ArrayLike<number>, m: number, n: number, d: Float64Array, e: Float64Array, keep: boolean): BidiagonalReflectors | null {
  const r = bidiagonalizeWasm(A, m, n, d, e, keep);
  return r !== undefined ? r : bidiagonalizeUnblocked(Float64Array.from(A), m, n, d, e, keep);
}

/**
 * dlabrd: reduces the first b rows and columns of the mm×nn row-major T (stride nn), writing
 * d[k0 + i], e[k0 + i] and, for the update of the rest: the panel's columns, copied into P (b×mm,
 * row j is column j of T, so that every loop down a column runs along memory), updated there and
 * overwritten by the left reflectors u_j (P[j][j] = 1, below it the tail); the right reflectors v_j
 * in T's rows (T[j][j+1] = 1, right of it the tail); Xᵀ (b×mm) and Yᵀ (b×nn), row j holding column
 * j of X and of Y; such that the trailing matrix of the reduction is T − U Yᵀ − X Vᵀ. T's entries
 * right of and below the panel's rows and columns are left as they were, which the two
 * matrix–vector products over T's full rows rely on.
 */
function panel(ws: Workspace, T: Float64Array, mm: number, nn: number, b: number, Xt: Float64Array, Yt: Float64Array, d: Float64Array, e: Float64Array, k0: number): void {
  const { arena, P, g, w, h } = ws;
  const t1 = new Float64Array(b);
  const t2 = new Float64Array(b);
  for (let r = 0; r < mm; r++) {
    const to = r * nn;
    for (let j = 0; j < b; j++) P[j * mm + r] = T[to + j];
  }
  for (let i = 0; i < b; i++) {
    const pi = i * mm;
    const io = i * nn;
    // column i, rows i…: A[r][i] −= Σ_{j<i} U[r][j] Y[i][j] + X[r][j] V[j][i]
    for (let j = 0; j < i; j++) {
      const a = Yt[j * nn + i];
      const x = T[j * nn + i];
      const pj = j * mm;
      for (let r = i; r < mm; r++) P[pi + r] -= P[pj + r] * a + Xt[pj + r] * x;
    }
    // left reflector H_i = I − τ u uᵀ (u_0 = 1) zeroing A[i+1…][i]
    const left = householderVector(P, pi + i, 1, mm - i);
    d[k0 + i] = left.beta;
    const tauq = left.tau;
    ws.tauq[i] = tauq;
    P[pi + i] = 1;
    // Y[i+1…][i] = τ (A[i…, i+1…]ᵀ u − Y[i+1…, <i] (U[i…, <i]ᵀ u) − V[<i, i+1…]ᵀ (X[i…, <i]ᵀ u))
    const L = mm - i;
    const u = P.subarray(pi + i, pi + mm);
    arena.gemm(u, T.subarray(io, mm * nn), g, 1, L, nn); // g = uᵀ T[i…, all] (g[c], c > i, wanted)
    for (let j = 0; j < i; j++) {
      const pj = j * mm + i;
      let s1 = 0;
      let s2 = 0;
      for (let r = 0; r < L; r++) {
        s1 += P[pj + r] * u[r];
        s2 += Xt[pj + r] * u[r];
      }
      t1[j] = s1;
      t2[j] = s2;
    }
    const yi = i * nn;
    for (let c = i + 1; c < nn; c++) Yt[yi + c] = g[c];
    for (let j = 0; j < i; j++) {
      const a = t1[j];
      const x = t2[j];
      const to = j * nn;
      for (let c = i + 1; c < nn; c++) Yt[yi + c] -= Yt[to + c] * a + T[to + c] * x;
    }
    for (let c = i + 1; c < nn; c++) Yt[yi + c] *= tauq;
    // row i, columns i+1…: A[i][c] −= Σ_{j≤i} Y[c][j] U[i][j] + Σ_{j<i} V[j][c] X[i][j]
    for (let j = 0; j <= i; j++) {
      const a = P[j * mm + i];
      const x = j < i ? Xt[j * mm + i] : 0;
      if (a === 0 && x === 0) continue;
      const yo = j * nn;
      for (let c = i + 1; c < nn; c++) T[io + c] -= Yt[yo + c] * a + T[yo + c] * x;
    }
    // right reflector G_i = I − τ v vᵀ (v_0 = 1) zeroing A[i][i+2…]
    const right = householderVector(T, io + i + 1, 1, nn - i - 1);
    e[k0 + i] = right.beta;
    const taup = right.tau;
    ws.taup[i] = taup;
    T[io + i + 1] = 1;
    // X[i+1…][i] = τ (A[i+1…, i+1…] v − U[i+1…, ≤i] (Y[i+1…, ≤i]ᵀ v) − X[i+1…, <i] (V[<i, i+1…] v))
    for (let c = 0; c <= i; c++) w[c] = 0;
    for (let c = i + 1; c < nn; c++) w[c] = T[io + c];
    arena.gemmNT(T.subarray(io + nn, mm * nn), w, h, mm - i - 1, nn, 1); // h = T[i+1…, all] (0 ⊕ v)
    for (let j = 0; j <= i; j++) {
      const yo = j * nn;
      let s1 = 0;
      let s2 = 0;
      for (let c = i + 1; c < nn; c++) {
        s1 += Yt[yo + c] * w[c];
        s2 += T[yo + c] * w[c];
      }
      t1[j] = s1;
      t2[j] = s2; // j = i: row i is v itself, not used
    }
    for (let r = i + 1; r < mm; r++) Xt[pi + r] = h[r - i - 1];
    for (let j = 0; j <= i; j++) {
      const a = t1[j];
      const x = j < i ? t2[j] : 0;
      const pj = j * mm;
      for (let r = i + 1; r < mm; r++) Xt[pi + r] -= P[pj + r] * a + Xt[pj + r] * x;
    }
    for (let r = i + 1; r < mm; r++) Xt[pi + r] *= taup;
  }
}
