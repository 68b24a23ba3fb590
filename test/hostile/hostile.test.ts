// Hostile input (issue 12), as an attacker or a careless user would write it: special files, links,
// bombs, lying headers, huge sizes, non-finite numbers, deep nesting, ANSI text. Every case is built
// here at test time (no binary blobs), runs `lnn-lab check` as a child process under a heap bound,
// and must end by itself within seconds, under a memory bound, with a diagnostic at the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MAX_ENTRIES, MAX_FILE_BYTES } from '../../src/core/data/readers/limits';
import { MAX_NESTING } from '../../src/core/experiment/parse';

if (!existsSync('dist/cli.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
const DIST = resolve('dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'lnn-hostile-'));

/** Each case must end within this (ms): the child is killed past it, and the test fails. */
const DEADLINE_MS = 30_000;
/** The child's V8 heap bound (MB) and the resident-memory bound its peak must stay under (bytes). */
const HEAP_MB = 256;
const RSS_BOUND = 700 * 2 ** 20;

// `lnn-lab check` with its peak resident memory reported on exit
const wrapper = join(tmp, 'check.cjs');
writeFileSync(
  wrapper,
  `process.on('exit', () => process.stderr.write('\\nmaxrss ' + process.resourceUsage().maxRSS * 1024 + '\\n'));
require(${JSON.stringify(DIST)}).main();`,
);

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  maxRss: number;
}

function check(file: string, env: Record<string, string> = {}): Outcome {
  const t0 = performance.now();
  const r = spawnSync('node', [`--max-old-space-size=${HEAP_MB}`, wrapper, 'check', file], {
    encoding: 'utf8',
    cwd: tmp,
    timeout: DEADLINE_MS,
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - t0;
  const rss = /maxrss (\d+)/.exec(r.stderr ?? '');
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms, maxRss: rss ? Number(rss[1]) : NaN };
}

/** 1-based line and column of an offset, counted here (not through the core's locate). */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** Where the value of the first `"key":` after `after` starts. */
function valueAt(text: string, key: string, after = 0): string {
  const k = text.indexOf(`"${key}":`, after);
  assert.ok(k >= 0, `"${key}" is in the file`);
  let o = k + key.length + 3;
  while (text[o] === ' ') o++;
  return lineCol(text, o);
}

let n = 0;
function experiment(doc: unknown, name = `case${++n}.lnn.json`): { file: string; text: string } {
  const file = join(tmp, name);
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2);
  writeFileSync(file, text);
  return { file, text };
}

const filesExperiment = (data: Record<string, unknown>) =>
  experiment({ data: { kind: 'files', ...data }, models: [{ depth: 1 }], optimizer: { stepSize: 0.01, steps: 10 } });

/** The case ended by itself, in time, under the memory bound, refusing with `code` at the field at `where`. */
function assertRefused(o: Outcome, file: string, where: string, code: string, message?: RegExp): void {
  assert.equal(o.signal, null, `ended by itself (killed by ${o.signal} after ${o.ms.toFixed(0)} ms)`);
  assert.ok(o.ms < DEADLINE_MS, `ended within ${DEADLINE_MS} ms: ${o.ms.toFixed(0)}`);
  assert.equal(o.status, 1, `exit 1 (refused): ${o.stdout}${o.stderr}`);
  assert.ok(o.maxRss < RSS_BOUND, `peak memory ${(o.maxRss / 2 ** 20).toFixed(0)} MB under ${RSS_BOUND / 2 ** 20} MB`);
  assert.doesNotMatch(o.stderr, /internal error|    at /, 'no stack trace, no internal error');
  const line = o.stdout.split('\n').find((l) => l.startsWith(`${file}:${where}: error ${code}:`));
  assert.ok(line, `a ${code} error at ${where} in:\n${o.stdout}`);
  if (message) assert.match(line, message);
}

// ---------------------------------------------------------------- special files and links

test('data.x = /dev/zero: a data.file error at /data/x, nothing read', () => {
  const { file, text } = filesExperiment({ x: '/dev/zero' });
  assertRefused(check(file), file, valueAt(text, 'x'), 'data.file', /special file/);
});

test('data.x = a symlink to /dev/zero: the link is followed and refused', () => {
  symlinkSync('/dev/zero', join(tmp, 'zero.csv'));
  const { file, text } = filesExperiment({ x: 'zero.csv' });
  assertRefused(check(file), file, valueAt(text, 'x'), 'data.file', /\/dev\/zero.*special file/);
});

test('data.y = a FIFO nobody writes: refused at once, check does not hang', () => {
  writeFileSync(join(tmp, 'x.csv'), '1,2\n3,4\n5,6\n');
  const fifo = join(tmp, 'pipe.csv');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
  const { file, text } = filesExperiment({ x: 'x.csv', y: 'pipe.csv' });
  const o = check(file);
  assertRefused(o, file, valueAt(text, 'y'), 'data.file', /FIFO/);
  assert.ok(o.ms < 10_000, `in seconds: ${o.ms.toFixed(0)} ms`);
});

test('data.x = a directory, and a file under /proc: data.file errors naming the field', () => {
  mkdirSync(join(tmp, 'folder.csv'));
  const dir = filesExperiment({ x: 'folder.csv' });
  assertRefused(check(dir.file), dir.file, valueAt(dir.text, 'x'), 'data.file', /directory/);
  const proc = filesExperiment({ x: '/proc/self/environ' });
  assertRefused(check(proc.file), proc.file, valueAt(proc.text, 'x'), 'data.file', /special file/);
});

test('completion mask = /dev/urandom: refused at /data/mask', () => {
  writeFileSync(join(tmp, 'm.csv'), Array.from({ length: 10 }, () => Array(10).fill(1).join(',')).join('\n'));
  const { file, text } = experiment({
    data: { kind: 'completion', rows: 10, cols: 10, rank: 2, observed: 50, matrix: 'm.csv', mask: '/dev/urandom' },
    models: [{ depth: 2 }],
    optimizer: { stepSize: 0.01, steps: 10 },
  });
  assertRefused(check(file), file, valueAt(text, 'mask'), 'data.file', /special file/);
});

test('a data file larger than the limit: refused by its size before reading (a sparse file)', () => {
  const big = join(tmp, 'huge.csv');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, MAX_FILE_BYTES + 1); // sparse: no disk, no memory
  closeSync(fd);
  const { file, text } = filesExperiment({ x: 'huge.csv' });
  assertRefused(check(file), file, valueAt(text, 'x'), 'data.file', new RegExp(`${MAX_FILE_BYTES + 1} bytes is too large`));
});

// ---------------------------------------------------------------- bombs and lying headers

/** An IDX ubyte header with these dimensions, then `bytes` of zeros. */
function idx(dims: number[], bytes: number): Buffer {
  const b = Buffer.alloc(4 + 4 * dims.length + bytes);
  b[2] = 0x08;
  b[3] = dims.length;
  dims.forEach((d, k) => b.writeUInt32BE(d, 4 + 4 * k));
  return b;
}

test('an IDX .gz whose header claims more entries than the limit: refused before inflating', () => {
  const rows = Math.floor(MAX_ENTRIES / 1000) + 1; // rows × 1000 > MAX_ENTRIES
  writeFileSync(join(tmp, 'bomb-idx2-ubyte.gz'), gzipSync(idx([rows, 1000], 64 * 2 ** 20), { level: 9 })); // ~64 KB on disk
  const { file, text } = filesExperiment({ x: 'bomb-idx2-ubyte.gz' });
  assertRefused(check(file), file, valueAt(text, 'x'), 'data.file', /too many/);
});

test('an IDX whose header claims more data than the file holds: a truncated-data error, no huge allocation', () => {
  writeFileSync(join(tmp, 'liar-idx2-ubyte'), idx([10000, 10000], 16));
  const { file, text } = filesExperiment({ x: 'liar-idx2-ubyte' });
  assertRefused(check(file), file, valueAt(text, 'x'), 'data.file', /truncated IDX data/);
});

test('a .npy whose header claims a huge shape: refused by the shape', () => {
  const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000), }";
  const pad = 64 - ((10 + header.length + 1) % 64);
  const h = header + ' '.repeat(pad) + '\n';
  const b = Buffer.alloc(10 + h.length + 8);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(b);
  b.writeUInt16LE(h.length, 8);
  b.write(h, 10, 'latin1');
  writeFileSync(join(tmp, 'liar.npy'), b);
  const { file, text } = filesExperiment({ x: 'liar.npy' });
  assertRefused(check(file), file, valueAt(text, 'x'), 'data.file', /too many/);
});

