import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readExperiment } from '../../../src/core/experiment/index';
import type { Diagnostic } from '../../../src/core/types';

const base = {
  data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [0.1, 0.01, 0.001] },
  models: [{ depth: 1 }, { depth: 2 }],
  optimizer: { stepSize: 0.5, steps: 1000 },
};

function diagnose(doc: unknown): Diagnostic[] {
  const r = readExperiment(JSON.stringify(doc));
  for (const d of r.diagnostics) assert.equal(d.code, 'schema');
  if (r.diagnostics.some((d) => d.severity === 'error')) assert.equal(r.experiment, null);
  return r.diagnostics;
}

const at = (ds: Diagnostic[], path: string) => ds.filter((d) => d.path === path);

test('a valid file has no diagnostics', () => {
  assert.deepEqual(diagnose(base), []);
});

test('negative steps: one diagnostic at /optimizer/steps naming the field and the value', () => {
  const ds = diagnose({ ...base, optimizer: { stepSize: 0.5, steps: -3 } });
  assert.equal(ds.length, 1);
  assert.equal(ds[0].path, '/optimizer/steps');
  assert.match(ds[0].message, /optimizer\.steps must be ≥ 1, not -3/);
});

test('wrong types name the field and the expected type', () => {
  const ds = diagnose({ ...base, seed: 'zero', optimizer: { stepSize: '0.5', steps: 2.5 } });
  assert.match(at(ds, '/seed')[0].message, /seed must be an integer, not the string "zero"/);
  assert.match(at(ds, '/optimizer/stepSize')[0].message, /must be a number/);
  assert.match(at(ds, '/optimizer/steps')[0].message, /must be an integer, not the number 2\.5/);
  assert.equal(ds.length, 3);
  const models = diagnose({ ...base, models: { depth: 2 } });
  assert.deepEqual(models.map((d) => d.path), ['/models']);
  assert.match(models[0].message, /models must be an array/);
});

test('missing required fields point at the parent and name the field', () => {
  const ds = diagnose({ data: base.data, optimizer: { steps: 10 } });
  const root = at(ds, '');
  assert.equal(root.length, 1);
  assert.match(root[0].message, /missing the required field "models"/);
  const opt = at(ds, '/optimizer');
  assert.equal(opt.length, 1);
  assert.match(opt[0].message, /"stepSize"/);
});

test('an unknown data kind is one diagnostic at /data/kind listing the kinds', () => {
  const ds = diagnose({ ...base, data: { kind: 'autoencodr', n: 10 } });
  assert.equal(ds.length, 1);
  assert.equal(ds[0].path, '/data/kind');
  assert.match(ds[0].message, /"autoencoder", "regression", "moments", "files", "mnist", "completion"/);
  assert.match(ds[0].message, /did you mean "autoencoder"/);
});

test('per-kind data errors come from that kind only', () => {
  const ds = diagnose({ ...base, data: { kind: 'autoencoder', n: 100, d: 10, rank: 2 } });
  assert.equal(ds.length, 1);
  assert.equal(ds[0].path, '/data');
  assert.match(ds[0].message, /"spectrum"/);
  const extra = diagnose({ ...base, data: { kind: 'autoencoder', n: 100, d: 10, p: 3, rank: 1, spectrum: [1] } });
  assert.equal(extra.length, 1);
  assert.equal(extra[0].path, '/data/p');
  assert.match(extra[0].message, /unknown field "p" in autoencoder data/);
  const noKind = diagnose({ ...base, data: { n: 3 } });
  assert.deepEqual(noKind.map((d) => d.path), ['/data']);
  assert.match(noKind[0].message, /"kind"/);
});

test('typos in field names suggest the right one', () => {
  const ds = diagnose({ ...base, optimizer: { stepsize: 0.5, steps: 10 } });
  const typo = at(ds, '/optimizer/stepsize')[0];
  assert.match(typo.message, /did you mean "stepSize"/);
});

