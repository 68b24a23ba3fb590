// The WebAssembly SIMD kernels (src/core/linalg/wasm) against the JS kernels of gemm.ts: the same
// bits (same order of operations per entry), within 1e-14 of a naive product, on views at
// 16- and 8-byte offsets; the arena's bookkeeping; the JS fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axpy, gemm, gemmNT, gemmTN, residualLoss } from '../../../src/core/linalg/gemm';
import { momentsLoss } from '../../../src/core/dynamics/loss';
import { JsArena, WasmArena, arenaDoubles, createArena, detectWasmSimd, wasmSimdAvailable, type Float64Arena } from '../../../src/core/linalg/wasm/wasmGemm';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}
const rand = lcg(11);
const fill = (x: Float64Array) => {
  for (let i = 0; i < x.length; i++) x[i] = rand();
  return x;
};

type Op = 'NN' | 'TN' | 'NT';
const jsKernel = { NN: gemm, TN: gemmTN, NT: gemmNT };
const arenaKernel = (a: Float64Arena, op: Op) => (op === 'NN' ? a.gemm.bind(a) : op === 'TN' ? a.gemmTN.bind(a) : a.gemmNT.bind(a));
/** A[i][l] of op(A) (m×k) and B[l][j] of op(B) (k×n), from the stored row-major arrays. */
const getA = (op: Op, A: Float64Array, i: number, l: number, m: number, k: number) => (op === 'TN' ? A[l * m + i] : A[i * k + l]);
const getB = (op: Op, B: Float64Array, l: number, j: number, k: number, n: number) => (op === 'NT' ? B[j * k + l] : B[l * n + j]);

/** max over entries of |C − C_ref| / Σ_l |a_il b_lj| (0 where the scale is 0). */
function relErr(op: Op, A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): number {
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0, scale = 0;
      for (let l = 0; l < k; l++) {
        const p = getA(op, A, i, l, m, k) * getB(op, B, l, j, k, n);
        s += p;
        scale += Math.abs(p);
      }
      if (scale > 0) worst = Math.max(worst, Math.abs(C[i * n + j] - s) / scale);
    }
  }
  return worst;
}

const bitsEqual = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

/** op(A)·op(B) in the arena (views shifted by `shift` doubles) against the JS kernel. */
function check(arena: WasmArena, op: Op, m: number, k: number, n: number, shift = 0) {
  const view = (len: number) => arena.alloc(len + shift).subarray(shift);
  const A = fill(view(m * k)), B = fill(view(k * n)), C = fill(view(m * n)); // C's old contents must not matter
  arenaKernel(arena, op)(A, B, C, m, k, n);
  const ref = new Float64Array(m * n).fill(NaN);
  jsKernel[op](Float64Array.from(A), Float64Array.from(B), ref, m, k, n);
  assert.ok(bitsEqual(C, ref), `${op} ${m}×${k}×${n} (shift ${shift}): not the JS kernel's bits`);
  if (m * k * n <= 50 ** 3 || m === 200) assert.ok(relErr(op, A, B, C, m, k, n) <= 1e-14, `${op} ${m}×${k}×${n}: error`);
}

test('WebAssembly SIMD is available in Node 20', () => {
  assert.equal(wasmSimdAvailable(), true);
  assert.equal(detectWasmSimd(), true);
});

test('the named shapes: the JS kernels bit for bit, within 1e-14', () => {
  const shapes: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 7], [20, 20, 20], [33, 17, 9], [200, 200, 200], [7, 1, 3], [2, 3, 2], [5, 4, 1]];
  const arena = new WasmArena(arenaDoubles(shapes.flatMap(([m, k, n]) => [m * k + 1, k * n + 1, m * n + 1])) * 3);
  for (const op of ['NN', 'TN', 'NT'] as const) for (const [m, k, n] of shapes) check(arena, op, m, k, n);
});

test('every small shape (all tails: odd m, k mod 4, odd n), at 16- and 8-byte offsets', () => {
  const arena = new WasmArena(3 * 2 * 9 * 3 * (9 * 9 + 2) * 10 * 9);
  for (const op of ['NN', 'TN', 'NT'] as const) {
    for (let m = 1; m <= 9; m++) for (let k = 1; k <= 9; k++) for (let n = 1; n <= 9; n++) for (const shift of [0, 1]) check(arena, op, m, k, n, shift);
  }
});

test('random shapes up to 64', () => {
  const r = lcg(3);
  const size = () => 1 + Math.floor((r() + 0.5) * 64);
  const arena = new WasmArena(3 * 40 * (64 * 64 + 2));
  for (let t = 0; t < 40; t++) {
    const op = (['NN', 'TN', 'NT'] as const)[t % 3];
    check(arena, op, size(), size(), size(), t % 2);
  }
});

