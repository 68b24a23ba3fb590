// The lab webview on matrix completion (ACHL) in headless Chromium: the charts that apply —
// reconstruction error per depth with the nuclear-norm baseline as a horizontal line, the top
// singular values of W per depth with their escape points (ACHL Fig. 2), the training loss with
// each run's escape steps as vertical lines (Cao's stages) — and none of those that do not
// (components, reduced-rank distances); a sweep's chart of final error against the swept value,
// drawn as the points arrive; exports whose numbers are the results'. Run by webview.test.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import { prepareExperiment } from '../../src/core/lab';
import { minimizerVerdict, targetIsMinimizer } from '../../src/core/baselines/index';
import { checkResults } from '../../src/core/results/check';
import { runText } from '../../src/compute/runText';
import type { Results } from '../../src/core/types';
import type { ToWebview } from '../../src/shared/messages';
import { sliceRun } from '../../src/shared/runSlice';
import { base64ToBytes } from '../../src/shared/wire';
import { CHROMIUM, REPO, send, startHarness, waitPosted, type Harness } from './harness';

type Drawn = { xType: string; yType: string; datasets: number; visible: number; annotations: number; legend: string[] };
type Series = { label: string; group: string; steps: number[]; x: number[]; y: Array<number | null> };
type ChartInfo = { id: string; visible: boolean; wide: boolean; logY: boolean; model: { title: string; series: Series[]; vlines: Array<{ x: number; label: string; color: string }>; empty: string | null; caption?: string }; drawn: Drawn };

const charts = (page: Page) => page.evaluate(() => (window as unknown as { lnnLab: { charts(): unknown } }).lnnLab.charts()) as Promise<ChartInfo[]>;
const chart = async (page: Page, id: string) => (await charts(page)).find((c) => c.id === id)!;
const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted);

async function settle(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) >= n, atLeast, { timeout: 20_000 });
}

const noFiles = { readFile: async (rel: string): Promise<Uint8Array> => Promise.reject(new Error(`no file ${rel}`)) };
const float64 = { factory: createFloat64Engine, backend: 'js' as const, precision: 'float64' as const };

/** A 20×20 rank-2 completion (ACHL's setting, small): depths 2 and 3, grouprmsprop, the nuclear-norm baseline. */
function completionText(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: 'small completion',
    seed: 0,
    data: { kind: 'completion', rows: 20, cols: 20, rank: 2, observed: 200 },
    models: [{ depth: 2 }, { depth: 3 }],
    init: { scheme: 'gaussian', scale: 1e-3 },
    optimizer: { method: 'grouprmsprop', stepSize: 1e-2, steps: 1500, stopLoss: 1e-6 },
    record: { every: 10 },
    compute: { backend: 'js' },
    ...extra,
  });
}

async function run(text: string): Promise<Results> {
  const results = await runText(text, { io: noFiles });
  return JSON.parse(JSON.stringify(results)) as Results;
}

/** The CSV export of a chart, parsed: rows of [series, group, step, x, y]. */
async function exportCsv(page: Page, id: string): Promise<string[][]> {
  const count = (await posted(page)).filter((m) => m.type === 'export').length;
  await page.locator(`[data-chart=${id}] [data-export=csv]`).click();
  const m = await waitPosted<{ fileName: string; base64: string }>(page, 'export', 10_000, count);
  assert.match(m.fileName, new RegExp(`${id}\\.csv$`));
  const lines = new TextDecoder().decode(base64ToBytes(m.base64)).trim().split('\n');
  assert.equal(lines[0], 'series,group,step,x,y');
  return lines.slice(1).map((l) => l.split(','));
}

async function exportText(page: Page, id: string, kind: 'svg' | 'json' | 'png'): Promise<Uint8Array> {
  const count = (await posted(page)).filter((m) => m.type === 'export').length;
  await page.locator(`[data-chart=${id}] [data-export=${kind}]`).click();
  const m = await waitPosted<{ fileName: string; base64: string }>(page, 'export', 10_000, count);
  assert.match(m.fileName, new RegExp(`${id}\\.${kind}$`));
  return base64ToBytes(m.base64);
}

