// The blocked tridiagonalization (tridiagonalBlocked.ts, LAPACK dsytrd/dlatrd on the arena's kernels)
// under symmetricEigenFlat: small panels and crossovers force many panels on small matrices; checked
// against closed forms (Q diag(λ) Qᵀ with known Q: clustered, zeros, tiny, negative), against the
// unblocked reduction, against LAPACK (numpy dsyevd, fixtures/lapack.json), and through the implicit
// Q: ‖A − QΛQᵀ‖, ‖QᵀQ − I‖, and Q f(Λ) Qᵀ M against the explicit product.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applySpectral, explicitQ, symmetricEigenFlat } from '../../../src/core/linalg/symmetricEigen';
import type { TridiagonalOptions } from '../../../src/core/linalg/tridiagonalBlocked';
import { createArena } from '../../../src/core/linalg/wasm/wasmGemm';
import { designedSymmetric, eigenFactorErrors, maxDiff } from './helpers';
import { randomPsd } from '../theory/helpers';

const EPS = 2 ** -52;
interface Case { name: string; kind: 'svd' | 'eig'; rows: number; cols: number; data: number[]; values: number[] }
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'lapack.json'), 'utf8')) as { cases: Case[] };

const forced: TridiagonalOptions[] = [
  { block: 1, crossover: 1 },
  { block: 2, crossover: 3 },
  { block: 3, crossover: 4 },
  { block: 5, crossover: 7 },
];

function factors(A: Float64Array, n: number, opts: TridiagonalOptions): { values: Float64Array; rec: number; orth: number } {
  const eig = symmetricEigenFlat(A, n, opts);
  const Q = explicitQ(eig);
  return { values: eig.values, ...eigenFactorErrors(A, n, eig.values, Q) };
}

describe('blocked tridiagonalization (dsytrd) under the symmetric eigendecomposition', () => {
  for (const [name, values] of [
    ['distinct', [4, 3, 2, 1, 0.5, -0.5, -1, 0.25, 0.125, 2.5, 1.5, -2]],
    ['clustered and tiny', [3, 3, 3, 1, 1 + 1e-13, 1e-8, 1e-14, 0, 0, -1, 2, 2]],
    ['rank 3 PSD', [5, 1, 1e-3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  ] as Array<[string, number[]]>) {
    it(`Q diag(λ) Qᵀ, ${name}: λ to ~ε·|λ|max, A = QΛQᵀ and QᵀQ = I to ~ε, every panel shape`, () => {
      const n = values.length;
      const { A } = designedSymmetric(values, 17 + n);
      const want = [...values].sort((a, b) => b - a);
      const top = Math.max(...values.map(Math.abs));
      for (const opts of [...forced, {}]) {
        const f = factors(A, n, opts);
        assert.ok(maxDiff(f.values, want) <= 64 * EPS * top, `${JSON.stringify(opts)}: ${maxDiff(f.values, want) / top}`);
        assert.ok(f.rec <= 64 * EPS * top && f.orth <= 64 * EPS, `${JSON.stringify(opts)}: ${JSON.stringify(f)}`);
      }
    });
  }

  it('equals the unblocked reduction to ~ε·|λ|max at 150×150 (default panels: one of 16, then 134 unblocked) and 300×300 (nine panels)', () => {
    for (const n of [150, 300]) {
      const A = randomPsd(n, n + 3, n).data;
      const ref = symmetricEigenFlat(A, n, { crossover: Infinity }).values;
      for (const opts of [{}, { block: 8, crossover: 16 }]) {
        const got = symmetricEigenFlat(A, n, opts).values;
        assert.ok(maxDiff(got, ref) <= 64 * EPS * ref[0], `${n} ${JSON.stringify(opts)}: ${maxDiff(got, ref) / ref[0]}`);
      }
    }
  });

  it('Q f(Λ) Qᵀ M through the blocked reflectors equals the explicit Q·f(Λ)·Qᵀ·M; zero rows split off first (lower triangle only given)', () => {
    const n = 40;
    const base = randomPsd(n, 12, 5).data;
    for (const z of [3, 17, 30]) for (let j = 0; j < n; j++) (base[z * n + j] = 0), (base[j * n + z] = 0);
    const lower = base.map((x, k) => (k % n <= Math.floor(k / n) ? x : 0)); // only the lower triangle
    const opts = { block: 3, crossover: 4 };
    const eig = symmetricEigenFlat(lower, n, opts);
    const ref = symmetricEigenFlat(base, n, { crossover: Infinity });
    assert.ok(maxDiff(eig.values, ref.values) <= 64 * EPS * ref.values[0]);
    const M = Float64Array.from({ length: n * 3 }, (_, k) => Math.sin(k + 1));
    const f = (l: number) => 1 / Math.sqrt(l);
    const tol = 1e-10 * ref.values[0];
    const got = applySpectral(eig, f, tol, M, 3);
    const Q = explicitQ(eig);
    const want = new Float64Array(n * 3);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < 3; c++) {
        let x = 0;
        for (let k = 0; k < n; k++) {
          const lam = eig.values[k];
          if (!(lam > tol)) continue;
          let qm = 0;
          for (let t = 0; t < n; t++) qm += Q[t * n + k] * M[t * 3 + c];
          x += Q[i * n + k] * f(lam) * qm;
        }
        want[i * 3 + c] = x;
      }
    assert.ok(maxDiff(got, want) < 1e-9, `${maxDiff(got, want)}`);
  });

  it('the wasm and the JS kernels give the same bits', () => {
    const n = 37;
    const A = randomPsd(n, n, 8).data;
    const js = symmetricEigenFlat(A, n, { block: 4, crossover: 5, arena: (t) => createArena(t, { wasm: false }) }).values;
    const wasm = symmetricEigenFlat(A, n, { block: 4, crossover: 5, arena: (t) => createArena(t) }).values;
    assert.deepEqual(Array.from(wasm), Array.from(js));
  });

  it('against LAPACK (numpy dsyevd, fixtures/lapack.json), every panel shape: within 1e-12·|λ|max', () => {
    const cases = fixture.cases.filter((c) => c.kind === 'eig');
    assert.ok(cases.length >= 3);
    for (const c of cases) {
      const top = Math.max(...c.values.map(Math.abs));
      for (const opts of forced) {
        const got = symmetricEigenFlat(Float64Array.from(c.data), c.rows, opts).values;
        const err = maxDiff(Array.from(got), c.values);
        assert.ok(err <= 1e-12 * top && err <= 64 * EPS * top, `${c.name} ${JSON.stringify(opts)}: ${err / top}`);
      }
    }
  });
});
