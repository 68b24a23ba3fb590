// A pool of worker threads (dist/computeWorker.js, src/compute/worker.ts) that runs a job's tasks
// at once, one task per thread, at most `size` threads. Each task crosses as core PackedModels; its
// records come back as slices, mirrored here so that a task cancelled inside one long step — whose
// worker is then stopped — still keeps what it recorded. Messages: src/shared/poolMessages.ts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packModels, type ModelsInput } from '../core/lab';
import type { Results, RunResult } from '../core/types';
import type { FromPoolWorker, ToPoolWorker } from '../shared/poolMessages';
import { appendRun } from '../shared/runSlice';
import type { CancelToken } from './cancel';
import { NotRun, type Executor, type ModelTask, type TaskHooks } from './executor';

/** After a cancel, how long a worker may take to reach the end of its slice before it is stopped. */
export const CANCEL_GRACE_MS = 150;

/** dist/computeWorker.js: beside this bundle (dist/cli.js, dist/runWorker.js), or the checkout's (tsx). */
export function findPoolWorker(): string {
  for (const p of [join(__dirname, 'computeWorker.js'), resolve(__dirname, '../../dist/computeWorker.js')]) if (existsSync(p)) return p;
  throw new Error('dist/computeWorker.js not found (run npm run build)');
}

interface Pending {
  message: ToPoolWorker;
  hooks: TaskHooks;
  cancel: CancelToken;
  resolve: (m: FromPoolWorker) => void;
  reject: (e: Error) => void;
  /** The records so far (model tasks): what a stopped worker leaves. */
  mirror?: RunResult;
}

export class ComputePool implements Executor {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private disposed = false;
  /** [0]: threads of the budget that no task holds, lent to running models' products (gemmTeam.ts). */
  private readonly spare: Int32Array;

  constructor(
    readonly concurrency: number,
    private readonly script: string = findPoolWorker(),
  ) {
    this.spare = new Int32Array(new SharedArrayBuffer(4));
    this.spare[0] = concurrency;
  }

  runModel(task: ModelTask, hooks: TaskHooks, cancel: CancelToken): Promise<RunResult> {
    const threads = this.concurrency > 1 ? { lease: this.spare, maxHelpers: this.concurrency - 1 } : undefined;
    const message: ToPoolWorker = { type: 'model', id: this.nextId++, input: packModels(task.input), modelIndex: task.modelIndex, engine: task.engine, cancel: cancel.flag, stream: true, threads };
    return this.submit(message, hooks, cancel).then((m) => {
      if (m.type !== 'ran') throw new Error(`unexpected reply ${m.type}`);
      return m.run;
    });
  }

  solveBaselines(input: ModelsInput, cancel: CancelToken): Promise<Results['baselines']> {
    const message: ToPoolWorker = { type: 'baselines', id: this.nextId++, input: packModels(input), cancel: cancel.flag };
    return this.submit(message, {}, cancel).then(
      (m) => (m.type === 'solved' ? m.baselines : {}),
      (e) => {
        if (e instanceof NotRun) return {};
        throw e;
      },
    );
  }

  /** Starts workers now, up to `count` (idle until a task comes): their start-up overlaps the caller's preparing. */
  prestart(count: number): void {
    while (!this.disposed && this.idle.length + this.busy.size < Math.min(count, this.concurrency)) this.idle.push(this.spawn());
  }

  private submit(message: ToPoolWorker, hooks: TaskHooks, cancel: CancelToken): Promise<FromPoolWorker> {
    if (this.disposed) return Promise.reject(new Error('the compute pool was stopped'));
    return new Promise((resolvePromise, reject) => {
      const pending: Pending = { message, hooks, cancel, resolve: resolvePromise, reject };
      if (cancel.cancelled) return reject(new NotRun());
      this.queue.push(pending);
      cancel.signal.addEventListener('abort', () => this.cancelled(pending), { once: true });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length && (this.idle.length || this.busy.size + this.idle.length < this.concurrency)) {
      const pending = this.queue.shift()!;
      const worker = this.idle.pop() ?? this.spawn();
      this.busy.set(worker, pending);
      Atomics.sub(this.spare, 0, 1);
      worker.postMessage(pending.message);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    worker.on('message', (m: FromPoolWorker) => this.receive(worker, m));
    const fail = (e: Error) => {
      const pending = this.busy.get(worker);
      if (pending) Atomics.add(this.spare, 0, 1);
      this.busy.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      if (pending) {
        // a worker stopped after a cancel: the run is what it had recorded
        if (pending.cancel.cancelled && pending.mirror) pending.resolve({ type: 'ran', id: pending.message.id, run: cancelledRun(pending.mirror) });
        else if (pending.cancel.cancelled) pending.reject(new NotRun());
        else pending.reject(e);
      }
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a compute worker exited (code ${code})`)));
    return worker;
  }

  private receive(worker: Worker, m: FromPoolWorker): void {
    const pending = this.busy.get(worker);
    if (!pending || pending.message.id !== m.id) return;
    switch (m.type) {
      case 'records':
        pending.mirror = appendRun(pending.mirror, m.run, m.from);
        pending.hooks.onRecords?.(m.from, m.run);
        return;
      case 'progress':
        pending.hooks.onProgress?.(m.progress);
        return;
      case 'failed':
        this.release(worker);
        pending.reject(new Error(m.message));
        return;
      default:
        this.release(worker);
        pending.resolve(m);
    }
  }

  private release(worker: Worker): void {
    if (this.busy.delete(worker)) Atomics.add(this.spare, 0, 1);
    if (this.disposed) void worker.terminate();
    else this.idle.push(worker);
    this.dispatch();
  }

  /** A cancel: a queued task never starts; a running one has CANCEL_GRACE_MS to end its slice, then its worker is stopped. */
  private cancelled(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.reject(new NotRun());
      return;
    }
    setTimeout(() => {
      for (const [worker, p] of this.busy) if (p === pending) void worker.terminate();
    }, CANCEL_GRACE_MS).unref?.();
  }

  dispose(): void {
    this.disposed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the compute pool was stopped'));
    for (const w of this.idle.splice(0)) void w.terminate();
    for (const w of this.busy.keys()) void w.terminate();
  }
}

/** A run ended by stopping its worker: what it recorded, marked cancelled at its last record. */
export function cancelledRun(mirror: RunResult): RunResult {
  const last = mirror.steps.length ? mirror.steps[mirror.steps.length - 1] : 0;
  return { ...mirror, stopReason: 'cancelled', stoppedAt: last, diverged: false };
}
