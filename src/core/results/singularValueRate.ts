// ACHL §3's singular-value dynamics, checked on every run (spec §5.6): for a depth-N network from a
// balanced init, σ_r(k+1) − σ_r(k) ≈ −η_k ⟨∇f(W(k)), u_r v_rᵀ⟩ · N · σ_r(k)^(2−2/N) (ACHL Thm 3,
// stated for the flow; a step of size η_k is its first-order discretization). Observed: the change of
// σ_r over the step k → k + 1, taken at the record (engine.ts stepAhead); predicted: the right-hand side
// at W(k). One definition of the agreement, for the CLI summary, the theory card and the tests.
import { dot4 } from '../linalg/gemm';
import { singularValuesFlat } from '../linalg/svd';
import { singularTriplets, type SingularTriplets } from '../linalg/topSingularVectors';
import type { ProbeStep } from '../dynamics/engine';
import type { SingularValueRate } from '../types';

/** At most this many singular values are followed (spec §5.6: r ≤ min(d, p, 8)). */
export const RATE_COUNT_MAX = 8;
/** Two singular values closer than this × σ_1 are a tie (u_r, v_r not defined). */
export const RATE_TIE_RELATIVE = 1e-6;
/** … or closer than this × |Δσ_r|: they cross within a few steps. */
export const RATE_TIE_STEPS = 10;
/** The agreement counts entries with |pred| ≥ this × max |pred| of their r. */
export const RATE_AGREEMENT_FLOOR = 1e-3;

/** r ≤ min(d, p, 8). */
export function rateCount(d: number, p: number): number {
  return Math.min(d, p, RATE_COUNT_MAX);
}

export interface RateEntry {
  observed: Array<number | null>;
  predicted: Array<number | null>;
}

/** A record's entries where nothing is defined (the last record, float32 runs). */
export function nullRateEntry(count: number): RateEntry {
  return { observed: Array(count).fill(null), predicted: Array(count).fill(null) };
}

/**
 * One record's observed and predicted rates, r = 1…count, from the step k → k + 1 of a depth-N
 * network. Null where σ_r = 0, where σ_r is within max(1e-6 σ_1, 10 |Δσ_r|) of a neighbour, or where
 * the numbers are not finite (a diverging step). `top`: the triplets of probe.before where the
 * record has them (recordMetrics), not computed again; `afterValues`: σ(probe.after) where they were
 * computed elsewhere (offThread.ts: the same bits).
 */
export function singularValueRateAt(probe: ProbeStep, depth: number, count: number, top?: SingularTriplets, afterValues?: Float64Array): RateEntry {
  const { before, gradient: G, after, stepSize: eta } = probe;
  const m = before.rows;
  const n = before.cols;
  const entry = nullRateEntry(count);
  if (!finiteEntries(before.data) || !finiteEntries(after.data) || !finiteEntries(G.data) || !Number.isFinite(eta)) return entry;
  // u_r, v_r for r ≤ count only, and only for the r that are not tied: inverse iteration on the bidiagonal, not the full SVD's vectors
  const triplets = top ?? singularTriplets(before.data, m, n, count);
  const s = triplets.s;
  const next = afterValues ?? singularValuesFlat(after.data, m, n);
  const tie = RATE_TIE_RELATIVE * s[0];
  // the r not tied with a neighbour, and their Δσ_r
  const rs: number[] = [];
  const deltas: number[] = [];
  for (let r = 0; r < Math.min(count, s.length); r++) {
    const sigma = s[r];
    if (!(sigma > 0)) continue;
    const delta = next[r] - sigma;
    const gap = Math.max(tie, RATE_TIE_STEPS * Math.abs(delta));
    if ((r > 0 && s[r - 1] - sigma <= gap) || (r + 1 < s.length && sigma - s[r + 1] <= gap)) continue;
    rs.push(r);
    deltas.push(delta);
  }
  const inners = innerProducts(G.data, m, n, triplets.pairs(rs));
  rs.forEach((r, t) => {
    const sigma = s[r];
    // ACHL Thm 3: dσ_r/dt = −N σ_r^(2−2/N) ⟨∇f(W), u_r v_rᵀ⟩
    const predicted = -eta * inners[t] * depth * Math.pow(sigma, 2 - 2 / depth);
    if (!Number.isFinite(predicted) || !Number.isFinite(deltas[t])) return;
    entry.observed[r] = deltas[t];
    entry.predicted[r] = predicted;
  });
  return entry;
}

/**
 * ⟨G, u_t v_tᵀ⟩ = Σ_i u_t[i] (G v_t)_i for each pair, in one pass over G's rows (G m×n row-major,
 * read once for all pairs, not once a pair), each row's dot with v_t by gemm.ts dot4.
 */
export function innerProducts(G: Float64Array, m: number, n: number, pairs: ReadonlyArray<{ u: Float64Array; v: Float64Array }>): number[] {
  const out = pairs.map(() => 0);
  for (let i = 0; i < m; i++)
    for (let t = 0; t < pairs.length; t++) {
      const ui = pairs[t].u[i];
      if (ui !== 0) out[t] += ui * dot4(G, i * n, pairs[t].v, 0, n);
    }
  return out;
}

/**
 * Whether every entry is finite: x·0 is ±0 for a finite x and NaN for ±∞ and NaN, so four running
 * sums of x·0 (no branch, four independent chains) end at 0 exactly when all are — a third of the
 * time of a Number.isFinite test an entry (28 against 84 µs at 256², run at each record and step).
 */
export function finiteEntries(M: Float64Array): boolean {
  let z0 = 0, z1 = 0, z2 = 0, z3 = 0;
  const n = M.length, n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    z0 += M[i] * 0;
    z1 += M[i + 1] * 0;
    z2 += M[i + 2] * 0;
    z3 += M[i + 3] * 0;
  }
  for (; i < n; i++) z0 += M[i] * 0;
  return z0 + z1 + z2 + z3 === 0;
}

/** The middle value of a non-empty list (the mean of the two middle ones for an even count). */
function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  const h = a.length >> 1;
  return a.length % 2 ? a[h] : 0.5 * (a[h - 1] + a[h]);
}

export interface RateAgreement {
  /** Per r: the median of |obs − pred|/|pred| over the counted entries, null where none counts. */
  perValue: Array<number | null>;
  /** The median over every counted entry of every r, null where none counts. */
  overall: number | null;
  /** How many entries were counted. */
  count: number;
}

/**
 * Spec §5.6's agreement: the median of |obs − pred| / |pred| over the entries with |pred| ≥ 1e-3 ·
 * max |pred| of that r (the panel's theory card and the CLI summary print it).
 */
export function singularValueRateAgreement(rate: SingularValueRate): RateAgreement {
  const width = rate.predicted.reduce((w, row) => Math.max(w, row.length), 0);
  const all: number[] = [];
  const perValue: Array<number | null> = [];
  for (let r = 0; r < width; r++) {
    let top = 0;
    for (const row of rate.predicted) {
      const p = row[r];
      if (p !== null && p !== undefined) top = Math.max(top, Math.abs(p));
    }
    const rel: number[] = [];
    rate.predicted.forEach((row, k) => {
      const p = row[r];
      const o = rate.observed[k]?.[r];
      if (p === null || p === undefined || o === null || o === undefined || top === 0) return;
      if (Math.abs(p) >= RATE_AGREEMENT_FLOOR * top) rel.push(Math.abs(o - p) / Math.abs(p));
    });
    perValue.push(rel.length ? median(rel) : null);
    all.push(...rel);
  }
  return { perValue, overall: all.length ? median(all) : null, count: all.length };
}
