// The lab page's reducer (src/webview/state.ts) in Node, without a browser: what each host message
// and page event does to the state, that live records rebuild the run the host sliced, and that
// no event changes the state it was given.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import { nodeDataIO } from '../../src/core/io';
import { prepareExperiment, runExperiment } from '../../src/core/lab';
import type { Diagnostic, Results, RunResult } from '../../src/core/types';
import type { EngineInfo, SourceInfo } from '../../src/shared/messages';
import { sliceRun } from '../../src/shared/runSlice';
import { initialState, reduce, wantsLogX, type LabState } from '../../src/webview/state';
// the control strip's sliders, the history and the palettes: their own suites, run with this one
import './sliders.test';
import './history.test';
import './palette.test';

const REPO = resolve(__dirname, '../..');
const fig1Source: SourceInfo = { kind: 'experiment', path: '/tmp/fig1.lnn.json', name: 'fig1.lnn.json' };
const otherSource: SourceInfo = { kind: 'results', path: '/tmp/other.results.json', name: 'other.results.json' };
const webgl: EngineInfo = { backend: 'webgl', precision: 'float32', reason: 'asked for', side: 'webview' };

/** GBL Fig. 1 on the float64 engine, shortened (its phase steps are decades apart). */
async function fig1(): Promise<Results> {
  const path = join(REPO, 'examples/gbl-fig1-moments.lnn.json');
  const text = readFileSync(path, 'utf8').replace('"steps": 40000', '"steps": 4000');
  const prepared = await prepareExperiment(text, nodeDataIO(path));
  return runExperiment(prepared, { engineFor: () => ({ factory: createFloat64Engine, backend: 'js', precision: 'float64' }) });
}

const withPhaseSteps = (results: Results, phaseSteps: Array<number | null>): Results => ({ ...results, theory: { ...results.theory, phaseSteps } });
const deepCopy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** Every event of `events` in turn. */
const run = (events: Parameters<typeof reduce>[1][], from: LabState = initialState) => events.reduce(reduce, from);

