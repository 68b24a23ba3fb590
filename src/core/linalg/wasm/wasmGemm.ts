// WebAssembly SIMD (f64x2) versions of the kernels of ../gemm.ts, on Float64Array views of one
// WebAssembly.Memory (an arena). Same semantics as gemm.ts (each product overwrites C) and the same
// order of floating-point operations per entry, so the results agree bit for bit with the JS kernels.
//
// Synchronous: the module (gemm.wat, assembled by scripts/build-wasm.mjs into
// gemmWasm.generated.ts, ~3 KB — under the 4 KB that browsers allow to compile synchronously on a
// main thread) is compiled on first use with `new WebAssembly.Module`. No Node APIs. Where
// WebAssembly SIMD is missing, `createArena` returns a `JsArena`: the same interface on plain
// Float64Arrays and the JS kernels.
import { axpy as jsAxpy, gemm as jsGemm, gemmNT as jsGemmNT, gemmTN as jsGemmTN } from '../gemm';
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

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
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

interface KernelExports {
  gemm(A: number, B: number, C: number, m: number, k: number, n: number): void;
  gemmTN(A: number, B: number, C: number, m: number, k: number, n: number): void;
  gemmNT(A: number, B: number, C: number, m: number, k: number, n: number): void;
  axpy(alpha: number, x: number, y: number, len: number): void;
}

const PAGE = 65536;

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

  /** Throws where WebAssembly SIMD is unavailable (see `createArena` for the fallback). */
  constructor(totalDoubles = 0) {
    const module = kernelModule();
    if (!module) throw new Error('WebAssembly SIMD is not available');
    this.memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((16 + 8 * totalDoubles) / PAGE)) });
    this.k = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as KernelExports;
    this.buffer = this.memory.buffer;
  }

  /** Bytes in use. */
  get usedBytes(): number {
    return this.top;
  }

  /** Doubles still free without growing. */
  get freeDoubles(): number {
    return (this.buffer.byteLength - this.top) >> 3;
  }

  reserve(totalDoubles: number): void {
    const need = this.top + 8 * Math.ceil(totalDoubles);
    if (need <= this.buffer.byteLength) return;
    if (this.allocated) throw new Error('WasmArena.reserve after alloc would grow the memory and detach the buffers; reserve the total first');
    this.memory.grow(Math.ceil((need - this.buffer.byteLength) / PAGE));
    this.buffer = this.memory.buffer;
  }

  alloc(n: number): Float64Array {
    const bytes = 8 * ((n + 1) & ~1);
    if (this.top + bytes > this.buffer.byteLength) {
      if (this.allocated) throw new Error(`WasmArena is full (${n} doubles asked, ${this.freeDoubles} free): reserve the total before allocating`);
      this.reserve((this.top + bytes - 16) / 8);
    }
    const view = new Float64Array(this.buffer, this.top, n); // zeroed: memory is never reused
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

  gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    this.k.gemm(this.at(A, m * k), this.at(B, k * n), this.at(C, m * n), m, k, n);
  }

  gemmTN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    this.k.gemmTN(this.at(A, k * m), this.at(B, k * n), this.at(C, m * n), m, k, n);
  }

  gemmNT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
    this.k.gemmNT(this.at(A, m * k), this.at(B, n * k), this.at(C, m * n), m, k, n);
  }

  axpy(alpha: number, x: Float64Array, y: Float64Array, len: number = x.length): void {
    this.k.axpy(alpha, this.at(x, len), this.at(y, len), len);
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
}

/**
 * An arena with room for `totalDoubles` (`arenaDoubles` of the buffer lengths): wasm SIMD where
 * available and `wasm` is not false, else the JS fallback.
 */
export function createArena(totalDoubles = 0, opts: { wasm?: boolean } = {}): Float64Arena {
  if (opts.wasm !== false && wasmSimdAvailable()) return new WasmArena(totalDoubles);
  return new JsArena();
}
