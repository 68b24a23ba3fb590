import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../../../src/core/data/rng';

test('same seed, same numbers; another seed or stream, different ones', () => {
  const a = createRng(7);
  const b = createRng(7);
  const c = createRng(8);
  const xa = Array.from({ length: 50 }, () => a.uniform());
  const xb = Array.from({ length: 50 }, () => b.uniform());
  const xc = Array.from({ length: 50 }, () => c.uniform());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
  const f1 = createRng(7).fork('x').uniform();
  const f2 = createRng(7).fork('y').uniform();
  assert.notEqual(f1, f2);
});

test('a fork depends on the seed and name, not on draws made before it', () => {
  const a = createRng(3);
  a.uniform();
  a.normal();
  assert.equal(a.fork('s').uniform(), createRng(3).fork('s').uniform());
});

test('negative and large seeds are distinct streams', () => {
  const first = (s: number) => createRng(s).uniform();
  const values = [0, 1, -1, 2 ** 32, 2 ** 32 + 1, 2 ** 40].map(first);
  assert.equal(new Set(values).size, values.length);
});

test('uniform is on [0,1) with mean ½; normal has mean 0 and variance 1', () => {
  const r = createRng(1);
  const n = 200000;
  let su = 0;
  let sn = 0;
  let sn2 = 0;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    su += u;
    const z = r.normal();
    sn += z;
    sn2 += z * z;
  }
  assert.ok(Math.abs(su / n - 0.5) < 0.005);
  assert.ok(Math.abs(sn / n) < 0.01);
  assert.ok(Math.abs(sn2 / n - 1) < 0.02);
});

test('int(n) covers 0…n−1 uniformly', () => {
  const r = createRng(2);
  const counts = new Array(5).fill(0);
  for (let i = 0; i < 50000; i++) counts[r.int(5)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 400, `count ${c}`);
});
