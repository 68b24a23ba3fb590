import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExperimentText } from '../../../src/core/experiment/parse';
import { readExperiment } from '../../../src/core/experiment/index';

const JSONC = `{
  // GBL Fig. 1 (spec §1)
  "data": { "kind": "moments", "sigmaX": [1, 1, 1], "sigmaXY": [0.1, 0.01, 0.001], },
  /* two models */
  "models": [ { "depth": 1 }, { "depth": 2 }, ],
  "optimizer": { "stepSize": 0.5, "steps": 20000, },
}
`;

test('JSONC with comments and trailing commas parses without diagnostics', () => {
  const { value, diagnostics } = parseExperimentText(JSONC);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual((value as { models: unknown[] }).models, [{ depth: 1 }, { depth: 2 }]);
  const read = readExperiment(JSONC);
  assert.deepEqual(read.diagnostics, []);
  assert.ok(read.experiment);
});

test('truncated JSON gives one schema diagnostic with an offset, not a throw', () => {
  const text = '{ "data": { "kind": "moments", "sigmaX": [1, 1';
  const { diagnostics } = parseExperimentText(text);
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.code, 'schema');
  assert.equal(d.severity, 'error');
  assert.match(d.message, /ends early/);
  assert.ok(d.offset >= 0 && d.offset <= text.length);
  assert.match(d.path, /^\/data/);
  const read = readExperiment(text);
  assert.equal(read.experiment, null);
  assert.equal(read.diagnostics.length, 1);
});

test('a syntax error in the middle names its line and column', () => {
  const text = '{\n  "seed": 0,\n  "data": { "kind": "moments" "n": 3 }\n}';
  const { diagnostics } = parseExperimentText(text);
  assert.ok(diagnostics.length >= 1);
  assert.match(diagnostics[0].message, /line 3, column \d+: a comma is expected/);
  assert.equal(diagnostics[0].path.startsWith('/data'), true);
});

test('empty text and whitespace give a root schema diagnostic', () => {
  for (const text of ['', '   \n  ', '// only a comment\n']) {
    const read = readExperiment(text);
    assert.equal(read.experiment, null);
    assert.equal(read.diagnostics.length, 1);
    assert.equal(read.diagnostics[0].path, '');
    assert.equal(read.diagnostics[0].code, 'schema');
  }
});

test('every prefix of a valid file is read without throwing', () => {
  for (let cut = 0; cut < JSONC.length; cut += 3) {
    const read = readExperiment(JSONC.slice(0, cut));
    for (const d of read.diagnostics) {
      assert.equal(d.code, 'schema');
      assert.equal(typeof d.path, 'string');
      assert.equal(typeof d.message, 'string');
    }
    if (read.experiment === null) assert.ok(read.diagnostics.length > 0, `prefix ${cut}`);
  }
});
