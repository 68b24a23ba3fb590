// Singular value decomposition on flat row-major Float64Arrays: Householder bidiagonalization
// (Golub & Van Loan, Matrix Computations 4th ed., Alg. 5.4.2) followed by the implicit-shift
// Golub–Kahan SVD step on the bidiagonal (G&VL Alg. 8.6.1, 8.6.2), with the deflation and
// splitting cases of LINPACK's dsvdc (Dongarra, Bunch, Moler & Stewart 1979, ch. 11).
//
// Accuracy: every singular value within a modest multiple of ε·σ_1 of the exact one (backward
// stable, G&VL §8.6.3), which keeps σ_i ≪ σ_1 — the staircase's plateaus — where eigenvalues of
// AᵀA would lose everything below √ε·σ_1. No AᵀA is ever formed.
//
// Vectors are kept transposed (rows of Ut and Vt are the singular vectors) so that every
// rotation and reflector runs along contiguous memory.
import { bidiagonalizeUnblocked } from './bidiagonalize';
import { bidiagonalizeBlocked, bidiagonalizeBlockedKeeping, type BlockedOptions } from './bidiagonalBlocked';
import { householderR } from './householderQr';
import { dqdsSingularValues } from './bidiagonalValues';
import { EPS, hypot2 } from './hypot';
import { formReflectorRows, reflectorRowsDoubles } from './reflectorBlock';
import { recorderDoubles, RotationRecorder, ROTATION_BATCH } from './rotations';
import { arenaDoubles, createArena } from './wasm/wasmGemm';

export interface FlatSvd {
  /** k = min(m, n) singular values, descending, ≥ 0. */
  s: Float64Array;
  /** k×m: row j is the left singular vector u_j (only when vectors were asked for). */
  Ut: Float64Array | null;
  /** k×n: row j is the right singular vector v_j (only when vectors were asked for). */
  Vt: Float64Array | null;
}

const TINY = 2 ** -966;

/** How singularValuesFlat reduces A: the blocked bidiagonalization's panel and crossover (bidiagonalBlocked.ts). */
export interface SingularValueOptions extends BlockedOptions {
  /**
   * QR first when m ≥ tallRatio·n and n ≤ crossover (default 128 here; householderQr.ts); default
   * Infinity, never: the bidiagonalization's f64x2 kernel on the tall A itself is faster (784×10,
   * 2000×50, 784×100: 0.37 → 0.24, 10.4 → 4.3, 15.9 → 5.6 ms, 1 Dec 2026, load 2–3).
   */
  tallRatio?: number;
}

/**
 * Singular values (descending) of the m×n row-major A; A is not modified. Values only: the
 * bidiagonalization (bidiagonalBlocked.ts: by default the unblocked one on its f64x2 kernel; LAPACK
 * dgebrd's panels on the arena's kernels past a crossover asked for; a QR first for tall A when
 * tallRatio is given), then dqds on the bidiagonal (bidiagonalValues.ts), O(n²).
 */
export function singularValuesFlat(A: ArrayLike<number>, m: number, n: number, opts: SingularValueOptions = {}): Float64Array {
  if (m === 0 || n === 0) return new Float64Array(0);
  const f = exactScale(A);
  if (f !== 1) return singularValuesFlat(scaled(A, f), m, n, opts).map((x) => x / f);
  let M = A;
  if (m < n) {
    const T = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) T[j * m + i] = A[i * n + j];
    M = T;
    [m, n] = [n, m];
  }
  // tall A (m ≥ tallRatio·n) with at most 128 columns (or the crossover asked for): a QR first
  const tallMax = Math.max(opts.crossover ?? 128, opts.block ?? 1);
  if (n <= tallMax && m >= (opts.tallRatio ?? Infinity) * n) {
    M = householderR(M, m, n);
    m = n;
  }
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  bidiagonalizeBlocked(M, m, n, s, e, opts);
  bidiagonalSingularValues(s, e, n);
  return s;
}

/**
 * The singular values of the n×n upper bidiagonal with diagonal s and superdiagonal e (e[n−1] = 0),
 * values only, descending, into s (e is overwritten): the route singularValuesFlat takes after its
 * reduction — dqds (bidiagonalValues.ts; the implicit-QR sweep, bidiagonalQr, stays for the vectors).
 */
