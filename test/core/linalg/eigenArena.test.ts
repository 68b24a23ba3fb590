// Q and Qᵀ of the implicit symmetric eigendecomposition applied on the arena (eigenArena.ts: the
// reflectors in blocks of 32 in the compact WY form, the QL rotations by the f64x2 kernel) against
// the reflectors and rotations applied one at a time in JS (the route below eigenArenaRoute.minRows),
// and the explicit Q it forms against A = QΛQᵀ and QᵀQ = I.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eigenArenaRoute } from '../../../src/core/linalg/eigenArena';
import { applyQtUnsorted, applyQUnsorted, applySpectral, explicitQ, symmetricEigenFlat } from '../../../src/core/linalg/symmetricEigen';
import { JsArena } from '../../../src/core/linalg/wasm/wasmGemm';
import { randomPsd, rng } from '../theory/helpers';
import { eigenFactorErrors } from './helpers';

const EPS = 2 ** -52;

/** A PSD n×n of rank r with the rows and columns in `zero` exactly 0 (MNIST's dark pixels: split off first). */
function psdWithZeroRows(n: number, r: number, zero: number[], seed: number): Float64Array {
  const P = randomPsd(n, r, seed).data;
  for (const z of zero)
    for (let i = 0; i < n; i++) {
      P[z * n + i] = 0;
      P[i * n + z] = 0;
    }
  return P;
}

function withRoute<T>(minRows: number, f: () => T): T {
  const was = eigenArenaRoute.minRows;
  eigenArenaRoute.minRows = minRows;
  try {
    return f();
  } finally {
    eigenArenaRoute.minRows = was;
  }
}

describe('symmetric eigendecomposition: Q applied on the arena (eigenArena.ts)', () => {
  for (const [n, r, zero] of [
    [70, 70, []],
    [150, 40, [0, 3, 77, 149]],
    [200, 200, [5]],
  ] as Array<[number, number, number[]]>) {
    it(`n = ${n}, rank ${r}, ${zero.length} zero rows: Qᵀ Y and Q Y equal the one-at-a-time route to ~ε, for 1, 7 and n columns`, () => {
      const A = psdWithZeroRows(n, r, zero, n + r);
      const eig = symmetricEigenFlat(A, n);
      const rand = rng(n);
      for (const c of [1, 7, n]) {
        const Y0 = Float64Array.from({ length: n * c }, () => rand() - 0.5);
        for (const apply of [applyQtUnsorted, applyQUnsorted]) {
          const a = Float64Array.from(Y0);
          const b = Float64Array.from(Y0);
          withRoute(0, () => apply(eig, a, c));
          withRoute(Infinity, () => apply(eig, b, c));
          let err = 0;
          let changed = 0;
          for (let i = 0; i < a.length; i++) {
            err = Math.max(err, Math.abs(a[i] - b[i]));
            changed = Math.max(changed, Math.abs(a[i] - Y0[i]));
          }
          assert.ok(changed > 0.1, 'Q moved Y');
          assert.ok(err <= 64 * n * EPS, `${apply.name}, c = ${c}: max difference ${err}`);
        }
      }
    });
  }
  it('the explicit Q formed on the arena: A = QΛQᵀ to ~ε‖A‖ n, QᵀQ = I; Q f(Λ) Qᵀ M as the JS route', () => {
    const n = 120;
    const A = psdWithZeroRows(n, 90, [2, 60], 4);
    const eig = symmetricEigenFlat(A, n);
    const Q = withRoute(0, () => explicitQ(eig));
    let norm = 0;
    for (let i = 0; i < n * n; i++) norm = Math.max(norm, Math.abs(A[i]));
    const { rec, orth } = eigenFactorErrors(A, n, eig.values, Q);
    assert.ok(rec <= 8 * n * EPS * norm, `reconstruction ${rec}`);
    assert.ok(orth <= 8 * n * EPS, `orthogonality ${orth}`);
    const M = Float64Array.from({ length: n * 3 }, (_, i) => Math.sin(i));
    const tol = 1e-8 * eig.values[0];
    const a = withRoute(0, () => applySpectral(eig, Math.sqrt, tol, M, 3));
    const b = withRoute(Infinity, () => applySpectral(eig, Math.sqrt, tol, M, 3));
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-12, `${i}: ${a[i]} vs ${b[i]}`);
  });
  it('the same bits on a JS arena (no WebAssembly SIMD): the route depends on the size only', () => {
    const n = 200; // past the tridiagonalization's crossover: its panels (dsymv, dsyr2k) on the JS arena too
    const A = psdWithZeroRows(n, 150, [1], 8);
    const Y0 = Float64Array.from({ length: n * 5 }, (_, i) => Math.cos(i));
    const onWasm = symmetricEigenFlat(A, n);
    const a = Float64Array.from(Y0);
    applyQtUnsorted(onWasm, a, 5);
    applyQUnsorted(onWasm, a, 5);
    const onJs = symmetricEigenFlat(A, n, { arena: () => new JsArena() });
    const b = Float64Array.from(Y0);
    const was = eigenArenaRoute.arena;
    eigenArenaRoute.arena = () => new JsArena();
    try {
      applyQtUnsorted(onJs, b, 5);
      applyQUnsorted(onJs, b, 5);
    } finally {
      eigenArenaRoute.arena = was;
    }
    assert.deepEqual(Array.from(onJs.values), Array.from(onWasm.values));
    assert.deepEqual(Array.from(b), Array.from(a));
  });
});
