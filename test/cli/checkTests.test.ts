// scripts/check-tests.mjs, the suite's check on itself (issue 15): it must flag the patterns that let a
// test pass without running, fed here the very code it was written against (npm test runs it on the suite).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

type Check = {
  scanFile(file: string, text: string): string[];
  skipsInSpec(output: string): { skips: Array<{ title: string; reason: string | null }>; todo: number };
  unallowedSkips(skips: Array<{ title: string; reason: string | null }>, allowed: Array<{ re: RegExp }>): string[];
  runChecked(command: string, args: string[], name?: string, options?: { echo?: boolean }): Promise<number>;
  allowedSkips(): Array<{ test: string; reason: string; notInCI?: boolean; re: RegExp }>;
};
const load = async (): Promise<Check> => (await import(resolve('scripts/check-tests.mjs'))) as Check;
const FILE = resolve('test/core/x.test.ts');

test('flags an import swallowed by try/catch, as test/core/dynamics/tfjs.test.ts once did', async () => {
  const { scanFile } = await load();
  const swallowed = `before(async () => {
  try {
    float64 = (await import('../../../src/core/dynamics/float64Engine')).createFloat64Engine;
  } catch {
    float64 = null; // not written yet
  }
});`;
  const problems = scanFile(FILE, swallowed);
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /^test\/core\/x\.test\.ts:2: an import or require inside try\/catch/);
  // the same with require, and with a rejection handler on import()
  assert.equal(scanFile(FILE, `let m; try { m = require('./m'); } catch (e) { m = null; }`).length, 1);
  assert.equal(scanFile(FILE, `const m = await import('./m').catch(() => null);`).length, 1);
  // a catch that rethrows, a try/finally, and an import inside a string or comment are fine
  assert.deepEqual(scanFile(FILE, `try { await import('./m'); } catch (e) { throw new Error('m: ' + e); }`), []);
  assert.deepEqual(scanFile(FILE, `try { await import('./m'); } finally { done(); }`), []);
  assert.deepEqual(scanFile(FILE, `// try { import('./m') } catch {}\nconst s = "try { import('x') } catch {}";`), []);
});

test('flags focused and reasonless skips; a skip with its reason is left to the run', async () => {
  const { scanFile } = await load();
  for (const code of ['it.only("a", () => {});', 'describe.skip("a", () => {});', 'test("a", { skip: true }, () => {});', 'test("a", (t) => t.skip());', 'test("a", function () { this.skip(); });', 'test("a", { todo: true }, () => {});']) {
    assert.equal(scanFile(FILE, code).length, 1, code);
  }
  assert.deepEqual(scanFile(FILE, `test("a", { skip: hasGpu ? false : 'no GPU' }, () => {}); test("b", (t) => t.skip('no tmpfs'));`), []);
});

test("reads skips from node:test's spec output and fails those test/skips.json does not allow", async () => {
  const { skipsInSpec, unallowedSkips } = await load();
  // the spec reporter's lines (node 20): skipped tests and suites with ﹣, the reason after #
  const out = ['✔ runs (1.2ms)', '﹣ on a GPU (0.2ms) # no GPU', '  ﹣ nested (0.1ms) # SKIP', '﹣ suite (3ms) # needs chromium', 'ℹ skipped 2', 'ℹ todo 1'].join('\n');
  const { skips, todo } = skipsInSpec(out);
  assert.deepEqual(skips, [
    { title: 'on a GPU', reason: 'no GPU' },
    { title: 'nested', reason: null },
    { title: 'suite', reason: 'needs chromium' },
  ]);
  assert.equal(todo, 1);
  const bad = unallowedSkips(skips, [{ re: /^on a GPU$/ }]);
  assert.deepEqual(bad, ['skipped without a reason: "nested"', 'skipped, and test/skips.json does not allow it: "suite" (needs chromium)']);
});

test('a run that skipped a test not allowed fails; one that skipped nothing keeps its exit status', async () => {
  const { runChecked } = await load();
  const dir = mkdtempSync(join(tmpdir(), 'lnn-check-tests-'));
  const file = (name: string, body: string) => {
    writeFileSync(join(dir, name), `import { test } from 'node:test';\n${body}\n`);
    return join(dir, name);
  };
  const run = (f: string) => runChecked(process.execPath, ['--test', '--test-reporter=spec', f], 'a run', { echo: false });
  assert.equal(await run(file('clean.test.mjs', `test('runs', () => {});`)), 0);
  assert.equal(await run(file('failing.test.mjs', `test('fails', () => { throw new Error('no'); });`)), 1);
  // node:test itself exits 0 here: the skip is what fails it
  assert.equal(await run(file('skips.test.mjs', `test('runs', () => {}); test('on a GPU', { skip: 'no GPU' }, () => {});`)), 1);
  // every suite skipped, as test/webview does without chromium: node:test exits 0 with no test run
  assert.equal(await run(file('none.test.mjs', `import { describe, it } from 'node:test';\ndescribe('needs chromium', { skip: 'no chromium' }, () => { it('a', () => {}); });`)), 1);
});

test('test/skips.json: every entry has its reason; a developer-machine skip (notInCI) is not allowed where $CI is set', async () => {
  const { allowedSkips } = await load();
  const saved = process.env.CI;
  try {
    delete process.env.CI;
    const here = allowedSkips();
    for (const a of here) assert.ok(a.reason.length > 10, `${a.test}: a reason`);
    process.env.CI = 'true';
    const ci = allowedSkips();
    assert.deepEqual(ci.map((a) => a.test), here.filter((a) => !a.notInCI).map((a) => a.test));
  } finally {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  }
});
