// dqds' transform on WebAssembly (wasm/dqds.wat): the same operations in the same order as
// bidiagonalValues.ts's `transform`, so the same bits, without the JS loop's bounds checks; its
// arrays live in the kernel's own memory (`work`), grown to the largest block seen. Null where
// WebAssembly is unavailable: dqds runs the JS loop.
import { dqdsWasmBase64 } from './wasm/dqdsWasm.generated';
import { decodeBase64 } from './wasm/wasmGemm';

interface DqdsExports {
  transform(q: number, e: number, qn: number, en: number, dk: number, pm: number, i0: number, n0: number, stop: number, tau: number, splitTol: number): number;
}

export interface DqdsKernel {
  /** A view of at least `doubles` doubles on the kernel's memory (earlier views are void once it grows). */
  work(doubles: number): Float64Array;
  /** bidiagonalValues.ts `transform` on arrays of `work`'s memory, each given by its byte offset; 1 where it returns true. */
  transformAt(q: number, e: number, qn: number, en: number, dk: number, pm: number, i0: number, n0: number, stop: number, tau: number, splitTol: number): number;
}

let kernel: DqdsKernel | null | undefined;

function create(): DqdsKernel | null {
  if (typeof WebAssembly === 'undefined') return null;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const k = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(dqdsWasmBase64)), { env: { memory } }).exports as unknown as DqdsExports;
  let view = new Float64Array(memory.buffer);
  return {
    work(doubles) {
      if (view.length < doubles) {
        memory.grow(Math.ceil((8 * doubles - memory.buffer.byteLength) / 65536));
        view = new Float64Array(memory.buffer);
      }
      return view;
    },
    transformAt: k.transform,
  };
}

/** The kernel, or null where WebAssembly (or its memory) is unavailable. */
export function dqdsKernel(): DqdsKernel | null {
  if (kernel === undefined) {
    try {
      kernel = create();
    } catch {
      kernel = null;
    }
  }
  return kernel;
}
