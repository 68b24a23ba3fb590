// Every starter experiment (`lnn-lab new`, VS Code's New Experiment…) checks clean of errors and
// warnings on synthetic data (the `files` template names data files the user supplies), and runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runText } from '../../../src/compute/runText';
import { prepareExperiment } from '../../../src/core/lab';
import { checkResults } from '../../../src/core/results/check';
import { starterExperiment, TEMPLATES } from '../../../src/core/experiment/templates';
import { parseExperimentText } from '../../../src/core/experiment/parse';
import { createProblemCache } from '../../../src/core/data/index';

const noFiles = { readFile: async (p: string): Promise<Uint8Array> => { throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' }); } };

test('every template (completion and sweep included) checks clean and names the experiment after its file', async () => {
  assert.ok(['autoencoder', 'moments', 'regression', 'completion', 'sweep', 'files'].every((t) => t in TEMPLATES), Object.keys(TEMPLATES).join(', '));
  for (const name of Object.keys(TEMPLATES)) {
    const text = starterExperiment(name, `my-${name}`)!;
    const doc = parseExperimentText(text).value as { name: string; data: { kind: string } };
    assert.equal(doc.name, `my-${name}`);
    const prepared = await prepareExperiment(text, noFiles, createProblemCache());
    const problems = prepared.diagnostics.filter((d) => d.severity !== 'info' && !(doc.data.kind === 'files' && d.code === 'data.file'));
    assert.deepEqual(problems.map((d) => `${d.code} at ${d.path}: ${d.message}`), [], name);
  }
});

test('the sweep template runs every value, and depth 3 recovers M from fewer entries than depth 2 (ACHL Fig. 1)', async () => {
  const text = starterExperiment('sweep', 'sweep')!;
  const results = await runText(text, { io: noFiles });
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
  const values = (parseExperimentText(text).value as { sweep: { values: number[] } }).sweep.values;
  assert.deepEqual(results.sweep!.points.map((p) => p.value), values);
  // the fewest entries at which each depth reaches 1e-3
  const first = (label: string) => results.sweep!.points.find((p) => (p.final[label] ?? Infinity) < 1e-3)?.value as number | undefined;
  const d2 = first('depth 2');
  const d3 = first('depth 3');
  assert.ok(d3 !== undefined, 'depth 3 recovers M within the sweep');
  assert.ok(d2 === undefined || d3 < d2, `depth 3 from ${d3}, depth 2 from ${d2}`);
});
