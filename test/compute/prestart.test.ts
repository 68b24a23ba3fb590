// The compute pool's workers started before the job prepares (ComputePool.prestart, used by
// `lnn-lab run`): the prestarted workers serve the tasks (no more threads than the budget), the
// results are those of a pool that starts its workers on demand, and a disposed pool starts none.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createCancel } from '../../src/compute/cancel';
import { runJob } from '../../src/compute/job';
import { ComputePool } from '../../src/compute/pool';
import { noFiles } from '../core/completion/helpers';
import { threeDepthsText } from './helpers';

if (!existsSync('dist/computeWorker.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });

const text = threeDepthsText(200, 20);

/** The pool's threads, idle and busy (private fields, read for the test). */
const threads = (pool: ComputePool) => {
  const p = pool as unknown as { idle: unknown[]; busy: Map<unknown, unknown> };
  return p.idle.length + p.busy.size;
};

/** The runs' recorded numbers (timings aside). */
const recorded = (runs: unknown[]) => JSON.stringify(runs, (k, v) => (/time|ms$|seconds|elapsed/i.test(k) ? undefined : v));

test('prestart starts at most the budget, its workers run the job, the results match an on-demand pool', async () => {
  const warm = new ComputePool(2);
  const cold = new ComputePool(2);
  try {
    warm.prestart(1);
    assert.equal(threads(warm), 1);
    warm.prestart(5);
    assert.equal(threads(warm), 2, 'capped at the pool\'s concurrency');
    assert.equal(threads(cold), 0, 'a pool starts no worker by itself');
    const a = await runJob({ text, io: noFiles, out: null }, warm, createCancel(), {});
    const b = await runJob({ text, io: noFiles, out: null }, cold, createCancel(), {});
    assert.equal(threads(warm), 2, 'three models ran on the two prestarted workers, none more');
    assert.equal(a.results!.runs.length, 3);
    assert.equal(recorded(a.results!.runs), recorded(b.results!.runs));
  } finally {
    warm.dispose();
    cold.dispose();
  }
  warm.prestart(2);
  assert.equal(threads(warm), 0, 'a disposed pool starts none');
});
