// The lab webview in headless Chromium (npm run test:webview): charts with the expected series
// and phase lines, the x-axis switch, exports whose numbers are the results', the theme, a strict
// CSP without violations, the report page, and a float32 run on tfjs WebGL (SwiftShader, in the
// webview's compute worker) that agrees with the float64 engine (spec §2: 1e-3 of each quantity's scale).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { modelsOf, packModels } from '../../src/core/lab';
import type { Results } from '../../src/core/types';
import { writeReport } from '../../src/cli/report';
import { base64ToBytes, toWire } from '../../src/shared/wire';
import type { ToWebview } from '../../src/shared/messages';
import { CHROMIUM, prepareFile, REPO, runFloat64, send, startHarness, waitPosted, type Harness } from './harness';
// matrix completion and sweeps, the compute worker, the playground (live previews, sliders): their own suites, run with this one (npm run test:webview)
import './completion.test';
import './worker.test';
import './playground.test';
import './charts.test';

type Drawn = { xType: string; yType: string; xMin: number; xMax: number; datasets: number; visible: number; annotations: number; legend: string[] };
type ChartInfo = { id: string; logY: boolean; model: { series: Array<{ label: string; group: string; color: string; steps: number[]; x: number[]; y: Array<number | null> }>; vlines: Array<{ x: number; label: string }>; empty: string | null }; drawn: Drawn };

const charts = (page: Page) => page.evaluate(() => (window as unknown as { lnnLab: { charts(): unknown } }).lnnLab.charts()) as Promise<ChartInfo[]>;
const chart = async (page: Page, id: string) => (await charts(page)).find((c) => c.id === id)!;
const rendered = (page: Page) => page.evaluate(() => Number(document.body.dataset.rendered ?? 0));
const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted);

async function settle(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) >= n, atLeast, { timeout: 20_000 });
}

const skip = existsSync(CHROMIUM) && existsSync(join(REPO, 'dist/webview.js')) ? false : `needs ${CHROMIUM} and dist/webview.js (npm run build)`;

