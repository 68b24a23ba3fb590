// The SVD with vectors on the blocked route (svd.ts tallSvdBlocked): the bidiagonalization's
// reflectors formed a block at a time in the compact WY form (reflectorBlock.ts) against the
// reflectors applied one at a time; the batched rotations (rotations.ts: the wasm f64x2 kernel)
// against the JS loop, bit for bit; and the factors against matrices built from known orthogonal
// U, V (closed form): reconstruction, orthogonality, the values, the vectors of separated values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formReflectorRows, reflectorRowsDoubles } from '../../../src/core/linalg/reflectorBlock';
import { adjacentRotationDoubles, allocAdjacentRotations, allocRotations, applyAdjacentRotations, applyRotations, rotateJs, ROTATION_CHUNK_ENTRIES, rotationDoubles } from '../../../src/core/linalg/rotations';
import { singularValuesFlat, svdFlat } from '../../../src/core/linalg/svd';
import { arenaDoubles, createArena, JsArena } from '../../../src/core/linalg/wasm/wasmGemm';
import { designedMatrix, orthogonal } from './helpers';
import { rng } from '../theory/helpers';

const EPS = 2 ** -52;

/** E_Rᵀ H_{K−1} ⋯ H_0 one reflector at a time (rows times H_k, last first), as svd.ts did before. */
function reflectorRowsOneByOne(vs: Float64Array[], taus: number[], R: number, L: number): Float64Array {
  const X = new Float64Array(R * L);
  for (let r = 0; r < R; r++) X[r * L + r] = 1;
  for (let k = vs.length - 1; k >= 0; k--) {
    const v = vs[k];
    for (let r = 0; r < R; r++) {
      let t = 0;
      for (let i = 0; i < v.length; i++) t += X[r * L + k + i] * v[i];
      t *= taus[k];
      for (let i = 0; i < v.length; i++) X[r * L + k + i] -= t * v[i];
    }
  }
  return X;
}

function randomReflectors(K: number, L: number, seed: number): { vs: Float64Array[]; taus: number[] } {
  const r = rng(seed);
  const vs: Float64Array[] = [];
  const taus: number[] = [];
  for (let k = 0; k < K; k++) {
    const v = Float64Array.from({ length: L - k }, () => r() - 0.5);
    if (k % 2 === 0) v[0] = 1; // dlarfg's form (leading 1) and the unblocked form (any v, τ = 2/vᵀv)
    const vv = v.reduce((a, x) => a + x * x, 0);
    vs.push(v);
    taus.push(k % 7 === 3 ? 0 : 2 / vv); // τ = 0: no reflection
  }
  return { vs, taus };
}

/** max |A − U diag(s) Vᵀ|, max |UᵀU − I|, max |VᵀV − I| (rows of Ut, Vt). */
function factorErrors(A: Float64Array, m: number, n: number, s: Float64Array, Ut: Float64Array, Vt: Float64Array): { rec: number; orthU: number; orthV: number } {
  const k = s.length;
  let rec = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let t = 0; t < k; t++) x += Ut[t * m + i] * s[t] * Vt[t * n + j];
      rec = Math.max(rec, Math.abs(x - A[i * n + j]));
    }
  const orth = (X: Float64Array, len: number) => {
    let e = 0;
    for (let a = 0; a < k; a++)
      for (let b = a; b < k; b++) {
        let x = 0;
        for (let i = 0; i < len; i++) x += X[a * len + i] * X[b * len + i];
        e = Math.max(e, Math.abs(x - (a === b ? 1 : 0)));
      }
    return e;
  };
  return { rec, orthU: orth(Ut, m), orthV: orth(Vt, n) };
}

/** U diag(values) Vᵀ with U (m×m), V (n×n) orthogonal in closed form (helpers.orthogonal). */
function designed(m: number, n: number, values: number[], seed: number): { A: Float64Array; U: Float64Array; V: Float64Array } {
  // the factors helpers.designedMatrix builds A from (the same seeds)
  return { A: designedMatrix(m, n, values, seed), U: orthogonal(m, seed), V: orthogonal(n, seed + 1) };
}

describe('reflector rows in the compact WY form (reflectorBlock.ts)', () => {
  for (const [K, R, L, b] of [
    [0, 3, 5, 32],
    [1, 1, 1, 32],
    [7, 7, 7, 3],
    [10, 10, 40, 4],
    [33, 40, 70, 32],
    [64, 64, 64, 32],
    [50, 60, 60, 1],
  ] as const) {
    it(`K = ${K}, R = ${R}, L = ${L}, blocks of ${b}: equal to one reflector at a time to ~ε`, () => {
      const { vs, taus } = randomReflectors(K, L, 11 + K + R + L);
      const arena = createArena(arenaDoubles([R * L, ...reflectorRowsDoubles(R, L, b)]));
      const out = arena.alloc(R * L);
      formReflectorRows({ vs, taus }, R, L, arena, out, b);
      const ref = reflectorRowsOneByOne(vs, taus, R, L);
      let err = 0;
      for (let i = 0; i < ref.length; i++) err = Math.max(err, Math.abs(out[i] - ref[i]));
      assert.ok(err <= 64 * EPS * Math.max(1, K), `max difference ${err}`);
    });
  }
});

