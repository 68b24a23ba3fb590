import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadProblem } from '../../../src/core/data/index';
import { nodeDataIO } from '../../../src/core/io';
import type { Mat, MomentsProblem } from '../../../src/core/types';
import { csv, IMAGES, LABELS, X } from './fixtureBytes';
import { experiment, memoryIO } from './helpers';

const naive = (xs: number[][], ys: number[][]) =>
  xs[0].map((_, i) => ys[0].map((_, j) => xs.reduce((s, x, k) => s + x[i] * ys[k][j], 0) / xs.length));
const rowsOf = (m: Mat) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

function assertClose(m: Mat, ref: number[][]) {
  const got = rowsOf(m);
  assert.equal(got.length, ref.length);
  got.forEach((r, i) => r.forEach((v, j) => assert.ok(Math.abs(v - ref[i][j]) < 1e-12, `(${i},${j}) ${v} vs ${ref[i][j]}`)));
}

async function load(data: Record<string, unknown>, io = memoryIO()) {
  return loadProblem(experiment({ kind: 'files', ...data } as never), io);
}

test('files, autoencoder (no y): Σx = Σxy = XᵀX/n, trΣy = ‖X‖²/n', async () => {
  const { problem, diagnostics } = await load({ x: 'x_header.csv' });
  assert.deepEqual(diagnostics, []);
  const p = problem as MomentsProblem;
  assert.deepEqual([p.n, p.d, p.p], [4, 3, 3]);
  assertClose(p.sigmaX, naive(X, X));
  assertClose(p.sigmaXY, naive(X, X));
  assert.ok(Math.abs((p.traceSigmaY as number) - X.flat().reduce((s, v) => s + v * v, 0) / 4) < 1e-12);
  assert.equal(p.groundTruth, null);
});

test('files, labels → one-hot, p = number of classes', async () => {
  const { problem, diagnostics } = await load({ x: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte' });
  assert.deepEqual(diagnostics, []);
  const p = problem as MomentsProblem;
  const classes = [...new Set(LABELS)].sort((a, b) => a - b); // 0, 3, 7
  const Y = LABELS.map((l) => classes.map((c) => (c === l ? 1 : 0)));
  assert.deepEqual([p.n, p.d, p.p], [4, 6, 3]);
  assertClose(p.sigmaX, naive(IMAGES, IMAGES));
  assertClose(p.sigmaXY, naive(IMAGES, Y));
  assert.equal(p.traceSigmaY, 1);
});

test('files, y and groundTruth, centered', async () => {
  const Yrows = [[1, 0], [0, 1], [2, 2], [1, -1]];
  const io = memoryIO({ 'x.json': new TextEncoder().encode(JSON.stringify(X)), 'y.csv': csv(Yrows), 'w.csv': csv([[1, 0], [0, 1], [0, 0]]) });
  const { problem, diagnostics } = await load({ x: 'x.json', y: 'y.csv', groundTruth: 'w.csv', center: true }, io);
  assert.deepEqual(diagnostics, []);
  const p = problem as MomentsProblem;
  const mu = X[0].map((_, j) => X.reduce((s, r) => s + r[j], 0) / 4);
  const Xc = X.map((r) => r.map((v, j) => v - mu[j]));
  assertClose(p.sigmaX, naive(Xc, Xc));
  assertClose(p.sigmaXY, naive(Xc, Yrows));
  assert.deepEqual(Array.from((p.groundTruth as Mat).data), [1, 0, 0, 1, 0, 0]);
});

const badCases: Array<[string, Record<string, unknown>, string, RegExp]> = [
  ['missing file', { x: 'nope.csv' }, '/data/x', /nope\.csv: not found/],
  ['ragged csv', { x: 'ragged.csv' }, '/data/x', /ragged\.csv.*line 2/],
  ['NaN', { x: 'x.csv', y: 'nan.csv' }, '/data/y', /nan\.csv/],
  ['unknown extension', { x: 'x.txt' }, '/data/x', /x\.txt: unknown format/],
  ['mismatched rows', { x: 'x.csv', y: 'y.json' }, '/data/y', /3 rows.*4/],
  ['mismatched labels', { x: 'y.json', labels: 'labels.json' }, '/data/labels', /4 labels/],
  ['non-integer labels', { x: 'x.csv', labels: 'x.csv' }, '/data/labels', /one column/],
  ['groundTruth shape', { x: 'train-images-idx3-ubyte', labels: 'labels.json', groundTruth: 'groundTruth.json' }, '/data/groundTruth', /groundTruth.json is 3×3, expected d×p = 6×3/],
  ['Fortran npy', { x: 'x_fortran.npy' }, '/data/x', /Fortran/],
];

for (const [name, data, path, message] of badCases) {
  test(`bad input (${name}) → data.file at ${path}, never a throw`, async () => {
    const { problem, diagnostics } = await load(data);
    assert.equal(problem, null);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'data.file');
    assert.equal(diagnostics[0].severity, 'error');
    assert.equal(diagnostics[0].path, path);
    assert.match(diagnostics[0].message, message);
  });
}

test('huge dimensions → data.file', async () => {
  const header = new Uint8Array([0, 0, 8, 2, 0, 0, 0xea, 0x60, 0, 0, 0x75, 0x30]); // 60000 × 30000
  const { problem, diagnostics } = await load({ x: 'big-idx2-ubyte' }, memoryIO({ 'big-idx2-ubyte': header }));
  assert.equal(problem, null);
  assert.equal(diagnostics[0].path, '/data/x');
  assert.match(diagnostics[0].message, /too many/);
});

test('nodeDataIO reads relative to the experiment file', async () => {
  const io = nodeDataIO(join(__dirname, '..', '..', 'fixtures', 'data', 'exp.lnn.json'));
  const { problem, diagnostics } = await loadProblem(experiment({ kind: 'files', x: 'x_f32.npy', labels: 'numpy_i64_labels.npy' } as never), io);
  assert.match(diagnostics[0]?.message ?? '', /3 labels but x_f32\.npy has 4 rows/);
  assert.equal(problem, null);
  const ok = await loadProblem(experiment({ kind: 'files', x: 'numpy_f32.npy', labels: 'numpy_i64_labels.npy' } as never), io);
  assert.deepEqual(ok.diagnostics, []);
  assert.equal((ok.problem as MomentsProblem).p, 3);
  const missing = await loadProblem(experiment({ kind: 'files', x: 'absent.csv' } as never), io);
  assert.equal(missing.diagnostics[0].path, '/data/x');
  assert.match(missing.diagnostics[0].message, /absent\.csv: not found/);
});
