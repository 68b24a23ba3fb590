// A record's spare thread on Node (core/results/offThread.ts): one worker thread, started on the
// first record big enough to be worth it (and used from the first record after it says it is ready), that computes σ(W(k + 1)) (svd.ts singularValuesFlat) and
// the excess loss of W(k) (metrics.ts excessLossOn) — the same code and bits as the record's own
// thread — while the record's thread computes the rest. It runs dist/computeWorker.js in its
// 'recordPart' role; a problem's Σx and W* cross once. It takes a thread of the compute service's one
// budget only while it computes: the pool's spare-thread counter (pool.ts), which the gemm team
// leases from too; none spare, and the record computes everything itself.
import { Worker } from 'node:worker_threads';
import { sharedLease, type ThreadLease } from '../core/linalg/wasm/gemmTeam';
import type { TripletsState } from '../core/linalg/topSingularVectors';
import { OFF_THREAD_MIN_ENTRIES, type ExcessLossJob, type OffThread, type RecordPart } from '../core/results/offThread';
import type { Mat, MomentsProblem } from '../core/types';
import { findPoolWorker } from './pool';

/** workerData of a computeWorker.js started as a record's spare thread. */
export const OFF_THREAD_ROLE = 'recordPart';

/** Main → spare thread: a problem's Σx and W* (once), or a record's part (the matrices transferred). */
export type ToOffThread =
  | { type: 'moments'; key: number; d: number; p: number; sigmaX: Float64Array; wStar: Float64Array }
  | { type: 'part'; id: number; rows: number; cols: number; after: Float64Array; excess: { key: number; W: Float64Array } | null; triplets: number };
/** Spare thread → main: that it is ready (once, first), then the values, the excess loss and the triplets asked, or why not. */
export type FromOffThread = { ready: true } | { id: number; values: Float64Array; excessLoss: number | null; triplets: TripletsState | null } | { id: number; error: string };

type Answer = { values: Float64Array; excessLoss: number | null; triplets: TripletsState | null };

interface Pending {
  resolve: (m: Answer) => void;
  reject: (e: Error) => void;
}

export function nodeOffThread(lease: ThreadLease | Int32Array, script: string = findPoolWorker(), minEntries = OFF_THREAD_MIN_ENTRIES): OffThread {
  const lent = lease instanceof Int32Array ? sharedLease(lease) : lease;
  let worker: Worker | null = null;
  // the thread's start-up (its modules, ~50–100 ms) is not waited for: records compute their part themselves until it says it is ready
  let ready = false;
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const keys = new WeakMap<MomentsProblem, number>();
  let nextKey = 1;
  const failAll = (e: Error) => {
    broken = true;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = () => {
    const w = new Worker(script, { workerData: { role: OFF_THREAD_ROLE } });
    w.on('message', (m: FromOffThread) => {
      if ('ready' in m) {
        ready = true;
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref(); // idle: it does not keep the process alive
      if ('values' in m) p.resolve(m);
      else p.reject(new Error(m.error));
    });
    w.on('error', failAll);
    w.on('exit', () => failAll(new Error('the spare thread exited')));
    w.unref();
    return w;
  };
  /** The problem's key on the thread, its Σx and W* posted the first time. */
  const keyOf = (w: Worker, job: ExcessLossJob): number => {
    let key = keys.get(job.problem);
    if (key === undefined) {
      key = nextKey++;
      keys.set(job.problem, key);
      const { d, p } = job.problem;
      w.postMessage({ type: 'moments', key, d, p, sigmaX: Float64Array.from(job.problem.sigmaX.data), wStar: Float64Array.from(job.wStar.data) } satisfies ToOffThread);
    }
    return key;
  };
  return {
    recordPart(after: Mat, excess: ExcessLossJob | null, triplets = 0): RecordPart | null {
      if (broken || after.rows * after.cols < minEntries) return null;
      if (!worker) worker = start();
      if (!ready || lent.acquire(1) === 0) return null;
      const w = worker;
      const id = nextId++;
      const a = Float64Array.from(after.data);
      const ex = excess ? { key: keyOf(w, excess), W: Float64Array.from(excess.W.data) } : null;
      const done = new Promise<Answer>((resolve, reject) => pending.set(id, { resolve, reject }));
      w.ref(); // an answer awaited keeps the process alive
      w.postMessage({ type: 'part', id, rows: after.rows, cols: after.cols, after: a, excess: ex, triplets } satisfies ToOffThread, ex ? [a.buffer, ex.W.buffer] : [a.buffer]);
      const settled = done.finally(() => lent.release(1));
      return {
        afterValues: settled.then((m) => m.values),
        excessLoss: excess ? settled.then((m) => m.excessLoss ?? Promise.reject(new Error('no excess loss'))) : null,
        afterTriplets: triplets > 0 ? settled.then((m) => m.triplets ?? Promise.reject(new Error('no triplets'))) : null,
      };
    },
    dispose() {
      broken = true;
      pending.clear();
      void worker?.terminate();
      worker = null;
    },
  };
}
