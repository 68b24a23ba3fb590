// dqds' transform on WebAssembly (wasm/dqds.wat): the same operations in the same order as
// bidiagonalValues.ts's `transform`, so the same bits, without the JS loop's bounds checks; its
// arrays live in the kernel's own memory (`work`), grown to the largest block seen. Null where
// WebAssembly SIMD is unavailable: dqds runs the JS loop.
import { dqdsWasmBase64 } from './wasm/dqdsWasm.generated';
import { growTo, moduleWithOwnMemory } from './wasm/onArena';

interface DqdsExports {
  transform(q: number, e: number, qn: number, en: number, dk: number, pm: number, i0: number, n0: number, stop: number, tau: number, splitTol: number): number;
}

export interface DqdsKernel {
  /** A view of at least `doubles` doubles on the kernel's memory (earlier views are void once it grows). */
  work(doubles: number): Float64Array;
  /** bidiagonalValues.ts `transform` on arrays of `work`'s memory, each given by its byte offset; 1 where it returns true. */
  transformAt(q: number, e: number, qn: number, en: number, dk: number, pm: number, i0: number, n0: number, stop: number, tau: number, splitTol: number): number;
}

const instance = moduleWithOwnMemory<DqdsExports>(dqdsWasmBase64);
let kernel: DqdsKernel | null | undefined;

/** The kernel, or null where WebAssembly SIMD (or the memory it needs) is unavailable. */
export function dqdsKernel(): DqdsKernel | null {
  if (kernel !== undefined) return kernel;
  const inst = instance();
  if (!inst) return (kernel = null);
  let view = new Float64Array(inst.memory.buffer);
  kernel = {
    work(doubles) {
      if (view.length < doubles) {
        if (!growTo(inst, 8 * doubles)) throw new Error('dqds: the kernel memory cannot grow');
        view = new Float64Array(inst.memory.buffer);
      }
      return view;
    },
    transformAt: inst.k.transform,
  };
  return kernel;
}
