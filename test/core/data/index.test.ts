import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { canonicalJson, createProblemCache, loadProblem } from '../../../src/core/data/index';
import { writeFileAtomic } from '../../../src/core/io';
import type { MomentsProblem } from '../../../src/core/types';
import { experiment, memoryIO } from './helpers';

const AE = { kind: 'autoencoder' as const, n: 200, d: 6, rank: 2, spectrum: [2, 1], noise: 0.001 };

test('loadProblem dispatches on kind; bad specs are diagnostics, not throws', async () => {
  const ok = await loadProblem(experiment(AE), memoryIO());
  assert.equal((ok.problem as MomentsProblem).d, 6);
  const reg = await loadProblem(experiment({ kind: 'regression', n: 50, d: 4, p: 3, rank: 2, spectrum: [1, 0.5], noise: 0 }), memoryIO());
  assert.equal((reg.problem as MomentsProblem).p, 3);
  const bad = await loadProblem(experiment({ ...AE, spectrum: [1] }), memoryIO());
  assert.deepEqual([bad.problem, bad.diagnostics[0].code, bad.diagnostics[0].path], [null, 'schema', '/data/spectrum']);
  const rank = await loadProblem(experiment({ kind: 'regression', n: 5, d: 4, p: 1, rank: 2, spectrum: [1, 1], noise: 0 }), memoryIO());
  assert.equal(rank.diagnostics[0].path, '/data/rank');
  const unknown = await loadProblem(experiment({ kind: 'bogus' } as never), memoryIO());
  assert.deepEqual([unknown.problem, unknown.diagnostics[0].path], [null, '/data/kind']);
  const garbage = await loadProblem(experiment(null as never), memoryIO());
  assert.equal(garbage.problem, null);
  assert.equal(garbage.diagnostics[0].severity, 'error');
});

test('canonical JSON ignores key order', () => {
  assert.equal(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] }), canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
});

test('cache: edits outside data (or key order) cost nothing; data, seed changes recompute', async () => {
  const cache = createProblemCache();
  const io = memoryIO();
  const a = await cache.load(experiment(AE), io);
  const other = { ...experiment(AE), optimizer: { method: 'flow' as const, stepSize: 0.1, steps: 5 } };
  const b = await cache.load(other, io);
  assert.equal(a, b);
  const reordered = { ...experiment({ noise: 0.001, spectrum: [2, 1], rank: 2, d: 6, n: 200, kind: 'autoencoder' }) };
  assert.equal(await cache.load(reordered, io), a);
  assert.notEqual(await cache.load(experiment(AE, 1), io), a);
  assert.notEqual(await cache.load(experiment({ ...AE, n: 201 }), io), a);
  // seed does not matter for deterministic kinds
  const m1 = await cache.load(experiment({ kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0.5] }, 0), io);
  assert.equal(await cache.load(experiment({ kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0.5] }, 5), io), m1);
});

test('cache: files keyed by their bytes (or stamp)', async () => {
  const files: Record<string, Uint8Array> = { 'x.csv': new TextEncoder().encode('1,2\n3,4\n') };
  const io = memoryIO(files);
  const cache = createProblemCache();
  const exp = experiment({ kind: 'files', x: 'x.csv' });
  const a = await cache.load(exp, io);
  assert.equal(io.reads.length, 1); // read once for the hash, reused by the load
  assert.equal(await cache.load(exp, io), a);
  files['x.csv'] = new TextEncoder().encode('1,2\n3,5\n');
  const b = await cache.load(exp, io);
  assert.notEqual(b, a);
  assert.equal((b.problem as MomentsProblem).sigmaX.data[3], (4 + 25) / 2);
  // with a stamp, unchanged files are not even read
  let stamp = 's1';
  const stamped = { ...memoryIO(files), stamp: async () => stamp };
  const c1 = await cache.load(exp, stamped);
  const c2 = await cache.load(exp, stamped);
  assert.equal(c1, c2);
  assert.equal(stamped.reads.length, 1);
  stamp = 's2';
  assert.notEqual(await cache.load(exp, stamped), c1);
  // a missing file is reported, not cached
  const missing = await cache.load(experiment({ kind: 'files', x: 'gone.csv' }), io);
  assert.equal(missing.diagnostics[0].path, '/data/x');
});

test('writeFileAtomic writes the text and leaves no temp file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lnn-io-'));
  try {
    const path = join(dir, 'out.json');
    await writeFileAtomic(path, '{"a":1}');
    await writeFileAtomic(path, '{"a":2}');
    assert.equal(readFileSync(path, 'utf8'), '{"a":2}');
    assert.deepEqual(readdirSync(dir), ['out.json']);
    assert.equal(readdirSync(dir).some((f) => f.endsWith('.tmp')), false);
    // a results folder that does not exist yet is created
    await writeFileAtomic(join(dir, 'new', 'folder', 'r.json'), 'x');
    assert.equal(readFileSync(join(dir, 'new', 'folder', 'r.json'), 'utf8'), 'x');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
