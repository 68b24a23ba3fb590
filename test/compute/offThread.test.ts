// A record's spare thread (core/results/offThread.ts, src/compute/offThread.ts): σ(W(k + 1)) for
// ACHL Thm 3's rate and W(k)'s excess loss computed on another thread while the record computes the
// rest of W(k)'s metrics. A run handing them over — to a fake that answers late, declines or fails
// (each apart), and to the real worker thread — equals the run without, bit for bit (moments,
// completion, a loss that is the excess loss, records every step and every 5); the worker's values
// and excess loss are the record's bits; it declines small matrices, a lease with no thread, after
// dispose, and until the thread it started is ready.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { nodeOffThread } from '../../src/compute/offThread';
import { findPoolWorker } from '../../src/compute/pool';
import { createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import type { EngineChoice } from '../../src/core/dynamics/run';
import { modelsOf, prepareExperiment, runModelOf } from '../../src/core/lab';
import { localLease } from '../../src/core/linalg/wasm/gemmTeam';
import { singularValuesFlat } from '../../src/core/linalg/svd';
import { singularTriplets, tripletsFromState, tripletsState } from '../../src/core/linalg/topSingularVectors';
import type { ExcessLossJob, OffThread, RecordPart } from '../../src/core/results/offThread';
import { excessLossOn, metricsArenaOf } from '../../src/core/results/metrics';
import type { Mat, MomentsProblem, RunResult } from '../../src/core/types';
import { noFiles } from '../core/completion/helpers';

if (!existsSync('dist/computeWorker.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
const js: EngineChoice = { factory: createFloat64Engine, backend: 'js', precision: 'float64' };
const strip = (run: RunResult) => JSON.stringify({ ...run, wallMs: 0 });

const docs = [
  { data: { kind: 'autoencoder', n: 200, d: 9, rank: 3, spectrum: [2, 1, 0.5], noise: 0.01 }, models: [{ depth: 2 }, { depth: 3 }], init: { scheme: 'gaussian', scale: 0.1 }, optimizer: { stepSize: 0.05, steps: 40 }, record: { every: 1 } },
  { data: { kind: 'regression', n: 300, d: 7, p: 5, rank: 3, spectrum: [3, 1, 0.4] }, models: [{ depth: 3 }], init: { scheme: 'gaussian', scale: 0.2 }, optimizer: { method: 'flow', stepSize: 0.05, steps: 60 }, record: { every: 5 } },
  // moments without trΣy: the record's loss is the exact excess loss, not the engine's f (no early step)
  { data: { kind: 'moments', sigmaX: [[2, 0.3], [0.3, 1]], sigmaXY: [[1, 0], [0, 0.5]] }, models: [{ depth: 2 }], init: { scheme: 'gaussian', scale: 0.1 }, optimizer: { stepSize: 0.05, steps: 30 }, record: { every: 1 } },
  { data: { kind: 'completion', rows: 8, cols: 7, rank: 2, observed: 30 }, seed: 3, models: [{ depth: 2 }, { depth: 3 }], init: { scheme: 'gaussian', scale: 0.01 }, optimizer: { method: 'grouprmsprop', stepSize: 0.01, steps: 50 }, record: { every: 1 } },
];

/** An OffThread that answers a macrotask later, and in turn declines (null) and fails (rejects), the excess loss and σ apart. */
function fakeOffThread(): OffThread & { answered: number; triplets: number } {
  let n = 0;
  const later = <T>(f: () => T) => new Promise<T>((resolve) => setImmediate(() => resolve(f())));
  const failed = <T>() => new Promise<T>((_, reject) => setImmediate(() => reject(new Error('a failed thread'))));
  const fake = {
    answered: 0,
    triplets: 0,
    recordPart(after: Mat, excess: ExcessLossJob | null, triplets = 0): RecordPart | null {
      const k = n++ % 4;
      if (k === 1) return null;
      fake.answered++;
      if (triplets > 0) fake.triplets++;
      const values = () => Float64Array.from(singularValuesFlat(after.data, after.rows, after.cols));
      const loss = (job: ExcessLossJob) => excessLossOn(metricsArenaOf(job.problem.sigmaX.data, job.problem.d, job.problem.p), job.W.data, job.wStar.data, job.problem.d, job.problem.p);
      // a posted state is a copy (structured clone): nothing of it shared with the caller's arrays
      const state = () => structuredClone(tripletsState(after.data, after.rows, after.cols, triplets));
      return {
        afterValues: k === 2 ? failed() : later(values),
        excessLoss: excess ? (k === 3 ? failed() : later(() => loss(excess))) : null,
        afterTriplets: triplets > 0 ? (k === 3 ? failed() : later(state)) : null,
      };
    },
    dispose() {},
  };
  return fake;
}

/** The first part the thread takes (it starts on the first call, ready some 50–100 ms later). */
async function ready(off: OffThread, M: Mat, job: ExcessLossJob | null): Promise<RecordPart> {
  for (const t0 = Date.now(); Date.now() - t0 < 20_000; await new Promise((r) => setTimeout(r, 5))) {
    const part = off.recordPart(M, job);
    if (part) return part;
  }
  throw new Error('the spare thread never became ready');
}

test('a run handing σ(W(k + 1)) — or, where the next record is k + 1, W(k + 1)\'s triplets — to a spare thread (late, declined or failed) equals the run without, bit for bit', async () => {
  let answered = 0;
  let triplets = 0;
  for (const doc of docs) {
    const input = modelsOf(await prepareExperiment(JSON.stringify(doc), noFiles));
    for (let i = 0; i < doc.models.length; i++) {
      const plain = await runModelOf(input, i, js);
      const off = fakeOffThread();
      const handed = await runModelOf(input, i, js, { offThread: off });
      answered += off.answered;
      triplets += off.triplets;
      assert.equal(strip(handed), strip(plain), `${doc.data.kind} model ${i}`);
      assert.ok(plain.singularValueRate!.observed.some((row) => row.some((x) => x !== null)), `${doc.data.kind} model ${i}: some rate recorded`);
    }
  }
  assert.ok(answered > 20, `the fake answered ${answered} times`);
  assert.ok(triplets > 10, `${triplets} of them with the triplets (records every step)`);
});

test("the Node spare thread's values and excess loss are the record's bits; it declines small matrices, no spare thread, and after dispose", async () => {
  const rows = 130, cols = 129;
  let seed = 11;
  const random = (n: number) => Float64Array.from({ length: n }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5));
  const M: Mat = { rows, cols, data: random(rows * cols) };
  // a moments problem of that shape: Σx = XᵀX/n, W* and W random
  const X = random(200 * rows);
  const sigmaX = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < rows; j++) { let t = 0; for (let s2 = 0; s2 < 200; s2++) t += X[s2 * rows + i] * X[s2 * rows + j]; sigmaX[i * rows + j] = t / 200; }
  const problem = { kind: 'moments', n: 200, d: rows, p: cols, sigmaX: { rows, cols: rows, data: sigmaX }, sigmaXY: { rows, cols, data: new Float64Array(rows * cols) }, traceSigmaY: 1, groundTruth: null } as unknown as MomentsProblem;
  const job: ExcessLossJob = { problem, wStar: { rows, cols, data: random(rows * cols) }, W: { rows, cols, data: random(rows * cols) } };
  const here = excessLossOn(metricsArenaOf(sigmaX, rows, cols), job.W.data, job.wStar.data, rows, cols);
  const lease = localLease(1);
  const off = nodeOffThread(lease, findPoolWorker());
  try {
    assert.equal(off.recordPart(M, job), null, 'the first call starts the thread and does not wait for it: computed by the caller');
    assert.equal(lease.acquire(1), 1, 'the thread not taken meanwhile');
    lease.release(1);
    const got = await ready(off, M, job);
    assert.ok(got && got.excessLoss, 'a 130×129 matrix with a thread spare goes to it, once the thread is ready');
    assert.equal(off.recordPart(M, null), null, 'the one thread is taken while it computes');
    assert.deepEqual(Array.from(await got.afterValues), Array.from(singularValuesFlat(M.data, rows, cols)));
    assert.ok(Object.is(await got.excessLoss, here), 'the excess loss, bit for bit');
    const again = off.recordPart(M, job);
    assert.ok(again, 'the thread given back after the answer');
    assert.ok(Object.is(await again.excessLoss, here), 'the problem sent once, kept');
    assert.equal(off.recordPart({ rows: 20, cols: 20, data: new Float64Array(400) }, null), null, 'small: computed by the caller');
    // the triplets asked: their state, whose σ and vectors are singularTriplets' bits here
    const withTriplets = off.recordPart(M, null, 8);
    assert.ok(withTriplets && withTriplets.afterTriplets && withTriplets.excessLoss === null);
    const state = await withTriplets.afterTriplets;
    const there = tripletsFromState(state), mine = singularTriplets(M.data, rows, cols, 8);
    assert.deepEqual(Array.from(await withTriplets.afterValues), Array.from(mine.s));
    assert.deepEqual(Array.from(there.s), Array.from(mine.s));
    const rs = [0, 3, 7];
    there.pairs(rs).forEach(({ u, v }, t) => {
      const ref = mine.pairs(rs)[t];
      assert.deepEqual([Array.from(u), Array.from(v)], [Array.from(ref.u), Array.from(ref.v)], `pair ${rs[t]}: the same bits`);
    });
  } finally {
    off.dispose();
  }
  assert.equal(off.recordPart(M, null), null, 'after dispose');
  assert.equal(nodeOffThread(localLease(0), findPoolWorker()).recordPart(M, null), null, 'no thread spare');
});

test('a run with the real spare thread (every size handed over) equals the run without, bit for bit', async () => {
  for (const doc of [docs[0], docs[3]]) {
    const input = modelsOf(await prepareExperiment(JSON.stringify(doc), noFiles));
    const plain = await runModelOf(input, 1, js);
    const real = nodeOffThread(localLease(1), findPoolWorker(), 0);
    const first = await ready(real, { rows: 2, cols: 2, data: new Float64Array(4) }, null);
    await first.afterValues;
    let handed = 0;
    let withTriplets = 0;
    const counting: OffThread = {
      recordPart: (M, excess, triplets) => {
        const p = real.recordPart(M, excess, triplets);
        if (p) handed++;
        if (p?.afterTriplets) withTriplets++;
        return p;
      },
      dispose: () => real.dispose(),
    };
    try {
      const run = await runModelOf(input, 1, js, { offThread: counting });
      assert.equal(strip(run), strip(plain), doc.data.kind);
      assert.ok(handed >= 30, `${doc.data.kind}: ${handed} handed over`);
      assert.ok(withTriplets >= 30, `${doc.data.kind}: ${withTriplets} with the next record's triplets (every step)`);
    } finally {
      counting.dispose();
    }
  }
});
