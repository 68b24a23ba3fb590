// The nuclear-norm baseline (ACHL §5's CVX program; spec §4 baselines.nuclearNormMinimization):
// its building blocks against dense.ts, and the program against cases with a known answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { singularValueThreshold } from '../../../src/core/baselines/svt';
import { symmetricEigenFlat } from '../../../src/core/linalg/symmetricEigen';
import { nuclearNormMinimization } from '../../../src/core/baselines/nuclearNorm';
import { nuclearNormEntry, targetIsMinimizer, targetNuclearNorm } from '../../../src/core/baselines/index';
import { certificate } from '../../../src/core/baselines/gap';
import { createRng } from '../../../src/core/data/rng';
import { singularValues, svd } from '../../../src/core/linalg/dense';
import type { Mat } from '../../../src/core/types';
import { problemOf, randomMask } from './helpers';

function gaussian(rows: number, cols: number, seed: number): Mat {
  const rng = createRng(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal()) };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

test('singular value thresholding U (S − τ)₊ Vᵀ matches the SVD, tall and wide, keeping 0, 1, 4 and every component (a cluster among them)', () => {
  for (const [m, n, keep, cluster] of [[15, 8, 4, false], [8, 15, 4, false], [15, 8, 1, false], [15, 8, 8, false], [8, 15, 0, false], [40, 30, 6, true], [30, 40, 6, true]] as const) {
    let Y = gaussian(m, n, m * 31 + n + keep);
    if (cluster) {
      // σ_2 … σ_5 equal to 1e-9 relative: inverse iteration alone would not give them orthogonal vectors
      const f = svd(Y);
      const sv = f.s.map((x, c) => (c >= 1 && c <= 4 ? 3 * (1 + 1e-9 * c) : c === 0 ? 5 : x * 0.1));
      const k0 = Math.min(m, n);
      const data = new Float64Array(m * n);
      for (let c = 0; c < k0; c++) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) data[i * n + j] += sv[c] * f.U.data[i * k0 + c] * f.V.data[j * k0 + c];
      Y = { rows: m, cols: n, data };
    }
    const { U, s, V } = svd(Y);
    const k = Math.min(m, n);
    const tau = keep === 0 ? s[0] * 1.001 : keep === k ? s[k - 1] * 0.5 : s[keep - 1] * 0.999;
    const expected = new Float64Array(m * n);
    for (let c = 0; c < k; c++) {
      const w = Math.max(0, s[c] - tau);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expected[i * n + j] += w * U.data[i * k + c] * V.data[j * k + c];
    }
    const out = new Float64Array(m * n);
    const r = singularValueThreshold(Y.data, m, n, tau, out);
    assert.equal(r.rank, keep, `${m}×${n}: rank`);
    assert.ok(maxAbsDiff(out, expected) < 1e-10, `${m}×${n}, ${keep} kept: ${maxAbsDiff(out, expected)}`);
    assert.ok(Math.abs(r.nuclearNorm - s.slice(0, keep).reduce((a, b) => a + b - tau, 0)) < 1e-10);
  }
});

test('full observation: the minimum nuclear norm is ‖M‖_* (to the box, 1e-3 relative) and W ≈ M', async () => {
  const problem = problemOf(20, 20, 3, 'all');
  const nuclearM = singularValues(problem.matrix).reduce((a, b) => a + b, 0);
  const r = await nuclearNormMinimization(problem);
  assert.equal(r.status, 'converged');
  assert.ok(Math.abs(r.nuclearNorm - nuclearM) / nuclearM < 1e-3, `${r.nuclearNorm} vs ${nuclearM}`);
  // the box lets it shave at most tol·‖Λ‖₁ ≤ tol·√(mn)·rank-ish: never above ‖M‖_*
  assert.ok(r.nuclearNorm <= nuclearM * (1 + 1e-5));
  assert.ok(r.reconstructionError! < 1e-6);
  assert.ok(r.maxViolation < 1e-12, 'the returned W is feasible');
});

