// The webview's compute worker in headless Chromium (run with webview.test.ts): tfjs WebGL
// computes in a Web Worker started from a Blob URL, not on the page's thread — the worker keeps
// posting records while the page's thread is blocked — and cancel ends a compute at once: the
// worker answers between engine advances, or, in the middle of a long one, the page terminates
// it, reports the runs recorded so far as cancelled, and the next compute starts a fresh worker;
// a compute that arrives while another runs replaces it. The page's responsiveness and the cancel
// latencies are printed; beyond a cancel ending within a second, only structure is asserted.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { nodeDataIO } from '../../src/core/io';
import { modelsOf, packModels, prepareExperiment, type Prepared } from '../../src/core/lab';
import { buildResults } from '../../src/core/results/results';
import type { RunResult } from '../../src/core/types';
import type { ToWebview } from '../../src/shared/messages';
import { toWire } from '../../src/shared/wire';
import { CHROMIUM, prepareFile, REPO, send, startHarness, waitPosted, type Harness } from './harness';

interface ComputeStats {
  workersStarted: number;
  workersTerminated: number;
  postedAt: number[];
  lastCancel: null | { how: 'answered' | 'terminated'; ms: number };
  computing: boolean;
  graceMs: number;
}
type Computed = { type: 'computed'; jobId: number; runs: RunResult[]; final: boolean };

const stats = (page: Page) => page.evaluate(() => (window as unknown as { lnnLab: { compute(): unknown } }).lnnLab.compute()) as Promise<ComputeStats>;
const source = { kind: 'experiment' as const, path: '/tmp/ae.lnn.json', name: 'ae.lnn.json' };
const engine = { backend: 'webgl' as const, precision: 'float32' as const, reason: 'test', side: 'webview' as const };

/** GBL §4.2's autoencoder with `steps` and `record.every` set. */
async function autoencoder(steps: number, every: number) {
  const prepared = await prepareFile('examples/gbl-4.2-autoencoder.lnn.json', (t) => t.replace('"steps": 20000', `"steps": ${steps}`).replace(/"record": \{[^}]*\}/, `"record": { "every": ${every} }`));
  assert.equal(prepared.experiment!.optimizer.steps, steps);
  assert.equal((prepared.experiment!.record as { every: number }).every, every);
  return prepared;
}

/** Matrix completion (ACHL §5) of an n×n matrix of rank 5, depth 3 then 2, no baseline. */
async function completion(n: number, steps: number, every: number) {
  const text = JSON.stringify({
    name: `completion ${n}×${n}`,
    seed: 0,
    data: { kind: 'completion', rows: n, cols: n, rank: 5, observed: 40 * n },
    models: [{ depth: 3 }, { depth: 2 }],
    init: { scheme: 'gaussian', scale: 1e-3 },
    optimizer: { method: 'gd', stepSize: 1e-2, steps },
    record: { every },
    baseline: { nuclearNorm: false },
  });
  return prepareExperiment(text, nodeDataIO(join(REPO, 'completion.lnn.json')));
}

/** Starts a compute of `prepared` as the host does (runStart with the results before any run, then compute): the charts draw it live. */
async function startCompute(page: Page, jobId: number, prepared: Prepared): Promise<void> {
  const { experiment, problem, theory, diagnostics } = prepared;
  const results = buildResults(experiment!, problem!, theory, [], diagnostics);
  await send(page, { type: 'runStart', jobId, source, results, diagnostics, engine, refused: false } satisfies ToWebview);
  await send(page, { type: 'compute', jobId, input: toWire(packModels(modelsOf(prepared))) } satisfies ToWebview);
}

/** Sends cancelCompute and resolves with the final `computed` and the ms from the cancel to it, timed in the page. */
async function cancel(page: Page, jobId: number): Promise<{ reply: Computed; ms: number }> {
  return page.evaluate(
    (id) =>
      new Promise<{ reply: Computed; ms: number }>((resolve) => {
        const posted = (window as unknown as { __posted: Array<{ type: string; jobId?: number; final?: boolean }> }).__posted;
        const t0 = performance.now();
        window.postMessage({ type: 'cancelCompute', jobId: id }, '*');
        const poll = () => {
          const reply = posted.find((m) => m.type === 'computed' && m.jobId === id && m.final);
          if (reply) resolve({ reply: reply as unknown as Computed, ms: performance.now() - t0 });
          else setTimeout(poll, 2);
        };
        poll();
      }),
    jobId,
  );
}

const skip = existsSync(CHROMIUM) && existsSync(join(REPO, 'dist/webview.js')) ? false : `needs ${CHROMIUM} and dist/webview.js (npm run build)`;

