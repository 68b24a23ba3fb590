// The reduced-rank distances on WebAssembly SIMD (wasm/distances.wat): theory/reducedRank.ts
// reducedRankDistancesOf's operations in its order, so the same bits. One instance with its own
// memory, grown to the largest call seen: the terms' right factors (r×p) and one block of rows of W
// and of the left factors at a time, copied in, ‖W − W^{k,*}‖² out — about the memory the JS loop
// holds (budget.ts recordKernelDoubles). Null where WebAssembly SIMD is unavailable or the arrays
// would not fit (the caller runs the JS loop).
import { distancesWasmBase64 } from './wasm/distancesWasm.generated';
import { growTo, moduleWithOwnMemory } from './wasm/onArena';

interface DistancesExports {
  distancesBlock(Lb: number, R: number, block: number, rows: number, p: number, r: number, rowSq: number, sq: number): void;
}

const instance = moduleWithOwnMemory<DistancesExports>(distancesWasmBase64);

/** Bytes of the kernel's own memory now (0 before its first use). */
export function distancesKernelBytes(): number {
  return instance.peek()?.memory.buffer.byteLength ?? 0;
}

/**
 * ‖W − W^{k,*}‖²_F for k = 0 … r (W d×p, left d×r, rightRows r×p, blockRows rows at a time), or null
 * where the kernel does not run here.
 */
export function reducedRankSquaresWasm(W: Float64Array, left: Float64Array, rightRows: Float64Array, d: number, p: number, r: number, blockRows: number): Float64Array | null {
  const inst = instance();
  if (!inst) return null;
  const lengths = [r * p, blockRows * r, blockRows * p, blockRows, r + 1];
  const at: number[] = [];
  let top = 16;
  for (const n of lengths) {
    at.push(top);
    top += 8 * ((n + 1) & ~1);
  }
  if (!growTo(inst, top)) return null;
  const buf = inst.memory.buffer;
  new Float64Array(buf, at[0], r * p).set(rightRows.subarray(0, r * p));
  const Lb = new Float64Array(buf, at[1], blockRows * r);
  const block = new Float64Array(buf, at[2], blockRows * p);
  const sq = new Float64Array(buf, at[4], r + 1).fill(0);
  for (let a0 = 0; a0 < d; a0 += blockRows) {
    const rows = Math.min(blockRows, d - a0);
    block.set(W.subarray(a0 * p, (a0 + rows) * p));
    Lb.set(left.subarray(a0 * r, (a0 + rows) * r));
    inst.k.distancesBlock(at[1], at[0], at[2], rows, p, r, at[3], at[4]);
  }
  return Float64Array.from(sq);
}
