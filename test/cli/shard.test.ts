// Sweeps across machines through the command line: `lnn-lab run FILE --shard i/n` writes
// NAME.shard-i-of-n.results.json with the points ≡ i mod n; `lnn-lab merge OUT PARTS…` assembles
// them into the results one run gives (spec §5.3), names missing points (exit 1, OUT marked
// complete: false) and refuses parts of another experiment, naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { shardFlag, shardResultsPath } from '../../src/cli/main';

const BIN = resolve('bin/lnn-lab.js');
if (!existsSync('dist/cli.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
const tmp = mkdtempSync(join(tmpdir(), 'lnn-shard-'));
const cli = (...args: string[]) => spawnSync('node', [BIN, ...args], { encoding: 'utf8', cwd: tmp });

const experiment = (steps: number) =>
  JSON.stringify({
    data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [0.4, 0.1] },
    models: [{ depth: 2 }],
    init: { scheme: 'aligned', delta: 3 },
    optimizer: { method: 'gd', stepSize: 1, steps },
    record: { points: 60, spacing: 'log' },
    compute: { backend: 'js' },
    sweep: { axes: [{ path: '/optimizer/stepSize', values: [0.5, 1, 2] }, { path: '/init/delta', values: [2, 4] }] },
  });

/** Without what spec §5.3 lets differ: wallMs, createdAt, tool. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'wallMs' && k !== 'createdAt' && k !== 'tool').map(([k, v]) => [k, comparable(v)]));
  return value;
}
const read = (name: string) => JSON.parse(readFileSync(join(tmp, name), 'utf8'));

test('--shard i/n: parsed or refused naming the flag; the shard file sits beside the results', () => {
  assert.deepEqual(shardFlag('1/3'), { index: 1, count: 3 });
  for (const bad of ['3/3', '-1/2', '1', 'a/b', '0/0']) assert.throws(() => shardFlag(bad), /--shard/);
  assert.equal(shardResultsPath('/x/g.results.json', { index: 1, count: 3 }), '/x/g.shard-1-of-3.results.json');
  assert.equal(shardResultsPath('/x/out.json', { index: 0, count: 2 }), '/x/out.shard-0-of-2.json');
});

test('run --shard 0/2 and 1/2, merge: the single run\'s results; a missing shard is named, a foreign part refused', () => {
  writeFileSync(join(tmp, 'g.lnn.json'), experiment(300));
  writeFileSync(join(tmp, 'h.lnn.json'), experiment(200));
  const one = cli('run', 'g.lnn.json', '--out', 'one.results.json', '-q');
  assert.equal(one.status, 0, one.stderr);
  for (const i of [0, 1]) {
    const r = cli('run', 'g.lnn.json', '--shard', `${i}/2`);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`shard ${i}/2`));
    const part = read(`g.shard-${i}-of-2.results.json`);
    assert.deepEqual(part.sweep.points.map((p: { values: unknown[] }) => p.values), [[0.5, 2], [0.5, 4], [1, 2], [1, 4], [2, 2], [2, 4]].filter((_, k) => k % 2 === i));
  }
  const merged = cli('merge', 'merged.results.json', 'g.shard-1-of-2.results.json', 'g.shard-0-of-2.results.json');
  assert.equal(merged.status, 0, merged.stderr);
  assert.match(merged.stderr, /all 6 points/);
  assert.deepEqual(comparable(read('merged.results.json')), comparable(read('one.results.json')));

  const half = cli('merge', 'half.results.json', 'g.shard-0-of-2.results.json');
  assert.equal(half.status, 1);
  assert.match(half.stderr, /missing point 1 \(0\.5, 4\): shard 1\/2 runs it/);
  assert.match(half.stderr, /missing point 5 \(2, 4\)/);
  assert.equal(read('half.results.json').complete, false);
  // the half file resumes: run --out it runs only the missing points, and equals the single run
  const resumed = cli('run', 'g.lnn.json', '--out', 'half.results.json');
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stderr, /3 of 6 points reused/);
  assert.deepEqual(comparable(read('half.results.json')), comparable(read('one.results.json')));

  assert.equal(cli('run', 'h.lnn.json', '--shard', '0/2', '-q').status, 0);
  const foreign = cli('merge', 'bad.results.json', 'g.shard-1-of-2.results.json', 'h.shard-0-of-2.results.json');
  assert.equal(foreign.status, 1);
  assert.match(foreign.stderr, /h\.shard-0-of-2\.results\.json: the results of another experiment than g\.shard-1-of-2\.results\.json/);
  assert.equal(existsSync(join(tmp, 'bad.results.json')), false, 'nothing written');
  const plain = cli('run', 'g.lnn.json', '--shard', '5/2');
  assert.equal(plain.status, 1);
  assert.match(plain.stderr, /--shard: "5\/2"/);
});
