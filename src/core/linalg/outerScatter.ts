// Σ_t x_t x_tᵀ (upper triangle) accumulated from the rows' nonzero entries into a dense d×d matrix
// on an arena: the f64x2-free scatter kernel wasm/outerScatter.wat on the arena's memory, or the JS
// loop below where there is none; both add the same products in the same order (the same bits).
// The sparse route of the sample moments (src/core/data/empirical.ts; MNIST's pixels are ~80 % zero).
import { outerScatterWasmBase64 } from './wasm/outerScatterWasm.generated';
import { moduleOnArena } from './wasm/onArena';
import type { Float64Arena } from './wasm/wasmGemm';

interface ScatterExports {
  scatter(S: number, d: number, idx: number, val: number, start: number, rows: number): void;
}

const kernelOn = moduleOnArena<ScatterExports>(outerScatterWasmBase64);

/** A chunk's rows by their nonzero entries: row t's are idx/val[start[t] … start[t + 1] − 1]. */
export interface SparseRows {
  idx: Int32Array;
  val: Float64Array;
  start: Int32Array;
}

/** Room for `rows` rows of at most `d` nonzeros on the arena (arenaDoubles: sparseRowsDoubles). */
export function allocSparseRows(arena: Float64Arena, rows: number, d: number): SparseRows {
  const i = arena.alloc(Math.ceil((rows * d) / 2));
  const s = arena.alloc(Math.ceil((rows + 1) / 2));
  return {
    idx: new Int32Array(i.buffer, i.byteOffset, rows * d),
    val: arena.alloc(rows * d),
    start: new Int32Array(s.buffer, s.byteOffset, rows + 1),
  };
}

/** The doubles allocSparseRows takes. */
export function sparseRowsDoubles(rows: number, d: number): number[] {
  return [Math.ceil((rows * d) / 2), Math.ceil((rows + 1) / 2), rows * d];
}

/** S[idx_a][idx_b] += val_a·val_b, a ≤ b, for rows 0 … rows − 1 (S d×d on the arena, like `x`). */
export function scatterOuter(arena: Float64Arena, S: Float64Array, d: number, x: SparseRows, rows: number): void {
  const k = kernelOn(arena);
  if (k && S.buffer === x.val.buffer && S.buffer === x.idx.buffer) {
    k.scatter(S.byteOffset, d, x.idx.byteOffset, x.val.byteOffset, x.start.byteOffset, rows);
    return;
  }
  for (let t = 0; t < rows; t++) scatterRowJs(S, d, x, t);
}

/** Row t of x into S by the JS loop (the kernel's operations, unrolled by 4). */
export function scatterRowJs(S: Float64Array, d: number, x: SparseRows, t: number): void {
  const { idx, val, start } = x;
  const c0 = start[t];
  const c1 = start[t + 1];
  for (let a = c0; a < c1; a++) {
    const va = val[a];
    const row = idx[a] * d;
    let b = a;
    for (; b + 3 < c1; b += 4) {
      S[row + idx[b]] += va * val[b];
      S[row + idx[b + 1]] += va * val[b + 1];
      S[row + idx[b + 2]] += va * val[b + 2];
      S[row + idx[b + 3]] += va * val[b + 3];
    }
    for (; b < c1; b++) S[row + idx[b]] += va * val[b];
  }
}