test('special values: zeros, signed zeros, infinities and NaN propagate as in JS', () => {
  const arena = new WasmArena(1000);
  const m = 3, k = 5, n = 5;
  const vals = [0, -0, 1, -1, Infinity, -Infinity, NaN, 1e308, -1e-308];
  for (const op of ['NN', 'TN', 'NT'] as const) {
    const A = arena.alloc(m * k), B = arena.alloc(k * n), C = arena.alloc(m * n);
    A.forEach((_, i) => (A[i] = vals[(i * 7) % vals.length]));
    B.forEach((_, i) => (B[i] = vals[(i * 5 + 3) % vals.length]));
    arenaKernel(arena, op)(A, B, C, m, k, n);
    const ref = new Float64Array(m * n);
    jsKernel[op](A, B, ref, m, k, n);
    assert.ok(bitsEqual(C, ref), op);
  }
});

test('axpy: odd lengths, offsets, a prefix only', () => {
  const arena = new WasmArena(4000);
  for (const len of [0, 1, 2, 3, 17, 400]) {
    for (const shift of [0, 1]) {
      const x = fill(arena.alloc(len + 3 + shift).subarray(shift));
      const y = fill(arena.alloc(len + 3 + shift).subarray(shift));
      const ref = Float64Array.from(y);
      axpy(-0.37, x, ref, len);
      arena.axpy(-0.37, x, y, len);
      assert.ok(bitsEqual(y, ref), `len ${len} shift ${shift}`);
    }
  }
  const x = fill(arena.alloc(9)), y = fill(arena.alloc(9)), ref = Float64Array.from(y);
  axpy(2.5, x, ref);
  arena.axpy(2.5, x, y); // default len: x.length
  assert.ok(bitsEqual(y, ref));
});

test('residualLoss (GBL eq. 7: f and G = ΣxW − Σxy in one pass): the JS loop bit for bit on odd lengths and 8-byte offsets, within 1e-14 of the sums written out, entries past len untouched', () => {
  const arena = new WasmArena(20000);
  for (const len of [0, 1, 2, 3, 17, 400, 4097]) {
    for (const shift of [0, 1]) {
      const [w, a, b] = [0, 1, 2].map(() => fill(arena.alloc(len + 3 + shift).subarray(shift)));
      const g = arena.alloc(len + 3 + shift).subarray(shift).fill(7);
      const gRef = new Float64Array(len + 3).fill(7);
      const c = 0.125 * len;
      const ref = residualLoss(w, a, b, c, gRef, len);
      const got = arena.residualLoss(w, a, b, c, g, len);
      assert.ok(Object.is(got, ref), `len ${len} shift ${shift}: ${got} against ${ref}`);
      assert.ok(bitsEqual(g, gRef), `G, len ${len} shift ${shift}`);
      let quad = 0, lin = 0, scale = Math.abs(c);
      for (let i = 0; i < len; i++) {
        quad += w[i] * a[i];
        lin += w[i] * b[i];
        scale += Math.abs(w[i] * a[i]) + Math.abs(w[i] * b[i]);
        assert.equal(gRef[i], a[i] - b[i]);
      }
      assert.ok(Math.abs(got - (quad / 2 - lin + c)) <= 1e-14 * scale, `len ${len}: the sums written out`);
      assert.deepEqual(Array.from(g.subarray(len)), [7, 7, 7], 'nothing past len written');
    }
  }
  // the engine's f equals loss.ts momentsLoss on the same W, ΣxW, Σxy (the record's bits)
  const n = 333;
  const [w, a, b] = [0, 1, 2].map(() => fill(arena.alloc(n)));
  assert.ok(Object.is(arena.residualLoss(w, a, b, 0.5, arena.alloc(n), n), momentsLoss(w, a, b, 0.5, null)));
  assert.ok(Object.is(new JsArena().residualLoss(w, a, b, 0.5, new Float64Array(n), n), momentsLoss(w, a, b, 0.5, null)));
});

test('arena: 16-byte aligned zeroed views, reserve, growth only before the first alloc, foreign buffers refused', () => {
  const arena = new WasmArena();
  arena.reserve(arenaDoubles([100000, 3]));
  const a = arena.alloc(100000), b = arena.alloc(3), c = arena.alloc(1);
  for (const v of [a, b, c]) {
    assert.equal(v.byteOffset % 16, 0);
    assert.equal(v.buffer, arena.memory.buffer);
    assert.ok(v.every((x) => x === 0));
  }
  assert.equal(b.byteOffset - a.byteOffset, 800000);
  assert.equal(c.byteOffset - b.byteOffset, 32);
  // a buffer from elsewhere, or too short for the shape
  assert.throws(() => arena.gemm(new Float64Array(4), b, c, 1, 1, 1), /not from this arena/);
  assert.throws(() => arena.gemm(a, b, c, 2, 2, 2), /too short/);
  // growing now would detach a, b, c
  assert.throws(() => arena.reserve(arena.freeDoubles + 1), /detach/);
  assert.throws(() => arena.alloc(arena.freeDoubles + 2), /full/);
  assert.equal(a.length, 100000); // still attached
  // the first alloc may grow an empty arena
  const fresh = new WasmArena(0);
  assert.equal(fresh.alloc(50000).length, 50000);
});

