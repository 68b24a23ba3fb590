// A gemm team: helper threads that compute blocks of rows of one product on the same shared
// WebAssembly.Memory as the thread that owns the arena (wasmGemm.ts). Each entry of C is computed by
// one thread with the same kernel code and the same sums in the same order as on one thread, so a
// product — and a whole run — is bit for bit the same on any number of threads.
//
// Protocol: one control block (Int32Array on a SharedArrayBuffer): a slot of SLOT_INTS ints per
// helper (128 bytes, apart from each other's cache lines) and, after them, the product's block
// counter NEXT. The owner writes the product (`GemmProduct`) into each helper's slot, increments
// SEQ, marks the slot POSTED and notifies; every thread — the owner too — then claims blocks of rows
// with Atomics.add on NEXT until none is left (so a helper the OS has not scheduled costs nothing:
// the owner takes its blocks). A helper that wakes takes the job by CLAIM POSTED → RUNNING; the
// owner, once out of blocks, withdraws every job not taken (POSTED → WITHDRAWN) and waits for DONE =
// SEQ only of the helpers that took theirs. Helpers are started lazily, only for threads the compute
// service's one thread budget lends (`ThreadLease`), and posted to only once READY, so no product
// waits for a thread to start. Pure: the threads themselves are injected (`GemmThreads`: Node's
// worker_threads in src/compute/gemmTeam.ts); `serveGemmTeam` is what each helper thread runs.

/** Slot layout (int32 indices within a helper's slot). */
const SEQ = 0;
const DONE = 1;
const STATE = 2;
const CLAIM = 3;
/** The product (GemmProduct, PRODUCT_INTS ints), then this helper's workspace. */
const JOB = 4;
const WS = JOB + 14;
export const SLOT_INTS = 32;

/** A helper's STATE (0 while it starts). */
const READY = 1;
const FAILED = 2;

/** A slot's CLAIM. */
const POSTED = 0;
const RUNNING = 1;
const WITHDRAWN = 2;

/** Which kernel of gemm.wat a product's blocks run (pointers and strides in bytes). */
export const GemmOp = {
  /** gemmStrided(A, B, C, m, k, n, sai, sal): NN and TN, direct */
  Strided: 1,
  /** gemmNT(A, B, C, m, k, n): direct */
  NT: 2,
  /** gemmBlocked(A, B, C, m, k, n, sai, sal, sbl, sbj, seq, ws) */
  Blocked: 3,
  /** end the helper's loop */
  Exit: 4,
  /** gemmStridedSeq(A, Bᵀ, C, m, k, n, sai, sal): NT on Bᵀ transposed first, direct */
  StridedSeq: 5,
  /** transposeStrided(S, T, rows, cols, ldt): Bᵀ for an NT product, by blocks of S's rows (`transposeProduct`) */
  Transpose: 6,
  /** axpy(α, x, y, len): a step's y ← y + α x, by blocks of entries (`axpyProduct`) */
  Axpy: 7,
} as const;
export type GemmOp = (typeof GemmOp)[keyof typeof GemmOp];

/** The kernel exports a block calls (gemm.wat). */
export interface TeamKernels {
  gemmStrided(A: number, B: number, C: number, m: number, k: number, n: number, sai: number, sal: number): void;
  gemmNT(A: number, B: number, C: number, m: number, k: number, n: number): void;
  gemmStridedSeq(A: number, B: number, C: number, m: number, k: number, n: number, sai: number, sal: number): void;
  gemmBlocked(A: number, B: number, C: number, m: number, k: number, n: number, sai: number, sal: number, sbl: number, sbj: number, seq: number, ws: number): void;
  transposeStrided(S: number, T: number, rows: number, cols: number, ldt: number): void;
  axpy(alpha: number, x: number, y: number, len: number): void;
}

/**
 * A product split into `blocks` blocks of `r` rows of C (the last may be shorter): op, A, B, C, m, k,
 * n, sai, sal, sbl, sbj, seq (as gemmBlocked), r, blocks. Block i is rows [i·r, min(m, (i+1)·r)):
 * op(A)'s rows from A + i·r·sai, C's from C + 8·i·r·n. The same layout carries a split transpose
 * and a split axpy (`transposeProduct`, `axpyProduct`): r and blocks where a product has them.
 */
export type GemmProduct = readonly [op: GemmOp, a: number, b: number, c: number, m: number, k: number, n: number, sai: number, sal: number, sbl: number, sbj: number, seq: number, r: number, blocks: number];