test('a .csv.gz bomb (5 MB inflating past the limit): refused by its gzip trailer, not inflated', async () => {
  const { createGzip } = await import('node:zlib');
  const gz = createGzip({ level: 1 });
  const chunks: Buffer[] = [];
  gz.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => gz.on('end', r));
  const zeros = Buffer.alloc(64 * 2 ** 20, 0x30); // "000…"
  for (let written = 0; written <= MAX_FILE_BYTES; written += zeros.length) gz.write(zeros);
  gz.end();
  await ended;
  writeFileSync(join(tmp, 'bomb.csv.gz'), Buffer.concat(chunks));
  const { file, text } = filesExperiment({ x: 'bomb.csv.gz' });
  assertRefused(check(file), file, valueAt(text, 'x'), 'data.file', /more than the limit/);
});

// ---------------------------------------------------------------- huge sizes: the cost budget

const synthetic = (data: Record<string, unknown>, models: unknown[] = [{ depth: 2 }], steps = 10) =>
  experiment({ data: { kind: 'autoencoder', rank: 3, spectrum: [3, 2, 1], ...data }, models, optimizer: { stepSize: 0.01, steps } });

test('moments of n·d² with n = 9e5, d = 2000: refused before building them, at /data/d', () => {
  const { file, text } = synthetic({ n: 900000, d: 2000 });
  const o = check(file);
  assertRefused(o, file, valueAt(text, 'd'), 'budget.time', /preparing the moments of n = 900000/);
  assert.ok(o.ms < 10_000, `in seconds: ${o.ms.toFixed(0)} ms`);
});

