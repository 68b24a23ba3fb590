// Singular values of an upper bidiagonal B (values only) by the dqds algorithm: the differential
// quotient-difference transform with shifts (Fernando & Parlett, Numer. Math. 67, 1994; Parlett &
// Marques, "An implementation of the dqds algorithm (positive case)", LAA 309, 2000; LAPACK
// dlasq1–dlasq6). B is held as its qd array q_i = d_i², e_i = f_i² (d the diagonal, f the
// superdiagonal); one transform with shift τ maps it to the qd array of B̂ with B̂ᵀB̂ = BBᵀ − τI,
// so the eigenvalues of BᵀB, σ_i², move down by τ; the sum of the shifts S is added back at
// deflation. The transform has no subtraction but the shift's (high relative accuracy: every σ_i,
// however small, to a few ulps of itself); a shift past the smallest eigenvalue shows as a negative
// d, and the transform is then redone with a smaller one.

import { EPS, hypot2 } from './hypot';
import { dqdsKernel, type DqdsKernel } from './dqdsWasm';

/** 100ε (dlasq2's tolerance): e_i below tol²·(S + q_i) is dropped. */
const TOL = 100 * EPS;
const TOL2 = TOL * TOL;
/** The bottom shift is at least this fraction of dmin. */
const FLOOR = 0.25;

let jsWork = new Float64Array(0);

/** Whether dqds takes its transform on WebAssembly (dqdsWasm.ts; the same bits): tests and the bench turn it off. */
export const dqdsOptions = { wasm: true };

/**
 * Overwrites d[0…n−1] with the singular values of the upper bidiagonal with diagonal d and
 * superdiagonal e[0…n−2], descending; e is left unchanged. The bidiagonal splits where |e_k| ≤ absTol
 * (default 0: every σ to high relative accuracy; an absTol of ε‖B‖ moves each σ by at most that, Weyl,
 * within the backward error of the bidiagonalization that made B, and spares the transforms resolving
 * a cluster's roundoff — the staircase's plateaus):
 * a 1×1 block gives |d_k| (exactly), a 2×2 dlas2, a larger one dqds, each scaled by its own power
 * of two first (dlasq1: max |entry| to 2^485, so that squaring neither overflows nor underflows
 * for values down to ~1e-300 of the block's largest).
 */
export function dqdsSingularValues(d: Float64Array, e: Float64Array, n: number, absTol = 0): void {
  dqdsStats.sweeps = 0;
  dqdsStats.failures = 0;
  if (n <= 0) return;
  for (let i = 0; i < n; i++) if (!(Math.abs(d[i]) < Infinity && (i === n - 1 || Math.abs(e[i]) < Infinity))) throw new Error('svd: the bidiagonal has a non-finite entry');
  let a = 0;
  for (let b = 0; b < n; b++) {
    if (b < n - 1 && Math.abs(e[b]) > absTol) continue;
    blockValues(d, e, a, b);
    a = b + 1;
  }
  const s = d.subarray(0, n);
  s.sort();
  s.reverse();
}

/** The singular values of the unreduced block a…b (e[a…b−1] ≠ 0) into d[a…b], unordered. */
function blockValues(d: Float64Array, e: Float64Array, a: number, b: number): void {
  if (a === b) {
    d[a] = Math.abs(d[a]);
    return;
  }
  if (b === a + 1) {
    const { min, max } = las2(d[a], e[a], d[b]);
    d[a] = max;
    d[b] = min;
    return;
  }
  const n = b - a + 1;
  let amax = 0;
  for (let i = a; i <= b; i++) amax = Math.max(amax, Math.abs(d[i]), i < b ? Math.abs(e[i]) : 0);
  // a power of two (exact), in two factors so that neither overflows
  const k = 485 - Math.ceil(Math.log2(amax));
  const f1 = 2 ** Math.trunc(k / 2);
  const f2 = 2 ** (k - Math.trunc(k / 2));
  // the arrays on the wasm kernel's memory where it runs (its transform reads them there), else plain
  const kernel = dqdsOptions.wasm ? dqdsKernel() : null;
  if (!kernel && jsWork.length < 7 * n) jsWork = new Float64Array(7 * n);
  const work = kernel ? kernel.work(7 * n) : jsWork;
  const qa = work.subarray(0, n);
  const ea = work.subarray(n, 2 * n);
  const qb = work.subarray(2 * n, 3 * n);
  const eb = work.subarray(3 * n, 4 * n);
  const lam = work.subarray(4 * n, 5 * n);
  const dk = work.subarray(5 * n, 6 * n);
  const pm = work.subarray(6 * n, 7 * n);
  for (let i = 0; i < n; i++) {
    const x = d[a + i] * f1 * f2;
    qa[i] = x * x;
    if (i < n - 1) {
      const y = e[a + i] * f1 * f2;
      ea[i] = y * y;
    }
  }
  ea[n - 1] = 0;
  dqds(qa, ea, qb, eb, dk, pm, lam, n, kernel);
  for (let i = 0; i < n; i++) d[a + i] = Math.sqrt(lam[i]) / f1 / f2;
}

