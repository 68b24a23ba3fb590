// WebAssembly SIMD (f64x2) versions of the kernels of ../gemm.ts, on Float64Array views of one
// WebAssembly.Memory (an arena). Same semantics as gemm.ts (each product overwrites C) and the same
// order of floating-point operations per entry, so the results agree bit for bit with the JS kernels.
// Two kernel sets in gemm.wat, chosen per product by size (`blockedMin`, `blockedMinB`): the direct
// kernels (two rows of C per pass over op(B)), and blocked ones after Goto & van de Geijn 2008 (op(A)
// and op(B) packed into panels in the free tail of the arena, a 4×4 tile of C in registers), which
// stay near one core's f64x2 peak where op(B) outgrows L2 and in the NT form at every size.
//
// Synchronous: the module (gemm.wat, assembled by scripts/build-wasm.mjs into
// gemmWasm.generated.ts, ~7 KB) is compiled on first use with `new WebAssembly.Module`. The engine
// runs in workers (the CLI's and the extension's worker threads, the webview's compute worker), where
// synchronous compilation has no size limit; on a browser's main thread, over 4 KB, it throws and
// `createArena` falls back to the JS kernels (the same bits). No Node APIs. Where WebAssembly SIMD
// is missing, `createArena` returns a `JsArena`: the same interface on plain Float64Arrays and the JS
// kernels.
//
// Threads (gemmTeam.ts): an arena made with a `team` lives on a shared WebAssembly.Memory (the
// kernel module assembled with its memory imported as shared, gemmSharedWasm.generated.ts), and
// splits each product of at least 2·`teamMin` multiply-adds by blocks of rows of C over the helper
// threads the compute service lends it, each thread with its own packing workspace: every entry is
// summed by one thread in the one order, so the bits do not depend on the number of threads. Where
// SharedArrayBuffer is missing (a page that is not cross-origin isolated: the webview) the arena is
// the single-threaded one.
import { axpy as jsAxpy, gemm as jsGemm, gemmNT as jsGemmNT, gemmTN as jsGemmTN, residualLoss as jsResidualLoss } from '../gemm';
import { GemmOp, GemmTeam, axpyProduct, transposeProduct, type GemmProduct, type GemmThreads } from './gemmTeam';
import { gemmSharedWasmBase64 } from './gemmSharedWasm.generated';
import { gemmWasmBase64 } from './gemmWasm.generated';

/** The kernels of gemm.ts that an arena runs on its own buffers. */
export interface Float64Kernels {
  /** C (m×n) = A (m×k) · B (k×n). */
  gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void;
  /** C (m×n) = Aᵀ · B with A (k×m), B (k×n). */
  gemmTN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void;
  /** C (m×n) = A · Bᵀ with A (m×k), B (n×k). */
  gemmNT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void;
  /** y ← y + α x over the first `len` entries. */
  axpy(alpha: number, x: Float64Array, y: Float64Array, len?: number): void;
  /** ½⟨w, a⟩ − ⟨w, b⟩ + c over the first `len` entries, g = a − b written (gemm.ts residualLoss). */
  residualLoss(w: Float64Array, a: Float64Array, b: Float64Array, c: number, g: Float64Array, len: number): number;
}

/** An allocator of float64 buffers whose kernels accept only its own buffers. */
export interface Float64Arena extends Float64Kernels {
  readonly kind: 'wasm' | 'js';
  /** Makes room for `totalDoubles` more (as counted by `arenaDoubles`); call before the first alloc. */
  reserve(totalDoubles: number): void;
  /** A zeroed Float64Array of length n. */
  alloc(n: number): Float64Array;
  /** A zeroed copy of `src` in the arena. */
  copyOf(src: ArrayLike<number>): Float64Array;
  /** Ends the threads it computes on, if any (a team's helpers). */
  dispose?(): void;
}

/** The doubles an arena needs for buffers of these lengths (each rounded up to 16 bytes). */
export function arenaDoubles(lengths: Iterable<number>): number {
  let t = 0;
  for (const n of lengths) t += (n + 1) & ~1;
  return t;
}

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)): valid only with SIMD
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