describe('batched rotations (rotations.ts)', () => {
  it('the wasm kernel gives the JS loop’s bits: odd and even rows, forward and backward, transposed (sgn −1), any row pairs', () => {
    const r = rng(5);
    for (const len of [1, 2, 7, 64, 101]) {
      const rows = 9;
      const count = 200;
      const arena = createArena(arenaDoubles([rows * len, ...rotationDoubles(count)]));
      const X = arena.alloc(rows * len);
      for (let i = 0; i < X.length; i++) X[i] = r() - 0.5;
      const rot = allocRotations(arena, count);
      for (let t = 0; t < count; t++) {
        const a = Math.floor(r() * rows);
        let b = Math.floor(r() * rows);
        if (b === a) b = (a + 1) % rows;
        const th = 6.3 * r();
        rot.rows[2 * t] = a;
        rot.rows[2 * t + 1] = b;
        rot.cs[2 * t] = Math.cos(th);
        rot.cs[2 * t + 1] = Math.sin(th);
      }
      for (const [backward, sgn] of [[false, 1], [true, -1], [true, 1]] as const) {
        const ref = Float64Array.from(X);
        rotateJs(ref, len, rot.rows, rot.cs, count, backward, sgn);
        applyRotations(arena, X, len, rot, count, backward, sgn);
        assert.deepEqual(Array.from(X), Array.from(ref), `len ${len}, backward ${backward}, sgn ${sgn}`);
        // and on the JS fallback arena
        const js = new JsArena();
        const Y = Float64Array.from(ref);
        const rj = allocRotations(js, count);
        rj.rows.set(rot.rows);
        rj.cs.set(rot.cs);
        rotateJs(ref, len, rot.rows, rot.cs, count, backward, sgn);
        applyRotations(js, Y, len, rj, count, backward, sgn);
        assert.deepEqual(Array.from(Y), Array.from(ref));
        X.set(ref);
      }
    }
  });
  it('long rows: the kernel runs in several calls (ROTATION_CHUNK_ENTRIES), in the rotations’ order (forward, and the last chunk first backward), with the JS loop’s bits; adjacent rotations too', () => {
    const r = rng(9);
    const len = 3001;
    const rows = 6;
    const count = 250; // 87 rotations a call: 87, 87, 76
    assert.ok(Math.floor(ROTATION_CHUNK_ENTRIES / len) * 2 < count, 'three calls at least');
    const arena = createArena(arenaDoubles([rows * len, ...rotationDoubles(count), ...adjacentRotationDoubles(count)]));
    const X = arena.alloc(rows * len);
    for (let i = 0; i < X.length; i++) X[i] = r() - 0.5;
    const rot = allocRotations(arena, count);
    const adj = allocAdjacentRotations(arena, count);
    for (let t = 0; t < count; t++) {
      const a = Math.floor(r() * (rows - 1));
      const th = 6.3 * r();
      rot.rows[2 * t] = a;
      rot.rows[2 * t + 1] = (a + 1 + Math.floor(r() * (rows - 1))) % rows;
      rot.cs[2 * t] = Math.cos(th);
      rot.cs[2 * t + 1] = Math.sin(th);
      adj.idx[t] = a;
      adj.c[t] = Math.cos(th);
      adj.s[t] = Math.sin(th);
    }
    const adjPairs = new Int32Array(2 * count).map((_, i) => adj.idx[i >> 1] + (i & 1));
    const adjCs = new Float64Array(2 * count).map((_, i) => (i & 1 ? adj.s[i >> 1] : adj.c[i >> 1]));
    for (const [backward, sgn] of [[false, 1], [true, -1], [true, 1], [false, -1]] as const) {
      const ref = Float64Array.from(X);
      rotateJs(ref, len, rot.rows, rot.cs, count, backward, sgn);
      applyRotations(arena, X, len, rot, count, backward, sgn);
      assert.deepEqual(Array.from(X), Array.from(ref), `rotations, backward ${backward}, sgn ${sgn}`);
      const refA = Float64Array.from(X);
      rotateJs(refA, len, adjPairs, adjCs, count, backward, sgn);
      applyAdjacentRotations(arena, X, len, adj, count, backward, sgn);
      assert.deepEqual(Array.from(X), Array.from(refA), `adjacent rotations, backward ${backward}, sgn ${sgn}`);
    }
  });
  it('a rotation and its transpose (sgn −1, backward) give back the rows to ~ε', () => {
    const arena = createArena(arenaDoubles([3 * 5, ...rotationDoubles(2)]));
    const X = arena.alloc(15);
    for (let i = 0; i < 15; i++) X[i] = i + 1;
    const rot = allocRotations(arena, 2);
    rot.rows.set([0, 2, 1, 2]);
    rot.cs.set([0.6, 0.8, Math.SQRT1_2, Math.SQRT1_2]);
    applyRotations(arena, X, 5, rot, 2);
    assert.notEqual(X[0], 1);
    applyRotations(arena, X, 5, rot, 2, true, -1);
    for (let i = 0; i < 15; i++) assert.ok(Math.abs(X[i] - (i + 1)) < 1e-13, `${i}: ${X[i]}`);
  });
});