export function bidiagonalSingularValues(s: Float64Array, e: Float64Array, n: number): void {
  // split where |e_k| ≤ ε·max|b_ij|: the reduction's own backward error (G&VL §5.4.3), so σ within ~ε·σ_1 as before
  let bmax = 0;
  for (let i = 0; i < n; i++) bmax = Math.max(bmax, Math.abs(s[i]), i < n - 1 ? Math.abs(e[i]) : 0);
  dqdsSingularValues(s, e, n, EPS * bmax);
}

/**
 * A power of two 2^k with max|a_ij|·2^k in [2^-100, 2^100] (1 when it already is, or A = 0): the
 * reductions square entries (‖x‖² of a reflector), which overflows past ~1e154 and underflows below
 * ~1e-154 — and the unblocked reduction (bidiagonalize.ts) takes a column or row of ‖x‖ < 2^-484 as
 * zero, which in this range is below 2^-384·max|a_ij|; scaling by 2^k is exact, so σ(A) = σ(2^k A)/2^k
 * to the last bit. Non-finite entries throw.
 */
export function exactScale(A: ArrayLike<number>): number {
  // one max over the entries (Math.max carries a NaN or an ∞ through), checked once at the end: a
  // branch per entry cost ~10 ns of it at a record
  const amax = A instanceof Float64Array ? maxAbs(A) : maxAbs(Float64Array.from(A));
  if (!(amax < Infinity)) throw new Error('svd: the matrix has a non-finite entry');
  if (amax === 0 || (amax >= 2 ** -100 && amax <= 2 ** 100)) return 1;
  // to the edge of the range only: entries far below max|a_ij| stay normal numbers
  return amax > 1 ? 2 ** (100 - Math.ceil(Math.log2(amax))) : 2 ** (-100 - Math.floor(Math.log2(amax)));
}

/** max |a_i| (NaN if some a_i is NaN, ∞ if some is ±∞). */
function maxAbs(A: Float64Array): number {
  let amax = 0;
  for (let i = 0; i < A.length; i++) amax = Math.max(amax, Math.abs(A[i]));
  return amax;
}

export function scaled(A: ArrayLike<number>, f: number): ArrayLike<number> {
  return f === 1 ? A : Float64Array.from(A as ArrayLike<number>, (x) => x * f);
}

/** Thin SVD A = Σ s_j u_j v_jᵀ of the m×n row-major A (not modified). */
export function svdFlat(A: ArrayLike<number>, m: number, n: number, wantVectors = true): FlatSvd {
  if (m === 0 || n === 0) return { s: new Float64Array(0), Ut: wantVectors ? new Float64Array(0) : null, Vt: wantVectors ? new Float64Array(0) : null };
  const f = exactScale(A);
  if (f !== 1) {
    const r = svdFlat(scaled(A, f), m, n, wantVectors);
    for (let i = 0; i < r.s.length; i++) r.s[i] /= f;
    return r;
  }
  if (m >= n) return tallSvd(Float64Array.from(A as ArrayLike<number>), m, n, wantVectors);
  // A = (Aᵀ)ᵀ: the SVD of the tall Aᵀ with the roles of U and V swapped
  const T = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) T[j * m + i] = A[i * n + j];
  const r = tallSvd(T, n, m, wantVectors);
  return { s: r.s, Ut: r.Vt, Vt: r.Ut };
}

/** m ≥ n; A (a copy) is overwritten. */
function tallSvd(A: Float64Array, m: number, n: number, wantVectors: boolean): FlatSvd {
  if (wantVectors) return tallSvdBlocked(A, m, n);
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  // ---- bidiagonalization, G&VL Alg. 5.4.2: U_bᵀ A V_b = B (upper bidiagonal)
  bidiagonalizeUnblocked(A, m, n, s, e, false);
  bidiagonalQr(s, e, n, null, 0, null);
  return { s, Ut: null, Vt: null };
}

/**
 * With vectors, on one arena: the blocked bidiagonalization keeping its reflectors
 * (bidiagonalizeBlockedKeeping, LAPACK dgebrd), Ut = (U_b[:, 0…n−1])ᵀ and Vt = V_bᵀ formed a block of
 * reflectors at a time (reflectorBlock.ts, compact WY, LAPACK dorgbr), then the implicit-QR sweep
 * with its rotations recorded and applied to the rows of Ut and Vt in batches (rotations.ts).
 */