let compiled: WebAssembly.Module | null | undefined;
let compiledShared: WebAssembly.Module | null | undefined;

/** The bytes of a base64 string (the generated modules' form). */
export function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Whether `wa` (the WebAssembly namespace, null where there is none; the global one by default) validates a SIMD module. */
export function detectWasmSimd(wa: Pick<typeof WebAssembly, 'validate'> | null = globalThis.WebAssembly ?? null): boolean {
  try {
    return typeof wa === 'object' && wa !== null && wa.validate(SIMD_PROBE) === true;
  } catch {
    return false;
  }
}

/** The compiled kernel module, or null where WebAssembly SIMD is unavailable. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (detectWasmSimd()) compiled = new WebAssembly.Module(decodeBase64(gemmWasmBase64));
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether the WebAssembly SIMD kernels can run here. */
export function wasmSimdAvailable(): boolean {
  return kernelModule() !== null;
}

/** The kernel module importing a shared memory, or null where SIMD or SharedArrayBuffer is missing. */
export function sharedKernelModule(): WebAssembly.Module | null {
  if (compiledShared !== undefined) return compiledShared;
  compiledShared = null;
  try {
    if (kernelModule() && typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object') {
      new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true }); // throws where shared memory is off
      compiledShared = new WebAssembly.Module(decodeBase64(gemmSharedWasmBase64));
    }
  } catch {
    compiledShared = null;
  }
  return compiledShared;
}

/** Whether an arena can split its products over threads here (shared WebAssembly memory). */
export function wasmThreadsAvailable(): boolean {
  return sharedKernelModule() !== null;
}

interface KernelExports {
  gemmStrided(A: number, B: number, C: number, m: number, k: number, n: number, sai: number, sal: number): void;
  gemm(A: number, B: number, C: number, m: number, k: number, n: number): void;
  gemmBlocked(A: number, B: number, C: number, m: number, k: number, n: number, sai: number, sal: number, sbl: number, sbj: number, seq: number, ws: number): void;
  workspace(m: number, k: number, n: number): number;
  gemmTN(A: number, B: number, C: number, m: number, k: number, n: number): void;
  gemmNT(A: number, B: number, C: number, m: number, k: number, n: number): void;
  gemmStridedSeq(A: number, B: number, C: number, m: number, k: number, n: number, sai: number, sal: number): void;
  transpose(S: number, T: number, rows: number, cols: number): void;
  transposeStrided(S: number, T: number, rows: number, cols: number, ldt: number): void;
  axpy(alpha: number, x: number, y: number, len: number): void;
  residualLoss(w: number, a: number, b: number, c: number, g: number, len: number): number;
}

const PAGE = 65536;
/** The shared memory's maximum (gemm.wat's shared import: 65536 pages, 4 GiB). */
const SHARED_MAX_PAGES = 65536;
/** Blocks of rows a thread of a split product, claimed in turn (gemmTeam.ts): the blocked kernel packs op(B) once a block. */
const BLOCKS_PER_THREAD = 2;
/** The same for the direct kernels, which pack nothing: finer blocks, a smaller wait for the last one. */
const DIRECT_BLOCKS_PER_THREAD = 4;

export interface WasmArenaOptions {
  /** Split large products over these threads (gemmTeam.ts); needs `wasmThreadsAvailable()`. */
  team?: GemmThreads;
}

/**
 * Float64 buffers on one WebAssembly.Memory, and the SIMD kernels on them. Reserve the total
 * (`arenaDoubles` of every buffer's length) up front: growing the memory would detach the views
 * already handed out, so `reserve` after the first `alloc` throws when it would have to grow.
 */
export class WasmArena implements Float64Arena {
  readonly kind = 'wasm' as const;
  readonly memory: WebAssembly.Memory;
  private readonly k: KernelExports;
  private buffer: ArrayBuffer;
  private top = 16; // byte offset of the next buffer; 0…15 left unused (no buffer at address 0)
  private allocated = false;

