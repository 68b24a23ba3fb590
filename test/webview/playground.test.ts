// The lab as a playground (issue 13) in headless Chromium: a live preview drawn beside the
// previous run, ghosted (faded, the same colours) until it finishes; Keep offered for a finished
// preview; the out-of-date banner with its Run button; the live toggle. Run by webview.test.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Results } from '../../src/core/types';
import type { ToWebview } from '../../src/shared/messages';
import { sliceRun } from '../../src/shared/runSlice';
import { base64ToBytes } from '../../src/shared/wire';
import { CHROMIUM, prepareFile, REPO, runFloat64, send, startHarness, type Harness } from './harness';

type Series = { label: string; group: string; color: string; y: Array<number | null> };
type ChartInfo = { id: string; visible: boolean; model: { series: Series[] }; drawn: { legend: string[]; datasets: number; ghosts: Array<{ label: string; color: string }> } };

const charts = (page: Page) => page.evaluate(() => (window as unknown as { lnnLab: { charts(): unknown } }).lnnLab.charts()) as Promise<ChartInfo[]>;
const chart = async (page: Page, id: string) => (await charts(page)).find((c) => c.id === id)!;
const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Array<{ type: string; command?: string }> }).__posted);
const rendered = (page: Page) => page.evaluate(() => Number(document.body.dataset.rendered ?? 0));

async function settle(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) >= n, atLeast, { timeout: 20_000 });
}

/** A CSS colour as the canvas reads it: [r, g, b, a]. */
const rgba = (page: Page, color: string) =>
  page.evaluate((c) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const probe = document.createElement('canvas').getContext('2d')!;
    probe.fillStyle = c;
    const s = String(probe.fillStyle);
    const hex = /^#(..)(..)(..)$/.exec(s);
    if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 1];
    const m = /rgba?\(([^)]+)\)/.exec(s)!;
    const v = m[1].split(',').map(Number);
    return [v[0], v[1], v[2], v[3] ?? 1];
  }, color);

const skip = existsSync(CHROMIUM) && existsSync(join(REPO, 'dist/webview.js')) ? false : `needs ${CHROMIUM} and dist/webview.js (npm run build)`;

