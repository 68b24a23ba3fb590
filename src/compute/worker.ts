// A worker thread of the compute pool (bundled to dist/computeWorker.js): runs the tasks it is
// sent — one model, or the baselines — on this thread, one at a time, and posts back slices of
// records, progress and the result. Messages: src/shared/poolMessages.ts.
// Started with workerData { role: 'recordPart' } it is instead a record's spare thread
// (offThread.ts): the singular values and excess losses it is sent, nothing else.
import { parentPort, workerData } from 'node:worker_threads';
import { computeBaselines } from '../core/baselines/index';
import { unpackModels } from '../core/lab';
import { singularValuesFlat } from '../core/linalg/svd';
import { tripletsFromState, tripletsState } from '../core/linalg/topSingularVectors';
import { excessLossOn, metricsArenaOf, type MetricsArena } from '../core/results/metrics';
import type { FromPoolWorker, ToPoolWorker } from '../shared/poolMessages';
import { runModelHere } from './inline';
import { nodeGemmThreads } from './gemmTeam';
import { nodeOffThread, OFF_THREAD_ROLE, type FromOffThread, type ToOffThread } from './offThread';

const port = parentPort!;
const send = (m: FromPoolWorker) => port.postMessage(m);

/** An AbortSignal that follows the shared flag (for code that yields, like the baseline's ADMM). */
function signalOf(flag: Int32Array): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const timer = setInterval(() => {
    if (Atomics.load(flag, 0) !== 0) controller.abort();
  }, 10);
  return { signal: controller.signal, stop: () => clearInterval(timer) };
}

async function handle(m: ToPoolWorker): Promise<void> {
  const input = unpackModels(m.input);
  const watch = signalOf(m.cancel);
  try {
    if (m.type === 'model') {
      const run = await runModelHere(
        { input, modelIndex: m.modelIndex, engine: m.engine },
        {
          onRecords: m.stream ? (from, slice) => send({ type: 'records', id: m.id, from, run: slice }) : undefined,
          onProgress: (progress) => send({ type: 'progress', id: m.id, progress }),
        },
        m.cancel,
        watch.signal,
        m.threads ? nodeGemmThreads(m.threads.maxHelpers, m.threads.lease) : undefined,
        m.threads ? nodeOffThread(m.threads.lease) : undefined,
      );
      send({ type: 'ran', id: m.id, run });
    } else {
      send({ type: 'solved', id: m.id, baselines: await computeBaselines(input.experiment, input.problem, watch.signal) });
    }
  } finally {
    watch.stop();
  }
}

if ((workerData as { role?: string } | null)?.role === OFF_THREAD_ROLE) {
  const moments = new Map<number, { arena: MetricsArena; wStar: Float64Array; d: number; p: number }>();
  port.postMessage({ ready: true } satisfies FromOffThread);
  port.on('message', (m: ToOffThread) => {
    if (m.type === 'moments') {
      moments.set(m.key, { arena: metricsArenaOf(m.sigmaX, m.d, m.p), wStar: m.wStar, d: m.d, p: m.p });
      return;
    }
    let reply: FromOffThread;
    try {
      // the triplets asked (the next record's), or the values alone; a fresh buffer of its own to transfer (the values may view a larger work array)
      const triplets = m.triplets > 0 ? tripletsState(m.after, m.rows, m.cols, m.triplets) : null;
      const values = Float64Array.from(triplets ? tripletsFromState(triplets).s : singularValuesFlat(m.after, m.rows, m.cols));
      const mo = m.excess ? moments.get(m.excess.key) : undefined;
      if (m.excess && !mo) throw new Error('a record part for a problem not sent');
      reply = { id: m.id, values, excessLoss: m.excess && mo ? excessLossOn(mo.arena, m.excess.W, mo.wStar, mo.d, mo.p) : null, triplets };
    } catch (e) {
      reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply, 'values' in reply ? [reply.values.buffer as ArrayBuffer] : []);
  });
} else {
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (m: ToPoolWorker) => {
    queue = queue.then(() => handle(m).catch((e: unknown) => send({ type: 'failed', id: m.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) })));
  });
}