/** Transforms of the last dqdsSingularValues call (failed ones included), and the failed ones: for tests and tuning. */
export const dqdsStats = { sweeps: 0, failures: 0 };

/**
 * The eigenvalues of BᵀB for the qd array (q, e) of length n (q ≥ 0, e ≥ 0, e[n−1] = 0) into lam
 * (unordered). q, e, the second pair qb, eb and dk, pm (the last transform's d_k and their running
 * minimum) are overwritten: the transforms go back and forth between the two pairs.
 */
function dqds(q0: Float64Array, e0: Float64Array, q1: Float64Array, e1: Float64Array, dk: Float64Array, pm: Float64Array, lam: Float64Array, n: number, kernel: DqdsKernel | null): void {
  // the kernel takes byte offsets: those of the pair now read (q, e) and of the pair written (qn, en), swapped with them
  let qAt = q0.byteOffset;
  let eAt = e0.byteOffset;
  let qnAt = q1.byteOffset;
  let enAt = e1.byteOffset;
  const dkAt = dk.byteOffset;
  const pmAt = pm.byteOffset;
  let q = q0;
  let e = e0;
  let qn = q1;
  let en = e1;
  // blocks above a split, each with the sum of shifts it had when it was split off and the pair of
  // arrays holding it: [start, end, S, s, pair] each
  const pending: number[] = [];
  let n0 = n - 1;
  let i0 = 0;
  // the sum of the shifts, as an unevaluated sum S + s (compensated: dlasq3's σ + desig)
  let S = 0;
  let s = 0;
  let fresh = true;
  // the last accepted transform's block end (−1: none on this block), and the shift's state
  let last = -1;
  let lastFrom = 0; // … whose d_k are kept from this k on
  let splitSeen = true; // whether an e_k of the block may be negligible (a split to look for)
  let g = 0.25;
  let farTwice = false;
  // this block's own transforms (dqdsStats counts those of every block of the call)
  const maxSweeps = 60 * n + 100;
  let sweeps = 0;
  for (;;) {
    // ---- deflation at the bottom of the active block [i0, n0]
    if (n0 < i0) {
      if (pending.length === 0) break;
      const held = pending.pop() as number;
      s = pending.pop() as number;
      S = pending.pop() as number;
      n0 = pending.pop() as number;
      i0 = pending.pop() as number;
      if (held !== (q === q0 ? 0 : 1)) {
        // the block was split off in the other pair of arrays (the transforms since wrote only below it)
        q.set(qn.subarray(i0, n0 + 1), i0);
        e.set(en.subarray(i0, n0 + 1), i0);
      }
      fresh = true;
      splitSeen = true;
      continue;
    }
    if (n0 === i0) {
      lam[n0] = S + (s + q[n0]);
      n0--;
      continue;
    }
    if (negligible(q, e, n0, S)) {
      lam[n0] = S + (s + q[n0]);
      n0--;
      continue;
    }
    if (n0 === i0 + 1 || negligible(q, e, n0 - 1, S)) {
      // a 2×2 block: σ of [[√q_{n0−1}, √e_{n0−1}], [0, √q_{n0}]] (dlas2), squared
      const { min, max } = las2(Math.sqrt(q[n0 - 1]), Math.sqrt(e[n0 - 1]), Math.sqrt(q[n0]));
      lam[n0] = S + (s + min * min);
      lam[n0 - 1] = S + (s + max * max);
      n0 -= 2;
      continue;
    }
    // ---- a split in the block (an exact zero e_k, or one negligible against the shifts): the bottom part first
    // (looked for only where the last transform saw such an e_k: the block had none before it)
    let split = -1;
    if (splitSeen)
      for (let k = n0 - 2; k >= i0; k--) {
        if (e[k] <= TOL2 * S || e[k] === 0) {
          split = k;
          break;
        }
      }
    splitSeen = false;
    if (split >= 0) {
      e[split] = 0;
      pending.push(i0, split, S, s, q === q0 ? 0 : 1);
      i0 = split + 1;
      fresh = true;
      splitSeen = true;
      continue;
    }
    if (fresh) {
      // dlasq2: the smaller end at the bottom (B ↦ J Bᵀ J, the same singular values)
      if (1.5 * q[i0] < q[n0]) {
        for (let a = i0, b = n0; a < b; a++, b--) {
          const t = q[a];
          q[a] = q[b];
          q[b] = t;
        }
        for (let a = i0, b = n0 - 1; a < b; a++, b--) {
          const t = e[a];
          e[a] = e[b];
          e[b] = t;
        }
      }
      last = -1;
      fresh = false;
    }
    // ---- the shift: from the last transform's d_k on what is left of its block
    let tau = 0;
    if (last >= n0 && n0 >= lastFrom) {
      const dmin = pm[n0];
      if (dmin > 0) {
        if (dk[n0] === dmin) {
          tau = bottomShift(q, e, i0, n0, dmin);
          farTwice = false;
        } else {
          // the smallest d not at the end (dlasq4 case 6): a fraction of dmin, growing while it stays so
          g = farTwice ? g + (1 - g) / 3 : 0.25;
          farTwice = true;
          tau = g * dmin;
        }
      }
    }
    // ---- one transform dqds(τ): (q, e) → (qn, en), B̂ᵀB̂ = BBᵀ − τI (Parlett & Marques, Alg. dqds); a failure retries smaller
    for (let tries = 0; ; tries++) {
      dqdsStats.sweeps++;
      if (++sweeps > maxSweeps) throw new Error('svd: no convergence (dqds)');
      const stop = Math.max(i0, n0 - 2);
      const small = kernel
        ? kernel.transformAt(qAt, eAt, qnAt, enAt, dkAt, pmAt, i0, n0, stop, tau, TOL2 * (S + tau)) !== 0
        : transform(q, e, qn, en, dk, pm, i0, n0, stop, tau, TOL2 * (S + tau));
      const d = dk[n0];
      const dmin = pm[n0];
      lastFrom = stop;
      if (dmin >= 0 && d === d) {
        splitSeen = small;
        break; // (a NaN d stays NaN to the end)
      }
      // failed (a d < 0, or NaN): the old array stays
      dqdsStats.failures++;
      const onlyLast = n0 > i0 && pm[n0 - 1] >= 0 && d === d;
      tau = tries >= 2 ? 0 : onlyLast && tries === 0 ? (tau + dmin) * (1 - 2 * EPS) : tau * 0.25;
      if (!(tau > 0)) tau = 0;
      farTwice = false;
    }
    // accepted: S += τ (two-sum)
    const S2 = S + tau;
    s += tau - (S2 - S);
    S = S2;
    const q2 = q;
    q = qn;
    qn = q2;
    const e2 = e;
    e = en;
    en = e2;
    const qAt2 = qAt;
    qAt = qnAt;
    qnAt = qAt2;
    const eAt2 = eAt;
    eAt = enAt;
    enAt = eAt2;
    last = n0;
  }
}

