// What the blocked Householder reductions (bidiagonalBlocked.ts, LAPACK dgebrd; tridiagonalBlocked.ts,
// LAPACK dsytrd) share: their options (LAPACK's nb and nx) and a workspace of buffers on one arena,
// kept for the last shape each routine saw (records repeat one shape).
import { arenaDoubles, createArena, type Float64Arena } from './wasm/wasmGemm';

export interface BlockedOptions {
  /** Panel width b (LAPACK's nb); default 16 (the panel's own products, O(b·n) per column in JS, against the gemm's rank). */
  block?: number;
  /** Columns left to the unblocked reduction (LAPACK's nx); default 128, at least `block`. */
  crossover?: number;
  /** Where the kernels run: default a cached arena (createArena: wasm SIMD where available). */
  arena?: (totalDoubles: number) => Float64Arena;
}

/** b and nx for n columns: the options', else the routine's defaults. */
export function panelSizes(opts: BlockedOptions, n: number, defaults: { block: number; crossover: number } = { block: 16, crossover: 128 }): { b: number; nx: number } {
  const b = Math.max(1, Math.min(opts.block ?? defaults.block, n));
  return { b, nx: Math.max(opts.crossover ?? defaults.crossover, b) };
}

/** One routine's workspace cache: buffers of these lengths on one arena, reused while the key repeats (and no arena is given). */
export function workspaceCache(): (key: string, lengths: number[], make: ((t: number) => Float64Arena) | undefined) => { arena: Float64Arena; buffers: Float64Array[] } {
  let cached: { key: string; arena: Float64Arena; buffers: Float64Array[] } | null = null;
  return (key, lengths, make) => {
    if (!make && cached && cached.key === key) return cached;
    const arena = (make ?? createArena)(arenaDoubles(lengths));
    const ws = { key, arena, buffers: lengths.map((len) => arena.alloc(len)) };
    if (!make) cached = ws;
    return ws;
  };
}
