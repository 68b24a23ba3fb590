// Cancel at once whatever `record.every` or `steps` (issue 10): the engines advance in slices of
// about 50 ms of estimated work and check the shared flag between them. Ctrl-C on the CLI (a
// real process, SIGINT) and a cancel of the compute pool both end the run with what it recorded:
// stopReason "cancelled", stoppedAt < steps, complete false, exit 130.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { createCancel } from '../../src/compute/cancel';
import { runJob } from '../../src/compute/job';
import { ComputePool } from '../../src/compute/pool';
import { checkResults } from '../../src/core/results/check';
import type { Results } from '../../src/core/types';
import { noFiles } from '../core/completion/helpers';

const BIN = resolve('bin/lnn-lab.js');
if (!existsSync('dist/cli.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
const tmp = mkdtempSync(join(tmpdir(), 'lnn-cancel-'));

/** A run that would not end for years, and records (after step 0) only at `every`. */
const endless = (steps: number, every: number) =>
  JSON.stringify({
    data: { kind: 'autoencoder', n: 200, d: 40, rank: 4, spectrum: [4, 2, 1, 0.5], noise: 0.01 },
    models: [{ depth: 2, label: 'two-layer' }, { depth: 3, label: 'three-layer' }],
    init: { scheme: 'identity', delta: 6 },
    optimizer: { method: 'gd', stepSize: 1e-3, steps },
    record: { every },
    compute: { backend: 'js' },
  });

function assertCancelled(results: Results, steps: number): void {
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
  assert.equal(results.complete, false, 'a cancelled run is not complete (spec §5.3)');
  assert.ok(results.runs.length >= 1, 'what was recorded is kept');
  for (const run of results.runs) {
    assert.equal(run.stopReason, 'cancelled', run.label);
    assert.ok(run.stoppedAt !== null && run.stoppedAt < steps, `${run.label}: stoppedAt ${run.stoppedAt} < ${steps}`);
    // the state it stopped at is the last record
    assert.equal(run.steps[run.steps.length - 1], run.stoppedAt);
  }
}

for (const [name, steps, every] of [
  ['record.every 1e8', 1e9, 1e8],
  ['steps 1e12', 1e12, 1e11],
] as const) {
  test(`Ctrl-C on lnn-lab run with ${name}: exit 130 within 10 s, the partial results written and marked`, async () => {
    const file = join(tmp, `${name.replace(/\W+/g, '-')}.lnn.json`);
    const out = join(tmp, `${name.replace(/\W+/g, '-')}.results.json`);
    writeFileSync(file, endless(steps, every));
    const child = spawn('node', [BIN, 'run', file, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // running: the engine line is printed once the job has started its tasks
    await new Promise<void>((done, fail) => {
      const t = setInterval(() => {
        if (/engine: /.test(stderr)) {
          clearInterval(t);
          done();
        }
      }, 20);
      child.on('exit', (code) => fail(new Error(`exited ${code} before running: ${stderr}`)));
    });
    await new Promise((r) => setTimeout(r, 500));
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    const seconds = (Date.now() - sent) / 1000;
    process.stdout.write(`# ${name}: exit ${code} ${seconds.toFixed(2)} s after SIGINT\n`);
    assert.equal(code, 130, stderr);
    assert.ok(seconds < 10, `exited ${seconds} s after SIGINT`);
    assertCancelled(JSON.parse(readFileSync(out, 'utf8')) as Results, steps);
  });
}

test('a cancel of the compute pool ends every running model between slices (record.every 1e8)', async () => {
  const steps = 1e9;
  const pool = new ComputePool(2);
  const cancel = createCancel();
  // the models that have recorded past step 0 (both run at once, one a thread)
  const progressed = new Set<number>();
  try {
    const pending = runJob({ text: endless(steps, 1e8), io: noFiles, out: null }, pool, cancel, {
      onProgress: (p) => {
        if (p.progress.step > 0) progressed.add(p.modelIndex);
      },
    });
    while (progressed.size < 2) await new Promise((r) => setTimeout(r, 20));
    const sent = Date.now();
    cancel.cancel();
    const outcome = await pending;
    const ms = Date.now() - sent;
    process.stdout.write(`# pool cancel latency: ${ms} ms\n`);
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.results!.runs.length, 2, 'both models ran at once and both are kept');
    assertCancelled(outcome.results!, steps);
  } finally {
    pool.dispose();
  }
});
