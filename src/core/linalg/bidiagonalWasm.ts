// The unblocked bidiagonalization, values only, on WebAssembly SIMD (wasm/bidiagonal.wat): the
// same operations in the same order as bidiagonalize.ts's bidiagonalizeUnblocked with keep = false,
// so the same bits; null where WebAssembly SIMD is unavailable (the caller runs the JS loop). One
// instance with its own memory, grown to the largest matrix seen.
import { bidiagonalWasmBase64 } from './wasm/bidiagonalWasm.generated';
import { growTo, moduleWithOwnMemory } from './wasm/onArena';
import type { BidiagonalReflectors } from './bidiagonalize';

interface BidiagonalExports {
  bidiagonalize(A: number, m: number, n: number, d: number, e: number, w: number, v: number, u: number, keep: number, lv: number, lb: number, rv: number, rb: number, z: number): void;
  applyReflectors(V: number, B: number, K: number, len0: number, s: number, X: number, q: number, xlen: number): void;
}

const instance = moduleWithOwnMemory<BidiagonalExports>(bidiagonalWasmBase64);

/** Bytes of the kernel's own memory now (0 before its first use): it grows to the largest matrix seen (budget.ts recordKernelDoubles). */
export function bidiagonalKernelBytes(): number {
  return instance.peek()?.memory.buffer.byteLength ?? 0;
}

/** Whether the kernel can run here. */
export function bidiagonalWasmAvailable(): boolean {
  return instance() !== null;
}

/**
 * x ← P_0(P_1(⋯P_{K−1} x)) for each x of xs (all of one length), P_j = I − β_j v_j v_jᵀ on x's
 * coordinates shift + j …, v_j = V[j] of length V[0].length − j (a bidiagonalization's kept
 * reflectors: left with shift 0, right with shift 1): the operations of topSingularVectors.ts's
 * JS loop (vᵀx by gemm.ts dot4's four partial sums, then x −= (β vᵀx) v), in its order per vector,
 * on the kernel (applyReflectors); false (nothing done) where the kernel cannot run.
 */
export function applyReflectorsWasm(V: readonly Float64Array[], betas: Float64Array, shift: number, xs: readonly Float64Array[]): boolean {
  const inst = instance();
  const K = V.length;
  if (!inst) return false;
  if (K === 0 || xs.length === 0) return true; // nothing to apply
  const len0 = V[0].length;
  const xlen = xs[0].length;
  for (let j = 0; j < K; j++) if (V[j].length !== len0 - j) return false;
  if (xs.some((x) => x.length !== xlen) || shift + len0 > xlen) return false;
  const vLen = K * len0 - (K * (K - 1)) / 2;
  const vOff = 2; // in doubles: byte 16
  const bOff = vOff + vLen;
  const xOff = bOff + K + (K & 1); // 16-byte aligned
  if (!growTo(inst, 8 * (xOff + xs.length * xlen))) return false;
  const mem = new Float64Array(inst.memory.buffer);
  for (let j = 0, o = vOff; j < K; o += len0 - j, j++) mem.set(V[j], o);
  mem.set(betas.subarray(0, K), bOff);
  xs.forEach((x, t) => mem.set(x, xOff + t * xlen));
  inst.k.applyReflectors(8 * vOff, 8 * bOff, K, len0, shift, 8 * xOff, xs.length, xlen);
  xs.forEach((x, t) => x.set(mem.subarray(xOff + t * xlen, xOff + (t + 1) * xlen)));
  return true;
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
  // byte offsets are i32 in the kernel: past 2 GiB, or where the memory cannot grow, the JS loop (the same bits)
  if (!growTo(inst, 8 * (zOff + n))) return undefined;
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