  /**
   * Which products take the blocked kernels (packed panels, 4×4 register tiles; the same bits as the
   * direct kernels), as measured by bench/wasm-gemm.ts: at least `blockedMin` multiply-adds (m·k·n),
   * and C at least `blockedMinSide` on both sides for NT; for NN and TN op(B) of at least
   * `blockedMinB` doubles and C at least 4·`blockedMinSide` rows — the direct NN/TN kernels stream
   * op(B), in slices of rows that stay in L2 (gemm.wat $gemm_k), once per two rows of C and run as
   * fast up to about 362² (past it the slices get thin and C is passed over once a slice), the
   * direct NT kernel is slower from about 32³; packing is not repaid on thin products. All 0:
   * always blocked; blockedMin Infinity: never (tests and the bench set them).
   */
  blockedMin = 32 * 32 * 32;
  blockedMinB = 1 << 17;
  blockedMinSide = 16;
  /** NT products with B of at least this many doubles take Bᵀ and the direct kernel where NN would be direct (`transposedB`). */
  transposedMinB = 192 * 192;
  private scratchHigh = 0; // bytes up to which the kernels have used the free tail as workspace
  /**
   * Products of at least 2·`teamMin` multiply-adds (m·k·n) go to the team, a block of at least
   * `teamMin` of them per thread (measured: bench/threads.ts); smaller ones stay on one thread.
   * 2·teamMin = 64³: a lone d = 64 depth-3 run (5000 steps, 501 records) took 2.5 s against 3.1 s
   * unsplit, alternated; 48³ split ran 9 % slower than unsplit (the factors' rows cross between the
   * cores' caches every product), so smaller products stay.
   */
  teamMin = 64 * 64 * 32;
  /**
   * A transpose (Bᵀ of an NT product) or an axpy (a step's update) of at least 2·`teamMoveMin`
   * doubles goes to the team, at least `teamMoveMin` a thread (bench/threads.ts: a lone d = 256
   * depth-3 run's 3 axpy and 2 transposes of 256² a step, ~8 % of its time on two threads, ran on the
   * owner alone before); each entry is one copy or one y_i + α·x_i, so any split has the same bits.
   */
  teamMoveMin = 1 << 14;
  /** The helper threads (null: one thread). */
  readonly team: GemmTeam | null;

