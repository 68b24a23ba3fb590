// A sweep's point documents (core/sweep/points.ts): the file without its sweep, the point's values
// at the axes' pointers, the models keeping the base file's labels (spec §5.5), in the grid's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SweepPathError, sweepDocuments } from '../../../src/core/sweep/points';

const file = (sweep: unknown) =>
  JSON.stringify({
    data: { kind: 'moments', sigmaX: [1], sigmaXY: [0.5] },
    models: [{ depth: 2 }, { depth: 3, label: 'deep' }],
    optimizer: { stepSize: 0.1, steps: 10 },
    sweep,
  });

test('sweepDocuments: one document per grid point, in the spec\'s order, the labels the base file gives', () => {
  const { axes, grid, documents } = sweepDocuments(file({ axes: [{ path: '/models/0/depth', values: [1, 4] }, { path: '/optimizer/stepSize', values: [0.1, 0.2, 0.3] }] }));
  assert.equal(axes.length, 2);
  assert.equal(documents.length, 6);
  documents.forEach((text, k) => {
    const doc = JSON.parse(text);
    assert.equal(doc.sweep, undefined);
    assert.deepEqual([doc.models[0].depth, doc.optimizer.stepSize], grid[k]);
    assert.deepEqual(grid[k], [[1, 4][Math.floor(k / 3)], [0.1, 0.2, 0.3][k % 3]]);
    // the base file's default label, whatever depth the point runs; a given label kept
    assert.deepEqual(doc.models.map((m: { label: string }) => m.label), ['depth 2', 'deep']);
  });
  // the one-axis form reads the same
  const one = sweepDocuments(file({ path: '/optimizer/stepSize', values: [0.5] }));
  assert.deepEqual(one.grid, [[0.5]]);
  assert.equal(JSON.parse(one.documents[0]).optimizer.stepSize, 0.5);
  assert.throws(() => sweepDocuments(file({ axes: [{ path: '/optimizer/stepSize/x', values: [1] }] })), SweepPathError);
});
