// The leading singular triplets (σ_r, u_r, v_r), r < count, of an m×n row-major A without the full
// SVD's vectors: Householder bidiagonalization keeping its reflectors (bidiagonalBlocked.ts: LAPACK dgebrd's panels, then bidiagonalize.ts, G&VL Alg.
// 5.4.2), then per σ_r inverse iteration on the Golub–Kahan tridiagonal [0 B; Bᵀ 0] (perfect
// shuffle: zero diagonal, off-diagonal s_1, e_1, s_2, …, s_n; G&VL §8.6.1 and §8.2.2; LAPACK
// dbdsvdx / dstein), the singular values of the same bidiagonal (svd.ts bidiagonalSingularValues), and back through the reflectors:
// O(mn²) like the values alone, where the full vectors cost several times more (14 s against 1 s at
// 784×784). Each vector is accurate to about ε·σ_1 / gap_r — for the singular-value rate (spec §5.6)
// only σ_r at least 1e-6·σ_1 from both neighbours are used.
import { bidiagonalizeBlockedKeeping } from './bidiagonalBlocked';
import type { BidiagonalReflectors } from './bidiagonalize';
import { applyReflectorsWasm } from './bidiagonalWasm';
import { dot4 } from './gemm';
import { EPS } from './hypot';
import { bidiagonalSingularValues, exactScale, scaled } from './svd';

export interface TopSingular {
  /** All min(m, n) singular values, descending. */
  s: Float64Array;
  /** count×m: row r is u_r (zero where σ_r = 0). */
  Ut: Float64Array;
  /** count×n: row r is v_r (zero where σ_r = 0). */
  Vt: Float64Array;
  count: number;
}

/** Inverse iterations per vector: with σ_r exact to ~ε·σ_1 each divides the rest by ~gap/(ε σ_1). */
const ITERATIONS = 3;

/** (T − λI) z = b for the symmetric tridiagonal T with zero diagonal and off-diagonal o, solved in place (LAPACK dgttrf/dgttrs: partial pivoting). */
class ShiftedTridiagonal {
  private readonly d: Float64Array;
  private readonly dl: Float64Array;
  private readonly du: Float64Array;
  private readonly du2: Float64Array;
  private readonly swap: Uint8Array;

  constructor(o: Float64Array, lambda: number, tiny: number) {
    const N = o.length + 1;
    const d = (this.d = new Float64Array(N).fill(-lambda));
    const dl = (this.dl = Float64Array.from(o));
    const du = (this.du = Float64Array.from(o));
    const du2 = (this.du2 = new Float64Array(Math.max(N - 2, 0)));
    const swap = (this.swap = new Uint8Array(Math.max(N - 1, 0)));
    for (let i = 0; i < N - 1; i++) {
      if (Math.abs(d[i]) >= Math.abs(dl[i])) {
        // no interchange: eliminate the sub-diagonal entry of row i + 1
        if (d[i] !== 0) {
          const f = dl[i] / d[i];
          dl[i] = f;
          d[i + 1] -= f * du[i];
        }
      } else {
        // rows i and i + 1 interchanged
        const f = d[i] / dl[i];
        d[i] = dl[i];
        dl[i] = f;
        const t = du[i];
        du[i] = d[i + 1];
        d[i + 1] = t - f * d[i + 1];
        if (i < N - 2) {
          du2[i] = du[i + 1];
          du[i + 1] = -f * du[i + 1];
        }
        swap[i] = 1;
      }
    }
    // λ is an eigenvalue to rounding: a zero pivot becomes tiny (dlagtf's perturbation), not a division by 0
    for (let i = 0; i < N; i++) if (Math.abs(d[i]) < tiny) d[i] = d[i] < 0 ? -tiny : tiny;
  }

  solve(b: Float64Array): void {
    const { d, dl, du, du2, swap } = this;
    const N = d.length;
    for (let i = 0; i < N - 1; i++) {
      if (swap[i]) {
        const t = b[i];
        b[i] = b[i + 1];
        b[i + 1] = t - dl[i] * b[i];
      } else b[i + 1] -= dl[i] * b[i];
    }
    b[N - 1] /= d[N - 1];
    if (N > 1) b[N - 2] = (b[N - 2] - du[N - 2] * b[N - 1]) / d[N - 2];
    for (let i = N - 3; i >= 0; i--) b[i] = (b[i] - du[i] * b[i + 1] - du2[i] * b[i + 2]) / d[i];
  }
}

/**
 * Each x of xs ← P_0(P_1(⋯P_{K−1} x)), P_j = I − β_j v_j v_jᵀ on x's coordinates shift + j …: on
 * the bidiagonalization kernel (bidiagonalWasm.ts applyReflectorsWasm), or by `reflect` where it
 * does not run — the same operations in the same order per vector, so the same bits.
 */
