// Moments from samples (data/empirical.ts MomentAccumulator) by chunks of rows: the dense route
// (XcᵀXc, XcᵀYc on the arena's gemmTN) and the sparse one (nonzero entries only) against
// XᵀX/n, XᵀY/n and ‖Y‖²/n summed here sample by sample; chunk sizes that do not divide n; the
// automatic choice (dense rows → dense, MNIST-like sparse rows → sparse) gives the same moments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MomentAccumulator, momentsOf, type AccumulatorOptions } from '../../../src/core/data/empirical';
import { createArena } from '../../../src/core/linalg/wasm/wasmGemm';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
}

/** n×d rows, each entry nonzero with probability `density`. */
function rows(n: number, d: number, density: number, seed: number): Float64Array {
  const r = seeded(seed);
  return Float64Array.from({ length: n * d }, () => (r() + 0.5 < density ? r() * 3 : 0));
}

function naive(X: Float64Array, Y: Float64Array | null, n: number, d: number, p: number) {
  const sx = new Float64Array(d * d);
  const sxy = new Float64Array(d * p);
  let y2 = 0;
  const Yv = Y ?? X;
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < d; i++) {
      const xi = X[t * d + i];
      for (let j = 0; j < d; j++) sx[i * d + j] += xi * X[t * d + j];
      for (let j = 0; j < p; j++) sxy[i * p + j] += xi * Yv[t * p + j];
    }
    for (let j = 0; j < p; j++) y2 += Yv[t * p + j] ** 2;
  }
  return { sx: sx.map((v) => v / n), sxy: sxy.map((v) => v / n), tr: y2 / n };
}

function accumulate(X: Float64Array, Y: Float64Array | null, n: number, d: number, p: number, opts: AccumulatorOptions) {
  const acc = new MomentAccumulator(d, p, Y === null, opts);
  for (let t = 0; t < n; t++) acc.add(X, t * d, Y ?? undefined, t * p);
  return acc.finish();
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('moments by chunks: dense (gemmTN) and sparse routes', () => {
  for (const [name, density] of [['dense rows', 1], ['sparse rows (≈20 % nonzero, MNIST-like)', 0.2]] as const) {
    for (const yIsX of [false, true]) {
      it(`${name}, ${yIsX ? 'Y = X' : 'Y given'}: both routes and auto equal the sample-by-sample sums, any chunk size`, () => {
        const n = 203, d = 37, p = yIsX ? 37 : 5;
        const X = rows(n, d, density, 3 + d);
        const Y = yIsX ? null : rows(n, p, 1, 4);
        const want = naive(X, Y, n, d, p);
        const scale = Math.max(...want.sx.map(Math.abs));
        for (const route of ['dense', 'sparse', 'auto'] as const) {
          for (const chunkRows of [1, 16, 64, 256]) {
            const m = accumulate(X, Y, n, d, p, { route, chunkRows });
            const what = `${route}, chunks of ${chunkRows}`;
            assert.ok(maxAbs(m.sigmaX.data, want.sx) <= 1e-14 * scale, `${what}: Σx`);
            assert.ok(maxAbs(m.sigmaXY.data, want.sxy) <= 1e-14 * scale, `${what}: Σxy`);
            assert.ok(Math.abs(m.traceSigmaY - want.tr) <= 1e-14 * want.tr, `${what}: trΣy`);
            for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) assert.equal(m.sigmaX.data[i * d + j], m.sigmaX.data[j * d + i]);
          }
        }
      });
    }
  }

  it('the wasm and the JS kernels give the same bits on the dense route', () => {
    const n = 150, d = 24, p = 3;
    const X = rows(n, d, 1, 9);
    const Y = rows(n, p, 1, 10);
    const js = accumulate(X, Y, n, d, p, { route: 'dense', chunkRows: 64, arena: (t) => createArena(t, { wasm: false }) });
    const wasm = accumulate(X, Y, n, d, p, { route: 'dense', chunkRows: 64, arena: (t) => createArena(t) });
    assert.deepEqual(Array.from(wasm.sigmaX.data), Array.from(js.sigmaX.data));
    assert.deepEqual(Array.from(wasm.sigmaXY.data), Array.from(js.sigmaXY.data));
  });

  it('momentsOf (stored X, Y) equals the sums; no rows → zeros', () => {
    const n = 40, d = 6, p = 2;
    const X = rows(n, d, 0.7, 11);
    const Y = rows(n, p, 1, 12);
    const m = momentsOf({ rows: n, cols: d, data: X }, { rows: n, cols: p, data: Y });
    const want = naive(X, Y, n, d, p);
    assert.ok(maxAbs(m.sigmaX.data, want.sx) < 1e-14 && maxAbs(m.sigmaXY.data, want.sxy) < 1e-14);
    const empty = momentsOf({ rows: 0, cols: d, data: new Float64Array(0) }, null);
    assert.ok(empty.sigmaX.data.every((v) => v === 0) && empty.traceSigmaY === 0);
  });
});
