// A record's spare thread on Node (core/results/offThread.ts): one worker thread, started on the
// first record big enough to be worth it, that computes singular values (svd.ts singularValuesFlat,
// the same code and bits as the record's own thread) while the record's thread computes the rest.
// It runs dist/computeWorker.js in its 'singularValues' role. It takes a thread of the compute
// service's one budget only while it computes: the pool's spare-thread counter (pool.ts), which the
// gemm team leases from too; none spare, and the record computes the values itself.
import { Worker } from 'node:worker_threads';
import { sharedLease, type ThreadLease } from '../core/linalg/wasm/gemmTeam';
import { OFF_THREAD_MIN_ENTRIES, type OffThread } from '../core/results/offThread';
import type { Mat } from '../core/types';
import { findPoolWorker } from './pool';

/** workerData of a computeWorker.js started as a record's spare thread. */
export const OFF_THREAD_ROLE = 'singularValues';

/** Main → spare thread: a matrix (its data transferred); spare thread → main: its singular values, or why not. */
export type ToOffThread = { id: number; rows: number; cols: number; data: Float64Array };
export type FromOffThread = { id: number; values: Float64Array } | { id: number; error: string };

export function nodeOffThread(lease: ThreadLease | Int32Array, script: string = findPoolWorker(), minEntries = OFF_THREAD_MIN_ENTRIES): OffThread {
  const lent = lease instanceof Int32Array ? sharedLease(lease) : lease;
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Float64Array) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    broken = true;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = () => {
    const w = new Worker(script, { workerData: { role: OFF_THREAD_ROLE } });
    w.on('message', (m: FromOffThread) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref(); // idle: it does not keep the process alive
      if ('values' in m) p.resolve(m.values);
      else p.reject(new Error(m.error));
    });
    w.on('error', failAll);
    w.on('exit', () => failAll(new Error('the spare thread exited')));
    w.unref();
    return w;
  };
  return {
    singularValues(M: Mat): Promise<Float64Array> | null {
      if (broken || M.rows * M.cols < minEntries || lent.acquire(1) === 0) return null;
      worker ??= start();
      const id = nextId++;
      const data = Float64Array.from(M.data);
      const message: ToOffThread = { id, rows: M.rows, cols: M.cols, data };
      const done = new Promise<Float64Array>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.ref(); // an answer awaited keeps the process alive
      worker.postMessage(message, [data.buffer]);
      return done.finally(() => lent.release(1));
    },
    dispose() {
      broken = true;
      pending.clear();
      void worker?.terminate();
      worker = null;
    },
  };
}
