// Sweeps (spec §2 `sweep`) from the editor, in a real host: `lnnLab.run` (the worker) and
// `lnnLab.openLab` (the panel: float64 on the host, or tfjs WebGL in the webview) run every value and write results whose
// `sweep.points` align with the values, accepted by checkResults; a cancel keeps the points done.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { checkResults } from '../../src/core/results/check';
import { progressMessage, type RunOutcome } from '../../src/extension/runner';
import { labApi, scratch, waitFor } from './helpers';

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A 12×12 rank-2 completion, depths 2 and 3, swept over `values` at `path`. */
function sweepFile(path: string, values: unknown[], steps = 200, backend = 'js'): string {
  return JSON.stringify({
    name: 'tiny sweep',
    seed: 0,
    data: { kind: 'completion', rows: 12, cols: 12, rank: 2, observed: 60 },
    models: [{ depth: 2 }, { depth: 3 }],
    init: { scheme: 'gaussian', scale: 1e-3 },
    optimizer: { method: 'grouprmsprop', stepSize: 1e-2, steps },
    record: { every: 10 },
    compute: { backend },
    sweep: { path, values },
  });
}

type SweepResults = {
  sweep: { path: string; values: unknown[]; points: Array<{ value: unknown; final: Record<string, number | null>; baseline: number | null }> };
  runs: Array<{ stopReason: string; backend: string; precision: string }>;
};