test('d = 10000 (the schema allows it): the SVDs are refused, not started, at /data/d', () => {
  const { file, text } = synthetic({ n: 10, d: 10000 });
  const o = check(file);
  assertRefused(o, file, valueAt(text, 'd'), 'budget.time', /the theory/);
  assert.ok(o.ms < 10_000, `in seconds: ${o.ms.toFixed(0)} ms`);
});

test('depth 100 × width 10000: budget.memory at the width, sized from the factors', () => {
  const { file, text } = synthetic({ n: 100, d: 20 }, [{ depth: 100, width: 10000 }]);
  // 98 width×width factors alone, twice (factors and gradients), in float64
  const floor = 2 * 98 * 10000 * 10000 * 8;
  const o = check(file, { LNN_LAB_MEMORY_BUDGET: String(floor) });
  assertRefused(o, file, valueAt(text, 'width'), 'budget.memory', new RegExp(`memory budget of ${Math.round((floor / 2 ** 30) * 10) / 10} GB`));
});

test('the memory budget follows LNN_LAB_MEMORY_BUDGET: a small file passes a large budget and fails a tiny one', () => {
  const { file, text } = synthetic({ n: 100, d: 20 }, [{ depth: 2, width: 20 }]);
  const roomy = check(file, { LNN_LAB_MEMORY_BUDGET: '1G' });
  assert.doesNotMatch(roomy.stdout, /budget\.memory/);
  assertRefused(check(file, { LNN_LAB_MEMORY_BUDGET: '1K' }), file, valueAt(text, 'd'), 'budget.memory', /1 KB/);
});

