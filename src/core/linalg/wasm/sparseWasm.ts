// The products over Ω of ../sparse.ts on an arena: the WebAssembly SIMD loops of sparse.wat on a
// WasmArena's memory (onArena.ts: an instance on that memory; the module assembled with its memory
// imported as shared for a threaded arena), else the JS loops of sparse.ts on plain arrays — the
// same order of operations, the same bits. The kernels run on the calling thread only (no team:
// |Ω|·width multiply-adds are too few to split).
import { sampledProduct, sparseTimesTransposed, transposeInto, transposedTimesSparse, type ObservedPattern } from '../sparse';
import { moduleOnArena } from './onArena';
import { sparseSharedWasmBase64 } from './sparseSharedWasm.generated';
import { sparseWasmBase64 } from './sparseWasm.generated';
import type { Float64Arena } from './wasmGemm';

/** The products of sparse.ts, each on buffers of one arena (Ω's index arrays too: `int32`). */
export interface SparseKernels {
  /** sparse.wat's loops or sparse.ts's. */
  readonly kind: 'wasm' | 'js';
  /** An int32 array of n entries in the arena (Ω's index arrays must be there for the wasm loops). */
  int32(n: number): Int32Array;
  /** sparse.ts sampledProduct. */
  sampled(A: Float64Array, Bt: Float64Array, k: number, omega: ObservedPattern, out: Float64Array): void;
  /** sparse.ts sparseTimesTransposed. */
  sparseNT(g: Float64Array, omega: ObservedPattern, Bt: Float64Array, n: number, C: Float64Array): void;
  /** sparse.ts transposedTimesSparse; `scratch`: sparseTNScratch(m, rows) doubles of the arena. */
  sparseTN(A: Float64Array, m: number, omega: ObservedPattern, g: Float64Array, Ct: Float64Array, scratch: Float64Array): void;
  /** Bt (n×m) = Bᵀ for B (m×n). */
  transpose(B: Float64Array, m: number, n: number, Bt: Float64Array): void;
}

/** The scratch sparseTN takes: a block's row (m, the JS loop) or a column's list of entries (2·rows, sparse.wat). */
export const sparseTNScratch = (m: number, rows: number): number => Math.max(m, 2 * rows);

/** The doubles `int32(n)` takes from the arena (for workspace sizes). */
export const int32Doubles = (n: number): number => (n + 1) >> 1;

function int32In(arena: Float64Arena, n: number): Int32Array {
  const f = arena.alloc(int32Doubles(n));
  return new Int32Array(f.buffer, f.byteOffset, n);
}

interface SparseExports {
  sampled(A: number, Bt: number, k: number, rowOf: number, colOf: number, count: number, out: number): void;
  sparseNT(g: number, rowStart: number, colOf: number, rows: number, Bt: number, n: number, C: number): void;
  sparseTN(A: number, m: number, colStart: number, colEntry: number, blockStart: number, rowOf: number, cols: number, g: number, Ct: number, scratch: number): void;
  transpose(B: number, m: number, n: number, Bt: number): void;
}

// a plain memory links only the first, a shared one only the second (null: the JS loops)
const onPlainMemory = moduleOnArena<SparseExports>(sparseWasmBase64);
const onSharedMemory = moduleOnArena<SparseExports>(sparseSharedWasmBase64);

/** The JS loops of sparse.ts (any arena). */
export function jsSparseKernels(arena: Float64Arena): SparseKernels {
  return {
    kind: 'js',
    int32: (n) => int32In(arena, n),
    sampled: sampledProduct,
    sparseNT: sparseTimesTransposed,
    sparseTN: transposedTimesSparse,
    transpose: transposeInto,
  };
}

/** The kernels for `arena`'s buffers: sparse.wat's on a WasmArena, else the JS loops. */
export function sparseKernelsFor(arena: Float64Arena): SparseKernels {
  const x = onPlainMemory(arena) ?? onSharedMemory(arena);
  if (!x) return jsSparseKernels(arena);
  const memory = (arena as unknown as { memory: WebAssembly.Memory }).memory;
  const at = (a: Float64Array | Int32Array): number => {
    if (a.buffer !== memory.buffer) throw new Error('sparse kernels: a buffer that is not from this arena');
    return a.byteOffset;
  };
  return {
    kind: 'wasm',
    int32: (n) => int32In(arena, n),
    sampled(A, Bt, k, omega, out) {
      x.sampled(at(A), at(Bt), k, at(omega.rowOf), at(omega.colOf), omega.count, at(out));
    },
    sparseNT(g, omega, Bt, n, C) {
      x.sparseNT(at(g), at(omega.rowStart), at(omega.colOf), omega.rows, at(Bt), n, at(C));
    },
    sparseTN(A, m, omega, g, Ct, scratch) {
      if (scratch.length < 2 * omega.rows) throw new Error('sparseTN: scratch shorter than 2·rows');
      x.sparseTN(at(A), m, at(omega.colStart), at(omega.colEntry), at(omega.colBlockStart), at(omega.rowOf), omega.cols, at(g), at(Ct), at(scratch));
    },
    transpose(B, m, n, Bt) {
      x.transpose(at(B), m, n, at(Bt));
    },
  };
}