describe('SVD with vectors, blocked (svdFlat)', () => {
  const shapes: Array<[string, number, number, (i: number, k: number) => number]> = [
    ['square 256, values 1 … 1e-3', 256, 256, (i, k) => 10 ** ((-3 * i) / (k - 1))],
    ['tall 300×120, graded down to 1e-15', 300, 120, (i, k) => 10 ** ((-15 * i) / (k - 1))],
    ['wide 90×200, clustered pairs', 90, 200, (i) => 1 + Math.floor(i / 2) * 0.1],
    ['square 100, rank 5 (the rest exactly 0)', 100, 100, (i) => (i < 5 ? 5 - i : 0)],
    ['tall 40×17 (the unblocked reduction’s size)', 40, 17, (i) => 1 / (i + 1)],
  ];
  for (const [name, m, n, f] of shapes) {
    it(`${name}: A = U S Vᵀ to ~ε‖A‖, orthonormal factors, values and separated vectors as built`, () => {
      const k = Math.min(m, n);
      const values = Array.from({ length: k }, (_, i) => f(i, k));
      const { A, U, V } = designed(m, n, values, 3 + m + n);
      const { s, Ut, Vt } = svdFlat(A, m, n, true);
      const sorted = [...values].sort((a, b) => b - a);
      const s1 = sorted[0];
      for (let i = 0; i < k; i++) assert.ok(Math.abs(s[i] - sorted[i]) <= 1e-12 * s1, `σ_${i}: ${s[i]} vs ${sorted[i]}`);
      const e = factorErrors(A, m, n, s, Ut!, Vt!);
      const size = Math.max(m, n);
      assert.ok(e.rec <= 4 * size * EPS * s1, `reconstruction ${e.rec}`);
      assert.ok(e.orthU <= 4 * size * EPS && e.orthV <= 4 * size * EPS, `orthogonality ${e.orthU}, ${e.orthV}`);
      // vectors of well-separated values: ±the built columns (the gap bounds the angle, G&VL Thm 8.6.5)
      for (let i = 0; i < k; i++) {
        const gap = Math.min(i > 0 ? sorted[i - 1] - sorted[i] : Infinity, i < k - 1 ? sorted[i] - sorted[i + 1] : Infinity);
        if (!(gap > 1e-3 * s1) || sorted[i] < 1e-6 * s1) continue;
        const t = values.indexOf(sorted[i]);
        let du = 0;
        let dv = 0;
        for (let a = 0; a < m; a++) du += Ut![i * m + a] * U[a * m + t];
        for (let b = 0; b < n; b++) dv += Vt![i * n + b] * V[b * n + t];
        assert.ok(Math.abs(Math.abs(du) - 1) < 1e-9 && Math.abs(du - dv) < 1e-9, `u_${i}, v_${i}: ${du}, ${dv}`);
      }
    });
  }
  it('tiny and huge entries (scaled by a power of two inside): the values scale exactly, the vectors are the same', () => {
    const { A } = designed(60, 50, Array.from({ length: 50 }, (_, i) => 1 / (1 + i)), 9);
    const ref = svdFlat(A, 60, 50, true);
    for (const f of [2 ** -1000, 2 ** 600]) {
      const r = svdFlat(A.map((x) => x * f), 60, 50, true);
      for (let i = 0; i < 50; i++) assert.equal(r.s[i], ref.s[i] * f);
      assert.deepEqual(Array.from(r.Ut!), Array.from(ref.Ut!));
      assert.deepEqual(Array.from(r.Vt!), Array.from(ref.Vt!));
    }
  });
  it('values with vectors equal the values-only route (singularValuesFlat) to ~ε·σ1', () => {
    const r = rng(21);
    const m = 130;
    const n = 97;
    const A = Float64Array.from({ length: m * n }, () => r() - 0.5);
    const a = svdFlat(A, m, n, true).s;
    const b = singularValuesFlat(A, m, n);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(a[i] - b[i]) <= 64 * EPS * b[0], `${i}: ${a[i]} vs ${b[i]}`);
  });
});
