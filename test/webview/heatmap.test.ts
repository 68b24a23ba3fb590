// The phase diagram (spec §5.5) and GBL Thm 2's limit on the staircase, in headless Chromium: a
// two-axis sweep (η × σ1) written by hand around a real run — its cells carry the fixture's
// values where its axes put them, the step-size bound curves sit at the fixture's bounds on the
// cells' own scale (pixels computed here from the axis edges, independently of Chart.js), the
// metric select recolours, a click (and the keyboard) shows that point's runs in the other charts
// and "Back to grid" returns; the CSV has one row per point. A δ sweep of real runs on τ draws the
// limit staircase with its jumps at 1/σ_i, every point's run on τ.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import { nodeDataIO } from '../../src/core/io';
import { prepareExperiment, runExperiment } from '../../src/core/lab';
import type { Results, RunResult, SweepPoint } from '../../src/core/types';
import type { ToWebview } from '../../src/shared/messages';
import { base64ToBytes } from '../../src/shared/wire';
import { phaseStepClosedForm } from '../../src/core/theory/phases';
import { cellEdges, logSpaced } from '../../src/webview/charts/heatmap';
import { pointResults } from '../../src/webview/charts/sweep';
import { initialState, reduce } from '../../src/webview/state';
import { CHROMIUM, prepareFile, REPO, runFloat64, send, startHarness, waitPosted, type Harness } from './harness';

type Box = { left: number; right: number; top: number; bottom: number };
type Cell = { index: number; col: number; row: number; value: number | boolean | null; hatch: boolean; color: string; text: string };
type Heatmap = { x: number[]; y: number[]; logX: boolean; logY: boolean; cells: Cell[]; legend: Array<{ label: string }>; selected: number | null; metric: string };
type ChartInfo = {
  id: string;
  visible: boolean;
  model: { title: string; series: Array<{ label: string; x: number[]; y: Array<number | null> }>; vlines: Array<{ x: number; label: string }>; heatmap?: Heatmap };
  drawn: { xType: string; yType: string; xMin: number; xMax: number; area: Box; pixels: Array<{ label: string; points: Array<{ x: number; y: number } | null> }>; cells: Array<Box & { index: number; hatch: boolean }>; focus: number | null };
};

const charts = (page: Page) => page.evaluate(() => (window as unknown as { lnnLab: { charts(): unknown } }).lnnLab.charts()) as Promise<ChartInfo[]>;
const chart = async (page: Page, id: string) => (await charts(page)).find((c) => c.id === id)!;
const rendered = (page: Page) => page.evaluate(() => Number(document.body.dataset.rendered ?? 0));
const labState = (page: Page) => page.evaluate(() => (window as unknown as { lnnLab: { state(): { point: number | null } } }).lnnLab.state());
async function settle(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) >= n, atLeast, { timeout: 20_000 });
}
const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted);

const skip = existsSync(CHROMIUM) && existsSync(join(REPO, 'dist/webview.js')) ? false : `needs ${CHROMIUM} and dist/webview.js (npm run build)`;

// the grid: η (log-spaced) × σ1 (log-spaced); for depth 2 on Σx = I, ρ1 = 2σ1, so gd diverges
// from η = 2/ρ1 = 1/σ1 (spec §3), Cor. 3's stability is 1/(2σ1); the eigengap bound a made-up 0.8/σ1
const ETAS = [0.01, 0.03, 0.1, 0.3, 1];
const SIGMAS = [0.5, 1, 2, 4];
const LABEL = 'two-layer';
const bounds = (s: number) => ({ stability: 1 / (2 * s), eigengap: 0.8 / s, divergence: 1 / s });
const lossAt = (i: number, j: number) => 10 ** -(1 + i + 2 * j);

/** A run of `base` with its nuclear norm scaled by `f` (so each point's runs are told apart). */
const scaled = (run: RunResult, f: number): RunResult => ({ ...run, nuclearNorm: run.nuclearNorm.map((v) => v * f) });