export function backTransform(V: readonly Float64Array[], betas: Float64Array, shift: number, xs: readonly Float64Array[], wasm = true): void {
  if (wasm && applyReflectorsWasm(V, betas, shift, xs)) return;
  for (let j = V.length - 1; j >= 0; j--) for (const x of xs) reflect(V[j], betas[j], x, j + shift);
}

/** x[o…] ← (I − β v vᵀ) x[o…], vᵀx by gemm.ts dot4 (four partial sums, a fixed order). */
function reflect(v: Float64Array, beta: number, x: Float64Array, o: number): void {
  if (beta === 0) return;
  const len = v.length;
  const t = beta * dot4(v, 0, x, o, len);
  for (let i = 0; i < len; i++) x[o + i] -= t * v[i];
}

/** x/‖x‖, by max|x_i| first: an inverse iteration's x reaches ~1/(ε σ_1), whose square overflows where σ_1 is tiny. */
function normalize(x: Float64Array): void {
  let amax = 0;
  for (let i = 0; i < x.length; i++) amax = Math.max(amax, Math.abs(x[i]));
  if (!(amax > 0) || amax === Infinity) {
    x.fill(0);
    return;
  }
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const t = x[i] / amax;
    s += t * t;
  }
  const root = Math.sqrt(s);
  for (let i = 0; i < x.length; i++) x[i] = x[i] / amax / root;
}

/**
 * A's singular values and, on demand, its first `count` singular vector pairs: one bidiagonalization
 * keeping its reflectors up front, then per r inverse iteration and the reflectors back (a vector
 * pair costs O(mn) + O(n²); a caller that needs only some r pays only for those).
 */
export interface SingularTriplets {
  /** All min(m, n) singular values, descending. */
  s: Float64Array;
  count: number;
  /** u_r (length m) and v_r (length n) for r < count; zeros where σ_r = 0. Computed once, kept. */
  pair(r: number): { u: Float64Array; v: Float64Array };
  /** pair(r) for each r of rs, the vectors taken back through the reflectors together (one kernel call a side; the same bits as pair). */
  pairs(rs: readonly number[]): Array<{ u: Float64Array; v: Float64Array }>;
}

/**
 * The first `count` singular triplets of the m×n row-major A (not modified), and all its singular
 * values from the same bidiagonalization (svd.ts's route from there on; a record takes them as its
 * σ(W)). `known`: A's singular values where the caller has them already. Non-finite entries throw.
 */
export function topSingularTriplets(A: ArrayLike<number>, m: number, n: number, count: number, known?: Float64Array): TopSingular {
  const t = singularTriplets(A, m, n, count, known);
  const Ut = new Float64Array(t.count * m);
  const Vt = new Float64Array(t.count * n);
  t.pairs(Array.from({ length: t.count }, (_, r) => r)).forEach(({ u, v }, r) => {
    Ut.set(u, r * m);
    Vt.set(v, r * n);
  });
  return { s: t.s, Ut, Vt, count: t.count };
}

/**
 * What singularTriplets does up front — the O(mn²) part: the bidiagonalization keeping its
 * reflectors and the bidiagonal's singular values — as plain arrays, so that another thread can do
 * it and post it (offThread.ts): `tripletsFromState` then gives the same triplets, bit for bit.
 */
export interface TripletsState {
  /** The tall matrix reduced: A, or Aᵀ where A is wide (`transposed`: u and v swap back). */
  m: number;
  n: number;
  count: number;
  transposed: boolean;
  /** The exact power of two A was scaled by (svd.ts exactScale); σ(A) = σ(fA)/f. */
  scale: number;
  /** B's diagonal and superdiagonal (U_bᵀ (fA) V_b = B). */
  d: Float64Array;
  e: Float64Array;
  /** σ(fA), descending. */
  values: Float64Array;
  refl: BidiagonalReflectors;
}