function tallSvdBlocked(A: Float64Array, m: number, n: number): FlatSvd {
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  const kept = bidiagonalizeBlockedKeeping(A, m, n, s, e);
  const arena = createArena(
    arenaDoubles([n * m, n * n, (n - 1) * (n - 1), ...reflectorRowsDoubles(n, m), ...reflectorRowsDoubles(n - 1, n - 1)]) + 2 * recorderDoubles(),
  );
  const Ut = arena.alloc(n * m);
  const Vt = arena.alloc(n * n);
  const Vs = arena.alloc((n - 1) * (n - 1));
  formReflectorRows({ vs: kept.leftV.slice(0, n), taus: kept.leftB }, n, m, arena, Ut);
  Vt[0] = 1;
  if (n > 1) {
    formReflectorRows({ vs: kept.rightV.slice(0, n - 1), taus: kept.rightB }, n - 1, n - 1, arena, Vs);
    for (let r = 1; r < n; r++) Vt.set(Vs.subarray((r - 1) * (n - 1), r * (n - 1)), r * n + 1);
  }
  const rec = { u: new RotationRecorder(arena, Ut, m, ROTATION_BATCH), v: new RotationRecorder(arena, Vt, n, ROTATION_BATCH) };
  bidiagonalQr(s, e, n, Ut, m, Vt, rec);
  return { s, Ut: Ut.slice(), Vt: Vt.slice() };
}

/** Rotations of Ut's and Vt's rows to batch (rotations.ts) instead of applying each at once. */
interface SweepRecorders {
  u: RotationRecorder;
  v: RotationRecorder;
}

/** rows a, b of X (length len, stride len): (x_a, x_b) ← (c x_a + s x_b, −s x_a + c x_b). */
function rotateRows(X: Float64Array, len: number, a: number, b: number, c: number, s: number): void {
  const oa = a * len;
  const ob = b * len;
  for (let i = 0; i < len; i++) {
    const xa = X[oa + i];
    const xb = X[ob + i];
    X[oa + i] = c * xa + s * xb;
    X[ob + i] = -s * xa + c * xb;
  }
}

function swapRows(X: Float64Array, len: number, a: number, b: number): void {
  const oa = a * len;
  const ob = b * len;
  for (let i = 0; i < len; i++) {
    const t = X[oa + i];
    X[oa + i] = X[ob + i];
    X[ob + i] = t;
  }
}

/**
 * Diagonalizes the upper bidiagonal B (diagonal s, superdiagonal e[0 … n−2]) in place:
 * implicit-shift Golub–Kahan QR steps (G&VL Alg. 8.6.1, shift from the trailing 2×2 of BᵀB)
 * with LINPACK dsvdc's four cases (negligible s[p−1], split at a negligible s[k], QR step,
 * convergence with sign fix and ordering). Rotations go into the rows of Ut (n×m) and Vt (n×n).
 */