function gridFixture(base: Results): Results {
  const run = base.runs.find((r) => r.label === LABEL)!;
  const points: SweepPoint[] = ETAS.flatMap((eta, i) =>
    SIGMAS.map((s, j) => {
      const b = bounds(s);
      const diverged = eta >= b.divergence;
      const labels = base.runs.map((r) => r.label);
      const per = <T>(v: (l: string) => T) => Object.fromEntries(labels.map((l) => [l, v(l)]));
      return {
        value: eta,
        values: [eta, s],
        final: per(() => null),
        baseline: null,
        loss: per((l) => (diverged ? null : l === LABEL ? lossAt(i, j) : 2 * lossAt(i, j))),
        stopReason: per(() => (diverged ? 'diverged' : 'completed')),
        diverged: per(() => diverged),
        settled: per(() => !diverged && i >= 2),
        sequential: per(() => (diverged ? null : j % 2 === 0)),
        observedPhaseSteps: per(() => [10 * (i + 1), null]),
        reducedRankDistance: per(() => [1, 0.5, 0.1]),
        stepSizeBounds: { stability: b.stability, eigengap: b.eigengap, divergence: per(() => b.divergence) },
        runs: base.runs.map((r) => scaled(r.label === LABEL ? run : r, 1 + i * SIGMAS.length + j)),
      } as SweepPoint;
    }),
  );
  return { ...base, sweep: { axes: [{ path: '/optimizer/stepSize', values: ETAS }, { path: '/data/sigmaXY/0', values: SIGMAS }], points } as unknown as Results['sweep'] };
}

/** Pixel of `v` on an axis from `lo` to `hi` (log or linear) spanning [a, b] pixels: written here, not read from Chart.js. */
const pixel = (v: number, lo: number, hi: number, a: number, b: number, log: boolean) => (log ? a + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (b - a) : a + ((v - lo) / (hi - lo)) * (b - a));
/** The outer cell edges of log-spaced centres: half a (log) spacing beyond the first and last. */
const outer = (c: number[]) => [c[0] / Math.sqrt(c[1] / c[0]), c[c.length - 1] * Math.sqrt(c[c.length - 1] / c[c.length - 2])];

describe('a sweep point chosen (pure: state, the point’s results, the grid’s geometry)', () => {
  it('the reducer keeps the chosen point until new results or a run; an index past the points is no point', async () => {
    const base = await runFloat64(await prepareFile('examples/gbl-fig1-moments.lnn.json'));
    const grid = gridFixture(base);
    const source = { kind: 'results' as const, path: '/tmp/g.results.json', name: 'g.results.json' };
    const shown = reduce(initialState, { type: 'showResults', source, results: grid });
    assert.equal(shown.point, null);
    const chosen = reduce(shown, { type: 'point', index: 7 });
    assert.equal(chosen.point, 7);
    assert.equal(reduce(chosen, { type: 'point', index: grid.sweep!.points.length }).point, null);
    assert.equal(reduce(chosen, { type: 'point', index: null }).point, null);
    assert.equal(reduce(chosen, { type: 'axis', mode: 'tau' }).point, 7, 'the axis keeps it');
    assert.equal(reduce(chosen, { type: 'showResults', source, results: grid }).point, null, 'new results: the grid');
    assert.equal(reduce(chosen, { type: 'runStart', jobId: 2, source, results: grid, diagnostics: [], engine: null, refused: false } as unknown as Parameters<typeof reduce>[1]).point, null, 'a run: the grid');
  });

  it('a point’s results: its runs, its experiment (the axes’ values at their paths) and eq. (16)’s phase steps at its η and w0', async () => {
    const base = await runFloat64(await prepareFile('examples/gbl-fig1-moments.lnn.json'));
    const grid = gridFixture(base);
    const k = 3 * SIGMAS.length + 3; // η = 0.3, σ1 = 4
    const r = pointResults(grid, k)!;
    assert.equal(r.runs, grid.sweep!.points[k].runs);
    assert.equal(r.experiment.optimizer.stepSize, 0.3);
    assert.equal((r.experiment.data as { sigmaXY: number[] }).sigmaXY[0], 4);
    assert.equal(r.sweep, undefined);
    const w0 = Math.exp(-base.experiment.init.delta!);
    r.theory.phaseSteps.forEach((p, i) => assert.equal(p, phaseStepClosedForm(base.theory.sigma[i], base.theory.lambda[i], w0, 0.3)));
    assert.notDeepEqual(r.theory.phaseSteps, base.theory.phaseSteps, 'η changed: so did the steps');
    assert.equal(pointResults({ ...grid, sweep: { ...grid.sweep!, points: grid.sweep!.points.map((p) => ({ ...p, runs: undefined })) } }, k), null, 'no runs kept: none');
  });

  it('log-spaced values read as a log axis, evenly spaced as linear; cell edges halfway between (geometrically on log)', () => {
    assert.equal(logSpaced(ETAS), true);
    assert.equal(logSpaced([4, 8, 16, 32]), true);
    assert.equal(logSpaced([1, 2, 3, 4, 5]), false);
    assert.equal(logSpaced([0, 1, 10]), false, 'not positive');
    const e = cellEdges([1, 10, 100], true);
    [Math.sqrt(0.1), Math.sqrt(10), Math.sqrt(1000), Math.sqrt(1e5)].forEach((v, i) => assert.ok(Math.abs(e[i] / v - 1) < 1e-12, `edge ${i}: ${e[i]}`));
    assert.deepEqual(cellEdges([2, 4, 8], false), [1, 3, 6, 10]);
  });
});

