#!/usr/bin/env node
// UI smoke test: install the built .vsix into a fresh code-server, open the workbench in headless
// chromium, run a command from the command palette and wait for its notification. Builds nothing
// (package a .vsix first, e.g. `npm run package`).
//
//   node test/host/palette-smoke.mjs [--vsix FILE] [--open gbl-fig1-moments.lnn.json]
//        [--command "LNN Lab: Run Experiment"] [--expect "results written to"] [--workspace DIR] [--screenshot FILE] [--timeout SEC] [--keep]
//
// Then, unless --no-lab, Open Lab from the palette: the panel's charts (read from the webview) hold the
// saved results, and again after Open Results… opens the results file through its dialog; unless --no-new, New Experiment… through its quick pick and save dialog.
// Prints the screenshot path; exit 0 iff the notification appeared and every step after it passed.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse as parseJsonc } from 'jsonc-parser';
import { join, resolve } from 'node:path';
import {
  REPO, codeServerBin, installVsix, launchChromium, log, makeTempRoot, newestVsix, parseArgs, prepareWorkspace, rmTree,
  runFromPalette, startCodeServer, waitForWebviewFrame,
} from './lib.mjs';
import { missingFromVsix } from './vsixContents.mjs';

const args = parseArgs(process.argv.slice(2), ['keep', 'no-lab', 'no-new']);
// As a user would: open an example with Quick Open, then run it from the command palette.
const fileToOpen = args.open ?? 'gbl-fig1-moments.lnn.json';
const commandTitle = args.command ?? 'LNN Lab: Run Experiment';
const expected = args.expect ?? 'results written to';
const timeoutMs = Number(args.timeout ?? 90) * 1000;
const vsix = args.vsix ? resolve(args.vsix) : newestVsix();
if (!vsix || !existsSync(vsix)) {
  console.error('no .vsix: pass --vsix FILE or package one into the repo root (npm run package)');
  process.exit(1);
}

const t0 = Date.now();
const bin = codeServerBin();
const root = makeTempRoot('lnn-palette-');
const screenshot = resolve(args.screenshot ?? join(process.env.TMPDIR || '/tmp', `lnn-palette-${Date.now()}.png`));
const workspace = prepareWorkspace(root, args.workspace);

