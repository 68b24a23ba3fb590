// A small WebAssembly module instantiated on an arena's own memory (WasmArena.memory), so its
// kernels run on the arena's buffers beside gemm.wat's: rotations.wat, outerScatter.wat. One
// instance per memory; null where there is no wasm arena, no SIMD, or the memory is shared (a
// threaded arena: the modules import a plain memory) — the callers then run their JS loops (the same bits).
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
