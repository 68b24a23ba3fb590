// Nothing lost (issue 12): `--out` is checked before anything is computed (a folder, the input,
// a read-only place), one run per results file at a time (a lock beside it; a dead process's lock
// is broken), a finished result is never silently replaced (it moves into the history, the last
// HISTORY_KEEP), and a failed final write saves to a fallback file it names, marked incomplete.
// The CLI as a user runs it (a process); read-only and full-disk cases on a small tmpfs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { HISTORY_KEEP, historyFolder, lockPath } from '../../src/compute/claim';
import type { Results } from '../../src/core/types';

const BIN = resolve('bin/lnn-lab.js');
if (!existsSync('dist/cli.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
const tmp = mkdtempSync(join(tmpdir(), 'lnn-claim-'));
const run = (...args: string[]) => spawnSync('node', [BIN, 'run', ...args, '--quiet'], { encoding: 'utf8', timeout: 60_000 });

/** A small experiment; `steps` sets how long it runs (and how large its results are). */
function experiment(name: string, steps = 200): string {
  const file = join(tmp, `${name}.lnn.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name,
      data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [0.5, 0.2, 0.1] },
      models: [{ depth: 1 }, { depth: 2 }],
      init: { scheme: 'identity', delta: 6 },
      optimizer: { method: 'gd', stepSize: 0.1, steps },
      record: { every: 1 },
      compute: { backend: 'js' },
    }),
  );
  return file;
}

/** One line, no stack trace. */
function assertOneLine(stderr: string, pattern: RegExp): void {
  assert.match(stderr, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, `no stack trace: ${stderr}`);
}

test('--out a folder, or the experiment itself: refused before computing, in one line, the input untouched', () => {
  const file = experiment('folder');
  const folder = join(tmp, 'a-folder');
  mkdirSync(folder);
  const r = run(file, '--out', folder);
  assert.equal(r.status, 1);
  assertOneLine(r.stderr, /a-folder: is a folder/);
  const before = readFileSync(file, 'utf8');
  const self = run(file, '--out', file);
  assert.equal(self.status, 1);
  assertOneLine(self.stderr, /is the experiment file itself/);
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('one run per results file: a live lock refuses with who holds it; a dead process\'s lock is broken', () => {
  const file = experiment('locked');
  const out = join(tmp, 'locked.results.json');
  // held by this test's process (alive, this host)
  writeFileSync(lockPath(out), JSON.stringify({ pid: process.pid, host: (require('node:os') as typeof import('node:os')).hostname(), startedAt: new Date().toISOString(), experiment: file }));
  const held = run(file, '--out', out);
  assert.equal(held.status, 1);
  assertOneLine(held.stderr, new RegExp(`another run \\(pid ${process.pid} on `));
  assert.equal(existsSync(out), false, 'nothing written while another run holds the file');
  // a process that has exited: its lock is stale
  const gone = spawnSync('node', ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(lockPath(out), JSON.stringify({ pid: Number(gone.stdout), host: (require('node:os') as typeof import('node:os')).hostname(), startedAt: new Date().toISOString(), experiment: file }));
  const ok = run(file, '--out', out);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((JSON.parse(readFileSync(out, 'utf8')) as Results).complete, true);
  assert.equal(existsSync(lockPath(out)), false, 'the lock is released');
});

test('a run never silently replaces finished results: they move into the history, the last HISTORY_KEEP kept', () => {
  const file = experiment('history');
  const out = join(tmp, 'history.results.json');
  assert.equal(run(file, '--out', out).status, 0);
  const first = readFileSync(out, 'utf8');
  const folder = historyFolder(out);
  // a full history already: the oldest goes
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < HISTORY_KEEP; i++) writeFileSync(join(folder, `2000-01-01T00-00-${String(i).padStart(2, '0')}.results.json`), '{}');
  const r = run(file, '--out', out);
  assert.equal(r.status, 0, r.stderr);
  const kept = readdirSync(folder).filter((f) => f.endsWith('.results.json')).sort();
  assert.equal(kept.length, HISTORY_KEEP);
  assert.equal(kept.includes('2000-01-01T00-00-00.results.json'), false, 'the oldest was dropped');
  const moved = kept.filter((f) => !f.startsWith('2000-'));
  assert.equal(moved.length, 1);
  assert.equal(readFileSync(join(folder, moved[0]), 'utf8'), first, 'the previous results, byte for byte');
});

/** A tmpfs of `size` at a fresh folder, or null where this machine cannot mount one (not root). */
function tmpfs(size: string, options = ''): { dir: string; done: () => void } | null {
  const dir = mkdtempSync(join(tmp, 'fs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${options ? ',' + options : ''}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return { dir, done: () => void spawnSync('umount', [dir]) };
}

const canMount = (() => {
  const probe = tmpfs('16k');
  probe?.done();
  return probe !== null;
})();
const NO_TMPFS = 'this machine cannot mount a tmpfs (needs root): the read-only and full-disk cases run where it can (CI as root)';

test('--out on a read-only file system: refused before computing, in one line', { skip: canMount ? false : NO_TMPFS }, () => {
  const fs = tmpfs('64k', 'ro')!;
  try {
    const r = run(experiment('readonly'), '--out', join(fs.dir, 'x.results.json'));
    assert.equal(r.status, 1);
    assertOneLine(r.stderr, /cannot write in .* \(permission denied\)/);
  } finally {
    fs.done();
  }
});

test('a full disk at the final write: the results go to a fallback file it names, marked incomplete; nothing looks whole', { skip: canMount ? false : NO_TMPFS }, () => {
  const fs = tmpfs('16k');
  assert.ok(fs);
  try {
    const out = join(fs.dir, 'full.results.json');
    // every step recorded: the results are far larger than the 16 KB disk
    const r = run(experiment('full', 2000), '--out', out);
    assert.equal(r.status, 1, r.stderr);
    const named = /the results \(marked incomplete\) are in (\S+)/.exec(r.stderr);
    assert.ok(named, r.stderr);
    assertOneLine(r.stderr.split('\n').filter((l) => l.includes('could not write') && !l.includes('partial')).join('\n'), /could not write .*full\.results\.json: .*ENOSPC/);
    const fallback = JSON.parse(readFileSync(named[1], 'utf8')) as Results;
    assert.equal(fallback.complete, false);
    assert.equal(fallback.runs.length, 2);
    assert.equal(fallback.runs[1].stopReason, 'completed');
    // the full disk holds no results file that looks whole
    if (existsSync(out)) assert.equal((JSON.parse(readFileSync(out, 'utf8')) as Results).complete, false);
  } finally {
    fs.done();
  }
});