test('enums, exclusive minimums, not-both rules and dependencies', () => {
  const ds = diagnose({
    ...base,
    init: { scheme: 'orthogonal', delta: 3, scale: 0.1 },
    compute: { backend: 'gpu' },
    theory: { rankTol: 0 },
  });
  assert.match(at(ds, '/init/scheme')[0].message, /"identity", "aligned", "gaussian"/);
  assert.match(at(ds, '/init')[0].message, /give "delta" or "scale", not both/);
  assert.match(at(ds, '/compute/backend')[0].message, /"auto", "webgl", "wasm", "cpu", "js"/);
  assert.match(at(ds, '/theory/rankTol')[0].message, /must be > 0/);
  const files = diagnose({ ...base, data: { kind: 'files', x: 'x.csv', y: 'y.csv', labels: 'l.csv' } });
  assert.deepEqual(files.map((d) => d.path), ['/data']);
  assert.match(files[0].message, /"y" or "labels", not both/);
  const comp = diagnose({ ...base, data: { kind: 'completion', rows: 5, cols: 5, rank: 1, observed: 5, mask: 'm.csv' } });
  assert.deepEqual(comp.map((d) => d.path), ['/data/mask']);
  assert.match(comp[0].message, /needs data\.matrix/);
});

test('moments: a bad entry deep in a nested array is reported there, a bad form once', () => {
  const deep = diagnose({ ...base, data: { kind: 'moments', sigmaX: [[1, 0], [0, 'x']], sigmaXY: [1, 1] } });
  assert.deepEqual(deep.map((d) => d.path), ['/data/sigmaX/1/1']);
  const form = diagnose({ ...base, data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: 'diag' } });
  assert.deepEqual(form.map((d) => d.path), ['/data/sigmaXY']);
});

test('semantic checks: spectrum length, rank bounds, shapes, labels, std, observed', () => {
  const ae = diagnose({ ...base, data: { kind: 'autoencoder', n: 10, d: 4, rank: 5, spectrum: [1, 2] } });
  assert.match(at(ae, '/data/spectrum')[0].message, /2 entries but data\.rank is 5/);
  assert.match(at(ae, '/data/rank')[0].message, /rank 5 > d = 4/);
  const reg = diagnose({ ...base, data: { kind: 'regression', n: 10, d: 4, p: 2, rank: 3, spectrum: [1, 1, 1] } });
  assert.deepEqual(reg.map((d) => d.path), ['/data/rank']);
  assert.match(reg[0].message, /min\(d, p\) = 2/);
  const shapes = diagnose({ ...base, data: { kind: 'moments', sigmaX: [[1, 0], [0, 1, 0]], sigmaXY: [[1], [2], [3]] } });
  assert.deepEqual(shapes.map((d) => d.path).sort(), ['/data/sigmaX/1', '/data/sigmaXY']);
  const labels = diagnose({ ...base, models: [{ depth: 1, label: 'x' }, { depth: 2, label: 'x' }] });
  assert.deepEqual(labels.map((d) => d.path), ['/models/1/label']);
  const std = diagnose({ ...base, init: { scheme: 'aligned', std: 0.1 } });
  assert.deepEqual(std.map((d) => d.path), ['/init/std']);
  const obs = diagnose({ ...base, data: { kind: 'completion', rows: 4, cols: 5, rank: 6, observed: 21 } });
  assert.deepEqual(obs.map((d) => d.path).sort(), ['/data/observed', '/data/rank']);
});

test('sweep: each value must give a valid experiment, the path must lead somewhere', () => {
  const ok = diagnose({ ...base, sweep: { path: '/init/delta', values: [4, 8, 12] } });
  assert.deepEqual(ok, []);
  const bad = diagnose({ ...base, sweep: { path: '/optimizer/steps', values: [10, -1, 'x'] } });
  assert.deepEqual(bad.map((d) => d.path), ['/sweep/values/1', '/sweep/values/2']);
  assert.match(bad[0].message, /sweep value -1 at optimizer\.steps/);
  const nowhere = diagnose({ ...base, sweep: { path: '/optimiser/steps', values: [1, 2] } });
  assert.deepEqual(nowhere.map((d) => d.path), ['/sweep/path']);
  const pattern = diagnose({ ...base, sweep: { path: 'optimizer.steps', values: [1] } });
  assert.deepEqual(pattern.map((d) => d.path), ['/sweep/path']);
  assert.match(pattern[0].message, /JSON pointer/);
});

test('a non-object file is one root diagnostic', () => {
  for (const text of ['[1, 2]', '42', '"x"', 'null']) {
    const r = readExperiment(text);
    assert.equal(r.experiment, null);
    assert.equal(r.diagnostics.length, 1, text);
    assert.equal(r.diagnostics[0].path, '');
  }
});