/**
 * One transform dqds(τ) of the block [i0, n0]: (q, e) → (qn, en) (Parlett & Marques, Alg. dqds),
 * the d_k and their running minimum kept in dk, pm from `stop` on (the last three k: the shift after
 * up to two deflations); returns whether some new e_k ≤ splitTol (a split to look for). A function of
 * its own, small and hot, so that the engine optimizes it within the first records instead of
 * compiling the whole of dqds' control around it (a cold worker's first ~1000 calls ran ~3× slower).
 * Exported for its test (the recurrence written out).
 */
export function transform(q: Float64Array, e: Float64Array, qn: Float64Array, en: Float64Array, dk: Float64Array, pm: Float64Array, i0: number, n0: number, stop: number, tau: number, splitTol: number): boolean {
  let d = q[i0] - tau;
  let dmin = d;
  let small = false;
  if (stop === i0) {
    dk[i0] = d;
    pm[i0] = dmin;
  }
  for (let k = i0; k < n0; k++) {
    const qh = d + e[k];
    qn[k] = qh;
    const t = q[k + 1] / qh;
    const x = e[k] * t;
    en[k] = x;
    if (x <= splitTol) small = true;
    d = d * t - tau;
    if (d < dmin) dmin = d;
    // d_{k+1} and the minimum so far, from `stop` on (a branch off the chain of divisions: it costs nothing)
    if (k + 1 >= stop) {
      dk[k + 1] = d;
      pm[k + 1] = dmin;
    }
  }
  qn[n0] = d;
  en[n0] = 0;
  return small;
}

