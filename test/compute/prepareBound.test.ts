// A check stays bounded (spec §5.7: preparation estimated past the bound is refused before it
// starts), but a run the user asks for is not: the job layer lifts the bound, and a check's
// refusal cached for the file is never what the run gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runText } from '../../src/compute/runText';
import { createProblemCache } from '../../src/core/data/index';
import { prepareExperiment } from '../../src/core/lab';

const text = JSON.stringify({
  data: { kind: 'autoencoder', n: 300, d: 8, rank: 2, spectrum: [2, 1], noise: 0.01 },
  models: [{ depth: 2 }],
  init: { scheme: 'identity', delta: 6 },
  optimizer: { method: 'gd', stepSize: 0.01, steps: 200 },
  compute: { backend: 'js' },
});
const files = { readFile: async (p: string): Promise<Uint8Array> => { throw new Error(`no file ${p}`); } };
// a check's bound far below what preparing this file takes: the check must refuse it
const checkIO = { ...files, budget: { memoryBytes: 2 ** 40, threads: 2, prepareSeconds: 1e-12 } };

test('a check refuses preparation past its bound; the run of the same file, through the same cache, runs', async () => {
  const cache = createProblemCache();
  const checked = await prepareExperiment(text, checkIO, cache);
  assert.equal(checked.refused, true);
  const bound = checked.diagnostics.find((d) => d.code === 'budget.time' && d.severity === 'error');
  assert.ok(bound, JSON.stringify(checked.diagnostics));
  assert.equal(bound.limit, 1e-12);
  const results = await runText(text, { io: checkIO, cache });
  assert.equal(results.complete, true);
  assert.equal(results.runs[0].stopReason, 'completed');
  assert.equal(results.diagnostics.some((d) => d.code === 'budget.time' && d.severity === 'error'), false);
  // and the check still refuses afterwards (the run's load did not become the check's)
  assert.equal((await prepareExperiment(text, checkIO, cache)).refused, true);
});