test('plentiful observations (30×30 rank 2, 60 %): recovery below 1e-5 with a certified gap', async () => {
  const problem = problemOf(30, 30, 2, randomMask(900, 540));
  const r = await nuclearNormMinimization(problem);
  assert.equal(r.status, 'converged');
  assert.ok(r.reconstructionError! < 1e-5, `error ${r.reconstructionError}`);
  assert.ok(r.dualityGap <= 1e-4 && r.lowerBound <= r.nuclearNorm);
  assert.ok(r.maxViolation < 1e-12);
  for (let i = 0; i < problem.mask.length; i++) {
    if (problem.mask[i]) assert.ok(Math.abs(r.W.data[i] - problem.matrix.data[i]) <= 1e-3 + 1e-12);
  }
});

test('the certificate brackets the optimum: a lower bound from any scaled dual, an upper bound from any projected point', () => {
  const problem = problemOf(10, 12, 2, randomMask(120, 70));
  const nuclearM = singularValues(problem.matrix).reduce((a, b) => a + b, 0);
  const zero = new Float64Array(120);
  const U = Float64Array.from(gaussian(10, 12, 5).data);
  const c = certificate(problem, zero, U, 3, 1e-3);
  // M itself is feasible, so the optimum is ≤ ‖M‖_*; the dual bound must sit below it
  assert.ok(c.lower <= nuclearM + 1e-9);
  assert.ok(c.upper >= c.lower);
});

test('cancelled at once: status cancelled, nothing run', async () => {
  const controller = new AbortController();
  controller.abort();
  const r = await nuclearNormMinimization(problemOf(10, 10, 2, 'all'), { signal: controller.signal });
  assert.equal(r.status, 'cancelled');
  assert.equal(r.iterations, 0);
});

test('‖M‖_* against the optimum tells whether the program can recover M: a minimizer when plentiful, not when scarce', async () => {
  // ‖M‖_* independently: √ of the eigenvalues of MᵀM (symmetricEigen.ts), not an SVD
  const nuclearOf = (problem: ReturnType<typeof problemOf>) => {
    const { rows, cols, data } = problem.matrix;
    const gram = new Float64Array(cols * cols);
    for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) for (let k = 0; k < rows; k++) gram[i * cols + j] += data[k * cols + i] * data[k * cols + j];
    return symmetricEigenFlat(gram, cols).values.reduce((a, l) => a + Math.sqrt(Math.max(0, l)), 0);
  };
  const verdicts: Array<{ observed: number; error: number; minimizer: boolean | null }> = [];
  for (const observed of [240, 540]) {
    const problem = problemOf(30, 30, 2, randomMask(900, observed));
    const entry = nuclearNormEntry(await nuclearNormMinimization(problem), 0, targetNuclearNorm(problem));
    // the zero eigenvalues of MᵀM come out at round-off, whose square roots add up to ~1e-6 relative
    assert.ok(Math.abs(entry.targetNuclearNorm! - nuclearOf(problem)) < 1e-5 * entry.targetNuclearNorm!);
    verdicts.push({ observed, error: entry.reconstructionError!, minimizer: targetIsMinimizer(entry) });
  }
  const [scarce, plentiful] = verdicts;
  assert.equal(plentiful.minimizer, true, JSON.stringify(plentiful));
  assert.ok(plentiful.error < 1e-5);
  assert.equal(scarce.minimizer, false, JSON.stringify(scarce));
  assert.ok(scarce.error > 1e-2, 'the optimum is not M, so it is far from it');
  // without a ground truth there is nothing to compare
  const unknown = { ...problemOf(6, 6, 1, 'all'), hasGroundTruth: false };
  assert.equal(targetNuclearNorm(unknown), null);
  assert.equal(targetIsMinimizer(nuclearNormEntry(await nuclearNormMinimization(unknown), 0, null)), null);
});
