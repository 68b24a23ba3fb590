// A gemm team: helper threads that run blocks of rows of one product on the same shared
// WebAssembly.Memory as the thread that owns the arena (wasmGemm.ts). Each entry of C is computed by
// one thread with the same kernel code and the same sums in the same order as on one thread, so a
// product — and a whole run — is bit for bit the same on any number of threads.
//
// Protocol: one control block (Int32Array on a SharedArrayBuffer), a 16-int slot per helper (64
// bytes: one cache line each). The owner writes a job's op and arguments into the slot, then
// increments SEQ (Atomics.store + notify); the helper, parked in Atomics.wait on SEQ, runs it, sets
// DONE = SEQ and notifies; the owner, having done its own block meanwhile, waits on each DONE.
// Helpers are started lazily, only for threads the compute service's one thread budget lends
// (`ThreadLease`), and used only once they say they are ready (STATE), so no product waits for a
// thread to start. Pure: the threads themselves are injected (`GemmThreads`: Node's worker_threads
// in src/compute/gemmTeam.ts); `serveGemmTeam` is what each helper thread runs.

/** Slot layout (int32 indices within a helper's slot). */
const SEQ = 0;
const DONE = 1;
const STATE = 2;
const OP = 3;
export const SLOT_INTS = 16;

/** A helper's STATE (0 while it starts). */
const READY = 1;
const FAILED = 2;

/** The jobs: the kernels of gemm.wat on a block of rows of C (pointers and strides in bytes). */
export const GemmOp = {
  /** gemmStrided(A, B, C, m, k, n, sai, sal): NN and TN, direct */
  Strided: 1,
  /** gemmNT(A, B, C, m, k, n): direct */
  NT: 2,
  /** gemmBlocked(A, B, C, m, k, n, sai, sal, sbl, sbj, seq, ws) */
  Blocked: 3,
  /** end the helper's loop */
  Exit: 4,
} as const;
export type GemmOp = (typeof GemmOp)[keyof typeof GemmOp];

/** The kernel exports a job calls (gemm.wat). */
export interface TeamKernels {
  gemmStrided(A: number, B: number, C: number, m: number, k: number, n: number, sai: number, sal: number): void;
  gemmNT(A: number, B: number, C: number, m: number, k: number, n: number): void;
  gemmBlocked(A: number, B: number, C: number, m: number, k: number, n: number, sai: number, sal: number, sbl: number, sbj: number, seq: number, ws: number): void;
}

/** One job: an op and up to 12 integer arguments. */
export type GemmJob = readonly [GemmOp, ...number[]];

/** Runs a job on these kernels (the owner's own block, and each helper's). */
export function runGemmJob(k: TeamKernels, job: GemmJob): void {
  const [op, a, b, c, m, kk, n, x0, x1, x2, x3, x4, x5] = job;
  if (op === GemmOp.Strided) k.gemmStrided(a, b, c, m, kk, n, x0, x1);
  else if (op === GemmOp.NT) k.gemmNT(a, b, c, m, kk, n);
  else if (op === GemmOp.Blocked) k.gemmBlocked(a, b, c, m, kk, n, x0, x1, x2, x3, x4, x5);
}

/** The compute service's spare threads: a lease is taken for one product and given back after it. */
export interface ThreadLease {
  /** Takes up to `want` spare threads now; returns how many (0 when none is spare). */
  acquire(want: number): number;
  release(n: number): void;
}

/** A started helper thread. */
export interface HelperHandle {
  /** Ends the thread at once (also from inside a kernel). */
  terminate(): void;
}

/** What the team gets from its host: the spare threads, and a way to start a helper thread. */
export interface GemmThreads {
  /** Helpers at most (threads besides the owner). */
  readonly maxHelpers: number;
  readonly lease: ThreadLease;
  /**
   * Starts a thread that calls `serveGemmTeam(module, memory, control, slot)` (the compiled shared
   * kernel module, the arena's shared memory, the control block).
   */
  start(module: WebAssembly.Module, memory: WebAssembly.Memory, control: Int32Array, slot: number): HelperHandle;
}

/** A lease of `n` threads in all, counted here (tests, and a host without a shared budget). */
export function localLease(n: number): ThreadLease {
  let free = n;
  return {
    acquire: (want) => {
      const g = Math.max(0, Math.min(want, free));
      free -= g;
      return g;
    },
    release: (g) => {
      free += g;
    },
  };
}

/**
 * A lease on a counter shared between threads (the compute pool's spare threads: `counter[0]`, the
 * pool taking one per running task): compare-and-swap, never below 0.
 */
export function sharedLease(counter: Int32Array): ThreadLease {
  return {
    acquire: (want) => {
      for (;;) {
        const free = Atomics.load(counter, 0);
        const g = Math.min(want, free);
        if (g <= 0) return 0;
        if (Atomics.compareExchange(counter, 0, free, free - g) === free) return g;
      }
    },
    release: (g) => {
      if (g > 0) Atomics.add(counter, 0, g);
    },
  };
}

