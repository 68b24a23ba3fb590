// The reduced-rank distances on WebAssembly SIMD (wasm/distances.wat): theory/reducedRank.ts
// reducedRankDistancesOf's operations in its order, so the same bits. One instance with its own
// memory, grown to the largest W seen; each call copies W, the terms' factors in and ‖W − W^{k,*}‖²
// out. Null where WebAssembly SIMD is unavailable (the caller runs the JS loop).
import { distancesWasmBase64 } from './wasm/distancesWasm.generated';
import { decodeBase64, wasmSimdAvailable } from './wasm/wasmGemm';

interface DistancesExports {
  distances(W: number, L: number, R: number, d: number, p: number, r: number, blockRows: number, block: number, rowSq: number, sq: number): void;
}

let kernel: { memory: WebAssembly.Memory; k: DistancesExports } | null | undefined;

function instance(): { memory: WebAssembly.Memory; k: DistancesExports } | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    if (wasmSimdAvailable()) {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const k = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(distancesWasmBase64)), { env: { memory } }).exports as unknown as DistancesExports;
      kernel = { memory, k };
    }
  } catch {
    kernel = null;
  }
  return kernel;
}

/** The kernel's i32 offsets reach this far (less a page). */
const MAX_BYTES = 2 ** 31 - 65536;

/**
 * ‖W − W^{k,*}‖²_F for k = 0 … r (the squares; W d×p, left d×r, rightRows r×p, blockRows rows of W
 * at a time), or null where the kernel does not run here or the arrays would not fit its memory.
 */
export function reducedRankSquaresWasm(W: Float64Array, left: Float64Array, rightRows: Float64Array, d: number, p: number, r: number, blockRows: number): Float64Array | null {
  const inst = instance();
  if (!inst) return null;
  const doubles = [d * p, d * r, r * p, blockRows * p, blockRows, r + 1];
  const at: number[] = [];
  let top = 16;
  for (const n of doubles) {
    at.push(top);
    top += 8 * ((n + 1) & ~1);
  }
  if (top > MAX_BYTES) return null;
  const have = inst.memory.buffer.byteLength;
  if (have < top) {
    try {
      inst.memory.grow(Math.ceil((top - have) / 65536));
    } catch {
      return null;
    }
  }
  const buf = inst.memory.buffer;
  new Float64Array(buf, at[0], d * p).set(W.subarray(0, d * p));
  new Float64Array(buf, at[1], d * r).set(left.subarray(0, d * r));
  new Float64Array(buf, at[2], r * p).set(rightRows.subarray(0, r * p));
  inst.k.distances(at[0], at[1], at[2], d, p, r, blockRows, at[3], at[4], at[5]);
  return Float64Array.from(new Float64Array(buf, at[5], r + 1));
}
