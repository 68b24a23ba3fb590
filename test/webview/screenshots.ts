// Screenshots of the lab panel for the README (docs/lab-dark.png, docs/lab-light.png): GBL §4.2's
// autoencoder, run on the float64 engine, drawn by dist/webview.js in headless chromium with the
// VS Code Dark/Light Modern colors, log x. Run: node --import tsx test/webview/screenshots.ts
import { join } from 'node:path';
import type { ToWebview } from '../../src/shared/messages';
import { prepareFile, REPO, runFloat64, send, startHarness } from './harness';

async function main(): Promise<void> {
  const results = await runFloat64(await prepareFile('examples/gbl-4.2-autoencoder.lnn.json'));
  const h = await startHarness();
  try {
    for (const theme of ['dark', 'light'] as const) {
      const page = await h.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(h.panelUrl(theme));
      await page.waitForFunction(() => 'lnnLab' in window);
      const source = { kind: 'experiment' as const, path: join(REPO, 'examples/gbl-4.2-autoencoder.lnn.json'), name: 'gbl-4.2-autoencoder.lnn.json' };
      await send(page, { type: 'showResults', source, results, savedTo: 'examples/gbl-4.2-autoencoder.results.json' } satisfies ToWebview);
      await page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) >= 1);
      await page.locator('.toolbar vscode-checkbox').click();
      await page.waitForTimeout(800);
      const out = join(REPO, `docs/lab-${theme}.png`);
      await page.screenshot({ path: out, fullPage: true });
      process.stdout.write(`wrote ${out}\n`);
      await page.close();
    }
  } finally {
    await h.close();
  }
}

void main();
