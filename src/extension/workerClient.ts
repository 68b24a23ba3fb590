// The extension host's side of a worker thread (dist/runWorker.js): requests with ids, replies as
// promises, progress as callbacks. A crashed worker fails its pending requests and is restarted
// on the next one.
import { Worker } from 'node:worker_threads';
import { WorkerError } from './failure';
import type { CheckReply, CheckRequest, RunReply, RunRequest, WorkerReply, WorkerRequest } from './protocol';

/** What a run streams before its `ran` reply (progress; Open Lab: started, records, sweep, compute, log). */
export type RunEvent = Exclude<WorkerReply, CheckReply | RunReply | { type: 'error' }>;

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void; onEvent?: (e: RunEvent) => void };

export class LabWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly script: string) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script);
    w.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type !== 'checked' && m.type !== 'ran' && m.type !== 'error') return p.onEvent?.(m);
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new WorkerError(m.message, m.internal));
      else p.resolve(m);
    });
    const fail = (e: Error) => {
      if (this.worker !== w) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the LNN Lab worker exited (code ${code})`)));
    this.worker = w;
    return w;
  }

  private request<R extends WorkerReply>(msg: CheckRequest | RunRequest, onEvent?: (e: RunEvent) => void): Promise<R> {
    const w = this.ensure();
    return new Promise<R>((resolve, reject) => {
      this.pending.set(msg.id, { resolve: resolve as (r: WorkerReply) => void, reject, onEvent });
      w.postMessage(msg);
    });
  }

  /** `schemaOnly`: Restricted Mode, the schema and nothing else (no data read, nothing computed); the budget's settings. */
  check(path: string, text: string, options: { schemaOnly?: boolean; memoryBudget?: number; threads?: number } = {}): Promise<CheckReply> {
    return this.request<CheckReply>({ type: 'check', id: this.nextId++, path, text, ...options });
  }

  /**
   * Starts a run; `cancel()` asks the worker to stop it (it then writes what it recorded); `reply`
   * answers its `compute` events (the panel's runs).
   */
  run(req: Omit<RunRequest, 'type' | 'id'>, onEvent: (e: RunEvent) => void): { done: Promise<RunReply>; cancel: () => void; reply: (m: WorkerRequest) => void } {
    const id = this.nextId++;
    const done = this.request<RunReply>({ ...req, type: 'run', id }, onEvent);
    return { done, cancel: () => this.worker?.postMessage({ type: 'cancel', id }), reply: (m) => this.worker?.postMessage({ ...m, id }) };
  }

  dispose(): void {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('the LNN Lab worker was stopped'));
    this.pending.clear();
    void w?.terminate();
  }
}
