// Hostile input in-process (issue 12): the webview message guards, export names, control
// characters, the gzip cap, FIFOs that must not block reads (nor libuv's pool), and the budget's
// arithmetic. The CLI cases are in hostile.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gunzip } from '../../src/core/data/readers/idx';
import { estimateMemory, offThreadBytes, PREPARE_SECONDS_LIMIT, prepareSeconds, WORKER_OVERHEAD_BYTES } from '../../src/core/diagnostics/budget';
import { readExperiment } from '../../src/core/experiment/index';
import { nestingBeyond } from '../../src/core/experiment/parse';
import { nonFiniteDiagnostics } from '../../src/core/experiment/validate';
import { readDataFile } from '../../src/core/io';
import { prepareExperiment } from '../../src/core/lab';
import { checkFromWebview, oneLine, runProblems, safeExportName, stripControl } from '../../src/shared/guards';

const tmp = mkdtempSync(join(tmpdir(), 'lnn-guards-'));

// ---------------------------------------------------------------- webview messages

/** A run as the engine writes it: n records, min(d, p) = m singular values, r_xy = r. */
function run(n: number, m: number, r: number) {
  const rows = (k: number) => Array.from({ length: n }, () => Array(k).fill(0.5));
  return {
    label: 'depth 2', depth: 2, width: 3, method: 'gd', backend: 'webgl', precision: 'float32', wallMs: 12,
    diverged: false, stoppedAt: null, stopReason: 'completed',
    steps: Array.from({ length: n }, (_, k) => k * 10), loss: Array(n).fill(1), excessLoss: Array(n).fill(0.5),
    singularValues: rows(m), nuclearNorm: Array(n).fill(1), reconstructionError: null,
    reducedRankDistance: rows(r + 1), scalarTheory: rows(r), closedForm: rows(r),
    bounds: null, componentValues: rows(r), phaseSteps: null,
  };
}

test('computed: a well-formed run passes; each malformed one is refused with what is wrong', () => {
  const ok = { type: 'computed', jobId: 3, final: true, runs: [run(4, 3, 2)] };
  assert.equal(checkFromWebview(ok).problem, null);
  const broken: Array<[string, unknown, RegExp]> = [
    ['steps not increasing', { ...run(4, 3, 2), steps: [0, 10, 10, 20] }, /steps: not increasing/],
    ['a record short', { ...run(4, 3, 2), loss: [1, 1, 1] }, /loss: 3 entries for 4 recorded steps/],
    ['ragged singular values', { ...run(4, 3, 2), singularValues: [[1, 2, 3], [1, 2, 3], [1, 2], [1, 2, 3]] }, /singularValues: not min\(d, p\)/],
    ['a string among the numbers', { ...run(4, 3, 2), nuclearNorm: [1, '1', 1, 1] }, /arrays of numbers/],
    ['an unknown stop reason', { ...run(4, 3, 2), stopReason: 'pwned' }, /stopReason: pwned/],
    ['no label', { ...run(4, 3, 2), label: { toString: 1 } }, /label: not a string/],
    ['not an object', 'runs', /not an object/],
  ];
  for (const [what, r, why] of broken) {
    const c = checkFromWebview({ type: 'computed', jobId: 3, final: true, runs: [r] });
    assert.equal(c.message, null, what);
    assert.match(c.problem!, why, what);
    assert.ok(runProblems(r).length > 0, what);
  }
});

test('every FromWebview type has a guard; unknown types and bad shapes are refused', () => {
  assert.ok(checkFromWebview({ type: 'ready', webgl: { ok: true, detail: 'ANGLE' } }).message);
  assert.ok(checkFromWebview({ type: 'computeFailed', jobId: 1, reason: 'no WebGL' }).message);
  assert.ok(checkFromWebview({ type: 'export', fileName: 'a.png', base64: 'AAAA' }).message);
  assert.ok(checkFromWebview({ type: 'command', command: 'rerun' }).message);
  for (const bad of [
    null, 'ready', [], { type: 'runShell', cmd: 'rm -rf ~' }, { type: '__proto__' }, { type: 'toString' },
    { type: 'ready', webgl: 'yes' }, { type: 'computeFailed', jobId: '1', reason: 'x' },
    { type: 'export', fileName: 7, base64: '' }, { type: 'command', command: 'deleteWorkspace' },
    { type: 'computed', jobId: 1, final: 'yes', runs: [] },
  ]) {
    assert.equal(checkFromWebview(bad).message, null, JSON.stringify(bad));
  }
});

