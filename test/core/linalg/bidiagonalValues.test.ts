// dqds (bidiagonalValues.ts): the singular values of an upper bidiagonal, checked against closed
// forms (the Golub–Kahan tridiagonal of a constant bidiagonal: 2c·cos(kπ/(2n+1))), against bisection
// on the Golub–Kahan tridiagonal by Sturm counts (relatively accurate, an independent method), against
// the implicit-shift QR route (svdFlat on the same bidiagonal as a dense matrix), splits at zero
// entries, and exact power-of-two scaling at the ends of the range.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dqdsOptions, dqdsSingularValues, dqdsStats, las2, transform } from '../../../src/core/linalg/bidiagonalValues';
import { dqdsKernel } from '../../../src/core/linalg/dqdsWasm';
import { svdFlat } from '../../../src/core/linalg/svd';
import { rng } from '../theory/helpers';

const EPS = 2 ** -52;

function dqds(d: number[], e: number[]): Float64Array {
  const D = Float64Array.from(d);
  const E = Float64Array.from([...e, 0]);
  dqdsSingularValues(D, E, d.length);
  return D;
}

/** Eigenvalues < x of the 2n×2n Golub–Kahan tridiagonal (zero diagonal, off-diagonals d1, f1, d2, …, dn): Sturm count. */
function countBelow(d: number[], e: number[], x: number): number {
  const b: number[] = [];
  d.forEach((di, i) => {
    b.push(di);
    if (i < d.length - 1) b.push(e[i]);
  });
  let count = 0;
  let p = -x;
  if (p < 0) count++;
  for (let i = 0; i < b.length; i++) {
    if (p === 0) p = -EPS * EPS * Math.abs(b[i]);
    p = -x - (b[i] * b[i]) / p;
    if (p < 0) count++;
  }
  return count;
}

