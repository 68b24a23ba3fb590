#!/usr/bin/env node
// The suite's own checks (issue 15, "every test can fail"), run by `npm test`:
//
//   node scripts/check-tests.mjs              static: no test file swallows an import error or skips
//                                             without a reason, and every *.test.ts is run by a runner
//   node scripts/check-tests.mjs --run NAME   runs `npm run NAME` (a node:test script with the spec
//                                             reporter), echoes its output, and fails when a test was
//                                             skipped (or left todo) that test/skips.json does not allow
//
// A test that skips itself when its module fails to load hides exactly the breakage it guards (a file
// moved, an export renamed): the import must fail the run. A skip for a real reason (no GPU, no tmpfs)
// names that reason in the output, and is listed with it in test/skips.json; any other skip fails.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rel = (f) => relative(REPO, f).split('\\').join('/');

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** Line number (1-based) of offset `at` in `text`. */
const lineOf = (text, at) => text.slice(0, at).split('\n').length;

/** Comments and string contents blanked (offsets kept), so the scan sees code only. */
function codeOnly(text) {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (two === '//') {
      const end = text.indexOf('\n', i);
      const j = end < 0 ? text.length : end;
      out += ' '.repeat(j - i);
      i = j;
    } else if (two === '/*') {
      const end = text.indexOf('*/', i + 2);
      const j = end < 0 ? text.length : end + 2;
      out += text.slice(i, j).replace(/[^\n]/g, ' ');
      i = j;
    } else if (c === '"' || c === "'" || c === '`') {
      // keep the quotes and what a scan needs of a string: nothing (template expressions are rare in
      // the patterns below; they are blanked too)
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += c + text.slice(i + 1, j).replace(/[^\n]/g, ' ') + (j < text.length ? c : '');
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The offset just past the `}` matching the `{` at `open`, in code-only text. */
function blockEnd(code, open) {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return i + 1;
  }
  return code.length;
}

const IMPORT = /\bimport\s*\(|\brequire\s*\(/;

/** Problems of one test file: swallowed imports, skips without a reason, focused tests. */
export function scanFile(file, text) {
  const problems = [];
  const code = codeOnly(text);
  const at = (i, msg) => problems.push(`${rel(file)}:${lineOf(text, i)}: ${msg}`);

  // try { … import(…) / require(…) … } catch { … no throw … }
  for (const m of code.matchAll(/\btry\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const end = blockEnd(code, open);
    const body = code.slice(open, end);
    if (!IMPORT.test(body)) continue;
    const rest = code.slice(end);
    const c = /^\s*catch\s*(\([^)]*\))?\s*\{/.exec(rest);
    if (!c) continue; // try/finally: the error propagates
    const cOpen = end + c[0].length - 1;
    const handler = code.slice(cOpen, blockEnd(code, cOpen));
    if (!/\bthrow\b/.test(handler)) at(m.index, 'an import or require inside try/catch whose catch does not rethrow: a missing module must fail the run, not skip it');
  }
  // import(…).catch(…) and import(…).then(ok, failed) are the same thing in one expression
  for (const m of code.matchAll(/\bimport\s*\([^)]*\)\s*\.\s*(catch|then\s*\([^)]*,)/g)) at(m.index, 'an import(…) with a rejection handler: a missing module must fail the run');

  // focused or unconditionally skipped tests, and skips that give no reason
  for (const m of code.matchAll(/\b(it|test|describe|suite|context|specify)\s*\.\s*(skip|only|todo)\s*\(/g)) at(m.index, `${m[1]}.${m[2]}(…): every test runs (a real reason to skip is a condition with a reason, listed in test/skips.json)`);
  for (const m of code.matchAll(/\b(skip|todo)\s*:\s*true\b/g)) at(m.index, `${m[1]}: true gives no reason: skip with the reason as a string`);
  for (const m of code.matchAll(/\b(?!this\b)(\w+)\s*\.\s*skip\s*\(\s*\)/g)) at(m.index, `${m[1]}.skip() gives no reason: pass it the reason`);
  for (const m of code.matchAll(/\bthis\s*\.\s*skip\s*\(/g)) at(m.index, 'mocha this.skip(): the in-host suite does not skip (a pending test fails the run unless test/skips.json allows it)');
  return problems;
}

/** `find test/a test/b …` of package.json's test:unit: the folders the unit runner takes every *.test.ts of. */
function unitDirs(pkg) {
  const m = /find\s+((?:test\/[\w/-]+\s+)+)-name/.exec(pkg.scripts?.['test:unit'] ?? '');
  return m ? m[1].trim().split(/\s+/) : [];
}

/** Files reached from `entry` by relative static imports. */
function importClosure(entry, seen = new Set()) {
  if (seen.has(entry) || !existsSync(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+(?:[^'"]*?from\s+)?['"](\.[^'"]+)['"]/g)) {
    const base = resolve(dirname(entry), m[1]);
    for (const cand of [base, `${base}.ts`, `${base}.mts`, join(base, 'index.ts')]) {
      if (existsSync(cand) && statSync(cand).isFile()) {
        importClosure(cand, seen);
        break;
      }
    }
  }
  return seen;
}

/** Every *.test.ts under test/ must be run by one of the runners, or it can never fail. */
export function unrunTests(pkg) {
  const all = walk(join(REPO, 'test')).filter((f) => /\.test\.ts$/.test(f));
  const run = new Set();
  for (const d of unitDirs(pkg)) for (const f of walk(join(REPO, d))) run.add(f);
  // the in-host suite: test/extension/index.ts requires each suite by name
  const index = join(REPO, 'test/extension/index.ts');
  if (existsSync(index)) {
    // a commented-out require runs nothing
    const code = readFileSync(index, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
    for (const m of code.matchAll(/require\(\s*['"](\.\/[^'"]+)['"]\s*\)/g)) run.add(resolve(dirname(index), `${m[1]}.ts`));
  }
  // node:test scripts that name their files (test:webview …), with what those import
  for (const [name, script] of Object.entries(pkg.scripts ?? {})) {
    if (!/--test\b/.test(script) || name === 'test:unit') continue;
    for (const m of script.matchAll(/(test\/[\w./-]+\.test\.ts)/g)) for (const f of importClosure(join(REPO, m[1]))) run.add(f);
  }
  return all.filter((f) => !run.has(f)).map((f) => `${rel(f)}: no runner runs it (not under a test:unit folder, not required by test/extension/index.ts, not imported by a test script's file)`);
}

/** test/skips.json: the skips that are allowed, each with why. */
export function allowedSkips() {
  const file = join(REPO, 'test/skips.json');
  const list = JSON.parse(readFileSync(file, 'utf8')).allowed ?? [];
  for (const a of list) {
    if (typeof a.test !== 'string' || typeof a.reason !== 'string' || !a.reason.trim()) throw new Error(`test/skips.json: every entry needs "test" (a regular expression of the title) and "reason": ${JSON.stringify(a)}`);
  }
  // "notInCI": true — a skip for this machine only (no root for a tmpfs): where $CI is set it must run
  const ci = Boolean(process.env.CI);
  return list.filter((a) => !(ci && a.notInCI)).map((a) => ({ ...a, re: new RegExp(a.test) }));
}

/**
 * Skips and todos in node:test spec-reporter output. A skipped test prints `﹣ NAME (1.2ms) # REASON`
 * (`# SKIP` when no reason was given); a todo prints `# REASON` after a ✔/✖ and is counted in `ℹ todo`.
 */
export function skipsInSpec(output) {
  const out = [];
  for (const line of output.split('\n')) {
    const m = /^\s*﹣ (.*?) \([\d.]+m?s\)(?: # (.*))?\s*$/.exec(line);
    if (m) out.push({ title: m[1], reason: m[2] && m[2] !== 'SKIP' ? m[2] : null });
  }
  const todo = Number(/ℹ todo (\d+)/.exec(output)?.[1] ?? 0);
  return { skips: out, todo };
}

/** The skips no entry of the allow-list covers, as messages (empty: all is well). */
export function unallowedSkips(skips, allowed) {
  const bad = [];
  for (const s of skips) {
    if (!s.reason) bad.push(`skipped without a reason: "${s.title}"`);
    else if (!allowed.some((a) => a.re.test(s.title))) bad.push(`skipped, and test/skips.json does not allow it: "${s.title}" (${s.reason})`);
  }
  return bad;
}

/** Runs `command args` (a node:test run, spec reporter), echoing it; its exit status, or 1 on a skip not allowed. */
export async function runChecked(command, args, name = [command, ...args].join(' '), { echo = true } = {}) {
  // NODE_TEST_CONTEXT (set when this runs under node:test itself) would make the child a sub-runner
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(command, args, { cwd: REPO, env, stdio: ['inherit', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (b) => {
    output += b;
    if (echo) process.stdout.write(b);
  });
  const code = await new Promise((r) => child.on('close', r));
  const { skips, todo } = skipsInSpec(output);
  const bad = unallowedSkips(skips, allowedSkips());
  if (todo > 0) bad.push(`${todo} todo test(s): a todo never fails`);
  // node:test exits 0 when every suite was skipped and nothing ran
  if (/ℹ tests 0\b/.test(output)) bad.push('no test ran');
  for (const s of skips.filter((s) => s.reason && !bad.some((b) => b.includes(`"${s.title}"`)))) console.log(`check-tests: skipped (allowed by test/skips.json): ${s.title} — ${s.reason}`);
  if (bad.length) {
    console.error(`\ncheck-tests: ${name} skipped what should run:\n  ${bad.join('\n  ')}`);
    return code || 1;
  }
  return code ?? 1;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  if (args[0] === '--run') {
    if (!args[1]) {
      console.error('usage: node scripts/check-tests.mjs --run SCRIPT');
      process.exit(2);
    }
    process.exit(await runChecked('npm', ['run', '-s', args[1]], `npm run ${args[1]}`));
  }
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const files = walk(join(REPO, 'test'));
  const problems = files.flatMap((f) => scanFile(f, readFileSync(f, 'utf8')));
  problems.push(...unrunTests(pkg));
  allowedSkips(); // a malformed allow-list fails here, before any runner reads it
  if (problems.length) {
    console.error(`check-tests: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check-tests: ${files.length} test files: no swallowed import, no skip without a reason, every *.test.ts run`);
}
