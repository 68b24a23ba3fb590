// Cao's stages (spec §2): the targets ½σ_i(M) and the first recorded step each singular value of W passes its target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeThresholds, updateEscapeSteps } from '../../../src/core/results/escape';
import { singularValues } from '../../../src/core/linalg/dense';
import { problemOf } from './helpers';

test('targets: half of each singular value of M above rankTol·σ1 — rank 3 gives three; none without ground truth', () => {
  const p = problemOf(12, 9, 3, 'all');
  const s = singularValues(p.matrix);
  assert.deepEqual(escapeThresholds(p, 1e-4), s.slice(0, 3).map((v) => v / 2));
  assert.equal(escapeThresholds({ ...p, hasGroundTruth: false }, 1e-4), null);
});

test('escape steps: the first recorded step above the target, kept once set', () => {
  const esc: Array<number | null> = [null, null];
  updateEscapeSteps(esc, [1, 0.5], [0.9, 0.1], 0);
  updateEscapeSteps(esc, [1, 0.5], [1.5, 0.2], 10);
  updateEscapeSteps(esc, [1, 0.5], [0.2, 0.6], 20);
  updateEscapeSteps(esc, [1, 0.5], [2, 0.7], 30);
  assert.deepEqual(esc, [10, 20]);
});
