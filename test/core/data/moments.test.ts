import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadProblem } from '../../../src/core/data/index';
import { checkMoments, momentsProblem } from '../../../src/core/data/moments';
import type { MomentsProblem } from '../../../src/core/types';
import { experiment, memoryIO } from './helpers';

const load = (data: Record<string, unknown>) => loadProblem(experiment({ kind: 'moments', ...data } as never), memoryIO());

test('GBL Fig. 1: number arrays are diagonals, nothing is drawn, trΣy null', async () => {
  const { problem, diagnostics } = await load({ sigmaX: [1, 1, 1], sigmaXY: [0.1, 0.01, 0.001] });
  assert.deepEqual(diagnostics, []);
  const p = problem as MomentsProblem;
  assert.deepEqual([p.d, p.p, p.n, p.traceSigmaY, p.groundTruth], [3, 3, null, null, null]);
  assert.deepEqual(Array.from(p.sigmaX.data), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(p.sigmaXY.data), [0.1, 0, 0, 0, 0.01, 0, 0, 0, 0.001]);
});

test('nested arrays are full matrices; Σxy may be rectangular', async () => {
  const { problem, diagnostics } = await load({ sigmaX: [[2, 1], [1, 2]], sigmaXY: [[1, 0, 0.5], [0, 1, 0]], n: 50 });
  assert.deepEqual(diagnostics, []);
  const p = problem as MomentsProblem;
  assert.deepEqual([p.d, p.p, p.n], [2, 3, 50]);
  assert.deepEqual(Array.from(p.sigmaXY.data), [1, 0, 0.5, 0, 1, 0]);
});

test('Σx not symmetric → data.moments error at /data', async () => {
  const { diagnostics } = await load({ sigmaX: [[1, 0.5], [0, 1]], sigmaXY: [1, 1] });
  assert.equal(diagnostics.length, 1);
  assert.deepEqual([diagnostics[0].code, diagnostics[0].severity, diagnostics[0].path], ['data.moments', 'error', '/data']);
  assert.match(diagnostics[0].message, /not symmetric/);
});

test('Σx not PSD → error', () => {
  const p = momentsProblem({ kind: 'moments', sigmaX: [[1, 2], [2, 1]], sigmaXY: [1, 0] });
  const d = checkMoments(p);
  assert.ok(d.some((x) => x.severity === 'error' && /positive semidefinite/.test(x.message)));
});

test('Σxy outside the range of a singular Σx → warnings (range, λ_i ≤ 0)', () => {
  const p = momentsProblem({ kind: 'moments', sigmaX: [1, 0], sigmaXY: [[0.5], [0.3]] });
  const d = checkMoments(p);
  assert.equal(d.length, 1); // the u_1 has λ > 0 although Σxy leaves the range
  assert.match(d[0].message, /range/);
  const q = momentsProblem({ kind: 'moments', sigmaX: [1, 0], sigmaXY: [0.5, 0.3] });
  const e = checkMoments(q);
  assert.deepEqual(e.map((x) => x.severity), ['warning', 'warning']);
  assert.match(e[1].message, /i = 2/);
});

test('a singular Σx with Σxy in its range is fine', () => {
  const p = momentsProblem({ kind: 'moments', sigmaX: [[1, 1], [1, 1]], sigmaXY: [[0.5], [0.5]] });
  assert.deepEqual(checkMoments(p), []);
});

test('shape mismatch and bad entries → diagnostics, not throws', async () => {
  const a = await load({ sigmaX: [1, 1, 1], sigmaXY: [[1], [2]] });
  assert.deepEqual([a.problem, a.diagnostics[0].code, a.diagnostics[0].path], [null, 'data.moments', '/data/sigmaXY']);
  const b = await load({ sigmaX: [[1, 2, 3], [4, 5, 6]], sigmaXY: [1, 1] });
  assert.equal(b.diagnostics[0].path, '/data/sigmaX');
  const c = await load({ sigmaX: [[1, 0], [0]], sigmaXY: [1, 1] });
  assert.equal(c.diagnostics[0].path, '/data/sigmaX/1');
});