/**
 * e_k negligible for the eigenvalue at the end of q[…k+1] (S the shifts so far, every eigenvalue
 * of the block ≥ S): dropping it moves that eigenvalue by about e_k through BᵀB's trailing entry
 * (dlasq3: e_k ≤ tol²·(S + q_{k+1})), or through BBᵀ's coupling by β²/gap ≈ q_{k+1} e_k/(q_k − q_{k+1})
 * (dlasq3's second test, e_k ≤ tol²·q_k; here only where q_{k+1} ≤ q_k/2, so that the gap is there).
 */
function negligible(q: Float64Array, e: Float64Array, k1: number, S: number): boolean {
  const x = e[k1 - 1];
  return x <= TOL2 * (S + q[k1]) || (x <= TOL2 * q[k1 - 1] && q[k1] <= 0.5 * q[k1 - 1]);
}

/**
 * The shift when the smallest d is the last (dlasq4's cases 2–3, in its idea): the smaller eigenvalue
 * of the trailing 2×2 of B̂B̂ᵀ, [[q_{m−1} + e_{m−1}, β], [β, q_m]] with β² = q_m e_{m−1}, its leading
 * entry lowered by its coupling above (√(q_{m−1} e_{m−2}), Gershgorin); at most dmin less a few ulps,
 * at least FLOOR·dmin. Too large a shift only costs a transform (it fails and is redone smaller).
 */
function bottomShift(q: Float64Array, e: Float64Array, i0: number, m: number, dmin: number): number {
  const gamma = q[m];
  const b2 = m - 2 >= i0 ? Math.sqrt(q[m - 1]) * Math.sqrt(e[m - 2]) : 0;
  const alpha = q[m - 1] + e[m - 1] - b2;
  const beta = Math.sqrt(q[m]) * Math.sqrt(e[m - 1]);
  const delta = (alpha - gamma) / 2;
  const r = hypot2(delta, beta);
  const mu = delta >= 0 ? gamma - (beta / (delta + r)) * beta : alpha - (-delta + r);
  return Math.max(Math.min(mu, dmin) * (1 - 4 * EPS), FLOOR * dmin);
}

/** Singular values of the 2×2 upper triangular [[f, g], [0, h]] (LAPACK dlas2). */
export function las2(f: number, g: number, h: number): { min: number; max: number } {
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const fhmn = Math.min(fa, ha);
  const fhmx = Math.max(fa, ha);
  if (fhmn === 0) {
    if (fhmx === 0) return { min: 0, max: ga };
    const mx = Math.max(fhmx, ga);
    const mn = Math.min(fhmx, ga);
    return { min: 0, max: mx * Math.sqrt(1 + (mn / mx) * (mn / mx)) };
  }
  if (ga < fhmx) {
    const as = 1 + fhmn / fhmx;
    const at = (fhmx - fhmn) / fhmx;
    const au = (ga / fhmx) * (ga / fhmx);
    const c = 2 / (Math.sqrt(as * as + au) + Math.sqrt(at * at + au));
    return { min: fhmn * c, max: fhmx / c };
  }
  const au = fhmx / ga;
  if (au === 0) return { min: (fhmn * fhmx) / ga, max: ga };
  const as = 1 + fhmn / fhmx;
  const at = (fhmx - fhmn) / fhmx;
  const c = 1 / (Math.sqrt(1 + as * au * (as * au)) + Math.sqrt(1 + at * au * (at * au)));
  const mn = fhmn * c * au;
  return { min: mn + mn, max: ga / (c + c) };
}