test('fallback: without SIMD, createArena gives the JS kernels on plain arrays, same results', () => {
  assert.equal(detectWasmSimd(null), false);
  assert.equal(detectWasmSimd({ validate: () => false }), false);
  assert.equal(detectWasmSimd({ validate: () => { throw new Error('no'); } }), false);
  const js = createArena(100, { wasm: false });
  assert.ok(js instanceof JsArena);
  assert.equal(js.kind, 'js');
  const w = createArena(arenaDoubles([12, 20, 20, 20, 20]));
  assert.equal(w.kind, 'wasm');
  for (const arena of [js, w]) {
    const A = arena.copyOf(Float64Array.from({ length: 12 }, rand));
    const B = arena.copyOf(Float64Array.from({ length: 20 }, rand));
    const C = arena.alloc(20);
    const ref = new Float64Array(20);
    arena.gemm(A, B, C, 3, 4, 5); // A 3×4, B 4×5
    gemm(A, B, ref, 3, 4, 5);
    assert.ok(bitsEqual(C, ref), arena.kind);
    arena.gemmTN(A, B, C, 4, 3, 5); // A 3×4 read as Aᵀ, B's first 3×5
    gemmTN(A, B, ref, 4, 3, 5);
    assert.ok(bitsEqual(C, ref), arena.kind);
    arena.gemmNT(A, B, C, 3, 4, 5); // A 3×4, B 5×4
    gemmNT(A, B, ref, 3, 4, 5);
    assert.ok(bitsEqual(C, ref), arena.kind);
    const y = arena.copyOf(ref), yRef = Float64Array.from(ref);
    arena.axpy(0.5, C, y);
    axpy(0.5, C, yRef);
    assert.ok(bitsEqual(y, yRef), arena.kind);
  }
});

// The blocked kernels (gemm.wat $blk: packed panels, 4×4 register tiles, KC/MC/NC blocks): forced on
// (blockedMin = blockedMinB = blockedMinSide = 0) and off (Infinity), each against the JS kernel bit for bit and a
// naive triple loop within 1e-14, on odd sizes in every form, and across k, m and n blocks.
/** op(A)·op(B) of one form with the blocked kernels forced on or off. */
function checkBlocked(op: Op, m: number, k: number, n: number, blocked: boolean, naive = true) {
  const arena = new WasmArena(arenaDoubles([m * k, k * n, m * n]));
  arena.blockedMin = arena.blockedMinB = arena.blockedMinSide = blocked ? 0 : Infinity;
  const A = fill(arena.alloc(m * k)), B = fill(arena.alloc(k * n)), C = fill(arena.alloc(m * n));
  arenaKernel(arena, op)(A, B, C, m, k, n);
  const ref = new Float64Array(m * n).fill(NaN);
  jsKernel[op](Float64Array.from(A), Float64Array.from(B), ref, m, k, n);
  assert.ok(bitsEqual(C, ref), `${op} ${m}×${k}×${n} (blocked ${blocked}): not the JS kernel's bits`);
  if (naive) assert.ok(relErr(op, A, B, C, m, k, n) <= 1e-14, `${op} ${m}×${k}×${n} (blocked ${blocked}): error against the naive loop`);
}

test('blocked and direct kernels on odd sizes 1, 7, 33, 129, 257 in every form: the JS kernels bit for bit, the naive loop within 1e-14', () => {
  const sizes = [1, 7, 33, 129, 257];
  for (const op of ['NN', 'TN', 'NT'] as const) {
    for (const s of sizes) for (const blocked of [true, false]) checkBlocked(op, s, s, s, blocked);
    // mixed shapes: every edge (m mod 4, n mod 4, k mod 4) and thin products as the engine makes them
    for (const [m, k, n] of [[7, 33, 1], [33, 1, 7], [129, 7, 33], [1, 257, 7], [257, 33, 129], [5, 10, 784 / 4 + 3]] as const) {
      for (const blocked of [true, false]) checkBlocked(op, m, k, n, blocked);
    }
  }
});