describe('phase diagram and the limit staircase (headless chromium)', { skip }, () => {
  let h: Harness;
  let grid: Results;
  let deltaSweep: Results;
  const source = { kind: 'results' as const, path: '/tmp/grid.results.json', name: 'grid.results.json' };

  before(async () => {
    h = await startHarness();
    grid = gridFixture(await runFloat64(await prepareFile('examples/gbl-fig1-moments.lnn.json')));
    // GBL Thm 2's example at δ = 4, 8, 16: each point a real run (its runs kept, spec §5.5)
    const file = 'examples/gbl-limit-staircase.lnn.json';
    const deltas = [4, 8, 16];
    const points: SweepPoint[] = [];
    let last: Results | null = null;
    for (const d of deltas) {
      const text = readFileSync(join(REPO, file), 'utf8').replace(/"sweep":[^}]*\}/, '"theory": { "rankTol": 1e-4 }').replace(/"delta": \d+/, `"delta": ${d}`);
      last = await runExperiment(await prepareExperiment(text, nodeDataIO(join(REPO, file))), { engineFor: () => ({ factory: createFloat64Engine, backend: 'js', precision: 'float64' }) });
      assert.equal(last.experiment.init.delta, d);
      const label = last.runs[0].label;
      points.push({ value: d, values: [d], final: { [label]: null }, loss: { [label]: last.runs[0].loss.at(-1)! }, stopReason: { [label]: last.runs[0].stopReason }, baseline: null, runs: last.runs } as SweepPoint);
    }
    deltaSweep = { ...last!, sweep: { axes: [{ path: '/init/delta', values: deltas }], path: '/init/delta', values: deltas, points } as unknown as Results['sweep'] };
  });
  after(async () => h?.close());

  async function openWith(results: Results, theme: 'dark' | 'light' = 'dark'): Promise<Page> {
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    (page as unknown as { errors: string[] }).errors = errors;
    await page.goto(h.panelUrl(theme));
    await page.waitForFunction(() => 'lnnLab' in window);
    await send(page, { type: 'showResults', source, results } satisfies ToWebview);
    await settle(page, 1);
    return page;
  }

  it('draws every point as a cell at its axis values with its metric; the step-size bounds as curves at the fixture’s values on the cells’ scale', async () => {
    const page = await openWith(grid);
    const c = await chart(page, 'heatmap');
    assert.equal(c.visible, true);
    const hm = c.model.heatmap! as Heatmap & { label: string };
    assert.ok(grid.runs.some((r) => r.label === hm.label) && c.model.title.includes(hm.label), `the label drawn is named: ${c.model.title}`);
    assert.deepEqual(hm.y, ETAS, 'η on y (the bounds are curves of the other axis)');
    // the theory card names the grid point the charts below show, by each axis (not one axis's value)
    const facts = await page.locator('[data-chart=theory]').innerText();
    assert.ok(facts.includes(`the grid point optimizer.stepSize = ${grid.experiment.optimizer.stepSize}, `) && facts.includes('the phase diagram holds every point'), facts.slice(0, 300));
    assert.deepEqual(hm.x, SIGMAS);
    assert.equal(hm.logX, true);
    assert.equal(hm.logY, true);
    assert.equal(c.drawn.yType, 'logarithmic');
    assert.equal(hm.cells.length, ETAS.length * SIGMAS.length);
    const points = grid.sweep!.points;
    for (const cell of hm.cells) {
      const p = points[cell.index] as SweepPoint & { values: number[] };
      assert.equal(hm.x[cell.col], p.values[1], `cell ${cell.index} in σ1's column`);
      assert.equal(hm.y[cell.row], p.values[0], `cell ${cell.index} in η's row`);
      assert.equal(cell.value, p.loss![hm.label]);
      assert.equal(cell.hatch, p.loss![hm.label] === null, 'a diverged run (no final loss) is hatched');
    }
    // a larger loss is a different colour from a smaller one (log colour scale over 1e-1 … 1e-8)
    const colours = new Set(hm.cells.filter((x) => !x.hatch).map((x) => x.color));
    assert.ok(colours.size >= 8, `distinct colours: ${colours.size}`);

    // pixels: the chart's y spans the η cells' outer edges, its x σ1's (log), so the cell of (σ1, η) contains their pixel
    const { area } = c.drawn;
    const [y0, y1] = outer(ETAS);
    const [x0, x1] = outer(SIGMAS);
    const px = (v: number) => pixel(v, x0, x1, area.left, area.right, true);
    const py = (v: number) => pixel(v, y0, y1, area.bottom, area.top, true);
    for (const d of c.drawn.cells) {
      const p = points[d.index] as SweepPoint & { values: number[] };
      const [cx, cy] = [px(p.values[1]), py(p.values[0])];
      assert.ok(d.left < cx && cx < d.right && d.top < cy && cy < d.bottom, `cell ${d.index} drawn around its values' pixel`);
    }
    for (const [name, key] of [
      ['stability', 'stability'],
      ['eigengap', 'eigengap'],
      ['divergence', 'divergence'],
    ] as const) {
      const k = c.model.series.findIndex((s) => s.label.startsWith(name));
      assert.ok(k >= 0, `${name} curve drawn: ${c.model.series.map((s) => s.label)}`);
      assert.deepEqual(c.model.series[k].y, SIGMAS.map((s) => bounds(s)[key]), `${name} at each σ1`);
      c.drawn.pixels[k].points.forEach((pt, j) => {
        assert.ok(pt, `${name} point ${j} drawn`);
        assert.ok(Math.abs(pt!.x - px(SIGMAS[j])) < 0.5, `${name} at σ1 = ${SIGMAS[j]}: x ${pt!.x} vs ${px(SIGMAS[j])}`);
        assert.ok(Math.abs(pt!.y - py(bounds(SIGMAS[j])[key])) < 0.5, `${name} at σ1 = ${SIGMAS[j]}: y ${pt!.y} vs ${py(bounds(SIGMAS[j])[key])}`);
      });
    }
    assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
    await page.close();
  });

  it('the metric and label selects recolour: booleans in two hues with a legend, null hatched; the other label its own values', async () => {
    const page = await openWith(grid, 'light');
    const choose = async (which: string, value: string) => {
      const n = await rendered(page);
      await page.evaluate(
        ([w, v]) => {
          const s = document.querySelector(`[data-chart=heatmap] [data-heatmap=${w}]`) as HTMLElement & { value: string };
          s.value = v;
          s.dispatchEvent(new Event('change', { bubbles: true }));
        },
        [which, value],
      );
      await settle(page, n + 1);
      return (await chart(page, 'heatmap')).model.heatmap!;
    };
    const seq = await choose('metric', 'sequential');
    const points = grid.sweep!.points as Array<SweepPoint & { sequential: Record<string, boolean | null> }>;
    for (const cell of seq.cells) assert.equal(cell.value, points[cell.index].sequential[LABEL]);
    const hues = new Set(seq.cells.filter((x) => !x.hatch).map((x) => x.color));
    assert.equal(hues.size, 2, 'true and false: two colours');
    assert.ok(seq.cells.some((x) => x.hatch), 'null (not covered) hatched');
    assert.equal(seq.legend.length, 3, `legend: ${seq.legend.map((l) => l.label)}`);
    const bad = seq.cells.find((x) => x.value === false)!.color;
    const good = seq.cells.find((x) => x.value === true)!.color;
    const div = await choose('metric', 'diverged');
    for (const cell of div.cells) {
      const d = (points[cell.index] as SweepPoint & { diverged: Record<string, boolean> }).diverged[LABEL];
      assert.equal(cell.value, d);
      assert.equal(cell.color, d ? bad : good, 'diverged in the bad outcome’s hue, as not sequential');
    }
    const phase = await choose('metric', 'phase:0');
    for (const cell of phase.cells) assert.equal(cell.value, (points[cell.index] as SweepPoint & { observedPhaseSteps: Record<string, number[]> }).observedPhaseSteps[LABEL][0]);
    await choose('metric', 'loss');
    const linear = await choose('label', 'linear');
    for (const cell of linear.cells) assert.equal(cell.value, points[cell.index].loss!.linear);
    await choose('label', LABEL);
    await page.close();
  });

  it('a click on a cell shows that point’s runs in the other charts; Back to grid returns; the keyboard does the same', async () => {
    const page = await openWith(grid);
    const before = await chart(page, 'staircase');
    const base = grid.runs.find((r) => r.label === LABEL)!;
    assert.deepEqual(before.model.series.find((s) => s.label === LABEL)!.y, base.nuclearNorm, 'before: the results’ runs');
    const target = 13; // η = 0.3, σ1 = 1 (i = 3, j = 1)
    const c = await chart(page, 'heatmap');
    const d = c.drawn.cells.find((x) => x.index === target)!;
    const box = (await page.locator('[data-chart=heatmap] canvas').boundingBox())!;
    // hovering says what the cell holds
    await page.mouse.move(box.x + (d.left + d.right) / 2, box.y + (d.top + d.bottom) / 2);
    await page.waitForFunction(() => (document.querySelector('[data-chart=heatmap] canvas') as HTMLElement).title !== '', undefined, { timeout: 5000 });
    const title = await page.locator('[data-chart=heatmap] canvas').getAttribute('title');
    assert.equal(title, `${c.model.heatmap!.cells.find((x) => x.index === target)!.text} — click to show its runs`);
    let n = await rendered(page);
    await page.mouse.click(box.x + (d.left + d.right) / 2, box.y + (d.top + d.bottom) / 2);
    await settle(page, n + 1);
    assert.equal((await labState(page)).point, target);
    const want = grid.sweep!.points[target].runs!.find((r) => r.label === LABEL)!;
    const after = await chart(page, 'staircase');
    assert.deepEqual(after.model.series.find((s) => s.label === LABEL)!.y, want.nuclearNorm, 'the staircase draws the point’s run');
    assert.notDeepEqual(want.nuclearNorm, base.nuclearNorm);
    assert.equal((await chart(page, 'heatmap')).model.heatmap!.selected, target, 'the cell is marked');
    assert.match((await page.locator('.drill .drill-text').textContent()) ?? '', /η = 0\.3 · data\.sigmaXY\[0\] = 1$/);
    n = await rendered(page);
    await page.locator('.drill vscode-button').click();
    await settle(page, n + 1);
    assert.equal((await labState(page)).point, null);
    assert.equal(await page.locator('.drill').isVisible(), false);
    assert.deepEqual((await chart(page, 'staircase')).model.series.find((s) => s.label === LABEL)!.y, base.nuclearNorm);

    // keyboard: from the clicked cell (η = 0.3, σ1 = 1): left (σ1 = 0.5), down twice (η = 0.03), Enter
    await page.locator('[data-chart=heatmap] canvas').focus();
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowDown', 'ArrowDown']) {
      n = await rendered(page);
      await page.keyboard.press(key);
      await settle(page, n + 1);
    }
    n = await rendered(page);
    await page.keyboard.press('Enter');
    await settle(page, n + 1);
    assert.equal((await labState(page)).point, 1 * SIGMAS.length + 0, 'left stops at the first column');
    assert.match((await page.locator('[data-chart=heatmap] canvas').getAttribute('aria-label')) ?? '', /σ|sigmaXY/);
    n = await rendered(page);
    await page.keyboard.press('Escape');
    await settle(page, n + 1);
    assert.equal((await labState(page)).point, null);
    await page.close();
  });

  it('exports the heatmap as CSV (one row per point: the axes, the metric per label, the bounds), SVG and PNG', async () => {
    const page = await openWith(grid);
    const get = async (kind: string) => {
      const count = (await posted(page)).filter((m) => m.type === 'export').length;
      await page.locator(`[data-chart=heatmap] [data-export=${kind}]`).click();
      const m = await waitPosted<{ fileName: string; base64: string }>(page, 'export', 10_000, count);
      return base64ToBytes(m.base64);
    };
    const csv = new TextDecoder().decode(await get('csv')).trim().split('\n').map((l) => l.split(','));
    assert.deepEqual(csv[0].slice(0, 2), ['/optimizer/stepSize', '/data/sigmaXY/0']);
    assert.equal(csv.length, 1 + ETAS.length * SIGMAS.length);
    const col = csv[0].indexOf(`final loss (${LABEL})`);
    const stab = csv[0].indexOf('stability');
    assert.ok(col > 1 && stab > col, csv[0].join(','));
    grid.sweep!.points.forEach((p, k) => {
      const row = csv[k + 1];
      assert.equal(Number(row[0]), (p as SweepPoint & { values: number[] }).values[0]);
      assert.equal(row[col] === '' ? null : Number(row[col]), p.loss![LABEL]);
      assert.equal(Number(row[stab]), bounds((p as SweepPoint & { values: number[] }).values[1]).stability);
    });
    const svg = new TextDecoder().decode(await get('svg'));
    assert.equal((svg.match(/<rect [^>]*><title>/g) ?? []).length, ETAS.length * SIGMAS.length, 'a rect per cell');
    const png = await get('png');
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    await page.close();
  });

  it('on τ = 2ηk/δ the staircase draws GBL Thm 2’s limit with its jumps at 1/σ_i, and each δ’s run on its own τ', async () => {
    const page = await openWith(deltaSweep);
    const pick = async (mode: string) => {
      const n = await rendered(page);
      await page.evaluate((m) => {
        const s = document.querySelector('.toolbar vscode-single-select') as HTMLElement & { value: string };
        s.value = m;
        s.dispatchEvent(new Event('change', { bubbles: true }));
      }, mode);
      await settle(page, n + 1);
      return chart(page, 'staircase');
    };
    const steps = await pick('steps');
    assert.ok(!steps.model.series.some((s) => s.label.startsWith('GBL Thm 2')), 'no limit on the step axis');
    const tau = await pick('tau');
    const limit = tau.model.series.findIndex((s) => s.label.startsWith('GBL Thm 2'));
    assert.ok(limit >= 0, `limit drawn: ${tau.model.series.map((s) => s.label)}`);
    const { sigma, lambda } = deltaSweep.theory;
    const L = tau.model.series[limit];
    // the rises: two points at one τ, the second higher by σ_i/λ_i, at τ = 1/σ_i
    const rises: Array<{ tau: number; by: number }> = [];
    for (let k = 1; k < L.x.length; k++) if (L.x[k] === L.x[k - 1]) rises.push({ tau: L.x[k], by: L.y[k]! - L.y[k - 1]! });
    assert.deepEqual(rises.map((r) => r.tau), sigma.map((s) => 1 / s).sort((a, b) => a - b));
    rises.forEach((r) => {
      const i = sigma.findIndex((s) => 1 / s === r.tau);
      assert.ok(Math.abs(r.by - sigma[i] / lambda[i]) < 1e-12, `rise at τ = ${r.tau}`);
    });
    // pixels: the vertical segments where the linear τ axis puts 1/σ_i
    const { area, xMin, xMax } = tau.drawn;
    L.x.forEach((x, k) => {
      const pt = tau.drawn.pixels[limit].points[k];
      if (pt) assert.ok(Math.abs(pt.x - pixel(x, xMin, xMax, area.left, area.right, false)) < 0.5, `limit point ${k} at τ = ${x}`);
    });
    // every point's run, on its own τ = 2ηk/δ
    const eta = deltaSweep.experiment.optimizer.stepSize;
    for (const p of deltaSweep.sweep!.points) {
      const d = p.value as number;
      const s = tau.model.series.find((x) => x.label.endsWith(`δ = ${d}`));
      assert.ok(s, `δ = ${d} drawn: ${tau.model.series.map((x) => x.label)}`);
      const run = p.runs![0];
      s!.x.forEach((x, k) => assert.ok(Math.abs(x - (2 * eta * run.steps[k]) / d) < 1e-12));
    }
    // drawn on the range every δ reaches (the largest δ's), past the last jump
    const reach = (2 * eta * deltaSweep.experiment.optimizer.steps) / 16;
    assert.ok(Math.abs(Math.max(...L.x) - reach) < 1e-9 && reach > Math.max(...sigma.map((s) => 1 / s)), `limit to τ = ${reach}`);

    // moments data have no ground truth: the theory card's sweep table gives each δ's final loss
    const card = await page.locator('[data-chart=theory]').innerText();
    assert.ok(card.includes('Sweep over init.delta: final loss (3 of 3 values done)'), card.slice(0, 400));
    const label = deltaSweep.runs[0].label;
    const lossCell = (d: number) => card.split('\n').find((line) => line.startsWith(`${d}\t`));
    for (const p of deltaSweep.sweep!.points) {
      const shown = Number(lossCell(p.value as number)?.split('\t')[1]?.replace('−', '-').replace('×10^', 'e'));
      const want = p.loss![label]!;
      assert.ok(Math.abs(shown - want) <= 0.01 * Math.abs(want), `δ = ${p.value}: shown ${lossCell(p.value as number)}, final loss ${want}`);
    }

    // the 1-D sweep's chart: a click on δ = 8's marker shows that point's run alone, on its τ
    const sweep = await chart(page, 'sweep');
    // (every δ ends at the same loss floor here: the nearest marker along x is the one clicked)
    const marker = { x: sweep.drawn.pixels[0].points[1]!.x, y: (sweep.drawn.area.top + sweep.drawn.area.bottom) / 2 };
    const box = (await page.locator('[data-chart=sweep] canvas').boundingBox())!;
    const n = await rendered(page);
    await page.mouse.click(box.x + marker.x, box.y + marker.y);
    await settle(page, n + 1);
    assert.equal((await labState(page)).point, 1);
    const one = await chart(page, 'staircase');
    const run = deltaSweep.sweep!.points[1].runs![0];
    const drawn = one.model.series.find((x) => x.label === run.label)!;
    assert.ok(drawn, `the point's run: ${one.model.series.map((x) => x.label)}`);
    drawn.x.forEach((x, k) => assert.ok(Math.abs(x - (2 * eta * run.steps[k]) / 8) < 1e-12, 'on τ with δ = 8'));
    assert.deepEqual(drawn.y, run.nuclearNorm);
    assert.ok(one.model.series.some((x) => x.label.startsWith('GBL Thm 2')), 'the limit stays');
    assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
    await page.close();
  });
});
