// JSON pointer → underline range (src/extension/ranges.ts) and the results path.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pointerRange } from '../../src/extension/ranges';
import { resultsPathFor } from '../../src/compute/resultsPath';

const text = readFileSync('examples/stepsize-breaks-eigengap.lnn.json', 'utf8');
const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end);

test('a pointer maps to its value', () => {
  assert.equal(slice(pointerRange(text, '/optimizer/stepSize')), '0.2');
  assert.equal(slice(pointerRange(text, '/optimizer/steps')), '400');
  assert.equal(slice(pointerRange(text, '/init/delta')), '8');
  assert.equal(slice(pointerRange(text, '/models/0/depth')), '2');
  assert.ok(slice(pointerRange(text, '/data')).startsWith('{ "kind": "moments"'));
  assert.equal(pointerRange(text, '/data').exact, true);
});

test('a missing field underlines its parent key, not the whole parent', () => {
  const r = pointerRange(text, '/models/0/width');
  assert.equal(r.exact, false);
  assert.ok(slice(r).length <= 20, slice(r));
  const key = pointerRange(text, '/optimizer/stopLoss');
  assert.equal(slice(key), '"optimizer"');
});

test('comments and trailing commas do not shift ranges', () => {
  const t = '// c\n{ /* x */ "optimizer": { "stepSize": 1e-3, }, }';
  const r = pointerRange(t, '/optimizer/stepSize');
  assert.equal(t.slice(r.start, r.end), '1e-3');
});

test('unparsable text maps to the start', () => {
  const r = pointerRange('', '/optimizer');
  assert.deepEqual([r.start, r.exact], [0, false]);
});

test('results path: beside the experiment, or in lnnLab.resultsFolder', () => {
  assert.equal(resultsPathFor('/w/a/x.lnn.json', '', '/w'), '/w/a/x.results.json');
  assert.equal(resultsPathFor('/w/a/x.lnn.json', 'results', '/w'), '/w/results/x.results.json');
  assert.equal(resultsPathFor('/w/a/x.lnn.json', '/abs', '/w'), '/abs/x.results.json');
  assert.equal(resultsPathFor('/w/a/x.lnn.json', 'out', undefined), '/w/a/out/x.results.json');
});
