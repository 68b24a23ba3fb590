// History in the panel, in Node: the fields two experiments differ in (shared/experimentDiff.ts),
// and the host's listing of .lnn-lab/history/NAME/ (extension/panelHistory.ts, no vscode) after
// Keep replaced the results twice — newest first, with the kept runs' changes against the results
// saved now — and the reducer keeping the listing. Run by state.test.ts (npm run test:webview).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { historyFolder } from '../../src/compute/claim';
import { keepResults } from '../../src/compute/keep';
import type { Results } from '../../src/core/types';
import { listHistory } from '../../src/extension/panelHistory';
import { changeText, experimentDiff } from '../../src/shared/experimentDiff';
import { initialState, reduce } from '../../src/webview/state';
import { prepareFile, runFloat64 } from './harness';

describe('history in the panel (no DOM)', () => {
  let dir: string;
  let base: Results;
  const withStep = (r: Results, stepSize: number, steps?: number): Results => ({ ...r, experiment: { ...r.experiment, optimizer: { ...r.experiment.optimizer, stepSize, ...(steps ? { steps } : {}) } } });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lnn-history-'));
    base = await runFloat64(await prepareFile('examples/stepsize-breaks-eigengap.lnn.json'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('experimentDiff: every differing leaf by pointer, arrays by index, added and removed fields', () => {
    const a = { optimizer: { stepSize: 0.1, steps: 100 }, models: [{ depth: 1 }, { depth: 2, width: 5 }], data: { spectrum: [3, 2, 1] } };
    const b = { optimizer: { stepSize: 0.05, steps: 100 }, models: [{ depth: 1 }, { depth: 3 }], data: { spectrum: [3, 2, 1.5] }, seed: 4 };
    assert.deepEqual(experimentDiff(a, b), [
      { path: '/optimizer/stepSize', from: 0.1, to: 0.05 },
      { path: '/models/1/depth', from: 2, to: 3 },
      { path: '/models/1/width', from: 5, to: undefined },
      { path: '/data/spectrum/2', from: 1, to: 1.5 },
      { path: '/seed', from: undefined, to: 4 },
    ]);
    assert.deepEqual(experimentDiff(a, structuredClone(a)), []);
    assert.equal(changeText({ path: '/optimizer/stepSize', from: 0.1, to: 0.05 }), '/optimizer/stepSize 0.1 → 0.05');
    assert.equal(changeText({ path: '/seed', from: undefined, to: 4 }), '/seed — → 4');
  });

  it('lists the kept results newest first, each with what changed since, against the results saved now', async () => {
    const experiment = join(dir, 'e.lnn.json');
    writeFileSync(experiment, '{}');
    const out = join(dir, 'e.results.json');
    const eta = base.experiment.optimizer.stepSize!;
    const steps = base.experiment.optimizer.steps!;
    await keepResults(out, experiment, withStep(base, eta));
    await new Promise((r) => setTimeout(r, 20));
    await keepResults(out, experiment, withStep(base, eta / 2));
    await new Promise((r) => setTimeout(r, 20));
    await keepResults(out, experiment, withStep(base, eta / 4, steps * 2));
    const current = JSON.parse(readFileSync(out, 'utf8')) as Results;
    assert.equal(current.experiment.optimizer.stepSize, eta / 4);
    const entries = await listHistory(out, current);
    assert.equal(entries.length, 2, 'two results were replaced');
    assert.ok(entries.every((e) => e.file.startsWith(historyFolder(out))));
    assert.ok(entries[0].time > entries[1].time, `newest first: ${entries.map((e) => e.time)}`);
    assert.deepEqual(entries[0].changed, [
      { path: '/optimizer/stepSize', from: eta / 2, to: eta / 4 },
      { path: '/optimizer/steps', from: steps, to: steps * 2 },
    ]);
    assert.deepEqual(entries[1].changed.map((c) => [c.path, c.from]), [['/optimizer/stepSize', eta], ['/optimizer/steps', steps]]);
    assert.ok(entries.every((e) => e.complete === true));
    assert.deepEqual(await listHistory(join(dir, 'none.results.json'), current), [], 'no history: nothing listed');

    const s = reduce(initialState, { type: 'history', experiment, entries });
    assert.equal(s.history?.entries, entries);
  });
});