let server;
let browser;
let ok = false;
try {
  // the package carries what a fresh install runs: bundles, compute workers, schema, every example
  const missing = missingFromVsix(vsix, readdirSync(join(REPO, 'examples')).filter((f) => f.endsWith('.lnn.json')));
  if (missing.length) throw new Error(`${vsix} lacks ${missing.join(', ')} (.vscodeignore)`);
  log(`the .vsix carries the bundles, the compute workers, the schema and every example`);
  installVsix(bin, root, vsix);
  log(`installed ${vsix} in ${Date.now() - t0} ms`);
  server = await startCodeServer({ bin, root, folder: workspace });
  log(`code-server ${server.url} healthy in ${server.startupMs} ms`);

  browser = await launchChromium(root);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const tPage = Date.now();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  // The workbench is interactive once the status bar is up; give the extension host a beat to register.
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: timeoutMs });
  log(`workbench up in ${Date.now() - tPage} ms`);

  await page.keyboard.press('Control+P');
  const quickOpen = page.locator('.quick-input-widget input');
  await quickOpen.waitFor({ timeout: timeoutMs });
  await quickOpen.fill(fileToOpen);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileToOpen }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: timeoutMs });
  log(`opened ${fileToOpen}`);

  await runFromPalette(page, commandTitle, timeoutMs);

  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: expected }).first();
  await toast.waitFor({ timeout: timeoutMs });
  log(`notification "${expected}" seen ${Date.now() - tPage} ms after opening the page`);
  await page.waitForTimeout(600); // let the toast finish sliding in
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);

  // then the lab beside the code: LNN Lab: Open Lab from the palette, until the run is saved
  if (!args['no-lab']) {
    await page.keyboard.press('Escape');
    await runFromPalette(page, 'LNN Lab: Open Lab', timeoutMs);
    const frame = await waitForWebviewFrame(page, 'canvas', timeoutMs);
    await frame.waitForFunction(() => /Saved /.test(document.body.innerText), undefined, { timeout: timeoutMs });
    // what the panel received and drew (the webview's window.lnnLab handle, src/webview/main.ts)
    // against what was saved: the same runs, every recorded step of each on the staircase
    const panel = await frame.evaluate(() => ({ state: window.lnnLab.state(), charts: window.lnnLab.charts() }));
    const saved = JSON.parse(readFileSync(join(workspace, fileToOpen.replace(/\.lnn\.json$/, '.results.json')), 'utf8'));
    checkPanelDrew(panel, saved, parseJsonc(readFileSync(join(workspace, fileToOpen), 'utf8')), join(workspace, fileToOpen));
    log(`lab panel drew the run and saved it ${Date.now() - tPage} ms after opening the page: ${saved.runs.length} runs on the staircase, as saved`);

    // Open Results… through its open dialog (a QuickInput: the path typed, then Enter): the same
    // panel now shows the results file, drawn from it
    const resultsFile = join(workspace, fileToOpen.replace(/\.lnn\.json$/, '.results.json'));
    await page.keyboard.press('Escape');
    await runFromPalette(page, 'LNN Lab: Open Results…', timeoutMs);
    const dialog = page.locator('.quick-input-widget input');
    await page.waitForFunction(() => (document.querySelector('.quick-input-widget input')?.value ?? '').startsWith('/'), undefined, { timeout: timeoutMs });
    // the dialog may still be filling in its folder when the path is typed, and then replaces it: type
    // again until the path stays (it completes the path as it is typed, so give it a moment each time)
    for (let attempt = 0; attempt < 10; attempt++) {
      await dialog.fill(resultsFile);
      await page.waitForTimeout(400);
      if ((await dialog.inputValue()) === resultsFile) break;
    }
    if ((await dialog.inputValue()) !== resultsFile) throw new Error(`the open dialog kept ${await dialog.inputValue()}, not ${resultsFile}`);
    await page.keyboard.press('Enter');
    await frame.waitForFunction((f) => window.lnnLab.state().sources[0]?.path === f && !window.lnnLab.state().running, resultsFile, { timeout: timeoutMs });
    const reopened = await frame.evaluate(() => ({ state: window.lnnLab.state(), charts: window.lnnLab.charts() }));
    checkPanelDrew(reopened, saved, parseJsonc(readFileSync(join(workspace, fileToOpen), 'utf8')), resultsFile, 'results');
    log('Open Results… through the dialog: the panel drew the results file');
    await page.waitForTimeout(800);
    const labShot = screenshot.replace(/\.png$/, '-lab.png');
    await page.screenshot({ path: labShot });
    console.log(`screenshot: ${labShot}`);
  }

  // New Experiment… as a user goes through it: the template from the quick pick, the save dialog
  // (the workbench's QuickInput, files.simpleDialog.enable) accepted as offered with Enter
  if (!args['no-new']) {
    await page.keyboard.press('Escape');
    await runFromPalette(page, 'LNN Lab: New Experiment…', timeoutMs);
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'autoencoder' }).first().waitFor({ timeout: timeoutMs });
    await input.fill('autoencoder');
    await page.keyboard.press('Enter');
    // the save dialog: its value is the offered path
    await page.waitForFunction(() => /autoencoder\.lnn\.json$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), undefined, { timeout: timeoutMs });
    const offered = await input.inputValue();
    await page.keyboard.press('Enter');
    const tab = page.locator('.tabs-container .tab .label-name', { hasText: /^autoencoder\./ }).first();
    await tab.waitFor({ timeout: timeoutMs });
    const title = (await tab.textContent()).trim();
    const names = readdirSync(workspace).filter((f) => f.startsWith('autoencoder.'));
    const shown = join(workspace, title);
    const name = existsSync(shown) ? parseJsonc(readFileSync(shown, 'utf8')).name : undefined;
    if (title !== 'autoencoder.lnn.json' || names.join() !== 'autoencoder.lnn.json' || name !== 'autoencoder') {
      throw new Error(`New Experiment…: the dialog offered ${offered}; the editor shows "${title}" with "name" ${JSON.stringify(name)}, the folder holds ${names.join(', ')}: want autoencoder.lnn.json named "autoencoder"`);
    }
    log(`New Experiment… through the palette and the save dialog wrote autoencoder.lnn.json, "name": "autoencoder"`);
  }
  ok = true;
} catch (err) {
  console.error(err?.stack ?? err);
  try {
    const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
    if (pages[0]) {
      await pages[0].screenshot({ path: screenshot });
      console.log(`screenshot (failure): ${screenshot}`);
    }
  } catch {
    /* no page */
  }
  if (server) console.error(`--- code-server log ---\n${readFileSync(server.logFile, 'utf8').slice(-3000)}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (args.keep) log(`kept ${root}`);
  else rmTree(root);
}
console.log(ok ? 'palette smoke: passed' : 'palette smoke: FAILED');
process.exit(ok ? 0 : 1);

/**
 * The panel drew what was saved: one source, the experiment; on the staircase one series per run,
 * each with the run's recorded steps and nuclear norms exactly, its last step the file's
 * optimizer.steps; and Chart.js drew those datasets, visible.
 */
function checkPanelDrew(panel, saved, experiment, file, kind = 'experiment') {
  const fail = (what) => {
    throw new Error(`the lab panel: ${what}`);
  };
  const sources = panel.state.sources;
  if (sources.length !== 1 || sources[0].path !== file || sources[0].kind !== kind) fail(`shows ${JSON.stringify(sources)}, not the ${kind} ${file}`);
  if (panel.state.running) fail('still running after it saved');
  const stair = panel.charts.find((c) => c.id === 'staircase');
  if (!stair?.visible || !stair.model) fail('no staircase chart');
  const series = stair.model.series;
  if (series.length !== saved.runs.length) fail(`${series.length} staircase series for ${saved.runs.length} saved runs`);
  saved.runs.forEach((run, j) => {
    const s = series[j];
    if (s.label !== run.label) fail(`series ${j} is "${s.label}", run ${j} "${run.label}"`);
    if (JSON.stringify(s.steps) !== JSON.stringify(run.steps)) fail(`${run.label}: the drawn steps are not the saved ones`);
    if (JSON.stringify(s.y) !== JSON.stringify(run.nuclearNorm)) fail(`${run.label}: the drawn ‖W‖* are not the saved ones`);
    if (run.steps.at(-1) !== experiment.optimizer.steps) fail(`${run.label}: last recorded step ${run.steps.at(-1)}, the file asks for ${experiment.optimizer.steps}`);
  });
  if (!stair.drawn || stair.drawn.datasets < saved.runs.length || stair.drawn.visible < saved.runs.length) fail(`Chart.js drew ${JSON.stringify(stair.drawn)}`);
}
