// Charts that show the result by default (issue 13) in headless Chromium: log y where a series spans
// more than two decades (GBL Fig. 1's components), the user's choice kept; at most about eight ticks
// on a log axis (Fig. 1's excess loss spans ~30 decades); phase-line labels that never overlap
// (their boxes as the annotation plugin laid them out) and never lose a line; charts with nothing to
// draw hidden; distinct colours per k. Run by webview.test.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Results } from '../../src/core/types';
import type { ToWebview } from '../../src/shared/messages';
import { OKABE_ITO_DARK } from '../../src/webview/theme';
import { CHROMIUM, prepareFile, REPO, runFloat64, send, startHarness, type Harness } from './harness';

type Box = { left: number; right: number; top: number; bottom: number };
type ChartInfo = {
  id: string;
  visible: boolean;
  logY: boolean;
  model: { series: Array<{ label: string; group: string; color: string; y: Array<number | null> }>; vlines: Array<{ x: number; label: string }> };
  drawn: { yType: string; xType: string; yTicks: string[]; xTicks: string[]; annotations: number; labels: Array<{ text: string; lines: number[]; box: Box }> };
};

const charts = (page: Page) => page.evaluate(() => (window as unknown as { lnnLab: { charts(): unknown } }).lnnLab.charts()) as Promise<ChartInfo[]>;
const chart = async (page: Page, id: string) => (await charts(page)).find((c) => c.id === id)!;
const rendered = (page: Page) => page.evaluate(() => Number(document.body.dataset.rendered ?? 0));
async function settle(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) >= n, atLeast, { timeout: 20_000 });
}

/** log10 of max/min over the positive finite values. */
function decades(values: Array<number | null>): number {
  const pos = values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  return pos.length ? Math.log10(Math.max(...pos) / Math.min(...pos)) : 0;
}

const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const skip = existsSync(CHROMIUM) && existsSync(join(REPO, 'dist/webview.js')) ? false : `needs ${CHROMIUM} and dist/webview.js (npm run build)`;