describe('lab webview (headless chromium)', { skip }, () => {
  let h: Harness;
  let fig1: Results;
  const source = { kind: 'results' as const, path: '/tmp/gbl-fig1-moments.results.json', name: 'gbl-fig1-moments.results.json' };

  before(async () => {
    h = await startHarness();
    fig1 = await runFloat64(await prepareFile('examples/gbl-fig1-moments.lnn.json'));
  });
  after(async () => h?.close());

  async function openPanel(theme: 'light' | 'dark' = 'dark'): Promise<Page> {
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    (page as unknown as { errors: string[] }).errors = errors;
    await page.goto(h.panelUrl(theme));
    await page.waitForFunction(() => 'lnnLab' in window);
    return page;
  }

  it('shows the empty state, then the charts of a results file with the expected series and phase lines', async () => {
    const page = await openPanel();
    assert.equal(await page.locator('.empty').isVisible(), true, 'empty state visible');
    assert.match(await page.locator('.empty').innerText(), /Open Lab/);
    const before = await rendered(page);
    await send(page, { type: 'showResults', source, results: fig1 } satisfies ToWebview);
    await settle(page, before + 1);
    assert.equal(await page.locator('.empty').isVisible(), false);

    const stair = await chart(page, 'staircase');
    assert.deepEqual(stair.model.series.map((s) => s.label), fig1.runs.map((r) => r.label));
    fig1.runs.forEach((r, j) => assert.deepEqual(stair.model.series[j].y, r.nuclearNorm, `${r.label}: ‖W‖* as in the results`));
    const twoLayer = fig1.runs.find((r) => r.depth === 2)!;
    for (const [i, k] of twoLayer.phaseSteps!.predicted.entries()) {
      assert.ok(stair.model.vlines.some((l) => l.x === k && l.label.includes(twoLayer.label)), `phase line of component ${i + 1} at step ${k}`);
    }
    assert.ok(stair.model.vlines.some((l) => l.label.startsWith('eq.16')), 'the closed-form phase steps');
    assert.equal(stair.drawn.annotations, stair.model.vlines.length, 'every phase line is drawn');
    assert.equal(stair.drawn.datasets, fig1.runs.length);

    const comp = await chart(page, 'components');
    const rxy = fig1.theory.sigma.length;
    const sub = (i: number) => String(i).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
    for (const r of fig1.runs) {
      for (let i = 1; i <= rxy; i++) assert.ok(comp.model.series.some((s) => s.label === `${r.label} c${sub(i)}` && s.group === `c${sub(i)}`), `${r.label} c${sub(i)}`);
      assert.equal(comp.model.series.filter((s) => s.group === 'scalar theory' && s.label.startsWith(r.label)).length, rxy);
    }
    // colour by component: c_i, its theory and σ_i(W) share one colour, distinct from the other components'
    const colourOf = (i: number) => new Set(comp.model.series.filter((s) => s.label.endsWith(`c${sub(i)}`) || s.label.endsWith(`theory ${sub(i)}`) || s.label.endsWith(`σ${sub(i)}(W)`)).map((s) => s.color));
    for (let i = 1; i <= rxy; i++) assert.equal(colourOf(i).size, 1, `one colour for component ${i}`);
    assert.equal(new Set(Array.from({ length: rxy }, (_, i) => [...colourOf(i + 1)][0])).size, rxy, 'a colour per component');
    assert.deepEqual(comp.drawn.legend.sort(), [...Array.from({ length: rxy }, (_, i) => `c${sub(i + 1)}`), 'scalar theory', 'σ_i(W)'].sort(), 'one legend entry per group');
    assert.equal((await chart(page, 'loss')).drawn.yType, 'logarithmic', 'excess loss on a log scale');
    const recon = (await charts(page)).find((c) => c.id === 'reconstruction') as ChartInfo & { visible: boolean };
    assert.match(recon.model.empty ?? '', /no ground truth/);
    assert.equal(recon.visible, false, 'a chart with nothing to draw is hidden, not an empty box with a note');
    assert.equal(await page.locator('[data-chart=reconstruction]').isVisible(), false);
    assert.equal((await chart(page, 'reducedRank')).model.series.length, fig1.runs.length * (rxy + 1));

    const card = await page.locator('[data-chart=theory]').innerText();
    for (const needle of ['ε', 'Δxy', 'Δx', 'stability', 'eigengap', 'Diagnostics', 'two-layer']) assert.ok(card.includes(needle), `theory card shows ${needle}`);
    // long.js (a tfjs-core dependency) tries a 100-byte WebAssembly fast path and falls back to
    // JavaScript when the CSP refuses it: the one refusal expected, and the CSP stays strict.
    const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    assert.deepEqual(csp.filter((v) => v !== 'script-src wasm-eval'), [], 'no CSP violation');
    assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
    await page.close();
  });

  it('switches the x axis between steps, time ηk and rescaled time τ = 2ηk/δ, and log x', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source, results: fig1 } satisfies ToWebview);
    await settle(page, 1);
    const steps = fig1.experiment.optimizer.steps;
    const eta = fig1.experiment.optimizer.stepSize;
    const delta = fig1.experiment.init.delta!;
    // Fig. 1's phase steps are decades apart: the panel opens on a log time axis; a click makes it linear
    assert.equal((await chart(page, 'staircase')).drawn.xType, 'logarithmic');
    const before = await rendered(page);
    await page.locator('.toolbar .log-x').click();
    await settle(page, before + 1);
    assert.equal((await chart(page, 'staircase')).drawn.xType, 'linear');
    assert.equal((await chart(page, 'staircase')).drawn.xMax, steps);
    const pick = async (mode: string) => {
      const n = await rendered(page);
      await page.evaluate((m) => {
        const s = document.querySelector('vscode-single-select') as HTMLElement & { value: string };
        s.value = m;
        s.dispatchEvent(new Event('change', { bubbles: true }));
      }, mode);
      await settle(page, n + 1);
      return chart(page, 'staircase');
    };
    const time = await pick('time');
    assert.ok(Math.abs(time.drawn.xMax - steps * eta) < 1e-9 * steps, `time axis ends at ηK = ${steps * eta}, got ${time.drawn.xMax}`);
    assert.equal(time.model.series[0].x[1], fig1.runs[0].steps[1] * eta);
    const tau = await pick('tau');
    const tauEnd = (2 * eta * steps) / delta;
    assert.ok(Math.abs(tau.model.series[0].x.at(-1)! - tauEnd) < 1e-12 * steps, 'the last point at τ = 2ηK/δ');
    assert.ok(tau.drawn.xMax >= tauEnd && tau.drawn.xMax < 1.1 * tauEnd, `τ axis ends near 2ηK/δ = ${tauEnd}, got ${tau.drawn.xMax}`);
    const twoLayer = fig1.runs.findIndex((r) => r.depth === 2);
    const k1 = fig1.runs[twoLayer].phaseSteps!.predicted[0]!;
    assert.ok(tau.model.vlines.some((l) => Math.abs(l.x - (2 * eta * k1) / delta) < 1e-12), 'phase lines move with the axis');
    const n = await rendered(page);
    await page.locator('.toolbar .log-x').click();
    await settle(page, n + 1);
    assert.equal((await chart(page, 'staircase')).drawn.xType, 'logarithmic');
    await page.close();
  });

  it('exports PNG, SVG, CSV and JSON whose numbers equal the results', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source, results: fig1 } satisfies ToWebview);
    await settle(page, 1);
    const get = async (kind: string) => {
      const count = (await posted(page)).filter((m) => m.type === 'export').length;
      await page.locator(`[data-chart=staircase] [data-export=${kind}]`).click();
      const m = await waitPosted<{ fileName: string; base64: string }>(page, 'export', 10_000, count);
      assert.match(m.fileName, new RegExp(`staircase\\.${kind}$`));
      return base64ToBytes(m.base64);
    };
    const png = await get('png');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    const view = new DataView(png.buffer, png.byteOffset);
    assert.ok(view.getUint32(16) > 100 && view.getUint32(20) > 100, 'PNG has a real size');

    const csv = new TextDecoder().decode(await get('csv')).trim().split('\n');
    assert.equal(csv[0], 'series,group,step,x,y');
    for (const r of fig1.runs) {
      const rows = csv.slice(1).filter((l) => l.startsWith(`${r.label},`)).map((l) => l.split(','));
      assert.equal(rows.length, r.steps.length);
      rows.forEach((row, i) => {
        assert.equal(Number(row[2]), r.steps[i]);
        assert.equal(Number(row[4]), r.nuclearNorm[i], `${r.label} ‖W‖* at record ${i}`);
      });
    }
    const svg = new TextDecoder().decode(await get('svg'));
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok((svg.match(/<polyline/g) ?? []).length >= fig1.runs.length);
    assert.ok(svg.includes('two-layer'), 'legend in the SVG');
    const json = JSON.parse(new TextDecoder().decode(await get('json'))) as { series: Array<{ label: string; y: number[] }> };
    assert.deepEqual(json.series.map((s) => s.y), fig1.runs.map((r) => r.nuclearNorm));
    await page.close();
  });

  it('redraws in the theme when VS Code switches it (body class)', async () => {
    const page = await openPanel('dark');
    await send(page, { type: 'showResults', source, results: fig1 } satisfies ToWebview);
    await settle(page, 1);
    const color = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await color();
    const n = await rendered(page);
    await page.evaluate(() => {
      document.body.classList.remove('vscode-dark');
      document.body.classList.add('vscode-light');
    });
    await settle(page, n + 1);
    assert.notEqual(await color(), dark);
    await page.close();
  });

  it('overlays two results files to compare them', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source, results: fig1 } satisfies ToWebview);
    const other = { ...source, path: '/tmp/other.results.json', name: 'other.results.json' };
    await send(page, { type: 'showResults', source: other, results: fig1, overlay: true } satisfies ToWebview);
    await page.waitForFunction(() => (window as unknown as { lnnLab: { state(): { sources: unknown[] } } }).lnnLab.state().sources.length === 2);
    await settle(page, 2);
    const stair = await chart(page, 'staircase');
    assert.equal(stair.model.series.length, 2 * fig1.runs.length);
    assert.ok(stair.model.series.some((s) => s.label === `other.results.json: ${fig1.runs[0].label}`));
    await page.close();
  });

  it('the report page (lnn-lab report) draws the same charts, offline, under its CSP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lnn-report-'));
    try {
      const out = join(dir, 'report.html');
      assert.equal(await writeReport([join(REPO, 'examples/gbl-fig1-moments.lnn.json')], out), 0);
      const page = await h.context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
      await page.goto(`file://${out}`);
      await page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) >= 1);
      const stair = await chart(page, 'staircase');
      assert.deepEqual(stair.model.series.map((s) => s.label), fig1.runs.map((r) => r.label));
      fig1.runs.forEach((r, j) => assert.deepEqual(stair.model.series[j].y, r.nuclearNorm));
      const actions = await page.locator('[data-command]').evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => (e as HTMLElement).dataset.command));
      assert.deepEqual(actions, [], 'no editor actions in the report (Run, Keep, Compare …)');
      assert.equal(await page.locator('.controls').isVisible(), false, 'no sliders: nothing to write back to');
      assert.equal(await page.locator('.live-toggle').isVisible(), false);
      assert.deepEqual(violations, []);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('selects tfjs WebGL under SwiftShader, computes in the webview, and agrees with the float64 engine', async () => {
    const page = await openPanel();
    const ready = await waitPosted<{ webgl: { ok: boolean; detail: string } }>(page, 'ready', 60_000);
    assert.equal(ready.webgl.ok, true, `WebGL: ${ready.webgl.detail}`);
    // GBL §4.2's autoencoder, shortened: every component still learned (steps well past the last phase step)
    const shorten = (t: string) => t.replace('"steps": 20000', '"steps": 2000');
    const prepared = await prepareFile('examples/gbl-4.2-autoencoder.lnn.json', shorten);
    assert.equal(prepared.experiment!.optimizer.steps, 2000);
    const exact = await runFloat64(prepared);
    const skeleton = { ...exact, runs: [] };
    await send(page, { type: 'runStart', jobId: 7, source: { kind: 'experiment', path: '/tmp/ae.lnn.json', name: 'ae.lnn.json' }, results: skeleton, diagnostics: exact.diagnostics, engine: { backend: 'webgl', precision: 'float32', reason: 'test', side: 'webview' }, refused: false } satisfies ToWebview);
    await send(page, { type: 'compute', jobId: 7, input: toWire(packModels(modelsOf(prepared))) } satisfies ToWebview);
    const done = await page.waitForFunction(
      () => (window as unknown as { __posted: Array<{ type: string; final?: boolean }> }).__posted.find((m) => (m.type === 'computed' && m.final) || m.type === 'computeFailed'),
      undefined,
      { timeout: 300_000, polling: 250 },
    );
    const reply = (await done.jsonValue()) as { type: string; reason?: string; runs: Results['runs'] };
    assert.equal(reply.type, 'computed', reply.reason);
    const got = { runs: reply.runs };
    assert.equal(got.runs.length, exact.runs.length);
    for (const [j, run] of got.runs.entries()) {
      const ref = exact.runs[j];
      assert.equal(run.backend, 'webgl');
      assert.equal(run.precision, 'float32');
      assert.deepEqual(run.steps, ref.steps);
      const scaleN = Math.max(...ref.nuclearNorm.map(Math.abs));
      const worstN = Math.max(...run.nuclearNorm.map((v, i) => Math.abs(v - ref.nuclearNorm[i])));
      assert.ok(worstN <= 1e-3 * scaleN, `${run.label}: ‖W‖* within 1e-3 of scale (worst ${worstN.toExponential(2)}, scale ${scaleN})`);
      const flat = (m: number[][] | null) => (m ?? []).flat();
      const c = flat(run.componentValues);
      const cr = flat(ref.componentValues);
      const scaleC = Math.max(...cr.map(Math.abs));
      const worstC = Math.max(...c.map((v, i) => Math.abs(v - cr[i])));
      assert.ok(worstC <= 1e-3 * scaleC, `${run.label}: c_i within 1e-3 of scale (worst ${worstC.toExponential(2)})`);
      run.phaseSteps!.observed.forEach((k, i) => {
        const r = ref.phaseSteps!.observed[i];
        assert.ok(k === r || (k !== null && r !== null && Math.abs(k - r) <= Math.max(0.01 * r, ref.steps[1] - ref.steps[0])), `${run.label}: observed phase step ${i + 1}: ${k} vs ${r}`);
      });
    }
    // the live charts drew the webview's own run
    await settle(page, 1);
    assert.equal((await chart(page, 'staircase')).model.series.length, exact.runs.length);
    await page.close();
  });
});
