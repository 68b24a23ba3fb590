// Screenshots of the lab panel for the README, drawn by dist/webview.js in headless chromium with
// the VS Code Dark/Light Modern colors. Run: node --import tsx test/webview/screenshots.ts [which]
//   (no argument) docs/lab-dark.png, docs/lab-light.png: GBL §4.2's autoencoder on the float64 engine, log x;
//   completion RESULTS  docs/lab-completion.png: ACHL §5 (lnn-lab run examples/achl-completion.lnn.json --out RESULTS);
//   sweep RESULTS       docs/lab-sweep.png: ACHL Fig. 1 (lnn-lab run examples/achl-sweep.lnn.json --out RESULTS).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from '../../src/core/types';
import type { ToWebview } from '../../src/shared/messages';
import { prepareFile, REPO, runFloat64, send, startHarness } from './harness';

async function shoot(results: Results, example: string, theme: 'dark' | 'light', out: string, logX: boolean): Promise<void> {
  const h = await startHarness();
  try {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(h.panelUrl(theme));
    await page.waitForFunction(() => 'lnnLab' in window);
    const source = { kind: 'experiment' as const, path: join(REPO, `examples/${example}.lnn.json`), name: `${example}.lnn.json` };
    await send(page, { type: 'showResults', source, results, savedTo: `examples/${example}.results.json` } satisfies ToWebview);
    await page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) >= 1);
    if (logX) await page.locator('.toolbar vscode-checkbox').click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(REPO, out), fullPage: true });
    process.stdout.write(`wrote ${out}\n`);
    await page.close();
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const [which, file] = process.argv.slice(2);
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