const num = (s: string) => (s === '' ? null : Number(s));

const skip = existsSync(CHROMIUM) && existsSync(join(REPO, 'dist/webview.js')) ? false : `needs ${CHROMIUM} and dist/webview.js (npm run build)`;

describe('lab webview: matrix completion and sweeps (headless chromium)', { skip }, () => {
  let h: Harness;
  let completion: Results;
  let sweep: Results;
  const source = { kind: 'results' as const, path: '/tmp/completion.results.json', name: 'completion.results.json' };
  const sweepSource = { kind: 'results' as const, path: '/tmp/sweep.results.json', name: 'sweep.results.json' };

  before(async () => {
    h = await startHarness();
    completion = await run(completionText());
    sweep = await run(completionText({ sweep: { path: '/data/observed', values: [80, 140, 200] } }));
    assert.deepEqual(checkResults(completion), []);
    assert.deepEqual(checkResults(sweep), []);
  });
  after(async () => h?.close());

  async function openPanel(): Promise<Page> {
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    (page as unknown as { errors: string[] }).errors = errors;
    await page.goto(h.panelUrl('dark'));
    await page.waitForFunction(() => 'lnnLab' in window);
    return page;
  }

  it('draws the completion charts that apply and hides those that do not, with no empty boxes', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source, results: completion } satisfies ToWebview);
    await settle(page, 1);
    const all = await charts(page);
    const visible = all.filter((c) => c.visible).map((c) => c.id);
    assert.deepEqual(visible.sort(), ['loss', 'reconstruction', 'singularValues', 'staircase']);
    const order = await page.locator('.grid > .card[data-chart]:visible').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.chart));
    assert.equal(order[0], 'reconstruction', `the verdict (error against the baseline) leads: ${order}`);
    assert.equal((await chart(page, 'reconstruction')).wide, true, 'and spans the grid');
    for (const id of ['components', 'reducedRank', 'sweep']) assert.equal(await page.locator(`[data-chart=${id}]`).isVisible(), false, `${id} hidden`);
    for (const c of all.filter((c) => c.visible)) {
      assert.equal(c.model.empty, null, `${c.id} has something to draw`);
      assert.ok(c.drawn.datasets > 0, `${c.id} drew datasets`);
    }
    assert.equal(await page.locator('.card:visible').count(), visible.length + 1, 'the visible cards: the charts and the theory card');

    // top rank + 3 singular values of W per depth, coloured by index, a line style per depth, escape points on them (ACHL Fig. 2)
    const sv = await chart(page, 'singularValues');
    const rank = 2;
    for (const run of completion.runs) {
      const mine = sv.model.series.filter((s) => s.group === run.label);
      const curves = mine.filter((s) => !s.label.endsWith('escapes'));
      assert.equal(curves.length, rank + 3, `${run.label}: rank + 3 singular values`);
      curves.forEach((s, i) => assert.deepEqual(s.y, run.singularValues.map((row) => row[i]), `${run.label} σ${i + 1}`));
      const escapes = mine.find((s) => s.label === `${run.label} escapes`)!;
      const escaped = run.escapeSteps!.filter((k) => k !== null);
      assert.ok(escaped.length >= 1, `${run.label}: something escaped`);
      assert.deepEqual(escapes.steps, escaped);
      escapes.steps.forEach((k, i) => assert.equal(escapes.y[i], run.singularValues[run.steps.indexOf(k)][i]));
    }
    assert.deepEqual(sv.drawn.legend, completion.runs.map((r) => r.label), 'one legend entry per depth');
    type Styled = { label: string; group: string; color: string; dash?: number[] };
    const curvesOf = (label: string) => (sv.model.series as unknown as Styled[]).filter((s) => s.group === label && !s.label.endsWith('escapes'));
    const colors = curvesOf(completion.runs[0].label).map((s) => s.color);
    assert.equal(new Set(colors).size, rank + 3, 'a colour per index i');
    for (const run of completion.runs) {
      assert.deepEqual(curvesOf(run.label).map((s) => s.color), colors, `${run.label}: σ_i in the colour of i, as in every depth`);
      assert.equal(new Set(curvesOf(run.label).map((s) => JSON.stringify(s.dash ?? null))).size, 1, `${run.label}: one line style`);
    }
    const dashes = completion.runs.map((r) => JSON.stringify(curvesOf(r.label)[0].dash ?? null));
    assert.equal(new Set(dashes).size, completion.runs.length, `a line style per depth: ${dashes}`);

    // the training loss with vertical lines at each run's escape steps (Cao's stages)
    const loss = await chart(page, 'loss');
    assert.equal(loss.drawn.yType, 'logarithmic');
    completion.runs.forEach((run, j) => assert.deepEqual(loss.model.series[j].y, run.loss));
    const escapeCount = completion.runs.reduce((n, r) => n + r.escapeSteps!.filter((k) => k !== null).length, 0);
    assert.equal(loss.model.vlines.length, escapeCount, 'a line per escape (none merged here)');
    for (const [j, run] of completion.runs.entries()) {
      const color = (loss.model.series[j] as unknown as { color: string }).color;
      for (const k of run.escapeSteps!) if (k !== null) assert.ok(loss.model.vlines.some((l) => l.x === k && l.color === color), `${run.label}: a line at step ${k} in its loss curve's colour`);
    }
    assert.equal(loss.drawn.annotations, loss.model.vlines.length, 'every escape line is drawn');
    assert.match(loss.model.title, /Training loss/);

    // reconstruction error per depth (log y) and the baseline as a horizontal line across the runs
    const rec = await chart(page, 'reconstruction');
    assert.equal(rec.drawn.yType, 'logarithmic');
    completion.runs.forEach((run, j) => assert.deepEqual(rec.model.series[j].y, run.reconstructionError));
    const base = rec.model.series.find((s) => s.label === 'nuclear-norm minimization')!;
    const b = completion.baselines.nuclearNormMinimization!.reconstructionError!;
    assert.deepEqual(base.y, [b, b]);
    assert.equal(base.x[0], 0);
    assert.equal(base.x[1], Math.max(...completion.runs.map((r) => r.steps.at(-1)!)), 'spans the longest run');
    assert.match(rec.model.title, /‖W − M‖²_F\/‖M‖²_F/);

    // the theory card: the problem, the baseline, the escape steps; no Σx theory
    const card = await page.locator('[data-chart=theory]').innerText();
    for (const needle of ['20 × 20', 'rank 2', '|Ω| = 200', 'Nuclear-norm minimization', 'iterations', 'duality gap', 'Escape steps', 'final recon. error']) assert.ok(card.includes(needle), `theory card shows ${needle}`);
    const nnm = completion.baselines.nuclearNormMinimization!;
    assert.ok(card.includes(String(nnm.iterations)), 'the baseline iterations');
    for (const k of completion.runs[0].escapeSteps!) if (k !== null) assert.ok(card.includes(k.toLocaleString('en-US')), `escape step ${k}`);
    assert.ok(!card.includes('Δxy'), 'no Σx measures for completion');
    assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
    await page.close();
  });

  it('exports the completion charts (CSV, JSON, SVG, PNG) with the numbers of the results', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source, results: completion } satisfies ToWebview);
    await settle(page, 1);
    const rec = await exportCsv(page, 'reconstruction');
    for (const run of completion.runs) {
      const rows = rec.filter((r) => r[0] === run.label);
      assert.equal(rows.length, run.steps.length);
      rows.forEach((r, i) => {
        assert.equal(num(r[2]), run.steps[i]);
        assert.equal(num(r[4]), run.reconstructionError![i], `${run.label} error at record ${i}`);
      });
    }
    const baseRows = rec.filter((r) => r[0] === 'nuclear-norm minimization');
    assert.deepEqual(baseRows.map((r) => num(r[4])), [completion.baselines.nuclearNormMinimization!.reconstructionError, completion.baselines.nuclearNormMinimization!.reconstructionError]);
    const sv = await exportCsv(page, 'singularValues');
    const run = completion.runs[1];
    const s2 = sv.filter((r) => r[0] === `${run.label} σ₂`);
    assert.deepEqual(s2.map((r) => num(r[4])), run.singularValues.map((row) => row[1]));
    const loss = JSON.parse(new TextDecoder().decode(await exportText(page, 'loss', 'json'))) as { series: Array<{ y: number[] }>; vlines: Array<{ x: number }> };
    assert.deepEqual(loss.series.map((s) => s.y), completion.runs.map((r) => r.loss));
    assert.ok(loss.vlines.length > 0, 'the escape lines in the JSON');
    const svg = new TextDecoder().decode(await exportText(page, 'singularValues', 'svg'));
    assert.match(svg, /^<svg xmlns/);
    assert.ok((svg.match(/<circle/g) ?? []).length >= 2, 'escape points in the SVG');
    const png = await exportText(page, 'reconstruction', 'png');
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    await page.close();
  });

  it('draws a sweep: final error against the swept value, one point per value per model and the baseline', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source: sweepSource, results: sweep } satisfies ToWebview);
    await settle(page, 1);
    assert.equal(await page.locator('.grid > .card:visible').first().getAttribute('data-chart'), 'sweep', 'the sweep leads');
    const c = await chart(page, 'sweep');
    assert.equal(c.wide, true);
    const values = [80, 140, 200];
    assert.deepEqual(c.model.series.map((s) => s.label), ['depth 2', 'depth 3', 'nuclear-norm minimization']);
    for (const s of c.model.series) assert.deepEqual(s.x, values);
    for (const label of ['depth 2', 'depth 3']) assert.deepEqual(c.model.series.find((s) => s.label === label)!.y, sweep.sweep!.points.map((p) => p.final[label]));
    assert.deepEqual(c.model.series[2].y, sweep.sweep!.points.map((p) => p.baseline));
    assert.equal(c.drawn.yType, 'logarithmic');
    assert.equal(c.drawn.xType, 'linear');
    assert.equal(c.drawn.datasets, 3);
    assert.match(c.model.title, /observed entries/);
    // the toolbar's log x is for the time axis, not for the swept values
    const n = Number(await page.evaluate(() => document.body.dataset.rendered));
    await page.locator('.toolbar .log-x').click();
    await settle(page, n + 1);
    assert.equal((await chart(page, 'sweep')).drawn.xType, 'linear');
    assert.equal((await chart(page, 'reconstruction')).drawn.xType, 'logarithmic');

    const csv = await exportCsv(page, 'sweep');
    for (const label of ['depth 2', 'depth 3']) {
      const rows = csv.filter((r) => r[0] === label);
      assert.deepEqual(rows.map((r) => num(r[3])), values);
      assert.deepEqual(rows.map((r) => num(r[4])), sweep.sweep!.points.map((p) => p.final[label]));
    }
    assert.deepEqual(csv.filter((r) => r[0] === 'nuclear-norm minimization').map((r) => num(r[4])), sweep.sweep!.points.map((p) => p.baseline));
    const svg = new TextDecoder().decode(await exportText(page, 'sweep', 'svg'));
    assert.equal((svg.match(/<circle/g) ?? []).length, 9, 'a marker per value per series');
    const card = await page.locator('[data-chart=theory]').innerText();
    assert.ok(card.includes('Sweep over data.observed'), 'the sweep table');
    assert.ok(card.includes('3 of 3 values done'));
    assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
    await page.close();
  });

  it('a sweep run live: the chart grows as points complete, the runs restart at each value', async () => {
    const page = await openPanel();
    const skeleton: Results = { ...sweep, runs: [], sweep: { ...sweep.sweep!, points: [] } };
    const engine = { backend: 'js' as const, precision: 'float64' as const, reason: 'test', side: 'host' as const };
    const src = { kind: 'experiment' as const, path: '/tmp/sweep.lnn.json', name: 'sweep.lnn.json' };
    await send(page, { type: 'runStart', jobId: 3, source: src, results: skeleton, diagnostics: [], engine, refused: false } satisfies ToWebview);
    await settle(page, 1);
    const points = sweep.sweep!.points;
    const at = async (k: number, running: number | null) => {
      await send(page, { type: 'sweep', jobId: 3, sweep: { ...sweep.sweep!, points: points.slice(0, k) }, running } satisfies ToWebview);
      await page.waitForFunction(
        (n) => ((window as unknown as { lnnLab: { charts(): Array<{ id: string; model: { series: Array<{ y: unknown[] }> } | null }> } }).lnnLab.charts().find((c) => c.id === 'sweep')!.model?.series[0]?.y.length ?? -1) === n,
        k,
        { timeout: 10_000 },
      );
      return chart(page, 'sweep');
    };
    assert.equal((await at(0, 0)).visible, true);
    await send(page, { type: 'records', jobId: 3, modelIndex: 0, from: 0, run: sliceRun(sweep.runs[0], 0) } satisfies ToWebview);
    await page.waitForFunction(() => (window as unknown as { lnnLab: { charts(): Array<{ id: string; model: { series: unknown[] } | null }> } }).lnnLab.charts().find((c) => c.id === 'reconstruction')!.model!.series.length > 0, undefined, { timeout: 10_000 });
    const one = await at(1, 1);
    assert.deepEqual(one.model.series[0].y, [points[0].final['depth 2']]);
    assert.match(one.model.caption ?? '', /1 of 3 values done/);
    // the new value cleared the previous value's runs
    await page.waitForFunction(() => (window as unknown as { lnnLab: { charts(): Array<{ id: string; model: { series: unknown[] } | null }> } }).lnnLab.charts().find((c) => c.id === 'singularValues')!.model!.series.length === 0, undefined, { timeout: 10_000 });
    const done = await at(3, null);
    assert.equal(done.model.series[1].y.length, 3);
    assert.ok(!(done.model.caption ?? '').includes('values done'));
    await page.close();
  });

  it('a sweep over the init scale draws its values on a log x; the theory card says whether M is the program\'s minimizer', async () => {
    const scales = await run(completionText({ sweep: { path: '/init/scale', values: [1e-2, 1e-3, 1e-4] }, optimizer: { method: 'grouprmsprop', stepSize: 1e-2, steps: 300 } }));
    const page = await openPanel();
    await send(page, { type: 'showResults', source: sweepSource, results: scales } satisfies ToWebview);
    await settle(page, 1);
    const c = await chart(page, 'sweep');
    assert.equal(c.drawn.xType, 'logarithmic', 'values spanning decades');
    assert.deepEqual(c.model.series[0].x, [1e-2, 1e-3, 1e-4]);
    assert.match(c.model.title, /init\.scale/);
    const svg = new TextDecoder().decode(await exportText(page, 'sweep', 'svg'));
    // the SVG export is on the same log x: a decade apart, the markers are evenly spaced
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].slice(0, 3).map((m) => Number(m[1]));
    assert.equal(cx.length, 3);
    assert.ok(Math.abs(cx[0] - cx[1] - (cx[1] - cx[2])) < 1, `markers at ${cx.join(', ')}`);
    // the baseline's verdict: ‖M‖_* against the certified optimum, as core targetIsMinimizer says
    const b = scales.baselines.nuclearNormMinimization!;
    const minimizer = targetIsMinimizer(b);
    assert.notEqual(minimizer, null);
    const verdict = page.locator(`[data-chart=theory] li.${minimizer ? 'minimizer' : 'not-minimizer'}`);
    assert.equal(await verdict.count(), 1);
    assert.ok((await verdict.innerText()).includes(minimizerVerdict(minimizer!)));
    assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
    await page.close();
  });
});
