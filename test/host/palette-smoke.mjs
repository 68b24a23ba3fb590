#!/usr/bin/env node
// UI smoke test: install the built .vsix into a fresh code-server, open the workbench in headless
// chromium, run a command from the command palette and wait for its notification. Builds nothing
// (package a .vsix first, e.g. `npm run package`).
//
//   node test/host/palette-smoke.mjs [--vsix FILE] [--open gbl-fig1-moments.lnn.json]
//        [--command "LNN Lab: Run Experiment"] [--expect "results written to"] [--workspace DIR] [--screenshot FILE] [--timeout SEC] [--keep]
//
// Prints the screenshot path; exit 0 iff the notification appeared.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  REPO, codeServerBin, installVsix, launchChromium, log, makeTempRoot, newestVsix, parseArgs, prepareWorkspace, rmTree,
  runFromPalette, startCodeServer, waitForWebviewFrame,
} from './lib.mjs';

const args = parseArgs(process.argv.slice(2), ['keep', 'no-lab']);
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
    log(`lab panel drew the run and saved it ${Date.now() - tPage} ms after opening the page`);
    await page.waitForTimeout(800);
    const labShot = screenshot.replace(/\.png$/, '-lab.png');
    await page.screenshot({ path: labShot });
    console.log(`screenshot: ${labShot}`);
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