/** The owner's side: helpers, the control block, posting jobs and waiting for them. */
export class GemmTeam {
  readonly control: Int32Array;
  private readonly handles: HelperHandle[] = [];
  private disposed = false;

  constructor(
    private readonly threads: GemmThreads,
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
  ) {
    this.control = new Int32Array(new SharedArrayBuffer(4 * SLOT_INTS * Math.max(1, threads.maxHelpers)));
  }

  get maxHelpers(): number {
    return this.threads.maxHelpers;
  }

  /** Helpers started so far. */
  get started(): number {
    return this.handles.length;
  }

  /** Helpers started and ready for jobs. */
  get ready(): number {
    let n = 0;
    while (n < this.handles.length && this.state(n) === READY) n++;
    return n;
  }

  /** Products split over helpers so far. */
  threadedProducts = 0;

  /** Starts helpers up to `n` (at most maxHelpers) now, without a lease: tests, and a warm start. */
  prestart(n: number): void {
    while (!this.disposed && this.handles.length < Math.min(n, this.threads.maxHelpers)) {
      const slot = this.handles.length;
      this.handles.push(this.threads.start(this.module, this.memory, this.control, slot));
    }
  }

  private state(slot: number): number {
    return Atomics.load(this.control, slot * SLOT_INTS + STATE);
  }

  /**
   * Takes up to `want` helpers for one product: leases threads, starts helpers for them where fewer
   * are started, and keeps the leased ones that are ready (slots 0…n−1; the rest given back).
   * Returns n; call `release(n)` after the product.
   */
  acquire(want: number): number {
    if (this.disposed) return 0;
    const g = this.threads.lease.acquire(Math.min(want, this.threads.maxHelpers));
    this.prestart(g);
    let n = 0;
    while (n < g && this.state(n) === READY) n++;
    if (g > n) this.threads.lease.release(g - n);
    return n;
  }

  release(n: number): void {
    this.threads.lease.release(n);
  }

  /** Posts `job` to helper `slot` (acquired, ready). */
  post(slot: number, job: GemmJob): void {
    const base = slot * SLOT_INTS;
    const ctl = this.control;
    for (let i = 0; i < job.length && i < SLOT_INTS - OP; i++) ctl[base + OP + i] = job[i];
    Atomics.add(ctl, base + SEQ, 1);
    Atomics.notify(ctl, base + SEQ, 1);
  }

  /** Waits until helper `slot` has done its last job; throws if it failed. */
  wait(slot: number): void {
    const base = slot * SLOT_INTS;
    const ctl = this.control;
    const seq = Atomics.load(ctl, base + SEQ);
    for (;;) {
      const done = Atomics.load(ctl, base + DONE);
      if (done === seq) break;
      Atomics.wait(ctl, base + DONE, done, 1000);
      if (this.state(slot) === FAILED) break;
    }
    if (this.state(slot) === FAILED) throw new Error(`gemm team: helper ${slot} failed`);
  }

  /** Runs `jobs[0]` here and `jobs[1…]` on helpers 0…, and returns when all are done. */
  run(jobs: readonly GemmJob[], here: TeamKernels): void {
    if (jobs.length > 1) this.threadedProducts++;
    for (let t = 1; t < jobs.length; t++) this.post(t - 1, jobs[t]);
    let error: unknown = null;
    try {
      runGemmJob(here, jobs[0]);
    } catch (e) {
      error = e;
    }
    for (let t = 1; t < jobs.length; t++) this.wait(t - 1);
    if (error) throw error;
  }

  /** Ends every helper (an Exit job, then terminate): no thread outlives the engine. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.handles.forEach((h, slot) => {
      if (this.state(slot) === READY) this.post(slot, [GemmOp.Exit]);
      h.terminate();
    });
    this.handles.length = 0;
  }
}

/**
 * A helper thread's loop: instantiates the shared kernel module on the arena's memory, says READY,
 * then runs each job posted to its slot until an Exit job. A trap marks the slot FAILED (the owner
 * throws).
 */
export function serveGemmTeam(module: WebAssembly.Module, memory: WebAssembly.Memory, control: Int32Array, slot: number): void {
  const base = slot * SLOT_INTS;
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as TeamKernels;
  let seen = Atomics.load(control, base + SEQ);
  Atomics.store(control, base + STATE, READY);
  const job: number[] = new Array(SLOT_INTS - OP).fill(0);
  for (;;) {
    Atomics.wait(control, base + SEQ, seen);
    const seq = Atomics.load(control, base + SEQ);
    if (seq === seen) continue;
    seen = seq;
    for (let i = 0; i < job.length; i++) job[i] = control[base + OP + i];
    if (job[0] === GemmOp.Exit) return;
    try {
      runGemmJob(kernels, job as unknown as GemmJob);
    } catch {
      Atomics.store(control, base + STATE, FAILED);
    }
    Atomics.store(control, base + DONE, seq);
    Atomics.notify(control, base + DONE);
  }
}