/**
 * Tᵀ = S (rows×cols, T's rows `rows` apart) split into `blocks` blocks of `r` rows of S, as a
 * GemmProduct: block i is S's rows [i·r, …) into T's columns [i·r, …); each entry is one copy.
 */
export function transposeProduct(S: number, T: number, rows: number, cols: number, r: number, blocks: number): GemmProduct {
  return [GemmOp.Transpose, S, T, 0, rows, cols, 0, 0, 0, 0, 0, 0, r, blocks];
}

// α crosses the Int32Array control block as its two 32-bit halves
const alphaBits = new Float64Array(1);
const alphaHalves = new Int32Array(alphaBits.buffer);

/**
 * y ← y + α x over `len` entries split into `blocks` blocks of `r` entries (r even: the kernel's
 * f64x2 pairs stay the pairs of one thread, though every entry is y_i + α·x_i on any split), as a
 * GemmProduct with α's two halves in the slots of k and n.
 */
export function axpyProduct(alpha: number, x: number, y: number, len: number, r: number, blocks: number): GemmProduct {
  alphaBits[0] = alpha;
  return [GemmOp.Axpy, x, y, 0, len, alphaHalves[0], alphaHalves[1], 0, 0, 0, 0, 0, r, blocks];
}

/** Runs block `i` of the product on these kernels, packing (blocked kernel) into `ws`. */
export function runBlock(kern: TeamKernels, p: GemmProduct, i: number, ws: number): void {
  const [op, a, b, c, m, k, n, sai, sal, sbl, sbj, seq, r] = p;
  const i0 = i * r;
  const rows = Math.min(r, m - i0);
  if (op === GemmOp.Transpose) return kern.transposeStrided(a + 8 * i0 * k, b + 8 * i0, rows, k, m);
  if (op === GemmOp.Axpy) {
    alphaHalves[0] = k;
    alphaHalves[1] = n;
    return kern.axpy(alphaBits[0], a + 8 * i0, b + 8 * i0, rows);
  }
  const at = a + i0 * sai, ct = c + 8 * i0 * n;
  if (op === GemmOp.Strided) kern.gemmStrided(at, b, ct, rows, k, n, sai, sal);
  else if (op === GemmOp.NT) kern.gemmNT(at, b, ct, rows, k, n);
  else if (op === GemmOp.StridedSeq) kern.gemmStridedSeq(at, b, ct, rows, k, n, sai, sal);
  else if (op === GemmOp.Blocked) kern.gemmBlocked(at, b, ct, rows, k, n, sai, sal, sbl, sbj, seq, ws);
}

/** Claims blocks of the product (NEXT at `next`) and runs them until none is left; returns how many. */
function claimBlocks(kern: TeamKernels, control: Int32Array, next: number, p: GemmProduct, ws: number): number {
  let done = 0;
  for (let i = Atomics.add(control, next, 1); i < p[13]; i = Atomics.add(control, next, 1), done++) runBlock(kern, p, i, ws);
  return done;
}

/**
 * How long a thread spins on a word before it sleeps on it (Atomics.wait): a step's products follow
 * each other within microseconds, and a futex wake-up costs ~0.1 ms on a VM, half of a 256³
 * product's share on two threads; past this, the thread sleeps (a record, a step's end).
 */
export const SPIN_MS = 1;
/** The owner, out of blocks, spins this long for the helpers' last ones (their share ends about when its own does; on a machine with more threads than cores a helper may be off its core, and spinning would only keep it off). */
export const OWNER_SPIN_MS = 0.2;