test('direct NN/TN kernels in slices of l (gemm.wat $gemm_k: rows of B in L2): the JS kernels bit for bit, whatever the last slice holds', () => {
  // KC = 16384/n rounded down to 4, at least 32: n = 256 → 64 (257 = 4 × 64 + 1; 130 = 2 × 64 + 2: a last
  // slice of left-over l only; 256 = 4 × 64), n = 255 → 64 (131 = 2 × 64 + 3), n = 1100 → 32 (70 = 32 + 32 + 6; 33 = 32 + 1)
  for (const op of ['NN', 'TN'] as const) {
    for (const [m, k, n] of [[3, 257, 256], [5, 130, 256], [4, 256, 256], [7, 131, 255], [2, 70, 1100], [9, 33, 1100]] as const) checkBlocked(op, m, k, n, false);
  }
});

test('blocked kernels across blocks: k over KC (partial sums carried through C in order), m over MC, n over NC', () => {
  for (const op of ['NN', 'TN', 'NT'] as const) {
    for (const [m, k, n] of [[9, 600, 11], [300, 257, 5], [6, 13, 1030], [131, 515, 517]] as const) checkBlocked(op, m, k, n, true, m * k * n < 4e6);
  }
});

test('blocked kernels: signed zeros, infinities and NaN as the JS kernels (−0 start of the first group, +0 below k = 4)', () => {
  const vals = [0, -0, 1, -1, Infinity, -Infinity, NaN, 1e308, -1e-308, -0];
  for (const op of ['NN', 'TN', 'NT'] as const) {
    for (const [m, k, n] of [[5, 3, 6], [6, 4, 5], [9, 9, 9], [4, 8, 4], [8, 2, 8]] as const) {
      const arena = new WasmArena(arenaDoubles([m * k, k * n, m * n]));
      arena.blockedMin = arena.blockedMinB = arena.blockedMinSide = 0;
      const A = arena.alloc(m * k), B = arena.alloc(k * n), C = arena.alloc(m * n);
      A.forEach((_, i) => (A[i] = vals[(i * 7) % vals.length]));
      B.forEach((_, i) => (B[i] = vals[(i * 3 + 1) % vals.length]));
      arenaKernel(arena, op)(A, B, C, m, k, n);
      const ref = new Float64Array(m * n);
      jsKernel[op](A, B, ref, m, k, n);
      assert.ok(bitsEqual(C, ref), `${op} ${m}×${k}×${n}`);
      // all-(−0) products: C = −0 where the JS kernel's first group sets it, +0 where it adds to 0
      A.fill(-0), B.fill(1);
      arenaKernel(arena, op)(A, B, C, m, k, n);
      jsKernel[op](A, B, ref, m, k, n);
      assert.ok(bitsEqual(C, ref), `${op} ${m}×${k}×${n} signed zeros`);
    }
  }
});

test('the workspace is the free tail: buffers allocated after a blocked product are zeroed, and too little room falls back to the direct kernels', () => {
  const arena = new WasmArena(arenaDoubles([64 * 64, 64 * 64, 64 * 64, 1000]));
  arena.blockedMin = arena.blockedMinB = arena.blockedMinSide = 0;
  const A = fill(arena.alloc(64 * 64)), B = fill(arena.alloc(64 * 64)), C = arena.alloc(64 * 64);
  arena.gemm(A, B, C, 64, 64, 64);
  const later = arena.alloc(1000);
  assert.ok(later.every((x) => Object.is(x, 0)));
  const ref = new Float64Array(64 * 64);
  gemm(Float64Array.from(A), Float64Array.from(B), ref, 64, 64, 64);
  assert.ok(bitsEqual(C, ref));
  // fill the arena: no room for the panels, the direct kernel runs, same bits
  arena.alloc(arena.freeDoubles - 2);
  C.fill(NaN);
  arena.gemm(A, B, C, 64, 64, 64);
  assert.ok(bitsEqual(C, ref));
});

test('transpose (gemm.wat, 8×8 tiles): every entry exact on odd shapes, at 8-byte offsets, nothing past Sᵀ written', () => {
  if (!wasmSimdAvailable()) return;
  const sizes = [1, 2, 3, 7, 8, 9, 16, 17, 33];
  for (const rows of sizes)
    for (const cols of sizes)
      for (const shift of [0, 1]) {
        const arena = new WasmArena(2 * (rows * cols + 8) + 8);
        const kern = (arena as unknown as { k: { transpose(S: number, T: number, rows: number, cols: number): void } }).k;
        const S = fill(arena.alloc(rows * cols + shift).subarray(shift));
        S[0] = -0;
        const Tall = arena.alloc(rows * cols + 1 + shift).subarray(shift).fill(NaN);
        const T = Tall.subarray(0, rows * cols);
        kern.transpose(S.byteOffset, T.byteOffset, rows, cols);
        for (let i = 0; i < rows; i++)
          for (let j = 0; j < cols; j++) assert.ok(Object.is(T[j * rows + i], S[i * cols + j]), `${rows}×${cols} (shift ${shift}): T[${j}][${i}]`);
        assert.ok(Number.isNaN(Tall[rows * cols]), `${rows}×${cols}: written past Sᵀ`);
      }
});