describe('lab webview as a playground (headless chromium)', { skip }, () => {
  let h: Harness;
  let saved: Results;
  let edited: Results;
  const source = { kind: 'experiment' as const, path: '/tmp/gbl-fig1-moments.lnn.json', name: 'gbl-fig1-moments.lnn.json' };

  before(async () => {
    h = await startHarness();
    const shorten = (t: string) => t.replace('"steps": 40000', '"steps": 4000');
    saved = await runFloat64(await prepareFile('examples/gbl-fig1-moments.lnn.json', shorten));
    edited = await runFloat64(await prepareFile('examples/gbl-fig1-moments.lnn.json', (t) => shorten(t).replace(/"stepSize": [0-9.e-]+/, '"stepSize": 0.05')));
    assert.notDeepEqual(edited.runs[1].nuclearNorm, saved.runs[1].nuclearNorm, 'the edit changes the run');
  });
  after(async () => h?.close());

  async function openPanel(theme: 'light' | 'dark' = 'dark'): Promise<Page> {
    const page = await h.context.newPage();
    await page.goto(h.panelUrl(theme));
    await page.waitForFunction(() => 'lnnLab' in window);
    return page;
  }

  it('a live preview: the previous run ghosted in its colours, faded, until the preview finishes; then Keep', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source, results: saved, savedTo: '/tmp/gbl-fig1-moments.results.json' } satisfies ToWebview);
    await settle(page, 1);
    const before = await chart(page, 'staircase');
    assert.deepEqual(before.drawn.ghosts, [], 'nothing ghosted before a new run');
    assert.equal(await page.locator('vscode-button[data-command="keep"]').isVisible(), false, 'a saved run: no Keep');

    const n = await rendered(page);
    await send(page, { type: 'runStart', jobId: 3, source, results: { ...edited, runs: [] }, diagnostics: edited.diagnostics, engine: null, refused: false, preview: true } satisfies ToWebview);
    await send(page, { type: 'records', jobId: 3, modelIndex: 0, from: 0, run: sliceRun(edited.runs[0], 0) } satisfies ToWebview);
    await settle(page, n + 2);
    await page.waitForFunction(() => (window as unknown as { lnnLab: { charts(): Array<{ id: string; drawn: { datasets: number } }> } }).lnnLab.charts().find((c) => c.id === 'staircase')!.drawn.datasets > 2);
    const during = await chart(page, 'staircase');
    assert.deepEqual(during.model.series.map((s) => s.label), [edited.runs[0].label], 'the preview draws what it has so far');
    assert.equal(during.drawn.ghosts.length, saved.runs.length, 'every run of the previous results is ghosted');
    assert.ok(during.drawn.legend.includes('previous run'), `one legend entry for the ghost: ${during.drawn.legend}`);
    // the ghost of run j has run j's colour (as the new run's series of that run draws it), faded
    const colors = before.model.series.map((s) => s.color);
    for (const [j, g] of during.drawn.ghosts.entries()) {
      assert.equal(g.label, `${saved.runs[j].label} (previous)`);
      const [want, got] = [await rgba(page, colors[j]), await rgba(page, g.color)];
      assert.deepEqual(got.slice(0, 3), want.slice(0, 3), `${g.label}: the run's colour`);
      assert.ok(got[3] > 0 && got[3] < 0.5, `${g.label}: faded (alpha ${got[3]})`);
    }
    assert.equal(await page.locator('.preview-mark').isVisible(), true, 'marked as a preview while it runs');
    // exports hold the new run's numbers only
    const count = (await posted(page)).filter((m) => m.type === 'export').length;
    await page.locator('[data-chart="staircase"] vscode-button[data-export="csv"]').click();
    await page.waitForFunction((c) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'export').length > c, count);
    const csv = new TextDecoder().decode(base64ToBytes(((await posted(page)).filter((m) => m.type === 'export').pop() as unknown as { base64: string }).base64));
    assert.ok(!csv.includes('(previous)'), 'the ghost is not exported');

    const m = await rendered(page);
    await send(page, { type: 'showResults', source, results: edited, preview: true } satisfies ToWebview);
    await settle(page, m + 1);
    const after = await chart(page, 'staircase');
    assert.deepEqual(after.drawn.ghosts, [], 'the ghost goes when the preview finishes');
    assert.deepEqual(after.model.series.map((s) => s.y), edited.runs.map((r) => r.nuclearNorm));
    const keep = page.locator('vscode-button[data-command="keep"]');
    assert.equal(await keep.isVisible(), true, 'a finished preview offers Keep');
    assert.equal(await page.locator('.preview-mark').isVisible(), true);
    await keep.click();
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string; command?: string }> }).__posted.some((p) => p.type === 'command' && p.command === 'keep'));
    const k = await rendered(page);
    await send(page, { type: 'showResults', source, results: edited, savedTo: '/tmp/gbl-fig1-moments.results.json' } satisfies ToWebview);
    await settle(page, k + 1);
    assert.equal(await keep.isVisible(), false, 'kept: no Keep');
    assert.equal(await page.locator('.preview-mark').isVisible(), false);
    await page.close();
  });

  it('out of date: a banner with Run over the faded charts, cleared by the run; the live toggle', async () => {
    const page = await openPanel('light');
    await send(page, { type: 'showResults', source, results: saved, savedTo: '/tmp/x.results.json' } satisfies ToWebview);
    await settle(page, 1);
    const banner = page.locator('.stale');
    assert.equal(await banner.isVisible(), false);
    const text = "Out of date — the file changed; this run would take about 3 min, longer than live mode's 2 s: Run to update";
    await send(page, { type: 'status', level: 'warning', text, stale: true } satisfies ToWebview);
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal((await banner.innerText()).includes(text), true);
    const opacity = await page.locator('[data-chart="staircase"]').evaluate((e) => Number(getComputedStyle(e).opacity));
    assert.ok(opacity < 1, `the stale charts are faded (opacity ${opacity})`);
    await banner.locator('vscode-button[data-command="rerun"]').click();
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string; command?: string }> }).__posted.some((p) => p.type === 'command' && p.command === 'rerun'));
    await send(page, { type: 'runStart', jobId: 4, source, results: { ...saved, runs: [] }, diagnostics: [], engine: null, refused: false } satisfies ToWebview);
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });

    const toggle = page.locator('.live-toggle');
    assert.equal(await toggle.isVisible(), false, 'no toggle before the host says the setting');
    await send(page, { type: 'live', on: true } satisfies ToWebview);
    await toggle.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await toggle.evaluate((e) => (e as HTMLElement & { checked: boolean }).checked), true);
    await toggle.click();
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string; command?: string }> }).__posted.some((p) => p.type === 'command' && p.command === 'liveOff'));
    await page.close();
  });
  it('sliders: one edit message when a slider is let go, at the value of the track; the step-size bounds marked, their labels apart', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source, results: saved, savedTo: '/tmp/x.results.json' } satisfies ToWebview);
    await settle(page, 1);
    const strip = page.locator('.controls');
    assert.equal(await strip.isVisible(), true);
    const file = saved.experiment;
    const paths = await page.locator('.slider').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.slider));
    for (const p of ['/optimizer/stepSize', '/optimizer/steps', '/init/delta']) assert.ok(paths.includes(p), `${p} in ${paths}`);
    const edits = async () => (await posted(page)).filter((m) => m.type === 'edit') as unknown as Array<{ path: string; value: number }>;

    // the step-size marks sit at the results' bounds, in their order along the track, labels not overlapping
    const { stability, eigengap } = saved.theory.stepSizeBounds;
    const marks = await page.locator('[data-slider="/optimizer/stepSize"] .slider-mark').evaluateAll((els) =>
      els.map((e) => ({ kind: (e as HTMLElement).dataset.mark!, value: Number((e as HTMLElement).dataset.value), box: e.getBoundingClientRect().toJSON() as DOMRect })),
    );
    assert.deepEqual(marks.map((m) => [m.kind, m.value]).sort(), [['eigengap', eigengap], ['stability', stability]].filter(([, v]) => v !== null).sort());
    const [a, b] = [...marks].sort((x, y) => x.value - y.value);
    assert.ok(a.box.left < b.box.left, 'the smaller bound is left of the larger');
    const overlap = a.box.right > b.box.left && b.box.right > a.box.left && a.box.bottom > b.box.top && b.box.bottom > a.box.top;
    assert.equal(overlap, false, `mark labels apart: ${JSON.stringify([a.box, b.box])}`);

    // End: the top of the track — the file's η (or the bounds, if larger) a decade and a half up, to 3 digits
    const eta = file.optimizer.stepSize!;
    const top = Math.max(eta, stability ?? 0, eigengap ?? 0) * 10 ** 1.5;
    const slider = page.locator('[data-slider="/optimizer/stepSize"] input');
    const n0 = (await edits()).length;
    await slider.focus();
    await page.keyboard.press('End');
    await page.waitForFunction((n) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'edit').length > n, n0);
    await page.waitForTimeout(200);
    const after = (await edits()).slice(n0);
    assert.equal(after.length, 1, `one edit per change: ${JSON.stringify(after)}`);
    assert.deepEqual(after[0], { type: 'edit', path: '/optimizer/stepSize', value: Number(top.toPrecision(3)) });
    // an integer field posts integers
    await page.locator('[data-slider="/optimizer/steps"] input').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((n) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'edit').length > n, n0 + 1);
    const steps = (await edits()).pop()!;
    assert.equal(steps.path, '/optimizer/steps');
    assert.ok(Number.isInteger(steps.value) && steps.value < file.optimizer.steps! && steps.value > 0, `steps ${steps.value}`);
    await page.close();
  });
  it('history: the entries the host lists, with their changes; Compare asks for one; an overlay shows the fields that differ', async () => {
    const page = await openPanel();
    await send(page, { type: 'showResults', source, results: edited, savedTo: '/tmp/x.results.json' } satisfies ToWebview);
    await settle(page, 1);
    assert.equal(await page.locator('[data-card="history"]').count(), 0, 'no history listed: no card');
    const [from, to] = [saved.experiment.optimizer.stepSize!, edited.experiment.optimizer.stepSize!];
    const entries = [
      { file: '/tmp/.lnn-lab/history/fig1/2026-12-01T10-00-00-000Z.results.json', time: '2026-12-01T10:00:00.000Z', changed: [{ path: '/optimizer/stepSize', from, to }], complete: true },
      { file: '/tmp/.lnn-lab/history/fig1/2026-11-30T09-00-00-000Z.results.json', time: '2026-11-30T09:00:00.000Z', changed: [], complete: false },
    ];
    const n = await rendered(page);
    await send(page, { type: 'history', experiment: '/tmp/other.lnn.json', entries } satisfies ToWebview);
    await send(page, { type: 'showResults', source, results: edited, savedTo: '/tmp/x.results.json' } satisfies ToWebview);
    await settle(page, n + 1);
    assert.equal(await page.locator('[data-card="history"]').count(), 0, "another file's history is not listed");
    const m = await rendered(page);
    await send(page, { type: 'history', experiment: source.path, entries } satisfies ToWebview);
    await send(page, { type: 'showResults', source, results: edited, savedTo: '/tmp/x.results.json' } satisfies ToWebview);
    await settle(page, m + 1);
    const rows = page.locator('[data-card="history"] tr[data-entry]');
    assert.equal(await rows.count(), entries.length);
    assert.equal(await rows.nth(0).locator('[data-field="/optimizer/stepSize"]').innerText(), `/optimizer/stepSize ${from} → ${to}`);
    assert.match(await rows.nth(1).innerText(), /partial[\s\S]*same experiment/);
    await rows.nth(0).locator('vscode-button').click();
    await page.waitForFunction((f) => (window as unknown as { __posted: Array<{ type: string; file?: string }> }).__posted.some((p) => p.type === 'compareHistory' && p.file === f), entries[0].file);
    // the host answers with the entry as an overlay: the fields the two experiments differ in
    const k = await rendered(page);
    await send(page, { type: 'showResults', source: { kind: 'results', path: entries[0].file, name: 'history 2026-12-01 10:00:00Z' }, results: saved, overlay: true } satisfies ToWebview);
    await settle(page, k + 1);
    const differs = page.locator(`[data-differs="${entries[0].file}"]`);
    assert.equal(await differs.locator('[data-field]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field)).then((f) => f.join()), '/optimizer/stepSize');
    assert.equal(await differs.locator('[data-field]').innerText(), `/optimizer/stepSize ${to} → ${from}`);
    assert.equal((await chart(page, 'staircase')).model.series.length, edited.runs.length + saved.runs.length, 'overlaid on the charts');
    await page.close();
  });
  it('results as documents: PNG at 2×, Copy puts the chart on the clipboard, Export report asks the host', async () => {
    const page = await openPanel();
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    await send(page, { type: 'showResults', source, results: saved, savedTo: '/tmp/x.results.json' } satisfies ToWebview);
    await settle(page, 1);
    const css = await page.locator('[data-chart="staircase"] canvas').evaluate((c) => {
      const r = c.getBoundingClientRect();
      return { w: Math.round(r.width), h: Math.round(r.height), dpr: window.devicePixelRatio };
    });
    const count = (await posted(page)).filter((m) => m.type === 'export').length;
    await page.locator('[data-chart="staircase"] vscode-button[data-export="png"]').click();
    await page.waitForFunction((c) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'export').length > c, count);
    const png = base64ToBytes(((await posted(page)).filter((m) => m.type === 'export').pop() as unknown as { base64: string }).base64);
    const view = new DataView(png.buffer, png.byteOffset);
    assert.deepEqual([view.getUint32(16), view.getUint32(20)], [css.w * 2, css.h * 2], `PNG at 2× the chart's ${css.w}×${css.h} CSS pixels (the page's own ratio is ${css.dpr})`);
    const after = await page.locator('[data-chart="staircase"] canvas').evaluate((c) => (c as HTMLCanvasElement).width);
    assert.equal(after, Math.round(css.w * css.dpr), 'the chart on screen is back at the page ratio');

    await page.locator('[data-chart="staircase"] vscode-button[data-export="copy"]').click();
    await page.waitForFunction(() => /Copied|clipboard did not/.test(document.querySelector('.status')?.textContent ?? ''));
    assert.match(await page.locator('.status').innerText(), /^Copied/);
    const clip = await page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const blob = await items[0].getType('image/png');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const v = new DataView(bytes.buffer);
      return { types: items[0].types, w: v.getUint32(16), h: v.getUint32(20) };
    });
    assert.deepEqual(clip, { types: ['image/png'], w: css.w * 2, h: css.h * 2 });

    await page.locator('vscode-button[data-command="exportReport"]').click();
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string; command?: string }> }).__posted.some((p) => p.type === 'command' && p.command === 'exportReport'));
    await page.close();
  });
});
