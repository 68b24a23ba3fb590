// The completion loss a step evaluates on Ω's indices (loss.ts completionLossOn, the engine's
// workspace) against completionLoss over the whole mask (the records' definition) — the same bits —
// and against a brute-force sum over the observed entries; G stays 0 off Ω across steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradientWorkspace, factorShapes } from '../../../src/core/dynamics/gradient';
import { completionLoss, completionLossOn, observedIndices } from '../../../src/core/dynamics/loss';
import { JsArena } from '../../../src/core/linalg/wasm/wasmGemm';
import type { CompletionProblem } from '../../../src/core/types';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
}

function randomCompletion(rows: number, cols: number, density: number, seed: number): CompletionProblem {
  const rand = lcg(seed);
  const mask = Uint8Array.from({ length: rows * cols }, () => (rand() + 0.5 < density ? 1 : 0));
  // off Ω, M holds NaN (unknown entries): neither loss may read them
  const data = Float64Array.from(mask, (m) => (m ? 3 * rand() : NaN));
  return { kind: 'completion', rows, cols, matrix: { rows, cols, data }, mask, observedCount: mask.reduce((a, b) => a + b, 0), hasGroundTruth: false };
}

test('completionLossOn on Ω\'s indices equals completionLoss over the mask bit for bit, f and G, step after step', () => {
  for (const [rows, cols, density, seed] of [[7, 5, 0.3, 1], [40, 33, 0.2, 2], [100, 100, 0.2, 3], [9, 9, 1, 4]] as const) {
    const problem = randomCompletion(rows, cols, density, seed);
    const omega = observedIndices(problem.mask);
    assert.equal(omega.length, problem.observedCount);
    for (let t = 1; t < omega.length; t++) assert.ok(omega[t] > omega[t - 1] && problem.mask[omega[t]] === 1);
    const rand = lcg(seed + 100);
    const G = new Float64Array(rows * cols); // reused across "steps", as the workspace's G is
    for (let step = 0; step < 3; step++) {
      const W = Float64Array.from({ length: rows * cols }, () => rand());
      const Gfull = new Float64Array(rows * cols).fill(7); // completionLoss writes every entry
      const f = completionLoss(W, problem.matrix.data, problem.mask, problem.observedCount, Gfull);
      const fOn = completionLossOn(W, problem.matrix.data, omega, problem.observedCount, G);
      assert.ok(Object.is(f, fOn), `${rows}×${cols} step ${step}: ${f} vs ${fOn}`);
      assert.deepEqual(Array.from(G), Array.from(Gfull));
      // brute force: Σ_{(i,j)∈Ω} (W_ij − M_ij)² / (2|Ω|), row by row
      let brute = 0;
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (problem.mask[i * cols + j]) brute += Math.pow(W[i * cols + j] - problem.matrix.data[i * cols + j], 2);
      brute /= 2 * problem.observedCount;
      assert.ok(Math.abs(fOn - brute) <= 1e-14 * brute, `${fOn} vs brute force ${brute}`);
    }
  }
});

test('the workspace\'s completion G is P_Ω(W − M)/|Ω| with zeros off Ω after many evaluations (depth 3)', () => {
  const [rows, cols, width] = [12, 9, 6];
  const problem = randomCompletion(rows, cols, 0.35, 9);
  const ws = new GradientWorkspace(problem, 3, width, 0, new JsArena());
  const rand = lcg(11);
  const factors = factorShapes(rows, cols, 3, width).map(([r, c]) => Float64Array.from({ length: r * c }, () => rand()));
  const grads = factorShapes(rows, cols, 3, width).map(([r, c]) => new Float64Array(r * c));
  for (let step = 0; step < 5; step++) {
    const f = ws.evaluate(factors, grads); // W on Ω only (gradient.ts)
    // the whole W, as a record forms it: the same f and G, bit for bit
    assert.ok(Object.is(ws.lossAndResidual(factors), f));
    const W = ws.endToEnd;
    const expect = new Float64Array(rows * cols);
    const fFull = completionLoss(W, problem.matrix.data, problem.mask, problem.observedCount, expect);
    assert.ok(Object.is(f, fFull));
    assert.deepEqual(Array.from(ws.G), Array.from(expect));
    for (let l = 0; l < 3; l++) for (let i = 0; i < factors[l].length; i++) factors[l][i] -= 0.5 * grads[l][i];
  }
});
