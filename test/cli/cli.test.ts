// The `lnn-lab` command as a user runs it (the built bundle, in a child process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { checkResults } from '../../src/core/results/check';

const BIN = resolve('bin/lnn-lab.js');
if (!existsSync('dist/cli.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
const tmp = mkdtempSync(join(tmpdir(), 'lnn-cli-'));
const cli = (...args: string[]) => spawnSync('node', [BIN, ...args], { encoding: 'utf8', cwd: tmp });

test('check: a clean file exits 0', () => {
  const r = cli('check', resolve('examples/gbl-fig1-moments.lnn.json'));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /0 error\(s\), 0 warning\(s\)/);
});

test('check: prints file:line:col: severity code: message and exits 1 on an error', () => {
  const file = resolve('examples/stepsize-diverges.lnn.json');
  const r = cli('check', file);
  assert.equal(r.status, 1);
  const text = readFileSync(file, 'utf8');
  const line = text.split('\n').findIndex((l) => l.includes('"stepSize"')) + 1;
  assert.match(r.stdout, new RegExp(`${file.replace(/[.]/g, '\\.')}:${line}:\\d+: error stepSize\\.diverges: .*`));
});

test('check: truncated JSON, wrong types, huge dimensions and a missing data file give named diagnostics, never a stack trace', () => {
  const cases: Array<[string, RegExp]> = [
    ['{ "data": { "kind": "moments", "sigmaX": [1], ', /error schema/],
    ['{ "data": { "kind": "moments", "sigmaX": [1], "sigmaXY": [1] }, "models": [{ "depth": "two" }], "optimizer": { "stepSize": 0.1, "steps": 10 } }', /:\d+:\d+: error schema: .*depth/],
    ['{ "data": { "kind": "autoencoder", "n": 10, "d": 100000, "rank": 1, "spectrum": [1] }, "models": [{ "depth": 2 }], "optimizer": { "stepSize": 0.1, "steps": 10 } }', /:1:\d+: error schema: data\.d must be ≤ 10000/],
    ['{ "data": { "kind": "files", "x": "nope.csv" }, "models": [{ "depth": 2 }], "optimizer": { "stepSize": 0.1, "steps": 10 } }', /error data\.file: .*nope\.csv/],
  ];
  for (const [text, expected] of cases) {
    const file = join(tmp, 'bad.lnn.json');
    writeFileSync(file, text);
    const r = cli('check', file);
    assert.equal(r.status, 1, text);
    assert.match(r.stdout, expected);
    assert.doesNotMatch(r.stdout + r.stderr, /at .*\.js:\d+/, 'no stack trace');
  }
});

test('run: writes results the core accepts; a refused file exits 1', () => {
  const out = join(tmp, 'fig1.results.json');
  const r = cli('run', resolve('examples/stepsize-breaks-eigengap.lnn.json'), '--out', out);
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(checkResults(results), []);
  assert.equal(results.runs[0].stopReason, 'completed');
  const bad = join(tmp, 'refused.lnn.json');
  writeFileSync(bad, '{ "data": { "kind": "moments" } }');
  assert.equal(cli('run', bad, '--out', join(tmp, 'x.json')).status, 1);
  assert.equal(existsSync(join(tmp, 'x.json')), false);
});

test('run: a diverging run is a result (exit 0), flagged in the file and on stderr', () => {
  const out = join(tmp, 'div.results.json');
  const r = cli('run', resolve('examples/stepsize-diverges.lnn.json'), '--out', out);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /diverged at step \d+/);
  const results = JSON.parse(readFileSync(out, 'utf8'));
  assert.ok(results.runs.every((run: { diverged: boolean }) => run.diverged));
});

test('new: writes a starter experiment that checks clean', () => {
  const r = cli('new', 'starter');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(cli('check', join(tmp, 'starter.lnn.json')).status, 0);
  assert.equal(parseJsonc(readFileSync(join(tmp, 'starter.lnn.json'), 'utf8')).name, 'starter', 'named after the argument');
  assert.equal(cli('new', 'starter').status, 1, 'does not overwrite');
});

test('Ctrl-C stops cleanly: exit 130 and the partial results are written', async () => {
  const file = join(tmp, 'long.lnn.json');
  writeFileSync(file, JSON.stringify({ data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0.5] }, models: [{ depth: 3 }], optimizer: { stepSize: 0.001, steps: 50_000_000 }, record: { every: 1000 } }));
  const out = join(tmp, 'long.results.json');
  const child = spawn('node', [BIN, 'run', file, '--out', out, '--no-progress'], { cwd: tmp });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  await new Promise((r) => setTimeout(r, 1500));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  assert.equal(code, 130, stderr);
  const results = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(checkResults(results), []);
  assert.equal(results.runs[0].stopReason, 'cancelled');
  assert.ok(results.runs[0].steps.length > 1);
});
