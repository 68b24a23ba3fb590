#!/usr/bin/env node
// Runs the in-host mocha suite (out/test/index.js, from test/extension/) inside a real VS Code
// extension host served by code-server, driven by headless chromium. Builds nothing: run
// `npm run build` first. The extension under test is the repo itself (extensionDevelopmentPath),
// so package.json's `main` must point at dist/extension.js.
//
//   node test/host/run-in-code-server.mjs [--workspace DIR] [--timeout SEC] [--grep RE] [--untrusted] [--keep] [--verbose]
//
// --workspace  folder to open (default: a temp copy of examples/)
// --timeout    seconds to wait for the result file after the page opened (default 180)
// --grep       only tests whose full title matches (passed to the runner as $LNN_TEST_GREP)
// --untrusted  workspace trust enabled and the folder left untrusted (Restricted Mode): runs only
//              test/extension/untrusted.test.ts (LNN_TEST_UNTRUSTED=1)
// --keep       keep the temp dir (code-server log, result JSON, workspace copy)
// --verbose    echo the browser console (the extension host's output, mocha's spec reporter)
//
// Prints a mocha-style summary and, last, exactly `N passed, N failed`. Exit 0 iff nothing failed and
// no test was pending (skipped) that test/skips.json does not allow.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  REPO, codeServerBin, launchChromium, log, makeTempRoot, parseArgs, prepareWorkspace, rmTree, sleep, startCodeServer,
} from './lib.mjs';

const args = parseArgs(process.argv.slice(2), ['keep', 'verbose', 'untrusted']);
// Restricted Mode: trust on, no startup prompt (the folder simply opens untrusted)
const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};
const timeoutMs = Number(args.timeout ?? 180) * 1000;

for (const f of ['out/test/index.js', 'dist/extension.js']) {
  if (!existsSync(join(REPO, f))) {
    console.error(`${f} missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

const t0 = Date.now();
const bin = codeServerBin();
const root = makeTempRoot('lnn-intest-', args.untrusted ? TRUST_SETTINGS : {});
const resultFile = join(root, 'results.json');
const workspace = prepareWorkspace(root, args.workspace);

let server;
let browser;
let exitCode = 1;
const consoleLines = [];
const cleanup = async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (!args.keep) rmTree(root);
  else log(`kept ${root}`);
};
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

try {
  server = await startCodeServer({
    bin,
    root,
    folder: workspace,
    env: { LNN_TEST_RESULT: resultFile, ...(args.grep ? { LNN_TEST_GREP: args.grep } : {}), ...(args.untrusted ? { LNN_TEST_UNTRUSTED: '1' } : {}) },
    trust: Boolean(args.untrusted),
  });
  log(`code-server ${server.url} healthy in ${server.startupMs} ms`);

  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(REPO)],
    ['extensionTestsPath', remote(join(REPO, 'out/test/index.js'))],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  browser = await launchChromium(root);
  const page = await browser.newPage();
  page.on('console', (m) => {
    const line = m.text();
    consoleLines.push(line);
    if (args.verbose) console.error(`[browser] ${line}`);
  });
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  const tPage = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  // The extension host exits once the tests ran (with code 0 even when extensionTestsPath failed to
  // load): no result file a few seconds after that means the runner never got to write one.
  let result;
  let hostExitedAt;
  while (!result) {
    if (existsSync(resultFile)) result = JSON.parse(readFileSync(resultFile, 'utf8'));
    else if (Date.now() - tPage > timeoutMs) break;
    else if (hostExitedAt && Date.now() - hostExitedAt > 3000) {
      console.error('\nthe extension host exited without writing a result (extensionTestsPath failed to load?)');
      break;
    } else {
      if (!hostExitedAt && /Extension Host Process exited/.test(readFileSync(server.logFile, 'utf8'))) hostExitedAt = Date.now();
      await sleep(250);
    }
  }
  const suiteMs = Date.now() - tPage;

  if (!result) {
    if (!hostExitedAt) console.error(`\nno result after ${timeoutMs / 1000} s (${resultFile}).`);
    console.error('--- last browser console lines ---\n' + consoleLines.slice(-40).join('\n'));
    console.error(`--- code-server log (${server.logFile}) ---\n` + readFileSync(server.logFile, 'utf8').slice(-4000));
    console.log(`0 passed, 0 failed (${hostExitedAt ? 'no result' : 'timeout'})`);
  } else {
    console.log('');
    for (const t of result.tests) {
      const ms = t.durationMs != null ? ` (${t.durationMs}ms)` : '';
      if (t.state === 'passed') console.log(`  ✔ ${t.title}${ms}`);
      else if (t.state === 'pending') console.log(`  - ${t.title}`);
      else console.log(`  ✘ ${t.title}${ms}`);
    }
    const failed = result.tests.filter((t) => t.state === 'failed');
    failed.forEach((t, i) => {
      console.log(`\n  ${i + 1}) ${t.title}:\n     ${(t.error?.stack ?? t.error?.message ?? '').split('\n').join('\n     ')}`);
    });
    if (result.error) console.log(`\n  run error: ${result.error}`);
    // figures the in-host tests measured (printed, never asserted): beside the result file
    const measured = join(root, 'measured.txt');
    if (existsSync(measured)) console.log('\n' + readFileSync(measured, 'utf8').trimEnd());
    console.log(`\n  ${result.passes} passing (${result.durationMs}ms)`);
    if (result.pending) console.log(`  ${result.pending} pending`);
    if (result.failures) console.log(`  ${result.failures} failing`);
    // a pending (skipped) test can never fail: the run fails unless test/skips.json allows it, with a reason
    const allowed = (JSON.parse(readFileSync(join(REPO, 'test/skips.json'), 'utf8')).allowed ?? []).filter((a) => !(process.env.CI && a.notInCI));
    const pending = result.tests.filter((t) => t.state === 'pending');
    const unallowed = pending.filter((t) => !allowed.some((a) => new RegExp(a.test).test(t.title)));
    for (const t of pending) {
      const a = allowed.find((a) => new RegExp(a.test).test(t.title));
      console.log(a ? `  skipped (allowed by test/skips.json): ${t.title} — ${a.reason}` : `  skipped, and test/skips.json does not allow it: ${t.title}`);
    }
    if (unallowed.length) console.log(`  ${unallowed.length} skipped that should run: counted as failed`);
    log(`timings: code-server startup ${server.startupMs} ms, page→result ${suiteMs} ms, total ${Date.now() - t0} ms`);
    if (result.error && result.failures === 0) {
      if (!args.keep) log('hint: rerun with --keep --verbose for the code-server log and browser console');
      console.log(`${result.passes} passed, 1 failed (run error)`);
    } else {
      console.log(`${result.passes} passed, ${result.failures + unallowed.length} failed`);
    }
    exitCode = result.failures === 0 && !result.error && result.passes > 0 && unallowed.length === 0 ? 0 : 1;
  }
} catch (err) {
  console.error(err?.stack ?? err);
  console.log('0 passed, 0 failed (launcher error)');
} finally {
  await cleanup();
}
process.exit(exitCode);