function bidiagonalQr(s: Float64Array, e: Float64Array, n: number, Ut: Float64Array | null, m: number, Vt: Float64Array | null, rec: SweepRecorders | null = null): void {
  // with recorders, the sign fixes and swaps of converged values wait until every rotation is
  // applied: they touch rows ≥ p − 1, which no later rotation does (they all act on rows < p − 1)
  const late: Array<[number, number]> = []; // [k, −1]: negate row k of Vt; [k, k + 1]: swap rows of Ut and Vt
  let p = n;
  const pp = p - 1;
  let iter = 0;
  let passes = 0; // every pass, not only QR steps: NaN makes the deflation tests loop without one
  while (p > 0) {
    if (iter > 75 * n + 100 || ++passes > 400 * n + 1000) throw new Error('svd: no convergence');
    let k: number;
    let kase: number;
    // e[k] negligible → split
    for (k = p - 2; k >= -1; k--) {
      if (k === -1) break;
      if (Math.abs(e[k]) <= TINY + EPS * (Math.abs(s[k]) + Math.abs(s[k + 1]))) {
        e[k] = 0;
        break;
      }
    }
    if (k === p - 2) {
      kase = 4;
    } else {
      let ks: number;
      for (ks = p - 1; ks >= k; ks--) {
        if (ks === k) break;
        const t = (ks !== p ? Math.abs(e[ks]) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]) : 0);
        if (Math.abs(s[ks]) <= TINY + EPS * t) {
          s[ks] = 0;
          break;
        }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else {
        kase = 2;
        k = ks;
      }
    }
    k++;
    switch (kase) {
      case 1: {
        // s[p−1] negligible: chase e[p−2] up with rotations from the right
        let f = e[p - 2];
        e[p - 2] = 0;
        for (let j = p - 2; j >= k; j--) {
          const t = hypot2(s[j], f);
          const cs = s[j] / t;
          const sn = f / t;
          s[j] = t;
          if (j !== k) {
            f = -sn * e[j - 1];
            e[j - 1] = cs * e[j - 1];
          }
          if (rec) rec.v.push(j, p - 1, cs, sn);
          else if (Vt) rotateRows(Vt, n, j, p - 1, cs, sn);
        }
        break;
      }
      case 2: {
        // s[k−1] negligible: chase e[k−1] down with rotations from the left
        let f = e[k - 1];
        e[k - 1] = 0;
        for (let j = k; j < p; j++) {
          const t = hypot2(s[j], f);
          const cs = s[j] / t;
          const sn = f / t;
          s[j] = t;
          f = -sn * e[j];
          e[j] = cs * e[j];
          if (rec) rec.u.push(j, k - 1, cs, sn);
          else if (Ut) rotateRows(Ut, m, j, k - 1, cs, sn);
        }
        break;
      }
      case 3: {
        // one implicit-shift QR step on rows/columns k … p−1 (G&VL Alg. 8.6.1)
        const scale = Math.max(Math.abs(s[p - 1]), Math.abs(s[p - 2]), Math.abs(e[p - 2]), Math.abs(s[k]), Math.abs(e[k]));
        const sp = s[p - 1] / scale;
        const spm1 = s[p - 2] / scale;
        const epm1 = e[p - 2] / scale;
        const sk = s[k] / scale;
        const ek = e[k] / scale;
        const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
        const c = sp * epm1 * (sp * epm1);
        let shift = 0;
        if (b !== 0 || c !== 0) {
          shift = Math.sqrt(b * b + c);
          if (b < 0) shift = -shift;
          shift = c / (b + shift);
        }
        let f = (sk + sp) * (sk - sp) + shift;
        let g = sk * ek;
        for (let j = k; j < p - 1; j++) {
          let t = hypot2(f, g);
          let cs = f / t;
          let sn = g / t;
          if (j !== k) e[j - 1] = t;
          f = cs * s[j] + sn * e[j];
          e[j] = cs * e[j] - sn * s[j];
          g = sn * s[j + 1];
          s[j + 1] = cs * s[j + 1];
          if (rec) rec.v.push(j, j + 1, cs, sn);
          else if (Vt) rotateRows(Vt, n, j, j + 1, cs, sn);
          t = hypot2(f, g);
          cs = f / t;
          sn = g / t;
          s[j] = t;
          f = cs * e[j] + sn * s[j + 1];
          s[j + 1] = -sn * e[j] + cs * s[j + 1];
          g = sn * e[j + 1];
          e[j + 1] = cs * e[j + 1];
          if (rec) rec.u.push(j, j + 1, cs, sn);
          else if (Ut && j < m - 1) rotateRows(Ut, m, j, j + 1, cs, sn);
        }
        e[p - 2] = f;
        iter++;
        break;
      }
      default: {
        // converged: make s[k] ≥ 0, move it into descending order
        if (s[k] <= 0) {
          s[k] = s[k] < 0 ? -s[k] : 0;
          if (rec) late.push([k, -1]);
          else if (Vt) for (let i = 0; i < n; i++) Vt[k * n + i] = -Vt[k * n + i];
        }
        while (k < pp) {
          if (s[k] >= s[k + 1]) break;
          const t = s[k];
          s[k] = s[k + 1];
          s[k + 1] = t;
          if (rec) late.push([k, k + 1]);
          else {
            if (Vt) swapRows(Vt, n, k, k + 1);
            if (Ut) swapRows(Ut, m, k, k + 1);
          }
          k++;
        }
        p--;
      }
    }
  }
  if (rec && Ut && Vt) {
    rec.u.flush();
    rec.v.flush();
    for (const [a, b] of late) {
      if (b < 0) for (let i = 0; i < n; i++) Vt[a * n + i] = -Vt[a * n + i];
      else {
        swapRows(Vt, n, a, b);
        swapRows(Ut, m, a, b);
      }
    }
  }
}
