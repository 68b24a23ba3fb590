import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readExperiment } from '../../../src/core/experiment/index';
import { dataDims, defaultLabels, finishWidths, initScale } from '../../../src/core/experiment/defaults';

function read(doc: unknown) {
  const r = readExperiment(JSON.stringify(doc));
  assert.deepEqual(r.diagnostics, []);
  assert.ok(r.experiment);
  return r;
}

const optimizer = { stepSize: 0.01, steps: 20000 };

test('every default of spec §2 is filled', () => {
  const { experiment: e } = read({
    data: { kind: 'autoencoder', n: 1000, d: 20, rank: 5, spectrum: [4, 2, 1, 0.5, 0.25] },
    models: [{ depth: 1 }, { depth: 2, width: 20, label: 'two-layer' }],
    optimizer,
  });
  assert.ok(e);
  assert.equal(e.seed, 0);
  assert.deepEqual(e.models, [
    { depth: 1, width: 20, label: 'depth 1' },
    { depth: 2, width: 20, label: 'two-layer' },
  ]);
  assert.deepEqual(e.init, { scheme: 'identity', delta: 8 });
  assert.deepEqual(e.optimizer, { method: 'gd', stepSize: 0.01, steps: 20000 });
  assert.deepEqual(e.record, { every: 40 });
  assert.deepEqual(e.compute, { backend: 'auto', precision: 'auto' });
  assert.deepEqual(e.theory, { rankTol: 1e-4 });
  assert.equal(e.data.kind === 'autoencoder' && e.data.noise, 0);
  assert.equal(e.name, undefined);
  assert.equal(e.sweep, undefined);
});

test('given values are kept; record.every = max(1, ⌊steps/500⌋)', () => {
  const { experiment: e } = read({
    name: 'x',
    seed: 7,
    data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [[1, 0, 0], [0, 1, 0]] },
    models: [{ depth: 3, width: 5 }],
    init: { scheme: 'aligned', scale: 0.01 },
    optimizer: { method: 'flow', stepSize: 0.1, steps: 499, stopLoss: 1e-6 },
    compute: { backend: 'js' },
    sweep: { path: '/init/scale', values: [0.1, 0.01] },
  });
  assert.ok(e);
  assert.equal(e.name, 'x');
  assert.equal(e.seed, 7);
  assert.deepEqual(e.models, [{ depth: 3, width: 5, label: 'depth 3' }]);
  assert.deepEqual(e.init, { scheme: 'aligned', scale: 0.01 });
  assert.equal(e.optimizer.stopLoss, 1e-6);
  assert.deepEqual(e.record, { every: 1 });
  assert.deepEqual(e.compute, { backend: 'js', precision: 'auto' });
  assert.deepEqual(e.sweep, { path: '/init/scale', values: [0.1, 0.01] });
});

test('width = max(d, p) per kind; files wait for the data', () => {
  const w = (data: unknown) => read({ data, models: [{ depth: 2 }], optimizer }).experiment?.models[0].width;
  assert.equal(w({ kind: 'autoencoder', n: 10, d: 6, rank: 1, spectrum: [1] }), 6);
  assert.equal(w({ kind: 'regression', n: 10, d: 6, p: 9, rank: 1, spectrum: [1] }), 9);
  assert.equal(w({ kind: 'moments', sigmaX: [1, 1], sigmaXY: [[1, 0, 0], [0, 1, 0]] }), 3);
  assert.equal(w({ kind: 'moments', sigmaX: [[2, 0], [0, 1]], sigmaXY: [1, 1] }), 2);
  assert.equal(w({ kind: 'mnist' }), 784);
  assert.equal(w({ kind: 'completion', rows: 100, cols: 80, rank: 5, observed: 2000 }), 100);
  const files = read({ data: { kind: 'files', x: 'x.csv' }, models: [{ depth: 2 }, { depth: 3, width: 4 }], optimizer });
  assert.equal(files.widthsPending, true);
  assert.equal(files.experiment?.models[0].width, undefined);
  assert.equal(files.experiment?.models[1].width, 4);
  const done = finishWidths(files.experiment!, { d: 7, p: 3 });
  assert.deepEqual(done.models.map((m) => m.width), [7, 4]);
  assert.equal(dataDims({ kind: 'files', x: 'x.csv' }), null);
});

test('completion defaults to a gaussian init of scale 1e-3; mnist n 10000', () => {
  const c = read({ data: { kind: 'completion', rows: 10, cols: 10, rank: 2, observed: 50 }, models: [{ depth: 3 }], optimizer });
  assert.deepEqual(c.experiment?.init, { scheme: 'gaussian', scale: 1e-3 });
  const g = read({ data: { kind: 'mnist' }, models: [{ depth: 2 }], init: { scheme: 'gaussian', std: 0.01 }, optimizer });
  assert.deepEqual(g.experiment?.init, { scheme: 'gaussian', std: 0.01 });
  assert.deepEqual(g.experiment?.data, { kind: 'mnist', n: 10000, center: false });
  const a = read({ data: { kind: 'mnist', n: 100 }, models: [{ depth: 2 }], init: { scheme: 'aligned' }, optimizer });
  assert.deepEqual(a.experiment?.init, { scheme: 'aligned', delta: 8 });
});

test('initScale is e^(−δ) or scale', () => {
  assert.equal(initScale({ scheme: 'identity', delta: 8 }), Math.exp(-8));
  assert.equal(initScale({ scheme: 'identity', scale: 0.5 }), 0.5);
  assert.equal(initScale({ scheme: 'gaussian', std: 0.1 }), null);
});

test('default labels are "depth L" and unique', () => {
  assert.deepEqual(defaultLabels([{ depth: 1 }, { depth: 2 }]), ['depth 1', 'depth 2']);
  assert.deepEqual(defaultLabels([{ depth: 2, width: 5 }, { depth: 2, width: 20 }]), ['depth 2, width 5', 'depth 2, width 20']);
  assert.deepEqual(defaultLabels([{ depth: 2 }, { depth: 2 }]), ['depth 2', 'depth 2 (2)']);
  assert.deepEqual(defaultLabels([{ depth: 2 }, { depth: 3, label: 'depth 2' }]), ['depth 2 (2)', 'depth 2']);
});
