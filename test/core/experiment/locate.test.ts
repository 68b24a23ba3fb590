import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineColAt, locate } from '../../../src/core/experiment/locate';
import { fieldName, formatPointer, parsePointer } from '../../../src/core/experiment/pointer';

const TEXT = [
  '{', //                                            line 1
  '  // a comment', //                               line 2
  '  "data": { "kind": "moments", "sigmaX": [1, 2], "sigmaXY": [3, 4] },', // line 3
  '  "models": [', //                                line 4
  '    { "depth": 1 },', //                          line 5
  '    { "depth": 2, "label": "a/b" }', //           line 6
  '  ],', //                                         line 7
  '  "optimizer": {', //                             line 8
  '    "stepSize": 0.5,', //                         line 9
  '    "steps": 100,', //                            line 10
  '  },', //                                         line 11
  '  "x/y": { "~t": 7 }', //                         line 12
  '}',
].join('\n');

test('locate maps pointers to 1-based line and column of the value', () => {
  const r = locate(TEXT, '/optimizer/stepSize');
  assert.equal(r.line, 9);
  assert.equal(r.col, 17);
  assert.equal(TEXT.slice(r.offset, r.offset + r.length), '0.5');
  assert.equal(r.exact, true);
  assert.ok(r.key);
  assert.equal(TEXT.slice(r.key.offset, r.key.offset + r.key.length), '"stepSize"');

  const depth = locate(TEXT, '/models/1/depth');
  assert.deepEqual([depth.line, depth.col], [6, 16]);
  assert.equal(TEXT.slice(depth.offset, depth.offset + depth.length), '2');

  const sx = locate(TEXT, '/data/sigmaX/1');
  assert.equal(sx.line, 3);
  assert.equal(TEXT.slice(sx.offset, sx.offset + sx.length), '2');
});

test('a missing property maps to its parent object; the root to offset 0', () => {
  const r = locate(TEXT, '/optimizer/method');
  assert.equal(r.exact, false);
  assert.equal(r.line, 8);
  assert.equal(TEXT[r.offset], '{');
  const deep = locate(TEXT, '/init/delta');
  assert.equal(deep.exact, false);
  assert.equal(deep.offset, 0);
  const root = locate(TEXT, '');
  assert.deepEqual([root.offset, root.line, root.col, root.exact], [0, 1, 1, true]);
  const idx = locate(TEXT, '/models/7/width');
  assert.equal(idx.line, 4); // the models array
});

test('escaped pointer segments (~1, ~0) and unparsable text', () => {
  const r = locate(TEXT, '/x~1y/~0t');
  assert.equal(r.exact, true);
  assert.equal(TEXT.slice(r.offset, r.offset + r.length), '7');
  const bad = locate('', '/data');
  assert.deepEqual([bad.offset, bad.line, bad.col], [0, 1, 1]);
});

test('lineColAt counts \\n and \\r\\n line ends', () => {
  assert.deepEqual(lineColAt('ab\ncd', 4), { line: 2, col: 2 });
  assert.deepEqual(lineColAt('ab\r\ncd', 5), { line: 2, col: 2 });
  assert.deepEqual(lineColAt('x', 99), { line: 1, col: 2 });
});

test('pointers round-trip and read in plain words', () => {
  assert.deepEqual(parsePointer('/models/1/depth'), ['models', 1, 'depth']);
  assert.equal(formatPointer(['a/b', '~', 0]), '/a~1b/~0/0');
  assert.equal(fieldName('/models/1/depth'), 'models[1].depth');
  assert.equal(fieldName(''), 'the experiment');
});
