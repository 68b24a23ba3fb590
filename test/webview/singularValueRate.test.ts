// ACHL Thm 3 in the panel (spec §5.6): the singular-value chart's rates toggle, worked from the
// keyboard, draws each run's recorded observed rates (dots) and the theorem's (dashed) — the numbers
// of the results, in the theme's colours — and the theory card gives each run's median agreement.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { singularValueRateAgreement } from '../../src/core/results/singularValueRate';
import type { Results } from '../../src/core/types';
import type { ToWebview } from '../../src/shared/messages';
import { OKABE_ITO_DARK, OKABE_ITO_LIGHT } from '../../src/webview/theme';
import { CHROMIUM, prepareFile, REPO, runFloat64, send, startHarness, type Harness } from './harness';

type Series = { label: string; group: string; color: string; dash?: number[]; points?: boolean; line?: boolean; y: Array<number | null> };
type ChartInfo = { id: string; visible: boolean; model: { title: string; yLabel: string; caption?: string; series: Series[] }; drawn: { yType: string; datasets: number; visible: number } };

const charts = (page: Page) => page.evaluate(() => (window as unknown as { lnnLab: { charts(): unknown } }).lnnLab.charts()) as Promise<ChartInfo[]>;
const chart = async (page: Page, id: string) => (await charts(page)).find((c) => c.id === id)!;

const skip = existsSync(CHROMIUM) && existsSync(join(REPO, 'dist/webview.js')) ? false : `needs ${CHROMIUM} and dist/webview.js (npm run build)`;

describe('lab webview: ACHL Thm 3 rates on the singular-value chart (headless chromium)', { skip }, () => {
  let h: Harness;
  let balanced: Results;
  const source = { kind: 'results' as const, path: '/tmp/achl-svt.results.json', name: 'achl-svt.results.json' };

  before(async () => {
    h = await startHarness();
    balanced = await runFloat64(await prepareFile('examples/achl-singular-value-theorem.lnn.json'));
  });
  after(async () => h?.close());

  async function show(results: Results, theme: 'dark' | 'light'): Promise<Page> {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(h.panelUrl(theme));
    await page.waitForFunction(() => 'lnnLab' in window);
    await send(page, { type: 'showResults', source, results } satisfies ToWebview);
    await page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) >= 1);
    return page;
  }

  for (const [theme, palette] of [['dark', OKABE_ITO_DARK], ['light', OKABE_ITO_LIGHT]] as const) {
    it(`${theme}: the toggle (Space on the focused checkbox) draws observed dots and dashed predictions with the recorded numbers; again: σᵢ(W) back`, async () => {
      const page = await show(balanced, theme);
      const before = await chart(page, 'singularValues');
      assert.equal(before.visible, true, 'moments runs of depth ≥ 2 show the singular-value chart');
      assert.ok(before.model.series.every((s) => !/observed|ACHL/.test(s.label)), 'off: σᵢ(W) only');
      const toggle = page.locator('[data-option="singularValues"]');
      await toggle.focus();
      await page.keyboard.press('Space');
      await page.waitForFunction(() => (window as unknown as { lnnLab: { charts(): ChartInfo[] } }).lnnLab.charts().find((c) => c.id === 'singularValues')!.model.series.some((s) => s.label.includes('observed')), undefined, { timeout: 10_000 });
      const on = await chart(page, 'singularValues');
      assert.match(on.model.title, /ACHL Thm 3/);
      for (const run of balanced.runs) {
        const rate = run.singularValueRate!;
        const r = rate.observed[0].length;
        assert.equal(r, 4, 'min(d, p, 8) = 4');
        for (let i = 0; i < r; i++) {
          const sub = '₀₁₂₃₄₅₆₇₈₉'[i + 1];
          const obs = on.model.series.find((s) => s.label === `${run.label} Δσ${sub} observed`);
          const pred = on.model.series.find((s) => s.label === `${run.label} Δσ${sub} ACHL Thm 3`);
          assert.ok(obs && pred, `${run.label} r = ${i + 1}: both series`);
          assert.deepEqual(obs.y, rate.observed.map((row) => row[i]), 'observed: the recorded numbers');
          assert.deepEqual(pred.y, rate.predicted.map((row) => row[i]), 'predicted: the recorded numbers');
          assert.equal(obs.points, true);
          assert.equal(obs.line, false, 'observed: markers only');
          assert.ok(pred.dash && pred.dash.length > 0, 'predicted: dashed');
          assert.equal(obs.color, palette[i], `colour r = ${i + 1} from the ${theme} palette`);
          assert.equal(pred.color, obs.color);
        }
        // the median the caption gives is the core's
        const a = singularValueRateAgreement(rate);
        assert.ok(on.model.caption!.includes(`${run.label} ${a.overall!.toPrecision(2)}`), on.model.caption);
      }
      // what Chart.js drew: one dataset per series of the overlay (observed and predicted, 4 r, each run), all visible
      assert.equal(on.drawn.datasets, balanced.runs.length * 4 * 2);
      assert.equal(on.drawn.visible, on.drawn.datasets);
      await toggle.focus();
      await page.keyboard.press('Space');
      await page.waitForFunction(() => !(window as unknown as { lnnLab: { charts(): ChartInfo[] } }).lnnLab.charts().find((c) => c.id === 'singularValues')!.model.series.some((s) => s.label.includes('observed')), undefined, { timeout: 10_000 });
      await page.close();
    });
  }

  it('the theory card gives each run\'s median agreement and its entries', async () => {
    const page = await show(balanced, 'dark');
    const rows = await page.evaluate(() => {
      const table = Array.from(document.querySelectorAll('[data-chart="theory"] table')).find((t) => t.querySelector('caption')?.textContent?.startsWith('ACHL Thm 3'));
      return table ? Array.from(table.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')) : null;
    });
    assert.ok(rows, 'the ACHL Thm 3 table');
    assert.equal(rows.length, balanced.runs.length);
    balanced.runs.forEach((run, j) => {
      const a = singularValueRateAgreement(run.singularValueRate!);
      assert.equal(rows[j][0], run.label);
      assert.equal(rows[j][1], String(run.depth));
      const v = a.overall!;
      assert.equal(rows[j][2], v < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(2))));
      assert.equal(rows[j][3], String(a.count));
    });
    await page.close();
  });
});