test('export names: a base name inside the picked folder, whatever the page asks', () => {
  assert.equal(safeExportName('gbl-fig1-staircase.png'), 'gbl-fig1-staircase.png');
  assert.equal(safeExportName('../../.bashrc'), 'bashrc.png'); // no folder, no hidden file, an export's extension
  assert.equal(safeExportName('/etc/passwd'), 'passwd.png');
  assert.equal(safeExportName('..\\..\\x.csv'), 'x.csv');
  assert.equal(safeExportName('evil.sh'), 'evil.png');
  assert.equal(safeExportName('a\u001b[31mb.json'), 'ab.json');
  assert.equal(safeExportName(''), 'lnn-lab-export.png');
  assert.equal(safeExportName('..'), 'lnn-lab-export.png');
  for (const name of ['../../.bashrc', '/etc/passwd', '..\\..\\x.csv', 'a/b/../../c.svg', '..']) {
    const safe = safeExportName(name);
    assert.doesNotMatch(safe, /[\\/]/, name);
    assert.ok(!safe.startsWith('.'), name);
    assert.equal(join('/picked', safe), `/picked/${safe}`, `${name} stays in the folder`);
  }
});

test('control characters: escapes removed, other controls shown as ?, newlines kept or folded', () => {
  assert.equal(stripControl('a\u001b[31mred\u001b[0m b'), 'ared b');
  assert.equal(stripControl('title\u001b]0;pwned\u0007 x'), 'title x');
  assert.equal(stripControl('bell\u0007 cr\r del\u007f c1\u009b2J bidi\u202e'), 'bell? cr? del? c1 bidi?');
  assert.equal(stripControl('two\nlines\tand tab'), 'two\nlines\tand tab');
  assert.equal(oneLine('two\nlines'), 'two lines');
});

// ---------------------------------------------------------------- reading: gzip cap, FIFOs

test('gunzip stops at its limit: a 64 MB bomb with a lying trailer is refused after ~limit bytes, not inflated', () => {
  const bomb = Buffer.from(gzipSync(Buffer.alloc(64 * 2 ** 20)));
  bomb.writeUInt32LE(1000, bomb.length - 4); // ISIZE lies: "1000 bytes"
  const limit = 2 ** 20;
  const t0 = performance.now();
  assert.throws(() => gunzip(bomb, limit), /inflates to more than 1048576 bytes/);
  assert.ok(performance.now() - t0 < 2000, 'stopped early');
  // an honest small one inflates whole
  assert.deepEqual([...gunzip(gzipSync(Buffer.from('1,2\n3,4\n')), limit)], [...Buffer.from('1,2\n3,4\n')]);
  // an honest trailer over the limit: refused before inflating
  assert.throws(() => gunzip(gzipSync(Buffer.alloc(2 * limit)), limit), /by its gzip trailer/);
});

test('four FIFOs read at once neither hang nor starve other reads (libuv pool of 4)', async () => {
  const fifos = [1, 2, 3, 4].map((k) => join(tmp, `p${k}.csv`));
  for (const f of fifos) assert.equal(spawnSync('mkfifo', [f]).status, 0);
  const plain = join(tmp, 'plain.csv');
  writeFileSync(plain, '1,2\n');
  const t0 = performance.now();
  const outcomes = await Promise.allSettled(fifos.map((f) => readDataFile(f)));
  for (const o of outcomes) {
    assert.equal(o.status, 'rejected');
    assert.match(String((o as PromiseRejectedResult).reason), /FIFO/);
  }
  // the pool is free: a plain read (through libuv's pool) completes at once
  assert.equal(await readFile(plain, 'utf8'), '1,2\n');
  assert.deepEqual([...(await readDataFile(plain))], [...readFileSync(plain)]);
  assert.ok(performance.now() - t0 < 3000, `${(performance.now() - t0).toFixed(0)} ms`);
});

// ---------------------------------------------------------------- numbers, nesting

test('non-finite numbers anywhere are schema errors at their pointer', () => {
  const d = nonFiniteDiagnostics({ a: [1, Infinity, { 'b/c': -Infinity }], n: NaN });
  assert.deepEqual(d.map((x) => x.path), ['/a/1', '/a/2/b~1c', '/n']);
  const read = readExperiment('{ "data": { "kind": "autoencoder", "n": 10, "d": 2, "rank": 1, "spectrum": [1], "noise": 1e999 }, "models": [{"depth": 1}], "optimizer": { "stepSize": 0.1, "steps": 10 } }');
  assert.equal(read.experiment, null);
  assert.deepEqual(read.diagnostics.map((x) => [x.code, x.path]), [['schema', '/data/noise']]);
});

