// The unblocked bidiagonalization, values only, on WebAssembly SIMD (wasm/bidiagonal.wat): the
// same operations in the same order as bidiagonalize.ts's bidiagonalizeUnblocked with keep = false,
// so the same bits; null where WebAssembly SIMD is unavailable (the caller runs the JS loop). One
// instance with its own memory, grown to the largest matrix seen.
import { bidiagonalWasmBase64 } from './wasm/bidiagonalWasm.generated';
import { decodeBase64, wasmSimdAvailable } from './wasm/wasmGemm';
import type { BidiagonalReflectors } from './bidiagonalize';

interface BidiagonalExports {
  bidiagonalize(A: number, m: number, n: number, d: number, e: number, w: number, v: number, u: number, keep: number, lv: number, lb: number, rv: number, rb: number, z: number): void;
}

/** The most bytes the kernel addresses (i32 offsets, less a page). */
const MAX_KERNEL_BYTES = 2 ** 31 - 65536;

let kernel: { memory: WebAssembly.Memory; k: BidiagonalExports } | null | undefined;


function instance(): { memory: WebAssembly.Memory; k: BidiagonalExports } | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    if (wasmSimdAvailable()) {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const k = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(bidiagonalWasmBase64)), { env: { memory } }).exports as unknown as BidiagonalExports;
      kernel = { memory, k };
    }
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Bytes of the kernel's own memory now (0 before its first use): it grows to the largest matrix seen (budget.ts recordKernelDoubles). */
export function bidiagonalKernelBytes(): number {
  return kernel ? kernel.memory.buffer.byteLength : 0;
}

/** Whether the kernel can run here. */
export function bidiagonalWasmAvailable(): boolean {
  return instance() !== null;
}

/**
 * The bidiagonal of the m×n (m ≥ n) row-major A (not modified): diagonal into d[0…n−1],
 * superdiagonal into e[0…n−2], e[n−1] = 0, and with `keep` the reflectors, as
 * bidiagonalizeUnblocked(copy of A, m, n, d, e, keep) gives them (the same bits). Undefined (nothing
 * written) where the kernel cannot run; null when not kept.
 */
export function bidiagonalizeWasm(A: ArrayLike<number>, m: number, n: number, d: Float64Array, e: Float64Array, keep: boolean): BidiagonalReflectors | null | undefined {
  const inst = instance();
  if (!inst) return undefined;
  // left vectors Σ (m − k), right Σ (n − k − 1)
  const lvLen = keep ? n * m - (n * (n - 1)) / 2 : 0;
  const rvLen = keep ? (n * (n - 1)) / 2 : 0;
  const a = 2; // in doubles: byte 16
  const dOff = a + m * n;
  const eOff = dOff + n;
  const wOff = eOff + n;
  const vOff = wOff + n;
  const uOff = vOff + m;
  const lvOff = uOff + n;
  const lbOff = lvOff + lvLen;
  const rvOff = lbOff + (keep ? n : 0);
  const rbOff = rvOff + rvLen;
  const zOff = rbOff + (keep ? n : 0);
  const bytes = 8 * (zOff + n);
  // byte offsets are i32 in the kernel: past 2 GiB, or where the memory cannot grow, the JS loop (the same bits)
  if (bytes > MAX_KERNEL_BYTES) return undefined;
  const have = inst.memory.buffer.byteLength;
  if (have < bytes) {
    try {
      inst.memory.grow(Math.ceil((bytes - have) / 65536));
    } catch {
      return undefined;
    }
  }
  const mem = new Float64Array(inst.memory.buffer);
  mem.set(A as ArrayLike<number>, a);
  if (keep) mem[rbOff + n - 1] = 0; // no right reflector at k = n − 1
  inst.k.bidiagonalize(8 * a, m, n, 8 * dOff, 8 * eOff, 8 * wOff, 8 * vOff, 8 * uOff, keep ? 1 : 0, 8 * lvOff, 8 * lbOff, 8 * rvOff, 8 * rbOff, 8 * zOff);
  d.set(mem.subarray(dOff, dOff + n));
  e.set(mem.subarray(eOff, eOff + n));
  if (!keep) return null;
  const kept = mem.slice(lvOff, rbOff + n);
  const leftV: Float64Array[] = [];
  const rightV: Float64Array[] = [];
  for (let k = 0, o = 0; k < n; o += m - k, k++) leftV.push(kept.subarray(o, o + m - k));
  const r0 = rvOff - lvOff;
  for (let k = 0, o = r0; k < n - 1; o += n - k - 1, k++) rightV.push(kept.subarray(o, o + n - k - 1));
  return { leftV, leftB: kept.slice(lbOff - lvOff, lbOff - lvOff + n), rightV, rightB: kept.slice(rbOff - lvOff, rbOff - lvOff + n) };
}