describe('lab webview: charts that show the result (headless chromium)', { skip }, () => {
  let h: Harness;
  let fig1: Results;
  let ae: Results;
  const src = (name: string) => ({ kind: 'results' as const, path: `/tmp/${name}.results.json`, name: `${name}.results.json` });

  before(async () => {
    h = await startHarness();
    fig1 = await runFloat64(await prepareFile('examples/gbl-fig1-moments.lnn.json'));
    ae = await runFloat64(await prepareFile('examples/gbl-4.2-autoencoder.lnn.json'));
  });
  after(async () => h?.close());

  async function show(results: Results, name: string, theme: 'dark' | 'light' = 'dark'): Promise<Page> {
    const page = await h.context.newPage();
    await page.goto(h.panelUrl(theme));
    await page.waitForFunction(() => 'lnnLab' in window);
    await send(page, { type: 'showResults', source: src(name), results } satisfies ToWebview);
    await settle(page, 1);
    return page;
  }

  it("log y by default where a series spans more than two decades (Fig. 1's components), linear where none does; the user's choice kept", async () => {
    const page = await show(fig1, 'fig1');
    const comp = await chart(page, 'components');
    const twoLayer = fig1.runs.find((r) => r.depth === 2)!;
    const spans = twoLayer.componentValues![0].map((_, i) => decades(twoLayer.componentValues!.map((row) => row[i])));
    assert.ok(spans.some((d) => d > 2), `a component of the two-layer run spans decades: ${spans}`);
    assert.equal(comp.logY, true);
    assert.equal(comp.drawn.yType, 'logarithmic', 'components 2 and 3 are not flat on zero');
    // the staircase reads on a linear y whatever its span
    assert.equal((await chart(page, 'staircase')).drawn.yType, 'linear');
    // a chart none of whose series spans two decades stays linear: §4.2's staircase, and its components? derive
    const page2 = await show(ae, 'ae');
    for (const c of await charts(page2)) {
      if (!c.visible || c.id === 'staircase') continue;
      const any = c.model.series.some((s) => decades(s.y) > 2);
      if (!any && ['components', 'singularValues'].includes(c.id)) assert.equal(c.drawn.yType, 'linear', `${c.id}: no series spans two decades`);
      if (any) assert.equal(c.drawn.yType, 'logarithmic', `${c.id}: a series spans two decades`);
    }
    await page2.close();
    // the user's switch holds across redraws
    await page.locator('[data-chart="components"] vscode-checkbox').click();
    const n = await rendered(page);
    await page.locator('.toolbar .log-x').click();
    await settle(page, n + 1);
    assert.equal((await chart(page, 'components')).drawn.yType, 'linear', 'switched off by the user, it stays off');
    await page.close();
  });

  it('at most about eight ticks on a log axis, each a power of ten', async () => {
    const page = await show(fig1, 'fig1');
    const loss = await chart(page, 'loss');
    const span = Math.max(...fig1.runs.map((r) => decades(r.excessLoss)));
    assert.ok(span > 16, `Fig. 1's excess loss spans ${span.toFixed(1)} decades`);
    assert.equal(loss.drawn.yType, 'logarithmic');
    assert.ok(loss.drawn.yTicks.length >= 2 && loss.drawn.yTicks.length <= 9, `${loss.drawn.yTicks.length} ticks: ${loss.drawn.yTicks}`);
    for (const t of loss.drawn.yTicks) assert.match(t, /^(1e-?\d+|0\.0*1|1|10|100|1000)$/, `${t}: a power of ten`);
    for (const c of await charts(page)) {
      if (!c.visible) continue;
      if (c.drawn.yType === 'logarithmic') assert.ok(c.drawn.yTicks.length <= 9, `${c.id}: ${c.drawn.yTicks}`);
      if (c.drawn.xType === 'logarithmic') assert.ok(c.drawn.xTicks.length <= 9, `${c.id}: ${c.drawn.xTicks}`);
    }
    await page.close();
  });

  for (const [name, logX] of [['fig1', true], ['fig1', false], ['ae', true], ['ae', false]] as const) {
    it(`phase-line labels never overlap and every line keeps its label (${name}, ${logX ? 'log' : 'linear'} x)`, async () => {
      const results = name === 'fig1' ? fig1 : ae;
      const page = await show(results, name, 'light');
      const on = await page.locator('.toolbar .log-x').evaluate((e) => (e as HTMLElement & { checked: boolean }).checked);
      if (on !== logX) {
        const n = await rendered(page);
        await page.locator('.toolbar .log-x').click();
        await settle(page, n + 1);
      }
      const stair = await chart(page, 'staircase');
      assert.equal(stair.drawn.xType, logX ? 'logarithmic' : 'linear');
      const labels = stair.drawn.labels;
      assert.ok(labels.length > 0, 'labels drawn');
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) assert.ok(!overlap(labels[i].box, labels[j].box), `"${labels[i].text}" and "${labels[j].text}" overlap: ${JSON.stringify([labels[i].box, labels[j].box])}`);
      }
      const covered = labels.flatMap((l) => l.lines).sort((a, b) => a - b);
      const drawnLines = stair.model.vlines.filter((l) => !logX || l.x > 0).length;
      assert.deepEqual(covered, [...Array(drawnLines).keys()], 'each phase line is named by one label (its own, or a merged one)');
      for (const l of labels) if (l.lines.length === 1) assert.equal(l.text, stair.model.vlines[l.lines[0]].label);
      await page.close();
    });
  }

  it('charts with no data hidden; a colour per k on the reduced-rank chart', async () => {
    const page = await show(fig1, 'fig1');
    const all = await charts(page);
    for (const c of all) {
      const data = c.model?.series.some((s) => s.y.some((v) => v !== null && Number.isFinite(v))) ?? false;
      if (!data) assert.equal(c.visible, false, `${c.id} has no data: hidden`);
    }
    assert.ok(all.some((c) => !c.visible && c.id === 'reconstruction'), 'Fig. 1 has no ground truth: no reconstruction chart');
    const rr = await chart(page, 'reducedRank');
    const ks = new Set(rr.model.series.map((s) => s.group));
    const colorOf = new Map(rr.model.series.map((s) => [s.group, s.color]));
    assert.equal(new Set(colorOf.values()).size, ks.size, `a distinct colour per k: ${[...colorOf]}`);
    for (const c of colorOf.values()) assert.ok(OKABE_ITO_DARK.includes(c), `${c}: from the colour-blind-safe palette of the dark theme`);
    await page.close();
  });
});