describe('lab webview compute worker (headless chromium)', { skip }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.close());

  async function openPanel(): Promise<Page> {
    const page = await h.context.newPage();
    await page.goto(h.panelUrl());
    await page.waitForFunction(() => 'lnnLab' in window);
    // tsx compiles the functions below with esbuild's keepNames, which calls __name in the page
    await page.evaluate('globalThis.__name ??= (f) => f');
    const ready = await waitPosted<{ webgl: { ok: boolean; detail: string } }>(page, 'ready', 60_000);
    assert.equal(ready.webgl.ok, true, `WebGL: ${ready.webgl.detail}`);
    // the probe is the worker's: its WebGL is the one that computes
    assert.match(ready.webgl.detail, /in a Web Worker, OffscreenCanvas/);
    return page;
  }

  it('computes in a Web Worker: records keep coming while the page’s thread is blocked', async () => {
    const page = await openPanel();
    assert.equal((await stats(page)).workersStarted, 1, 'one worker, started for the probe');
    const prepared = await autoencoder(400_000, 20);
    await startCompute(page, 21, prepared);
    await page.waitForFunction(() => (window as unknown as { lnnLab: { compute(): ComputeStats } }).lnnLab.compute().postedAt.length >= 3, undefined, { timeout: 60_000 });

    // block the page's thread for 1.5 s: a compute on it would post nothing meanwhile
    const stall = await page.evaluate(() => {
      const t0 = performance.timeOrigin + performance.now();
      while (performance.timeOrigin + performance.now() - t0 < 1500);
      return { t0, t1: performance.timeOrigin + performance.now() };
    });
    await page.waitForTimeout(300);
    const during = (await stats(page)).postedAt.filter((t) => t > stall.t0 && t < stall.t1).length;
    process.stdout.write(`# page's thread blocked ${(stall.t1 - stall.t0).toFixed(0)} ms: the worker posted ${during} records/progress messages meanwhile\n`);
    assert.ok(during >= 3, `the worker posted ${during} messages while the page was blocked`);

    // the page's responsiveness during the compute: a 10 ms timer and animation frames over 2 s
    const ticks = await page.evaluate(
      () =>
        new Promise<{ timer: number; maxGapMs: number; frames: number }>((resolve) => {
          let last = performance.now();
          let maxGapMs = 0;
          let timer = 0;
          let frames = 0;
          let stopped = false;
          const id = setInterval(() => {
            const t = performance.now();
            maxGapMs = Math.max(maxGapMs, t - last);
            last = t;
            timer++;
          }, 10);
          const frame = () => {
            frames++;
            if (!stopped) requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
          setTimeout(() => {
            stopped = true;
            clearInterval(id);
            resolve({ timer, maxGapMs, frames });
          }, 2000);
        }),
    );
    process.stdout.write(`# page during a worker compute (charts drawn live): ${ticks.timer} timer ticks of 10 ms in 2 s, longest gap ${ticks.maxGapMs.toFixed(1)} ms, ${ticks.frames} animation frames\n`);
    assert.ok(ticks.timer > 0 && ticks.frames > 0, 'the page’s timers and frames run during the compute');
    assert.equal((await stats(page)).computing, true, 'still computing: the numbers above are from during the compute');
    // drawn live: the staircase holds the first model's records so far, and the theory card says it runs
    const drawn = await page.evaluate(() => (window as unknown as { lnnLab: { charts(): Array<{ id: string; model: { series: Array<{ steps: number[] }> } }> } }).lnnLab.charts().find((c) => c.id === 'staircase')!.model.series[0].steps);
    assert.ok(drawn.length > 1 && drawn[0] === 0 && drawn.every((k, i) => k === i * (prepared.experiment!.record as { every: number }).every), `live records 0, 20, 40, …: ${drawn.slice(0, 4)}`);
    assert.match(await page.locator('[data-chart=theory]').innerText(), /running \(step [\d,]+\)/);

    // a short record interval: the worker sees the cancel at its next advance and answers (the
    // grace lengthened so that a loaded machine cannot turn this into the terminate path)
    await page.evaluate(() => (window as unknown as { lnnLab: { setCancelGrace(ms: number): void } }).lnnLab.setCancelGrace(5000));
    const { reply, ms } = await cancel(page, 21);
    process.stdout.write(`# cancel answered by the worker in ${ms.toFixed(1)} ms (${JSON.stringify((await stats(page)).lastCancel)})\n`);
    assert.equal((await stats(page)).lastCancel?.how, 'answered');
    assert.equal((await stats(page)).workersTerminated, 0);
    const last = reply.runs.at(-1)!;
    assert.equal(last.stopReason, 'cancelled');
    assert.ok(last.stoppedAt !== null && last.stoppedAt < prepared.experiment!.optimizer.steps && last.stoppedAt === last.steps.at(-1), `stopped at ${last.stoppedAt}`);
    assert.ok(reply.runs.length <= prepared.experiment!.models.length);
    await page.close();
  });

  it('cancel in the middle of a long advance: the worker is terminated, the runs so far come back cancelled, the next compute starts a fresh worker', async () => {
    const page = await openPanel();
    // ACHL-style completion of a 400×400 matrix: each step and each record (an SVD of W) take far
    // longer than the grace on SwiftShader, so the worker cannot answer in time, however the engine
    // slices its advances; a record only every 10⁷ steps
    const long = await completion(400, 100_000_000, 10_000_000);
    await startCompute(page, 31, long);
    await page.waitForFunction(() => (window as unknown as { lnnLab: { compute(): ComputeStats } }).lnnLab.compute().postedAt.length >= 1, undefined, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const { reply, ms } = await cancel(page, 31);
    const after = await stats(page);
    assert.equal(after.graceMs, 100, 'the panel’s grace');
    process.stdout.write(`# cancel mid-advance: computed (final) ${ms.toFixed(1)} ms after the cancel, the worker terminated after ${after.lastCancel?.ms.toFixed(1)} ms\n`);
    assert.equal(after.lastCancel?.how, 'terminated');
    assert.equal(after.workersTerminated, 1);
    assert.ok(ms < 1000, `cancelled within a second (${ms.toFixed(1)} ms)`);
    assert.equal(reply.runs.length, 1, 'the first model was running; the second never started');
    const [run] = reply.runs;
    assert.equal(run.label, long.experiment!.models[0].label);
    assert.equal(run.stopReason, 'cancelled');
    assert.deepEqual(run.steps, [0], 'recorded so far: the initial state');
    assert.equal(run.stoppedAt, 0);
    assert.equal(run.nuclearNorm.length, 1);

    // a fresh worker for the next compute, which runs to the end
    const short = await autoencoder(200, 20);
    await startCompute(page, 32, short);
    const done = await page.waitForFunction(
      () => (window as unknown as { __posted: Array<{ type: string; jobId?: number; final?: boolean }> }).__posted.find((m) => (m.type === 'computed' && m.jobId === 32 && m.final) || m.type === 'computeFailed'),
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    const second = (await done.jsonValue()) as Computed & { reason?: string };
    assert.equal(second.type, 'computed', second.reason);
    assert.equal((await stats(page)).workersStarted, 2);
    const { steps, models } = { steps: short.experiment!.optimizer.steps, models: short.experiment!.models };
    const every = (short.experiment!.record as { every: number }).every;
    const expected = Array.from({ length: steps / every + 1 }, (_, i) => i * every);
    assert.equal(second.runs.length, models.length);
    for (const r of second.runs) {
      assert.equal(r.stopReason, 'completed');
      assert.deepEqual(r.steps, expected);
    }
    await page.close();
  });
  it('a compute that arrives while another runs replaces it: the first comes back cancelled, the second runs to the end', async () => {
    const page = await openPanel();
    const long = await autoencoder(400_000, 20);
    await startCompute(page, 41, long);
    await page.waitForFunction(() => (window as unknown as { lnnLab: { compute(): ComputeStats } }).lnnLab.compute().postedAt.length >= 2, undefined, { timeout: 60_000 });
    const short = await autoencoder(100, 20);
    await startCompute(page, 42, short);
    const finals = await page.waitForFunction(
      () => {
        const posted = (window as unknown as { __posted: Array<{ type: string; jobId?: number; final?: boolean }> }).__posted;
        const failed = posted.find((m) => m.type === 'computeFailed');
        if (failed) return [failed];
        const done = posted.filter((m) => m.type === 'computed' && m.final);
        return done.length >= 2 ? done : null;
      },
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    const [first, second] = (await finals.jsonValue()) as Array<Computed & { reason?: string }>;
    assert.equal(first.type, 'computed', first.reason);
    assert.deepEqual([first.jobId, second.jobId], [41, 42]);
    assert.equal(first.runs.at(-1)!.stopReason, 'cancelled');
    assert.ok(first.runs.at(-1)!.stoppedAt! < long.experiment!.optimizer.steps);
    assert.deepEqual(second.runs.map((r) => [r.stopReason, r.steps.at(-1)]), short.experiment!.models.map(() => ['completed', short.experiment!.optimizer.steps]));
    await page.close();
  });
});