test('a sweep of 20 000 values checks in seconds', () => {
  const values = Array.from({ length: 20000 }, (_, i) => 1e-3 + i * 1e-8);
  const { file } = experiment({
    data: { kind: 'autoencoder', n: 100, d: 5, rank: 2, spectrum: [2, 1] },
    models: [{ depth: 2 }],
    optimizer: { stepSize: 0.01, steps: 100 },
    sweep: { path: '/optimizer/stepSize', values },
  });
  const o = check(file);
  assert.equal(o.signal, null);
  assert.equal(o.status, 0, o.stdout + o.stderr);
  assert.ok(o.ms < 15_000, `20 000 values checked in ${o.ms.toFixed(0)} ms`);
});

// ---------------------------------------------------------------- numbers and text

test('1e999 is Infinity: a schema error at each field it is written in', () => {
  const text = `{
  "data": { "kind": "autoencoder", "n": 100, "d": 5, "rank": 1, "spectrum": [1], "noise": 1e999 },
  "models": [{ "depth": 2 }],
  "init": { "scheme": "identity", "delta": 1e999 },
  "optimizer": { "stepSize": 0.01, "steps": 1e999, "stopLoss": -1e999 }
}`;
  const { file } = experiment(text);
  const o = check(file);
  for (const key of ['noise', 'delta', 'steps', 'stopLoss']) assertRefused(o, file, valueAt(text, key), 'schema', /finite/);
});

test(`an experiment nested 8000 deep: a schema error, no stack overflow (depth capped at ${MAX_NESTING})`, () => {
  const text = `{"data": ${'['.repeat(8000)}${']'.repeat(8000)}, "models": [], "optimizer": {}}`;
  const { file } = experiment(text);
  // the first bracket past the cap: the opening { is depth 1, the first [ depth 2
  const deep = text.indexOf('[') + (MAX_NESTING - 1);
  assertRefused(check(file), file, lineCol(text, deep), 'schema', /nested more than/);
});

test('ANSI escapes in a label and in a file name never reach the terminal', () => {
  const red = '\u001b[31m';
  const { file } = experiment(
    { data: { kind: 'autoencoder', n: 100, d: 5, rank: 1, spectrum: [1] }, models: [{ depth: 2, label: `${red}evil\u0007` }, { depth: 2, label: `${red}evil\u0007` }], optimizer: { stepSize: 0.01, steps: 10 } },
    `ansi${red}name.lnn.json`,
  );
  const o = check(file);
  assert.equal(o.status, 1, o.stdout);
  assert.match(o.stdout, /error schema: .*evil.*already the label/, 'the duplicate-label error is printed');
  assert.doesNotMatch(o.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'no control character in what is printed');
});

test('the experiment file itself a FIFO: `check` refuses it at once instead of waiting for a writer', () => {
  const fifo = join(tmp, 'fifo.lnn.json');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const o = check(fifo);
  assert.equal(o.signal, null, 'ended by itself');
  assert.equal(o.status, 1);
  assert.match(o.stderr, /fifo\.lnn\.json:1:1: error data\.file: cannot read the experiment file \(a FIFO/);
  assert.ok(o.ms < 10_000, `in seconds: ${o.ms.toFixed(0)} ms`);
});

test('ANSI escapes in a label never reach the terminal from `run --summary` either', () => {
  const { file } = experiment({ data: { kind: 'autoencoder', n: 100, d: 5, rank: 1, spectrum: [1] }, models: [{ depth: 2, label: '\u001b[2J\u001b]0;pwned\u0007x' }], optimizer: { stepSize: 0.01, steps: 50 } });
  const r = spawnSync('node', [`--max-old-space-size=${HEAP_MB}`, resolve('bin/lnn-lab.js'), 'run', file, '--summary', '--out', join(tmp, 'ansi.results.json')], { encoding: 'utf8', cwd: tmp, timeout: DEADLINE_MS });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /  x /, 'the label is printed, stripped');
  assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});