  /** Throws where WebAssembly SIMD (with a team: shared memory) is unavailable (see `createArena`). */
  constructor(totalDoubles = 0, opts: WasmArenaOptions = {}) {
    const module = opts.team ? sharedKernelModule() : kernelModule();
    if (!module) throw new Error(opts.team ? 'WebAssembly SIMD with shared memory is not available' : 'WebAssembly SIMD is not available');
    this.memory = opts.team ? new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true }) : new WebAssembly.Memory({ initial: 1 });
    this.k = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as KernelExports;
    this.buffer = this.memory.buffer as ArrayBuffer;
    this.team = opts.team && opts.team.maxHelpers > 0 ? new GemmTeam(opts.team, module, this.memory) : null;
    this.reserve(totalDoubles);
  }

  /** Threads that may compute one product: the owner and its helpers. */
  get threads(): number {
    return 1 + (this.team?.maxHelpers ?? 0);
  }

  /** Ends the team's threads (a single-threaded arena: nothing to do). */
  dispose(): void {
    this.team?.dispose();
  }

  /** Bytes in use. */
  get usedBytes(): number {
    return this.top;
  }

  /** Doubles still free without growing. */
  get freeDoubles(): number {
    return (this.buffer.byteLength - this.top) >> 3;
  }

  /**
   * Bytes of workspace (packed panels) kept free beyond `total` doubles of buffers: enough for any
   * product of buffers within them (a packed block is at most an operand plus its padding), and never
   * more than the largest block the kernels pack.
   */
  private workspaceFor(total: number): number {
    // packed A ≤ 2(m·k + 3·KC) doubles, packed B ≤ k·n + 3·KC, both operands ≤ total (KC = 256 in gemm.wat)
    return Math.min(this.k.workspace(1 << 20, 1 << 20, 1 << 20), 256 + 8 * (3 * Math.ceil(total) + 9 * 256));
  }

  reserve(totalDoubles: number): void {
    // one workspace per thread (each 16-byte aligned)
    const need = this.top + 8 * Math.ceil(totalDoubles) + this.threads * (this.workspaceFor(totalDoubles) + 16);
    if (need <= this.buffer.byteLength) return;
    if (this.allocated) throw new Error('WasmArena.reserve after alloc would grow the memory and detach the buffers; reserve the total first');
    this.memory.grow(Math.ceil((need - this.buffer.byteLength) / PAGE));
    this.buffer = this.memory.buffer as ArrayBuffer;
  }

  alloc(n: number): Float64Array {
    const bytes = 8 * ((n + 1) & ~1);
    if (this.top + bytes > this.buffer.byteLength) {
      if (this.allocated) throw new Error(`WasmArena is full (${n} doubles asked, ${this.freeDoubles} free): reserve the total before allocating`);
      this.reserve((this.top + bytes - 16) / 8);
    }
    const view = new Float64Array(this.buffer, this.top, n); // zeroed: memory is never reused…
    if (this.top < this.scratchHigh) view.fill(0); // …except as the kernels' workspace
    this.top += bytes;
    this.allocated = true;
    return view;
  }

  copyOf(src: ArrayLike<number>): Float64Array {
    const v = this.alloc(src.length);
    v.set(src);
    return v;
  }

  /** The byte offset of `a`, checked to be this arena's buffer holding at least `len` doubles. */
  private at(a: Float64Array, len: number): number {
    if (a.buffer !== this.buffer || a.length < len) throw new Error('WasmArena: a buffer that is not from this arena, or too short');
    return a.byteOffset;
  }

  /**
   * The blocked kernel on the free tail as workspace when the product is large enough and the
   * workspace fits; false (nothing done) otherwise. Strides in bytes: op(A)[i][l] at A + i·sai + l·sal,
   * op(B)[l][j] at B + l·sbl + j·sbj.
   */
  private blocked(a: number, b: number, c: number, m: number, k: number, n: number, sai: number, sal: number, sbl: number, sbj: number, seq: number): boolean {
    if (!this.wantsBlocked(m, k, n, seq)) return false;
    const bytes = this.k.workspace(m, k, n);
    if (this.top + bytes > this.buffer.byteLength) return false;
    this.scratchHigh = Math.max(this.scratchHigh, this.top + bytes);
    this.k.gemmBlocked(a, b, c, m, k, n, sai, sal, sbl, sbj, seq, this.top);
    return true;
  }

  /** Whether the blocked kernel is the faster for this product (workspace aside). */
  private wantsBlocked(m: number, k: number, n: number, seq: number): boolean {
    if (m === 0 || k === 0 || n === 0 || m * k * n < this.blockedMin) return false;
    return !(seq ? Math.min(m, n) < this.blockedMinSide : k * n < this.blockedMinB || m < 4 * this.blockedMinSide);
  }

  /**
   * The product split into blocks of rows of C, computed by the owner and the team's ready helpers
   * when it is large enough and threads are lent; false (nothing done) otherwise. Row block
   * [i0, i0 + r) of C is op(A)'s rows i0… (at A + i0·sai) times op(B): the same kernel, the same
   * per-entry sums. BLOCKS_PER_THREAD blocks a thread, claimed in turn (a thread the OS leaves
   * waiting costs only its block); each thread packs into its own workspace (the free tail, one after
   * the other); where they do not fit, every block takes the direct kernel (the same bits).
   */
  private threaded(a: number, b: number, c: number, m: number, k: number, n: number, sai: number, sal: number, sbl: number, sbj: number, seq: number, transposed = false): boolean {
    if (m <= 4 || k === 0 || n === 0 || m * k * n < 2 * this.teamMin) return false;
    return this.onTeam(Math.min(Math.ceil(m / 4) - 1, Math.floor((m * k * n) / this.teamMin) - 1), (threads) => {
      const packs = !transposed && this.wantsBlocked(m, k, n, seq);
      const perThread = packs ? BLOCKS_PER_THREAD : DIRECT_BLOCKS_PER_THREAD;
      const r = 4 * Math.ceil(m / (4 * Math.min(perThread * threads, Math.ceil(m / 4)))); // rows a block, a multiple of the 4-row tile
      const blocks = Math.ceil(m / r);
      const wsBytes = (this.k.workspace(r, k, n) + 15) & ~15;
      const blocked = packs && this.top + threads * wsBytes <= this.buffer.byteLength;
      if (blocked) this.scratchHigh = Math.max(this.scratchHigh, this.top + threads * wsBytes);
      const op = transposed ? GemmOp.StridedSeq : blocked ? GemmOp.Blocked : seq ? GemmOp.NT : GemmOp.Strided;
      const workspaces = Array.from({ length: threads }, (_, t) => this.top + t * wsBytes);
      return { product: [op, a, b, c, m, k, n, sai, sal, sbl, sbj, seq, r, blocks], workspaces };
    });
  }

  /**
   * Runs what `split` makes of the threads lent (the owner and up to `want` ready helpers: a
   * product, and each thread's packing workspace) on the team; false (nothing done) where no
   * helper is lent.
   */
  private onTeam(want: number, split: (threads: number) => { product: GemmProduct; workspaces: readonly number[] }): boolean {
    const team = this.team;
    if (!team || want < 1) return false;
    const helpers = team.acquire(want);
    if (helpers === 0) return false;
    try {
      const { product, workspaces } = split(helpers + 1);
      team.run(product, Math.min(helpers, product[13] - 1), workspaces, this.k);
    } finally {
      team.release(helpers);
    }
    return true;
  }

  /** Blocks for a split move of `len` doubles over `threads` (DIRECT_BLOCKS_PER_THREAD a thread), each a multiple of `unit` entries. */
  private moveBlocks(len: number, threads: number, unit: number): { r: number; blocks: number } {
    const r = unit * Math.ceil(len / (unit * DIRECT_BLOCKS_PER_THREAD * threads));
    return { r, blocks: Math.ceil(len / r) };
  }

  /** T = Sᵀ for S (rows×cols): by blocks of 8 of S's rows (the kernel's tile) on the team when large, else here. */
  private transpose(s: number, t: number, rows: number, cols: number): void {
    const split = this.onTeam(Math.min(Math.ceil(rows / 8), Math.floor((rows * cols) / this.teamMoveMin)) - 1, (threads) => {
      const { r, blocks } = this.moveBlocks(rows, threads, 8);
      return { product: transposeProduct(s, t, rows, cols, r, blocks), workspaces: Array<number>(threads).fill(0) };
    });
    if (!split) this.k.transpose(s, t, rows, cols);
  }

  /**
   * For C = A·Bᵀ (B n×k at byte offset b): Bᵀ (k×n) transposed into the free tail, its byte offset,
   * where the product would take the blocked NT kernel but an NN product of its shape the direct
   * one (the direct kernel on Bᵀ reads B's rows contiguously where packing op(B) for NT reads its
   * columns: 256³ 8.8 → 10.6 GFLOP/s), with B of at least `transposedMinB` doubles (the transpose
   * is not repaid below: 64³ 9.6 → 9.1, 128³ 10.2–10.5 either way); −1 (nothing done) otherwise, or where
   * Bᵀ does not fit.
   */
  private transposedB(b: number, m: number, k: number, n: number): number {
    if (k * n < this.transposedMinB || !this.wantsBlocked(m, k, n, 1) || this.wantsBlocked(m, k, n, 0)) return -1;
    const bytes = 8 * k * n;
    if (this.top + bytes > this.buffer.byteLength) return -1;
    this.scratchHigh = Math.max(this.scratchHigh, this.top + bytes);
    this.transpose(b, this.top, n, k);
    return this.top;
  }

  gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    const a = this.at(A, m * k), b = this.at(B, k * n), c = this.at(C, m * n);
    if (this.threaded(a, b, c, m, k, n, 8 * k, 8, 8 * n, 8, 0)) return;
    if (!this.blocked(a, b, c, m, k, n, 8 * k, 8, 8 * n, 8, 0)) this.k.gemm(a, b, c, m, k, n);
  }

  gemmTN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    const a = this.at(A, k * m), b = this.at(B, k * n), c = this.at(C, m * n);
    if (this.threaded(a, b, c, m, k, n, 8, 8 * m, 8 * n, 8, 0)) return;
    if (!this.blocked(a, b, c, m, k, n, 8, 8 * m, 8 * n, 8, 0)) this.k.gemmTN(a, b, c, m, k, n);
  }

  gemmNT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    const a = this.at(A, m * k), b = this.at(B, n * k), c = this.at(C, m * n);
    const bt = this.transposedB(b, m, k, n);
    if (bt >= 0) {
      // Bᵀ formed, then the direct kernel in NT's order on it: the same sums as the kernels below
      if (!this.threaded(a, bt, c, m, k, n, 8 * k, 8, 8 * n, 8, 1, true)) this.k.gemmStridedSeq(a, bt, c, m, k, n, 8 * k, 8);
      return;
    }
    if (this.threaded(a, b, c, m, k, n, 8 * k, 8, 8, 8 * k, 1)) return;
    if (!this.blocked(a, b, c, m, k, n, 8 * k, 8, 8, 8 * k, 1)) this.k.gemmNT(a, b, c, m, k, n);
  }

  axpy(alpha: number, x: Float64Array, y: Float64Array, len: number = x.length): void {
    const xa = this.at(x, len), ya = this.at(y, len);
    const split = this.onTeam(Math.floor(len / this.teamMoveMin) - 1, (threads) => {
      const { r, blocks } = this.moveBlocks(len, threads, 2);
      return { product: axpyProduct(alpha, xa, ya, len, r, blocks), workspaces: Array<number>(threads).fill(0) };
    });
    if (!split) this.k.axpy(alpha, xa, ya, len);
  }

  residualLoss(w: Float64Array, a: Float64Array, b: Float64Array, c: number, g: Float64Array, len: number): number {
    return this.k.residualLoss(this.at(w, len), this.at(a, len), this.at(b, len), c, this.at(g, len), len);
  }
}

