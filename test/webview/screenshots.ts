// Screenshots of the lab panel for the README, drawn by dist/webview.js in headless chromium with
// the VS Code Dark/Light Modern colors. Run: node --import tsx test/webview/screenshots.ts [which]
//   (no argument) docs/lab-dark.png, docs/lab-light.png: GBL §4.2's autoencoder on the float64 engine, log x;
//   completion RESULTS  docs/lab-completion.png: ACHL §5 (lnn-lab run examples/achl-completion.lnn.json --out RESULTS);
//   sweep RESULTS       docs/lab-sweep.png: ACHL Fig. 1 (lnn-lab run examples/achl-sweep.lnn.json --out RESULTS);
//   live                docs/lab-live-dark.png, docs/lab-live-light.png: §4.2 with its step size halved, previewed
//                       half-way beside the saved run (ghosted), then the same file marked out of date;
//   rates               docs/lab-rates.png, docs/lab-rates-unbalanced.png: ACHL Thm 3's rates toggle on (spec §5.6),
//                       examples/achl-singular-value-theorem.lnn.json and achl-singular-value-unbalanced.lnn.json.
//   phase RESULTS       docs/lab-phase-diagram.png: the heatmap of examples/gbl-phase-diagram.lnn.json (two-layer, sequential);
//   limit RESULTS       docs/lab-limit-staircase.png: examples/gbl-limit-staircase.lnn.json on τ, GBL Thm 2's limit dashed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from '../../src/core/types';
import type { ToWebview } from '../../src/shared/messages';
import type { Page } from 'playwright-core';
import { prepareFile, REPO, runFloat64, send, startHarness } from './harness';

async function shoot(results: Results, example: string, theme: 'dark' | 'light', out: string, logX: boolean, options: string[] = [], setup?: (page: Page) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(h.panelUrl(theme));
    await page.waitForFunction(() => 'lnnLab' in window);
    const source = { kind: 'experiment' as const, path: join(REPO, `examples/${example}.lnn.json`), name: `${example}.lnn.json` };
    await send(page, { type: 'showResults', source, results, savedTo: `examples/${example}.results.json` } satisfies ToWebview);
    await page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) >= 1);
    const on = await page.locator('.toolbar .log-x').evaluate((e) => (e as HTMLElement & { checked: boolean }).checked);
    if (logX !== on) await page.locator('.toolbar .log-x').click();
    // a chart's own toggle (ChartDef.option), by its chart id
    for (const id of options) await page.locator(`[data-option="${id}"]`).click();
    await setup?.(page);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(REPO, out), fullPage: true });
    process.stdout.write(`wrote ${out}\n`);
    await page.close();
  } finally {
    await h.close();
  }
}

/** A live preview half-way, the saved run ghosted beside it (and, below, the out-of-date banner). */
async function shootLive(saved: Results, edited: Results, example: string, theme: 'dark' | 'light'): Promise<void> {
  const h = await startHarness();
  try {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(h.panelUrl(theme));
    await page.waitForFunction(() => 'lnnLab' in window);
    const source = { kind: 'experiment' as const, path: join(REPO, `examples/${example}.lnn.json`), name: `${example}.lnn.json` };
    await send(page, { type: 'live', on: true } satisfies ToWebview);
    await send(page, { type: 'showResults', source, results: saved, savedTo: `examples/${example}.results.json` } satisfies ToWebview);
    await page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) >= 1);
    await send(page, { type: 'runStart', jobId: 1, source, results: { ...edited, runs: [] }, diagnostics: edited.diagnostics, engine: { backend: 'js', precision: 'float64', reason: 'live preview', side: 'host' }, refused: false, preview: true } satisfies ToWebview);
    for (const [j, run] of edited.runs.entries()) {
      const half = j === edited.runs.length - 1 ? Math.floor(run.steps.length / 2) : run.steps.length;
      const part = { ...run } as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(run)) if (Array.isArray(v)) part[k] = v.slice(0, half);
      if (run.bounds) part.bounds = { lower: run.bounds.lower.slice(0, half), upper: run.bounds.upper.slice(0, half) };
      await send(page, { type: 'records', jobId: 1, modelIndex: j, from: 0, run: part as unknown as Results['runs'][number] } satisfies ToWebview);
    }
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(REPO, `docs/lab-live-${theme}.png`) });
    process.stdout.write(`wrote docs/lab-live-${theme}.png\n`);
    await page.close();
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const [which, file] = process.argv.slice(2);
  if (which === 'live') {
    const example = 'gbl-4.2-autoencoder';
    const saved = await runFloat64(await prepareFile(`examples/${example}.lnn.json`));
    const edited = await runFloat64(await prepareFile(`examples/${example}.lnn.json`, (t) => t.replace(/"stepSize": ([0-9.e-]+)/, (_m, v: string) => `"stepSize": ${Number(v) / 2}`)));
    for (const theme of ['dark', 'light'] as const) await shootLive(saved, edited, example, theme);
    return;
  }
  if (which === 'rates') {
    for (const [example, out] of [['achl-singular-value-theorem', 'docs/lab-rates.png'], ['achl-singular-value-unbalanced', 'docs/lab-rates-unbalanced.png']]) {
      await shoot(await runFloat64(await prepareFile(`examples/${example}.lnn.json`)), example, 'dark', out, false, ['singularValues']);
    }
    return;
  }
  if (which === 'phase' || which === 'limit') {
    if (!file) throw new Error(`usage: screenshots.ts ${which} RESULTS.json`);
    const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
    // a select of the page (the heatmap's metric and label, the toolbar's x axis) set as a user would
    const choose = (page: Page, selector: string, value: string) =>
      page.evaluate(([s, v]) => {
        const e = document.querySelector(s) as HTMLElement & { value: string };
        e.value = v;
        e.dispatchEvent(new Event('change', { bubbles: true }));
      }, [selector, value]);
    if (which === 'phase') {
      for (const theme of ['dark', 'light'] as const) {
        await shoot(results, 'gbl-phase-diagram', theme, `docs/lab-phase-diagram${theme === 'dark' ? '' : '-light'}.png`, false, [], async (page) => {
          await choose(page, '[data-heatmap=label]', 'two-layer');
          await choose(page, '[data-heatmap=metric]', 'sequential');
        });
      }
    } else await shoot(results, 'gbl-limit-staircase', 'dark', 'docs/lab-limit-staircase.png', false, [], (page) => choose(page, '.toolbar vscode-single-select', 'tau'));
    return;
  }
  if (which === 'completion' || which === 'sweep') {
    if (!file) throw new Error(`usage: screenshots.ts ${which} RESULTS.json`);
    const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
    await shoot(results, which === 'completion' ? 'achl-completion' : 'achl-sweep', 'dark', `docs/lab-${which}.png`, false);
    return;
  }
  const results = await runFloat64(await prepareFile('examples/gbl-4.2-autoencoder.lnn.json'));
  for (const theme of ['dark', 'light'] as const) await shoot(results, 'gbl-4.2-autoencoder', theme, `docs/lab-${theme}.png`, true);
}

void main();