describe('lab page state (reducer, no DOM)', () => {
  let results: Results;
  before(async () => {
    results = await fig1();
  });

  it('log x for phase steps a decade or more apart, else linear', () => {
    assert.equal(wantsLogX(withPhaseSteps(results, [100, 200])), false);
    assert.equal(wantsLogX(withPhaseSteps(results, [100, 1000])), true);
    assert.equal(wantsLogX(withPhaseSteps(results, [null, 100])), false, 'one known phase step: no staircase to spread');
    const k = results.theory.phaseSteps.filter((x): x is number => x !== null);
    assert.ok(Math.max(...k) >= 10 * Math.min(...k), `Fig. 1's phase steps span decades: ${k}`);
  });

  it('shows a results file: log x from its phase steps, a status, overlays beside it, the same path replaced', () => {
    const shown = reduce(initialState, { type: 'showResults', source: fig1Source, results });
    assert.equal(shown.shown.length, 1);
    assert.equal(shown.shown[0].results, results);
    assert.equal(shown.logX, true, "Fig. 1's staircase on a log time axis");
    assert.equal(shown.running, false);
    assert.match(shown.status.text, /saved results file/, 'no engine: nothing was run');

    const linear = withPhaseSteps(results, [100, 200]);
    const compared = reduce(shown, { type: 'showResults', source: otherSource, results: linear, overlay: true });
    assert.deepEqual(compared.shown.map((s) => s.source.path), [fig1Source.path, otherSource.path]);
    assert.equal(compared.logX, true, 'an overlay keeps the axis');
    assert.equal(compared.status, shown.status, 'an overlay keeps the status');
    const again = reduce(compared, { type: 'showResults', source: otherSource, results, overlay: true });
    assert.equal(again.shown.length, 2, 'the same path is replaced, not added');
    assert.equal(again.shown[1].results, results);

    const replaced = reduce(compared, { type: 'showResults', source: otherSource, results: linear, savedTo: '/tmp/other.results.json' });
    assert.deepEqual(replaced.shown.map((s) => s.source.path), [otherSource.path]);
    assert.equal(replaced.logX, false, 'a new file sets log x from its own phase steps');
    assert.equal(replaced.status.text, 'Saved /tmp/other.results.json');
  });

  it('a run: starts empty, rebuilds each run from the slices the host sends, drops another job’s', () => {
    const skeleton = { ...results, runs: [] };
    let s = reduce(initialState, { type: 'runStart', jobId: 4, source: fig1Source, results: skeleton, diagnostics: results.diagnostics, engine: webgl, refused: false });
    assert.equal(s.running, true);
    assert.equal(s.jobId, 4);
    assert.match(s.status.text, /webgl \(float32\) in the webview — asked for/);
    assert.equal(s.emptyText, null);
    // each run in three slices, as panelRun sends them (sliceRun from the count already sent)
    for (const [j, full] of results.runs.entries()) {
      const n = full.steps.length;
      for (const [from, to] of [[0, 1], [1, Math.floor(n / 2)], [Math.floor(n / 2), n]]) {
        const part: RunResult = { ...sliceRun(full, from) };
        for (const k of Object.keys(part) as Array<keyof RunResult>) if (Array.isArray(part[k])) (part as unknown as Record<string, unknown[]>)[k] = (part[k] as unknown[]).slice(0, to - from);
        if (part.bounds) part.bounds = { lower: part.bounds.lower.slice(0, to - from), upper: part.bounds.upper.slice(0, to - from) };
        s = reduce(s, { type: 'records', jobId: 4, modelIndex: j, from, run: part });
      }
    }
    assert.deepEqual(s.shown[0].results.runs, deepCopy(results.runs), 'the slices add up to the runs');
    assert.equal(skeleton.runs.length, 0, 'the results of runStart are not changed');
    const stale = reduce(s, { type: 'records', jobId: 3, modelIndex: 0, from: 0, run: results.runs[1] });
    assert.equal(stale, s, 'records of another job change nothing');
    // a record sent again from an earlier index replaces the tail, it does not duplicate it
    const n0 = results.runs[0].steps.length;
    const redo = reduce(s, { type: 'records', jobId: 4, modelIndex: 0, from: n0 - 1, run: sliceRun(results.runs[0], n0 - 1) });
    assert.equal(redo.shown[0].results.runs[0].steps.length, n0);
    assert.equal(s.shown[0].results.runs[0].steps.length, n0, 'the state before is unchanged');
  });

  it('no event changes the state it was given', () => {
    const s0 = run([
      { type: 'runStart', jobId: 1, source: fig1Source, results: { ...results, runs: [] }, diagnostics: [], engine: webgl, refused: false },
      { type: 'records', jobId: 1, modelIndex: 0, from: 0, run: sliceRun(results.runs[0], 0) },
    ]);
    const snapshot = deepCopy(s0);
    const live = new Map(s0.live);
    const n = results.runs[0].steps.length;
    run(
      [
        { type: 'records', jobId: 1, modelIndex: 0, from: n, run: sliceRun(results.runs[0], n - 2) },
        { type: 'computeProgress', jobId: 1, progress: { modelIndex: 0, label: 'linear', step: 10, steps: 4000, stepsPerSecond: 1234.4 } },
        { type: 'axis', mode: 'time' },
        { type: 'logX', on: false },
        { type: 'sweep', jobId: 1, sweep: { path: '/init/delta', values: [1, 2], points: [] }, running: 1 },
      ],
      s0,
    );
    assert.deepEqual(deepCopy(s0), snapshot);
    assert.deepEqual(s0.live, live);
  });

  it('progress: the live steps/s and a status of where it computes; the sweep value in it', () => {
    const s0 = reduce(initialState, { type: 'runStart', jobId: 2, source: fig1Source, results: { ...results, runs: [] }, diagnostics: [], engine: webgl, refused: false });
    const p = { modelIndex: 1, label: 'two-layer', step: 1200, steps: 4000, stepsPerSecond: 98765.4 };
    const s1 = reduce(s0, { type: 'computeProgress', jobId: 2, progress: p });
    assert.equal(s1.live.get(1), p.stepsPerSecond);
    assert.match(s1.status.text, /worker on tfjs WebGL/);
    assert.ok(s1.status.text.includes(`step ${(1200).toLocaleString('en-US')}/${(4000).toLocaleString('en-US')}`), s1.status.text);
    assert.ok(s1.status.text.includes(`${Math.round(p.stepsPerSecond).toLocaleString('en-US')} steps/s`), s1.status.text);
    assert.equal(reduce(s0, { type: 'progress', jobId: 9, progress: p }), s0, 'progress of another job changes nothing');
    const values = [0.1, 0.2, 0.3];
    const sweep = { path: '/optimizer/stepSize', values, points: [] };
    const s2 = run(
      [
        { type: 'records', jobId: 2, modelIndex: 0, from: 0, run: results.runs[0] },
        { type: 'sweep', jobId: 2, sweep, running: 1 },
        { type: 'progress', jobId: 2, progress: p },
      ],
      s1,
    );
    assert.deepEqual(s2.shown[0].results.runs, [], 'a new sweep value: its runs start from nothing');
    assert.equal(s2.sweepAt, 1);
    assert.ok(s2.status.text.includes(`value 2 of ${values.length}, two-layer`), s2.status.text);
    assert.match(s2.status.text, /in the extension's compute workers \(webgl float32\)/);
    const same = reduce({ ...s2, shown: [{ ...s2.shown[0], results: { ...s2.shown[0].results, runs: results.runs } }] }, { type: 'sweep', jobId: 2, sweep, running: 1 });
    assert.equal(same.shown[0].results.runs, results.runs, 'the same value keeps its runs');
    const ended = reduce(same, { type: 'sweep', jobId: 2, sweep, running: null });
    assert.equal(ended.sweepAt, null);
  });

  it('a refused file: an error status naming every error, the empty state says so, nothing runs', () => {
    const diagnostics: Diagnostic[] = [
      { code: 'stepSize.diverges', severity: 'error', path: '/optimizer/stepSize', message: 'η above 2/L' },
      { code: 'init.notVanishing', severity: 'warning', path: '/init/delta', message: 'small' },
      { code: 'data.file', severity: 'error', path: '/data/file', message: 'missing' },
    ];
    const s = reduce(initialState, { type: 'runStart', jobId: 5, source: fig1Source, results: null, diagnostics, engine: null, refused: true });
    assert.equal(s.running, false);
    assert.equal(s.status.level, 'error');
    assert.match(s.status.text, /^Not run: 2 error\(s\)/);
    for (const d of diagnostics.filter((x) => x.severity === 'error')) assert.ok(s.status.text.includes(`${d.code} at ${d.path}: ${d.message}`));
    assert.ok(!s.status.text.includes('init.notVanishing'), 'warnings are not reasons to refuse');
    assert.equal(s.emptyText, s.status.text);
    assert.deepEqual(s.shown, []);
  });

  it('the report page shows its embedded results, the first leading, with no status', () => {
    const s = reduce(initialState, { type: 'embedded', shown: [{ source: fig1Source, results }, { source: otherSource, results }] });
    assert.deepEqual(s.shown.map((x) => x.source.path), [fig1Source.path, otherSource.path]);
    assert.equal(s.logX, true);
    assert.equal(s.status.text, '');
  });
  it('live mode: the previous run ghosted until the preview finishes, Keep offered for an unsaved preview, stale until a run', () => {
    const skeleton = { ...results, runs: [] };
    const saved = reduce(initialState, { type: 'showResults', source: fig1Source, results, savedTo: '/tmp/fig1.results.json' });
    assert.equal(saved.ghost, null);
    assert.equal(saved.preview, false);
    const start = { type: 'runStart' as const, source: fig1Source, results: skeleton, diagnostics: [], engine: webgl, refused: false, preview: true };
    const p1 = reduce(saved, { ...start, jobId: 7 });
    assert.equal(p1.ghost?.results, results, 'the saved run is ghosted while the preview runs');
    assert.equal(p1.preview, true);
    assert.deepEqual(p1.shown[0].results.runs, [], 'the new run starts empty beside its ghost');
    // the next edit's preview replaces this one before it finished: the ghost stays the finished run
    const partial = reduce(p1, { type: 'records', jobId: 7, modelIndex: 0, from: 0, run: sliceRun(results.runs[0], 0) });
    const p2 = reduce(partial, { ...start, jobId: 8 });
    assert.equal(p2.ghost?.results, results, 'a preview cut short is not ghosted: the last finished run is');
    const previewed = { ...results, runs: results.runs.slice(0, 1) };
    const done = reduce(p2, { type: 'showResults', source: fig1Source, results: previewed, preview: true });
    assert.equal(done.ghost, null, 'the ghost goes when the new run finishes');
    assert.equal(done.preview, true, 'a finished preview: Keep is offered');
    assert.equal(done.shown[0].results, previewed);
    const kept = reduce(done, { type: 'showResults', source: fig1Source, results: previewed, savedTo: '/tmp/fig1.results.json' });
    assert.equal(kept.preview, false, 'kept: saved, no longer a preview');
    assert.equal(kept.status.text, 'Saved /tmp/fig1.results.json');
    // another file's run ghosts nothing; a refused file neither
    assert.equal(reduce(kept, { ...start, jobId: 9, source: otherSource }).ghost, null);
    assert.equal(reduce(kept, { ...start, jobId: 9, refused: true }).ghost, null);

    const text = 'Out of date — the file changed; this run would take about 2 min, longer than live mode\'s 2 s: Run to update';
    const stale = reduce(kept, { type: 'status', level: 'warning', text, stale: true });
    assert.equal(stale.stale, text);
    assert.equal(reduce(kept, { type: 'status', level: 'warning', text }).stale, null, 'a warning that does not say stale is only a status');
    assert.equal(reduce(stale, { type: 'status', level: 'info', text: 'Exported x.png' }).stale, text, 'a later status keeps the mark');
    assert.equal(reduce(stale, { ...start, jobId: 10, preview: false }).stale, null, 'a run clears it');
    assert.equal(reduce(stale, { type: 'showResults', source: fig1Source, results, savedTo: '/tmp/x' }).stale, null, 'new results clear it');
    assert.equal(reduce(stale, { type: 'showResults', source: otherSource, results, overlay: true }).stale, text, 'an overlay does not');

    assert.equal(initialState.liveMode, null);
    assert.equal(reduce(initialState, { type: 'live', on: false }).liveMode, false);
    assert.equal(reduce(initialState, { type: 'live', on: true }).liveMode, true);
  });
});
