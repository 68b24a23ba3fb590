// A small WebAssembly module instantiated on an arena's own memory (WasmArena.memory), so its
// kernels run on the arena's buffers beside gemm.wat's: rotations.wat, outerScatter.wat. One
// instance per memory; null where there is no wasm arena, no SIMD, or the memory is shared (a
// threaded arena: the modules import a plain memory) — the callers then run their JS loops (the same bits).
// Or a module on a memory of its own (`moduleWithOwnMemory`: bidiagonal.wat, dqds.wat, distances.wat),
// which its caller grows and copies its arrays into.
import { decodeBase64, wasmSimdAvailable, type Float64Arena } from './wasmGemm';


/** The exports of the module (base64) on `arena`'s memory, or null (see the file's head). */
export function moduleOnArena<T>(base64: string): (arena: Float64Arena) => T | null {
  let compiled: WebAssembly.Module | null | undefined;
  const instances = new WeakMap<WebAssembly.Memory, T | null>();
  return (arena) => {
    const memory = arena.kind === 'wasm' ? (arena as { memory?: WebAssembly.Memory }).memory : undefined;
    if (!memory) return null;
    const known = instances.get(memory);
    if (known !== undefined) return known;
    let k: T | null = null;
    try {
      if (compiled === undefined) compiled = wasmSimdAvailable() ? new WebAssembly.Module(decodeBase64(base64)) : null;
      if (compiled) k = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as T;
    } catch {
      k = null;
    }
    instances.set(memory, k);
    return k;
  };
}

/** A module's instance on a memory of its own, and that memory. */
export interface OwnMemoryKernel<T> {
  memory: WebAssembly.Memory;
  k: T;
}

/** The most bytes such a kernel addresses (i32 offsets, less a page). */
export const MAX_KERNEL_BYTES = 2 ** 31 - 65536;

/**
 * The module (base64) instantiated once, at first call, on a fresh memory of one page; null where
 * WebAssembly SIMD is unavailable (the callers run their JS loops). `peek` gives it without
 * instantiating (null before the first call).
 */
export function moduleWithOwnMemory<T>(base64: string): { (): OwnMemoryKernel<T> | null; peek(): OwnMemoryKernel<T> | null } {
  let kernel: OwnMemoryKernel<T> | null | undefined;
  const get = () => {
    if (kernel !== undefined) return kernel;
    kernel = null;
    try {
      if (wasmSimdAvailable()) {
        const memory = new WebAssembly.Memory({ initial: 1 });
        kernel = { memory, k: new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(base64)), { env: { memory } }).exports as unknown as T };
      }
    } catch {
      kernel = null;
    }
    return kernel;
  };
  return Object.assign(get, { peek: () => kernel ?? null });
}

/** The kernel's memory grown to at least `bytes`; false where it cannot be, or its i32 offsets would not reach. */
export function growTo(kernel: { memory: WebAssembly.Memory }, bytes: number): boolean {
  if (bytes > MAX_KERNEL_BYTES) return false;
  const have = kernel.memory.buffer.byteLength;
  if (have >= bytes) return true;
  try {
    kernel.memory.grow(Math.ceil((bytes - have) / 65536));
    return true;
  } catch {
    return false;
  }
}
