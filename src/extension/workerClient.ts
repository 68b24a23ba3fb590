// The extension host's side of a worker thread (dist/runWorker.js): requests with ids, replies as
// promises, progress as callbacks. A crashed worker fails its pending requests and is restarted
// on the next one.
import { Worker } from 'node:worker_threads';
import type { CheckReply, CheckRequest, ProgressReply, RunReply, RunRequest, WorkerReply } from './protocol';

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void; onProgress?: (p: ProgressReply) => void };

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
      if (m.type === 'progress') return p.onProgress?.(m);
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(m.message));
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

  private request<R extends WorkerReply>(msg: CheckRequest | RunRequest, onProgress?: (p: ProgressReply) => void): Promise<R> {
    const w = this.ensure();
    return new Promise<R>((resolve, reject) => {
      this.pending.set(msg.id, { resolve: resolve as (r: WorkerReply) => void, reject, onProgress });
      w.postMessage(msg);
    });
  }

  check(path: string, text: string): Promise<CheckReply> {
    return this.request<CheckReply>({ type: 'check', id: this.nextId++, path, text });
  }

  /** Starts a run; `cancel()` asks the worker to stop it (it then writes what it recorded). */
  run(req: Omit<RunRequest, 'type' | 'id'>, onProgress: (p: ProgressReply) => void): { done: Promise<RunReply>; cancel: () => void } {
    const id = this.nextId++;
    const done = this.request<RunReply>({ ...req, type: 'run', id }, onProgress);
    return { done, cancel: () => this.worker?.postMessage({ type: 'cancel', id }) };
  }

  dispose(): void {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('the LNN Lab worker was stopped'));
    this.pending.clear();
    void w?.terminate();
  }
}