const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Spins while control[i] === v, at most `ms`; whether it changed. */
function spinWhile(control: Int32Array, i: number, v: number, ms: number): boolean {
  if (Atomics.load(control, i) !== v) return true;
  const t0 = clock();
  for (let n = 1; ; n++) {
    if (Atomics.load(control, i) !== v) return true;
    if ((n & 63) === 0 && clock() - t0 > ms) return false;
  }
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
  /** Index of the product's block counter NEXT. */
  private readonly next: number;
  private readonly handles: HelperHandle[] = [];
  private disposed = false;

  constructor(
    private readonly threads: GemmThreads,
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
  ) {
    this.control = new Int32Array(new SharedArrayBuffer(4 * (SLOT_INTS * Math.max(1, threads.maxHelpers) + 16)));
    this.next = SLOT_INTS * Math.max(1, threads.maxHelpers);
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
  /** Moves (transposes, axpy) split over helpers so far. */
  threadedMoves = 0;
  /** Blocks computed by the owner (the rest by helpers), over those products. */
  ownerBlocks = 0;
  totalBlocks = 0;

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

  /** Posts the product to helper `slot` (acquired, ready), its workspace at `ws`. */
  private post(slot: number, product: readonly number[], ws: number): void {
    const base = slot * SLOT_INTS;
    const ctl = this.control;
    for (let i = 0; i < product.length; i++) ctl[base + JOB + i] = product[i];
    ctl[base + WS] = ws;
    Atomics.add(ctl, base + SEQ, 1);
    // after SEQ: a helper that takes the job (POSTED → RUNNING) reads this SEQ or a later one
    Atomics.store(ctl, base + CLAIM, POSTED);
    Atomics.notify(ctl, base + SEQ, 1);
  }

  /** Withdraws helper `slot`'s job if it has not taken it, else waits until it is done; throws if it failed. */
  private finish(slot: number): void {
    const base = slot * SLOT_INTS;
    const ctl = this.control;
    if (Atomics.compareExchange(ctl, base + CLAIM, POSTED, WITHDRAWN) === POSTED) return;
    const seq = Atomics.load(ctl, base + SEQ);
    for (;;) {
      const done = Atomics.load(ctl, base + DONE);
      if (done === seq || this.state(slot) === FAILED) break;
      if (!spinWhile(ctl, base + DONE, done, OWNER_SPIN_MS)) Atomics.wait(ctl, base + DONE, done, 1000);
    }
    if (this.state(slot) === FAILED) throw new Error(`gemm team: helper ${slot} failed`);
  }

  /**
   * Computes the product's blocks here and on helpers 0…helpers−1 (acquired), thread t packing into
   * workspaces[t] (t = 0: here); returns when every block is done.
   */
  run(product: GemmProduct, helpers: number, workspaces: readonly number[], here: TeamKernels): void {
    if (product[0] === GemmOp.Transpose || product[0] === GemmOp.Axpy) this.threadedMoves++;
    else this.threadedProducts++;
    const ctl = this.control;
    Atomics.store(ctl, this.next, 0);
    for (let h = 0; h < helpers; h++) this.post(h, product, workspaces[h + 1]);
    let error: unknown = null;
    try {
      this.ownerBlocks += claimBlocks(here, ctl, this.next, product, workspaces[0]);
    } catch (e) {
      error = e;
      Atomics.store(ctl, this.next, product[13]); // no block left to claim
    }
    this.totalBlocks += product[13];
    for (let h = 0; h < helpers; h++) {
      try {
        this.finish(h);
      } catch (e) {
        error ??= e;
      }
    }
    if (error) throw error;
  }

  /** Ends every helper (an Exit job, then terminate): no thread outlives the engine. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.handles.forEach((h, slot) => {
      if (this.state(slot) === READY) this.post(slot, [GemmOp.Exit], 0);
      h.terminate();
    });
    this.handles.length = 0;
  }
}

/**
 * A helper thread's loop: instantiates the shared kernel module on the arena's memory, says READY,
 * then, for each product posted to its slot and not withdrawn, claims and computes blocks of it
 * until none is left, until an Exit. A trap marks the slot FAILED (the owner throws).
 */
export function serveGemmTeam(module: WebAssembly.Module, memory: WebAssembly.Memory, control: Int32Array, slot: number): void {
  const base = slot * SLOT_INTS;
  const next = control.length - 16;
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as TeamKernels;
  let seen = Atomics.load(control, base + SEQ);
  Atomics.store(control, base + STATE, READY);
  const product = new Array<number>(14).fill(0);
  for (;;) {
    if (!spinWhile(control, base + SEQ, seen, SPIN_MS)) Atomics.wait(control, base + SEQ, seen);
    seen = Atomics.load(control, base + SEQ);
    // the owner marks the job POSTED right after raising SEQ: a spinning helper can get here in between
    for (let n = 0; n < 4096 && Atomics.load(control, base + CLAIM) !== POSTED; n++);
    if (Atomics.compareExchange(control, base + CLAIM, POSTED, RUNNING) !== POSTED) continue; // withdrawn (or not yet posted)
    const seq = Atomics.load(control, base + SEQ); // the job taken: SEQ was raised before it was POSTED
    seen = seq;
    for (let i = 0; i < product.length; i++) product[i] = control[base + JOB + i];
    if (product[0] === GemmOp.Exit) return;
    try {
      claimBlocks(kernels, control, next, product as unknown as GemmProduct, control[base + WS]);
    } catch {
      Atomics.store(control, base + STATE, FAILED);
    }
    Atomics.store(control, base + DONE, seq);
    Atomics.notify(control, base + DONE);
  }
}
