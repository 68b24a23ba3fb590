// The gemm team's threads on Node (src/core/linalg/wasm/gemmTeam.ts: the protocol and the split):
// each helper is a worker thread running dist/gemmTeamWorker.js (src/compute/gemmTeamWorker.ts),
// started with the compiled shared kernel module, the arena's shared memory and the control block.
// The helpers are lent by the compute service's one thread budget (threads.ts): a pool worker's
// engine gets the pool's spare-thread counter as its lease (pool.ts), so a lone model, or the last
// of a job, computes each large product on the threads the other tasks leave idle.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { localLease, sharedLease, type GemmThreads, type HelperHandle, type ThreadLease } from '../core/linalg/wasm/gemmTeam';

/** What a helper thread is started with (workerData of dist/gemmTeamWorker.js). */
export interface GemmTeamWorkerData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: Int32Array;
  slot: number;
}

/** dist/gemmTeamWorker.js: beside this bundle (dist/computeWorker.js, dist/cli.js), or the checkout's (tsx). */
export function findGemmTeamWorker(): string | null {
  for (const p of [join(__dirname, 'gemmTeamWorker.js'), resolve(__dirname, '../../dist/gemmTeamWorker.js')]) if (existsSync(p)) return p;
  return null;
}

/**
 * Helper threads for an engine: at most `maxHelpers`, lent by `lease` (a number: a lease of its own
 * with that many threads; an Int32Array: the pool's shared counter of spare threads). Undefined
 * where there are none to lend or the worker script is missing (the engine then runs on one thread).
 */
export function nodeGemmThreads(maxHelpers: number, lease: ThreadLease | Int32Array | number = maxHelpers, script: string | null = findGemmTeamWorker()): GemmThreads | undefined {
  if (maxHelpers < 1 || !script) return undefined;
  const lent = typeof lease === 'number' ? localLease(lease) : lease instanceof Int32Array ? sharedLease(lease) : lease;
  return {
    maxHelpers,
    lease: lent,
    start(module, memory, control, slot): HelperHandle {
      const workerData: GemmTeamWorkerData = { module, memory, control, slot };
      const worker = new Worker(script, { workerData });
      // a helper that fails to start never says READY and is never given a job
      worker.on('error', () => {});
      return { terminate: () => void worker.terminate() };
    },
  };
}