/** The up-front part of singularTriplets(A, m, n, count, known) (`known`: A's singular values where the caller has them). */
export function tripletsState(A: ArrayLike<number>, m: number, n: number, count: number, known?: Float64Array): TripletsState {
  let transposed = false;
  if (m < n) {
    // A = (Aᵀ)ᵀ: the triplets of the tall Aᵀ with u and v swapped (the same singular values)
    const T = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) T[j * m + i] = A[i * n + j];
    A = T;
    [m, n] = [n, m];
    transposed = true;
  }
  const empty = { leftV: [], leftB: new Float64Array(0), rightV: [], rightB: new Float64Array(0) };
  if (n === 0) return { m, n, count, transposed, scale: 1, d: new Float64Array(0), e: new Float64Array(0), values: new Float64Array(0), refl: empty };
  // exact scaling by 2^j (svd.ts exactScale): σ(A) = σ(2^j A)/2^j, the same vectors
  const f = exactScale(A);
  if (f !== 1) {
    A = scaled(A, f);
    known = known?.map((x) => x * f);
  }
  // U_bᵀ A V_b = B: diagonal d, superdiagonal e (G&VL Alg. 5.4.2), reflectors kept
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const refl = bidiagonalizeBlockedKeeping(A, m, n, d, e);
  let values = known;
  if (!values) {
    values = Float64Array.from(d);
    bidiagonalSingularValues(values, Float64Array.from(e), n);
  }
  return { m, n, count, transposed, scale: f, d, e, values, refl };
}

/** topSingularTriplets with the vectors on demand (SingularTriplets.pair). */
export function singularTriplets(A: ArrayLike<number>, m: number, n: number, count: number, known?: Float64Array): SingularTriplets {
  return tripletsFromState(tripletsState(A, m, n, count, known));
}

/** The triplets of a TripletsState: its σ, and per r inverse iteration and the reflectors back when asked. */
export function tripletsFromState(state: TripletsState): SingularTriplets {
  const t = tallTriplets(state);
  const f = state.scale;
  const s = f !== 1 ? t.s.map((x) => x / f) : t.s;
  if (!state.transposed) return f !== 1 ? { s, count: t.count, pair: t.pair, pairs: t.pairs } : t;
  return {
    s,
    count: t.count,
    pair: (k) => {
      const { u, v } = t.pair(k);
      return { u: v, v: u };
    },
    pairs: (ks) => t.pairs(ks).map(({ u, v }) => ({ u: v, v: u })),
  };
}

/** The triplets of the tall, scaled matrix the state reduced. */
function tallTriplets({ m, n, count, d: s, e, values, refl }: TripletsState): SingularTriplets {
  const k = Math.min(count, n);
  const zeros = () => ({ u: new Float64Array(m), v: new Float64Array(n) });
  const allZeros = (rs: readonly number[]) => rs.map(zeros);
  if (n === 0 || !(values[0] > 0)) return { s: values, count: k, pair: zeros, pairs: allZeros };
  // the Golub–Kahan tridiagonal on (x_1, y_1, x_2, y_2, …): Bᵀy = σx, Bx = σy
  const o = new Float64Array(2 * n - 1);
  for (let i = 0; i < n; i++) {
    o[2 * i] = s[i];
    if (i < n - 1) o[2 * i + 1] = e[i];
  }
  const tiny = EPS * values[0];
  const z = new Float64Array(2 * n);
  const kept = new Map<number, { u: Float64Array; v: Float64Array }>();
  // x, y of [0 B; Bᵀ 0]'s eigenvector for σ_r > 0 by inverse iteration
  const inverseIteration = (r: number) => {
    const x = new Float64Array(n);
    const y = new Float64Array(m);
    const op = new ShiftedTridiagonal(o, values[r], tiny);
    // a fixed start with no structure to be orthogonal to (a diagonal A's vectors are unit vectors)
    let seed = 12345 + 977 * r;
    for (let i = 0; i < z.length; i++) z[i] = ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    for (let it = 0; it < ITERATIONS; it++) {
      op.solve(z);
      normalize(z);
    }
    for (let i = 0; i < n; i++) {
      x[i] = z[2 * i];
      y[i] = z[2 * i + 1];
    }
    return { x, y };
  };
  const pairs = (rs: readonly number[]) => {
    const fresh = [...new Set(rs)].filter((r) => !kept.has(r));
    const live = fresh.filter((r) => values[r] > 0);
    const got = live.map(inverseIteration);
    // v = V_b x = Q_0(Q_1(… x)), right reflector j on coordinates j+1…; u = U_b [y; 0] = P_0(P_1(… [y; 0])),
    // left reflector j on coordinates j…: every vector at once, on the kernel where it runs
    backTransform(refl.rightV, refl.rightB, 1, got.map((g) => g.x));
    backTransform(refl.leftV, refl.leftB, 0, got.map((g) => g.y));
    got.forEach(({ x, y }, t) => {
      normalize(x);
      normalize(y);
      kept.set(live[t], { u: y, v: x });
    });
    for (const r of fresh) if (!kept.has(r)) kept.set(r, zeros());
    return rs.map((r) => kept.get(r)!);
  };
  const pair = (r: number) => pairs([r])[0];
  return { s: values, count: k, pair, pairs };
}
