import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadProblem } from '../../../src/core/data/index';
import type { CompletionProblem } from '../../../src/core/types';
import { csv } from './fixtureBytes';
import { experiment, memoryIO } from './helpers';

const ACHL = { kind: 'completion' as const, rows: 100, cols: 100, rank: 5, observed: 2000 };

test('ACHL setting: exactly `observed` distinct entries, ‖M‖_F² = rows·cols, rank 5', async () => {
  const { problem, diagnostics } = await loadProblem(experiment(ACHL), memoryIO());
  assert.deepEqual(diagnostics, []);
  const p = problem as CompletionProblem;
  assert.equal(p.kind, 'completion');
  assert.equal(p.mask.length, 10000);
  assert.equal(p.mask.reduce((s, v) => s + v, 0), 2000);
  assert.equal(p.observedCount, 2000);
  const norm2 = p.matrix.data.reduce((s, v) => s + v * v, 0);
  assert.ok(Math.abs(norm2 - 10000) < 1e-8, `${norm2}`);
  assert.equal(p.hasGroundTruth, true);
});

test('completion is reproducible and seed-dependent', async () => {
  const a = (await loadProblem(experiment(ACHL, 1), memoryIO())).problem as CompletionProblem;
  const b = (await loadProblem(experiment(ACHL, 1), memoryIO())).problem as CompletionProblem;
  const c = (await loadProblem(experiment(ACHL, 2), memoryIO())).problem as CompletionProblem;
  assert.deepEqual(a.mask, b.mask);
  assert.deepEqual(a.matrix.data, b.matrix.data);
  assert.notDeepEqual(a.mask, c.mask);
});

test('the mask is uniform: every entry observed about observed/total of the time', async () => {
  const counts = new Float64Array(12);
  for (let seed = 0; seed < 3000; seed++) {
    const p = (await loadProblem(experiment({ kind: 'completion', rows: 3, cols: 4, rank: 1, observed: 4 }, seed), memoryIO())).problem as CompletionProblem;
    p.mask.forEach((v, k) => (counts[k] += v));
  }
  for (const c of counts) assert.ok(Math.abs(c / 3000 - 1 / 3) < 0.04, `${c / 3000}`);
});

test('sparse sampling warns about rows/columns without an observation', async () => {
  const { problem, diagnostics } = await loadProblem(experiment({ ...ACHL, observed: 20 }), memoryIO());
  assert.ok(problem);
  assert.ok(diagnostics.length >= 1);
  for (const d of diagnostics) assert.deepEqual([d.code, d.severity, d.path], ['data.mask', 'warning', '/data/observed']);
});

test('observed beyond rows·cols or zero → data.mask error', async () => {
  for (const observed of [0, 10001]) {
    const { problem, diagnostics } = await loadProblem(experiment({ ...ACHL, observed }), memoryIO());
    assert.equal(problem, null);
    assert.deepEqual([diagnostics[0].code, diagnostics[0].severity], ['data.mask', 'error']);
  }
});

test('matrix and mask files: empty outside the mask = no ground truth', async () => {
  const spec = { ...ACHL, matrix: 'matrix.csv', mask: 'mask.csv' };
  const { problem, diagnostics } = await loadProblem(experiment(spec), memoryIO());
  assert.deepEqual(diagnostics, []);
  const p = problem as CompletionProblem;
  assert.deepEqual([p.rows, p.cols, p.observedCount, p.hasGroundTruth], [2, 3, 4, false]);
  assert.deepEqual(Array.from(p.mask), [1, 1, 0, 0, 1, 1]);
  assert.equal(p.matrix.data[4], 4);
});

test('mask files: wrong shape / none observed → error; empty row → warning', async () => {
  const io = memoryIO({
    'm.csv': csv([[1, 2, 3], [4, 5, 6]]),
    'wrong.csv': csv([[1, 1], [1, 1]]),
    'zero.csv': csv([[0, 0, 0], [0, 0, 0]]),
    'row.csv': csv([[1, 1, 1], [0, 0, 0]]),
    'hole.csv': csv([[1, 1, 1], [1, 1, 1]]),
    'holey.csv': csv([[1, 2, 3], [4, 'NaN', 6]]),
  });
  const run = (matrix: string, mask: string) => loadProblem(experiment({ ...ACHL, matrix, mask }), io);
  const wrong = await run('m.csv', 'wrong.csv');
  assert.deepEqual([wrong.problem, wrong.diagnostics[0].code, wrong.diagnostics[0].path], [null, 'data.mask', '/data/mask']);
  assert.match(wrong.diagnostics[0].message, /2×2 but m\.csv is 2×3/);
  const zero = await run('m.csv', 'zero.csv');
  assert.deepEqual([zero.problem, zero.diagnostics[0].code, zero.diagnostics[0].severity], [null, 'data.mask', 'error']);
  const row = await run('m.csv', 'row.csv');
  assert.ok(row.problem);
  assert.deepEqual(row.diagnostics.map((d) => [d.code, d.severity, d.path]), [['data.mask', 'warning', '/data/mask']]);
  assert.match(row.diagnostics[0].message, /row 2/);
  const hole = await run('holey.csv', 'hole.csv');
  assert.deepEqual([hole.problem, hole.diagnostics[0].code, hole.diagnostics[0].path], [null, 'data.file', '/data/matrix']);
  const missing = await run('absent.csv', 'hole.csv');
  assert.deepEqual([missing.diagnostics[0].code, missing.diagnostics[0].path], ['data.file', '/data/matrix']);
});
