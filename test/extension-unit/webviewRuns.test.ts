// The panel's float32 runs are checked against the job's own models and problem before they are
// kept (src/extension/webviewExecutor.ts mismatch): a run computed from the input passes, a run of
// another model, another size or past the steps is refused.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import { createProblemCache } from '../../src/core/data/index';
import { modelsOf, prepareExperiment, runModelOf } from '../../src/core/lab';
import { mismatch } from '../../src/extension/webviewExecutor';

const float64 = { factory: createFloat64Engine, backend: 'js' as const, precision: 'float64' as const };
const noFiles = { readFile: async (p: string): Promise<Uint8Array> => { throw new Error(p); } };

for (const data of [
  { kind: 'regression', n: 200, d: 6, p: 3, rank: 2, spectrum: [1, 0.4], noise: 0.01 },
  { kind: 'completion', rows: 8, cols: 6, rank: 2, observed: 30 },
]) {
  test(`a run of the input passes; a tampered one is named (${data.kind})`, async () => {
    const text = JSON.stringify({ data, models: [{ depth: 2 }, { depth: 3 }], optimizer: { stepSize: 0.01, steps: 40 }, record: { every: 10 } });
    const input = modelsOf(await prepareExperiment(text, noFiles, createProblemCache()));
    const run = await runModelOf(input, 1, float64);
    assert.equal(mismatch(run, input, 1), null);
    assert.match(mismatch(run, input, 0) ?? '', /is "depth 3" depth 3/);
    assert.match(mismatch(run, input, 2) ?? '', /run 2 of 2 models/);
    assert.match(mismatch({ ...run, singularValues: run.singularValues.map((s) => s.slice(1)) }, input, 1) ?? '', /min\(d, p\)/);
    assert.match(mismatch({ ...run, steps: [...run.steps.slice(0, -1), 41] }, input, 1) ?? '', /outside 0…40/);
  });
}