suite('sweep', () => {
  suiteSetup(async () => {
    await labApi();
  });

  test('lnnLab.run on a file with a sweep: one point per value, results checkResults accepts', async () => {
    const values = [50, 80];
    const uri = scratch('sweep-run', undefined, sweepFile('/data/observed', values));
    const outcome = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', uri);
    assert.ok(outcome.resultsPath, outcome.reason);
    assert.equal(outcome.cancelled, false);
    const results = readJson(outcome.resultsPath) as SweepResults;
    assert.deepEqual(checkResults(results), []);
    assert.deepEqual(results.sweep.points.map((p) => p.value), values);
    for (const p of results.sweep.points) {
      assert.deepEqual(Object.keys(p.final).sort(), ['depth 2', 'depth 3']);
      assert.equal(typeof p.baseline, 'number', 'the nuclear-norm baseline at every value');
    }
    assert.deepEqual(outcome.reply?.sweep, { done: values.length, count: values.length });
  });

  test('cancel a sweep during its second value: progress names the value, the first point is kept', async () => {
    // the first value is short, the second long
    const uri = scratch('sweep-cancel', undefined, sweepFile('/optimizer/steps', [100, 5000000]));
    const api = await labApi();
    const pending = vscode.commands.executeCommand<RunOutcome>('lnnLab.run', uri) as Promise<RunOutcome>;
    // well into the second value (1 % of its steps): the first value's models and baseline, run beside it, are done
    const progress = await waitFor('the second value to run', () => (api.progress?.progress.point === 1 && api.progress.progress.progress.step > 50000 ? api.progress : undefined), 60_000);
    assert.deepEqual({ point: progress.progress.point, pointCount: progress.progress.pointCount }, { point: 1, pointCount: 2 });
    assert.match(progress.progress.progress.label, /= 5000000$/);
    assert.match(progressMessage(progress), /value 2\/2, model \d\/2\): step \d+\/5000000 — .* steps\/s$/);
    assert.equal(await vscode.commands.executeCommand('lnnLab.cancelRun'), true);
    const outcome = await pending;
    assert.equal(outcome.cancelled, true);
    const results = readJson(outcome.resultsPath!) as SweepResults;
    assert.deepEqual(checkResults(results), []);
    assert.deepEqual(results.sweep.points.map((p) => p.value), [100]);
    assert.equal(results.runs[0].stopReason, 'cancelled', 'the body is the value cut short');
  });

  test('lnnLab.openLab on a file with a sweep runs every value and saves the sweep', async () => {
    const values = [50, 80];
    const uri = scratch('sweep-lab', undefined, sweepFile('/data/observed', values, 100));
    const opened = await vscode.commands.executeCommand<{ results: SweepResults | null; out: string | null }>('lnnLab.openLab', uri);
    assert.ok(opened.out, 'a results file was written');
    const saved = readJson(opened.out!) as SweepResults;
    assert.deepEqual(checkResults(saved), []);
    assert.deepEqual(saved.sweep.points.map((p) => p.value), values);
    assert.deepEqual(opened.results!.sweep, saved.sweep, 'the command returns the sweep it saved');
  });

  test('lnnLab.openLab on a sweep with compute.backend "webgl": every value computed in the webview (float32), agreeing with float64', async () => {
    const values = [50, 80];
    const uri = scratch('sweep-webgl', undefined, sweepFile('/data/observed', values, 150, 'webgl'));
    const opened = await vscode.commands.executeCommand<{ results: SweepResults | null; out: string | null }>('lnnLab.openLab', uri);
    assert.ok(opened.out, 'a results file was written');
    const saved = readJson(opened.out!) as SweepResults;
    assert.deepEqual(checkResults(saved), []);
    assert.deepEqual(saved.sweep.points.map((p) => p.value), values);
    assert.deepEqual(saved.runs.map((r) => [r.backend, r.precision]), [['webgl', 'float32'], ['webgl', 'float32']], 'the last value ran on WebGL in the panel');
    // the same sweep in float64 on the host (the run command's worker)
    const reference = scratch('sweep-webgl-f64', undefined, sweepFile('/data/observed', values, 150, 'js'));
    const outcome = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', reference);
    const f64 = readJson(outcome.resultsPath!) as SweepResults;
    let identical = 0;
    for (const [i, p] of saved.sweep.points.entries()) {
      for (const label of ['depth 2', 'depth 3']) {
        const a = p.final[label]!;
        const b = f64.sweep.points[i].final[label]!;
        // spec §4: float32 agrees with float64 to 1e-3 of the quantity's scale (the error starts at 1)
        assert.ok(Math.abs(a - b) <= 1e-3, `${label} at ${values[i]}: webgl ${a} vs float64 ${b}`);
        if (a === b) identical++;
      }
      assert.ok(Math.abs(p.baseline! - f64.sweep.points[i].baseline!) <= 1e-6, 'the baseline is float64 on both sides');
    }
    // computed in float32, not float64 labelled "webgl": 150 float32 steps cannot land on float64's finals bit for bit
    assert.ok(identical < 2 * values.length, 'every final equals float64 exactly: nothing ran in float32');
  });

  test('lnnLab.openLab on a two-axis sweep (spec §5.5): the panel runs the grid; every point in order, with its runs, saved and returned', async () => {
    const grid = { axes: [{ path: '/data/observed', values: [50, 80] }, { path: '/optimizer/steps', values: [40, 70] }] };
    const uri = scratch('sweep-grid', undefined, JSON.stringify({ ...JSON.parse(sweepFile('/data/observed', [50])), sweep: grid }));
    const opened = await vscode.commands.executeCommand<{ results: SweepResults | null; out: string | null }>('lnnLab.openLab', uri);
    assert.ok(opened.out, 'a results file was written');
    const saved = readJson(opened.out!);
    assert.deepEqual(checkResults(saved), []);
    assert.deepEqual(saved.sweep.axes, grid.axes);
    assert.deepEqual(saved.sweep.points.map((p: { values: unknown[] }) => p.values), [[50, 40], [50, 70], [80, 40], [80, 70]]);
    for (const p of saved.sweep.points as Array<{ values: number[]; runs: Array<{ steps: number[] }> }>) {
      assert.deepEqual(p.runs.map((r) => r.steps.at(-1)), [p.values[1], p.values[1]], 'each point keeps its own runs');
    }
    assert.equal(saved.complete, true);
    assert.deepEqual(opened.results!.sweep, saved.sweep, 'the command returns the sweep it saved');
  });
});