test('nesting is measured without parsing: brackets in strings and comments do not count', () => {
  assert.equal(nestingBeyond('[[[]]]', 3), -1);
  assert.equal(nestingBeyond('[[[[]]]]', 3), 3);
  assert.equal(nestingBeyond('{"a": "[[[[[[", "b": [] /* [[[[[[ */ } // [[[[[[', 2), -1);
  const escaped = '{"a": "\\"[[[", "b": [[1]]}'; // an escaped quote does not end the string
  assert.equal(nestingBeyond(escaped, 2), escaped.indexOf('[[1') + 1);
});

// ---------------------------------------------------------------- the budget's arithmetic

test('budget.memory counts the factors of the runs that run at once', () => {
  const text = (models: unknown[]) =>
    JSON.stringify({ data: { kind: 'autoencoder', n: 10, d: 10, rank: 1, spectrum: [1] }, models, optimizer: { stepSize: 0.1, steps: 10 }, record: { every: 10 } });
  const one = readExperiment(text([{ depth: 3, width: 1000 }])).experiment!;
  const two = readExperiment(text([{ depth: 3, width: 1000 }, { depth: 3, width: 1000 }])).experiment!;
  const dims = { d: 10, p: 10 };
  const alone = estimateMemory(one, dims, { memoryBytes: 1, threads: 8 });
  const pair = estimateMemory(two, dims, { memoryBytes: 1, threads: 8 });
  const serial = estimateMemory(two, dims, { memoryBytes: 1, threads: 1 });
  // the middle 1000×1000 factor, as factors and gradients in float64, is a floor of one run
  assert.ok(alone.bytes > 2 * 1000 * 1000 * 8);
  assert.equal(alone.path, '/models/0/width');
  assert.equal(pair.concurrent, 2);
  assert.equal(serial.concurrent, 1);
  // two at once: about twice one (a run's cost dominates the shared moments here)
  assert.ok(Math.abs(pair.bytes / alone.bytes - 2) < 0.01, `${pair.bytes / alone.bytes}`);
  assert.ok(Math.abs(serial.bytes / alone.bytes - 1) < 0.01);
});

test("budget.memory counts a run's records' spare thread (its worker and one SVD) where threads are spare and W is large enough", () => {
  const text = (d: number, depth: number) =>
    JSON.stringify({ data: { kind: 'autoencoder', n: 10, d, rank: 1, spectrum: [1] }, models: [{ depth, width: d }], optimizer: { stepSize: 0.1, steps: 10 }, record: { every: 10 } });
  const at = (d: number, depth: number, threads: number) => estimateMemory(readExperiment(text(d, depth)).experiment!, { d, p: d }, { memoryBytes: 1, threads }).bytes;
  // d = 256, depth 2: a lone run on two threads holds the spare thread's worker and a W-sized SVD more than on one
  assert.equal(at(256, 2, 2) - at(256, 2, 1), offThreadBytes(readExperiment(text(256, 2)).experiment!, { d: 256, p: 256 }, 2));
  assert.ok(at(256, 2, 2) - at(256, 2, 1) >= WORKER_OVERHEAD_BYTES + 8 * (3 + 2 + 4) * 256 * 256, 'its worker, one SVD, Σx (in the arena too), W*, W and two buffers');
  // none for a small W, for depth 1 (no rates), or on one thread
  assert.equal(at(48, 2, 2), at(48, 2, 1));
  assert.equal(at(256, 1, 2), at(256, 1, 1));
});

test('preparing is refused past the limit, at the size field, without starting', async () => {
  const spec = (n: number, d: number) => ({ kind: 'autoencoder' as const, n, d, rank: 1, spectrum: [1], noise: 0 });
  assert.ok(prepareSeconds(spec(1000, 20), { d: 20, p: 20 }) < 1);
  assert.ok(prepareSeconds(spec(900000, 2000), { d: 2000, p: 2000 }) > PREPARE_SECONDS_LIMIT);
  const t0 = performance.now();
  const io = { readFile: async () => { throw new Error('nothing is read'); } };
  const prepared = await prepareExperiment(JSON.stringify({ data: spec(900000, 2000), models: [{ depth: 2 }], optimizer: { stepSize: 0.01, steps: 10 } }), io);
  assert.ok(performance.now() - t0 < 2000);
  assert.equal(prepared.refused, true);
  assert.equal(prepared.problem, null, 'no moments were built');
  assert.deepEqual(prepared.diagnostics.map((d) => [d.code, d.severity, d.path]), [['budget.time', 'error', '/data/d']]);
});

test('a results file that is a FIFO (Open Results, a restored panel) is refused at once, not waited on', async () => {
  const { readResultsFile } = await import('../../src/compute/resultsFile');
  const fifo = join(tmp, 'pipe.results.json');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const t0 = performance.now();
  await assert.rejects(readResultsFile(fifo), /FIFO/);
  await assert.rejects(readResultsFile('/dev/zero'), /special file/);
  assert.ok(performance.now() - t0 < 2000);
});