/** The fallback: plain Float64Arrays and the JS kernels of gemm.ts (identical results). */
export class JsArena implements Float64Arena {
  readonly kind = 'js' as const;
  reserve(_totalDoubles: number): void {}
  alloc(n: number): Float64Array {
    return new Float64Array(n);
  }
  copyOf(src: ArrayLike<number>): Float64Array {
    return Float64Array.from(src);
  }
  gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    jsGemm(A, B, C, m, k, n);
  }
  gemmTN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    jsGemmTN(A, B, C, m, k, n);
  }
  gemmNT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    jsGemmNT(A, B, C, m, k, n);
  }
  axpy(alpha: number, x: Float64Array, y: Float64Array, len: number = x.length): void {
    jsAxpy(alpha, x, y, len);
  }
  residualLoss(w: Float64Array, a: Float64Array, b: Float64Array, c: number, g: Float64Array, len: number): number {
    return jsResidualLoss(w, a, b, c, g, len);
  }
}

/**
 * An arena with room for `totalDoubles` (`arenaDoubles` of the buffer lengths): wasm SIMD where
 * available and `wasm` is not false, else the JS fallback.
 */
export function createArena(totalDoubles = 0, opts: { wasm?: boolean; team?: GemmThreads } = {}): Float64Arena {
  if (opts.wasm === false || !wasmSimdAvailable()) return new JsArena();
  const team = opts.team && opts.team.maxHelpers > 0 && wasmThreadsAvailable() ? opts.team : undefined;
  if (team) {
    try {
      return new WasmArena(totalDoubles, { team });
    } catch {
      // a shared memory refused (its 4 GiB maximum is reserved up front): one thread, the same bits
    }
  }
  return new WasmArena(totalDoubles);
}
