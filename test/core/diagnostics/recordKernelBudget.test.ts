// budget.memory's record kernels (budget.ts recordKernelDoubles) against what they really hold after
// a record that follows ACHL Thm 3's rates: the bidiagonalization kernel's own memory
// (bidiagonalWasm.ts, grown to the largest W seen), the problem's metrics arena (metrics.ts) and the
// reduced-rank distances' kernel memory (distancesWasm.ts, r = min(d, p) terms).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordKernelDoubles } from '../../../src/core/diagnostics/budget';
import { bidiagonalKernelBytes } from '../../../src/core/linalg/bidiagonalWasm';
import { distancesKernelBytes } from '../../../src/core/linalg/distancesWasm';
import { computeTheory } from '../../../src/core/theory/index';
import { metricsArenaBytes, recordMetrics } from '../../../src/core/results/metrics';
import type { MomentsProblem } from '../../../src/core/types';

let seed = 5;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
const PAGE = 65536;

test('after a record with rates, the kernels hold no more than recordKernelDoubles (tall, wide and square W, in growing size)', () => {
  for (const [d, p] of [[200, 60], [60, 250], [150, 150], [320, 140]]) {
    const sx = new Float64Array(d * d);
    for (let i = 0; i < d; i++) sx[i * d + i] = 1 + i / d;
    const problem = { kind: 'moments', n: null, d, p, sigmaX: { rows: d, cols: d, data: sx }, sigmaXY: { rows: d, cols: p, data: Float64Array.from({ length: d * p }, rnd) }, traceSigmaY: 1, groundTruth: null } as unknown as MomentsProblem;
    const W = { rows: d, cols: p, data: Float64Array.from({ length: d * p }, rnd) };
    const theory = computeTheory(problem, 1e-8);
    const m = recordMetrics(problem, theory, W, 8);
    assert.equal(m.singularValues.length, Math.min(d, p));
    assert.equal(m.reducedRankDistance!.length, theory.rxy + 1);
    assert.equal(theory.rxy, Math.min(d, p), 'as many terms as can be');
    m.top!.pair(0);
    const held = bidiagonalKernelBytes() + metricsArenaBytes(problem) + distancesKernelBytes();
    const estimate = 8 * recordKernelDoubles('moments', d, p);
    assert.ok(held > 0, `${d}×${p}: the kernels ran`);
    assert.ok(held <= estimate + 2 * PAGE, `${d}×${p}: the kernels hold ${held} bytes, the estimate ${estimate}`);
  }
});