/** σ_k (k = 0 the largest) of the bidiagonal by bisection on the Golub–Kahan tridiagonal, to ~2ε relative. */
function bisect(d: number[], e: number[], k: number): number {
  const n = d.length;
  let hi = 0;
  for (let i = 0; i < n; i++) hi = Math.max(hi, Math.abs(d[i]) + (i < n - 1 ? Math.abs(e[i]) : 0) + (i > 0 ? Math.abs(e[i - 1]) : 0));
  let lo = 0;
  // σ_k ≥ x ⟺ fewer than 2n − k eigenvalues of the 2n×2n matrix below x (its eigenvalues are ±σ)
  const target = 2 * n - k;
  for (let it = 0; it < 3000 && hi - lo > 2 * EPS * hi; it++) {
    const mid = lo > 0 && hi > 4 * lo ? Math.sqrt(lo * hi) : lo === 0 ? hi / 1e10 : (lo + hi) / 2;
    if (mid === 0 || mid <= 1e-280) {
      lo = lo === 0 ? 1e-280 : lo;
      if (countBelow(d, e, lo) >= target) return 0;
      continue;
    }
    if (countBelow(d, e, mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function dense(d: number[], e: number[]): Float64Array {
  const n = d.length;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    A[i * n + i] = d[i];
    if (i < n - 1) A[i * n + i + 1] = e[i];
  }
  return A;
}

describe('dqds: singular values of a bidiagonal', () => {
  // the JS loop, and the wasm kernel (dqds.wat) on arrays of its own memory
  const kernel = dqdsKernel();
  assert.ok(kernel, 'WebAssembly runs here');
  const transforms: Array<[string, typeof transform]> = [
    ['JS', transform],
    [
      'wasm',
      (q, e, qn, en, dk, pm, i0, n0, stop, tau, tol) => {
        const N = q.length;
        const w = kernel.work(6 * N);
        const v = [q, e, qn, en, dk, pm].map((a, i) => {
          const x = w.subarray(i * N, (i + 1) * N);
          x.set(a);
          return x;
        });
        const small = kernel.transformAt(v[0].byteOffset, v[1].byteOffset, v[2].byteOffset, v[3].byteOffset, v[4].byteOffset, v[5].byteOffset, i0, n0, stop, tau, tol) !== 0;
        [qn, en, dk, pm].forEach((a, i) => a.set(v[i + 2]));
        return small;
      },
    ],
  ];
  for (const [kind, transform] of transforms)
  it(`one transform dqds(τ) (${kind}) against its recurrence written out (Parlett & Marques): q̂, ê, and d_k with their running minimum from \`stop\` on, for every stop`, () => {
    const r = rng(11);
    for (const [i0, n0] of [[0, 0], [0, 1], [0, 9], [3, 12]]) {
      const N = n0 + 2;
      const q = Float64Array.from({ length: N }, () => 0.5 + r());
      const e = Float64Array.from({ length: N }, () => 0.1 + 0.3 * r());
      const tau = 0.05;
      // the recurrence: d_{i0} = q_{i0} − τ; q̂_k = d_k + e_k, ê_k = e_k q_{k+1}/q̂_k, d_{k+1} = d_k q_{k+1}/q̂_k − τ
      const d: number[] = [];
      d[i0] = q[i0] - tau;
      const qh: number[] = [];
      const eh: number[] = [];
      for (let k = i0; k < n0; k++) {
        qh[k] = d[k] + e[k];
        const t = q[k + 1] / qh[k];
        eh[k] = e[k] * t;
        d[k + 1] = d[k] * t - tau;
      }
      for (let stop = i0; stop <= Math.max(i0, n0 - 1); stop++) {
        const qn = new Float64Array(N).fill(NaN), en = new Float64Array(N).fill(NaN);
        const dk = new Float64Array(N).fill(NaN), pm = new Float64Array(N).fill(NaN);
        const small = transform(q, e, qn, en, dk, pm, i0, n0, stop, tau, 0.01);
        for (let k = i0; k < n0; k++) {
          assert.equal(qn[k], qh[k], `q̂_${k}`);
          assert.equal(en[k], eh[k], `ê_${k}`);
        }
        assert.equal(qn[n0], d[n0]);
        assert.equal(en[n0], 0);
        for (let k = stop; k <= n0; k++) {
          assert.equal(dk[k], d[k], `d_${k}, stop ${stop}`);
          assert.equal(pm[k], Math.min(...d.slice(i0, k + 1)), `min d up to ${k}, stop ${stop}`);
        }
        for (let k = 0; k < stop; k++) assert.ok(Number.isNaN(dk[k]), `d_${k} below stop ${stop} not written`);
        assert.equal(small, eh.slice(i0, n0).some((x) => x <= 0.01));
      }
    }
  });
  it('the wasm transform gives dqds the bits of the JS one: random, graded, clustered and split bidiagonals (26 blocks at n = 129: the limit on transforms is a block\'s own), with failed shifts among them', () => {
    const r = rng(23);
    const cases: Array<[number[], number[]]> = [];
    for (const n of [3, 7, 33, 64, 129]) {
      const rand = Array.from({ length: n }, () => r() - 0.5);
      cases.push([rand, rand.slice(1).map(() => r() - 0.5)]);
      cases.push([Array.from({ length: n }, (_, i) => 10 ** (-i / 4)), Array.from({ length: n - 1 }, (_, i) => 10 ** (-i / 4) * (r() + 0.5))]);
      // a plateau: a cluster at 3.35e-4 with spreads of ~1e-12 and couplings of ~1e-11, above two learned values (the staircase's records)
      cases.push([Array.from({ length: n }, (_, i) => (i < 2 ? 1 + i : 3.3546266e-4 + 1e-12 * r())), Array.from({ length: n - 1 }, (_, i) => (i < 2 ? 1e-3 : 1e-11 * (r() - 0.5)))]);
      cases.push([Array.from({ length: n }, () => r()), Array.from({ length: n - 1 }, (_, i) => (i % 5 === 2 ? 0 : r()))]);
    }
    let failures = 0;
    for (const [d, e] of cases) {
      const runs = [true, false].map((wasm) => {
        dqdsOptions.wasm = wasm;
        try {
          const D = Float64Array.from(d);
          dqdsSingularValues(D, Float64Array.from([...e, 0]), d.length);
          return { D, sweeps: dqdsStats.sweeps, failures: dqdsStats.failures };
        } finally {
          dqdsOptions.wasm = true;
        }
      });
      assert.deepEqual(runs[0], runs[1], `n = ${d.length}`);
      failures += runs[0].failures;
    }
    assert.ok(failures > 0, 'some shift failed and was redone');
  });
  it('n = 0, 1, 2: nothing, |d|, and the 2×2 (σ1 σ2 = |d1 d2|, σ1² + σ2² = d1² + f² + d2²)', () => {
    dqdsSingularValues(new Float64Array(0), new Float64Array(0), 0);
    assert.deepEqual(Array.from(dqds([-3], [])), [3]);
    for (const [d1, f, d2] of [[3, 4, 5], [1e-8, 1, 1], [-2, 1e-20, 7], [1, 1, 1e-300], [0, 2, 3]]) {
      const [s1, s2] = dqds([d1, d2], [f]);
      assert.ok(s1 >= s2 && s2 >= 0);
      assert.ok(Math.abs(s1 * s2 - Math.abs(d1 * d2)) <= 4 * EPS * Math.abs(d1 * d2) + 1e-320, `${d1},${f},${d2}: product ${s1 * s2}`);
      const sq = d1 * d1 + f * f + d2 * d2;
      assert.ok(Math.abs(s1 * s1 + s2 * s2 - sq) <= 4 * EPS * sq);
      const l = las2(d1, f, d2);
      assert.equal(l.max, s1);
      assert.equal(l.min, s2);
    }
  });

  it('constant bidiagonal d = f = c: σ_k = 2c·cos(kπ/(2n+1)) (its Golub–Kahan tridiagonal), to a few ulps, c from 1e-300 to 1e300', () => {
    for (const n of [3, 10, 64, 200]) {
      for (const c of [1, 1e-300, 3e300, -0.7]) {
        const s = dqds(Array(n).fill(c), Array(n - 1).fill(c));
        for (let k = 1; k <= n; k++) {
          const exact = 2 * Math.abs(c) * Math.cos((k * Math.PI) / (2 * n + 1));
          assert.ok(Math.abs(s[k - 1] - exact) <= 64 * EPS * exact, `n=${n} c=${c} k=${k}: ${s[k - 1]} vs ${exact}`);
        }
      }
    }
  });

  it('graded bidiagonals (entries down to 1e-120): every σ to ~1e-13 of itself, against bisection on the Golub–Kahan tridiagonal', () => {
    const r = rng(11);
    for (const n of [5, 17, 40]) {
      const d = Array.from({ length: n }, (_, i) => (r() + 0.1) * 10 ** ((-120 * i) / n) * (r() < 0.5 ? -1 : 1));
      const e = Array.from({ length: n - 1 }, (_, i) => (r() + 0.1) * 10 ** ((-120 * i) / n));
      const s = dqds(d, e);
      for (let k = 0; k < n; k++) {
        const ref = bisect(d, e, k);
        assert.ok(Math.abs(s[k] - ref) <= 1e-13 * ref, `n=${n} k=${k}: ${s[k]} vs ${ref}`);
      }
    }
  });

  it('random bidiagonals: the implicit-QR route (svdFlat) to ~ε·σ1, bisection to ~1e-12 of each σ', () => {
    const r = rng(5);
    for (const n of [3, 4, 8, 20, 64, 130]) {
      const d = Array.from({ length: n }, () => r() - 0.5);
      const e = Array.from({ length: n - 1 }, () => r() - 0.5);
      const s = dqds(d, e);
      const qr = svdFlat(dense(d, e), n, n, false).s;
      for (let k = 0; k < n; k++) assert.ok(Math.abs(s[k] - qr[k]) <= 16 * n * EPS * qr[0], `n=${n} k=${k}: ${s[k]} vs QR ${qr[k]}`);
      for (const k of [0, n >> 1, n - 1]) {
        const ref = bisect(d, e, k);
        assert.ok(Math.abs(s[k] - ref) <= 1e-12 * ref, `n=${n} k=${k}: ${s[k]} vs bisection ${ref}`);
      }
      assert.ok(dqdsStats.sweeps <= 12 * n, `n=${n}: ${dqdsStats.sweeps} transforms`);
    }
  });

  it('zero entries: a zero e splits (the blocks’ values, each alone), a zero d gives σ = 0 (to ~ε·σ1), a diagonal gives |d| exactly', () => {
    const r = rng(9);
    const n = 30;
    const d = Array.from({ length: n }, () => r() - 0.5);
    const e = Array.from({ length: n - 1 }, () => r() - 0.5);
    e[9] = 0;
    e[10] = 0;
    const whole = dqds(d, e);
    const parts = [...dqds(d.slice(0, 10), e.slice(0, 9)), ...dqds([d[10]], []), ...dqds(d.slice(11), e.slice(11))].sort((a, b) => b - a);
    assert.deepEqual(Array.from(whole), parts);
    const dz = d.slice();
    dz[4] = 0;
    dz[20] = 0;
    const withZeros = dqds(dz, e);
    assert.ok(withZeros[n - 1] <= 4 * EPS * withZeros[0] && withZeros[n - 2] <= 4 * EPS * withZeros[0], `${withZeros[n - 2]}, ${withZeros[n - 1]}`);
    const qr = svdFlat(dense(dz, e), n, n, false).s;
    for (let k = 0; k < n; k++) assert.ok(Math.abs(withZeros[k] - qr[k]) <= 64 * EPS * qr[0]);
    const diag = [3, -1e-300, 0, 7, 2.5e-310, -2];
    assert.deepEqual(Array.from(dqds(diag, Array(diag.length - 1).fill(0))), diag.map(Math.abs).sort((a, b) => b - a));
  });

  it('absTol: a split where |e_k| ≤ absTol, every σ within √n·absTol of the relative route (Weyl), a plateau coupled at roundoff in fewer transforms', () => {
    const r = rng(21);
    const n = 40;
    const d = Array.from({ length: n }, (_, i) => (i < 3 ? [1, 0.5, 0.2][i] : 1e-3 * (1 + 1e-12 * (r() - 0.5))) * (r() < 0.5 ? -1 : 1));
    const e = Array.from({ length: n - 1 }, (_, i) => (i < 2 ? 0.3 : 2e-16) * (r() - 0.5));
    const rel = dqds(d, e);
    const relSweeps = dqdsStats.sweeps;
    const tol = EPS * Math.max(...d.map(Math.abs), ...e.map(Math.abs));
    const D = Float64Array.from(d);
    dqdsSingularValues(D, Float64Array.from([...e, 0]), n, tol);
    assert.ok(dqdsStats.sweeps < relSweeps / 2, `${dqdsStats.sweeps} transforms against ${relSweeps}`);
    for (let k = 0; k < n; k++) assert.ok(Math.abs(D[k] - rel[k]) <= Math.sqrt(n) * tol, `σ_${k + 1}: ${D[k]} vs ${rel[k]}`);
    // the plateau's values: 1e-3 to the 1e-15 its diagonal is spread by
    for (let k = 3; k < n; k++) assert.ok(Math.abs(D[k] - 1e-3) <= 1e-14, `σ_${k + 1} = ${D[k]}`);
  });

  it('σ(2^k B) = 2^k σ(B) to the bit for k = ±900 (exact scaling), tiny values 1e-300·σ1 kept; non-finite entries throw', () => {
    const r = rng(3);
    const n = 25;
    const d = Array.from({ length: n }, (_, i) => (r() - 0.5) * (i === n - 1 ? 1e-300 : 1));
    const e = Array.from({ length: n - 1 }, (_, i) => (r() - 0.5) * (i === n - 2 ? 1e-300 : 1));
    const s = dqds(d, e);
    for (const k of [900, -900, 60]) {
      const f = 2 ** k;
      const t = dqds(d.map((x) => x * f), e.map((x) => x * f));
      for (let i = 0; i < n; i++) assert.equal(t[i], s[i] * f, `k=${k} i=${i}`);
    }
    // the last σ: B's last column is (…, 1e-300 e_{n−2}, 1e-300 d_{n−1}): σ_n = |det B| / Π σ_{i<n}
    let logDet = 0;
    for (const x of d) logDet += Math.log(Math.abs(x));
    let logRest = 0;
    for (let i = 0; i < n - 1; i++) logRest += Math.log(s[i]);
    assert.ok(s[n - 1] > 0 && Math.abs(Math.log(s[n - 1]) - (logDet - logRest)) < 1e-10, `σ_n = ${s[n - 1]}`);
    assert.throws(() => dqds([1, NaN, 2], [1, 1]), /non-finite/);
    assert.throws(() => dqds([1, 2], [Infinity]), /non-finite/);
  });
});
