// Helpers for the completion tests: an experiment text around a completion data section, the
// float64 engine, and a CompletionProblem built by hand.
import type { DataIO } from '../../../src/core/data/index';
import { createFloat64Engine } from '../../../src/core/dynamics/float64Engine';
import type { EngineChoice } from '../../../src/core/dynamics/run';
import { lowRankMatrix } from '../../../src/core/data/completion';
import { createRng } from '../../../src/core/data/rng';
import type { CompletionProblem } from '../../../src/core/types';

export const float64: EngineChoice = { factory: createFloat64Engine, backend: 'js', precision: 'float64' };

/** A DataIO with no files (synthetic completion needs none). */
export const noFiles: DataIO = {
  async readFile(rel: string) {
    throw Object.assign(new Error(`ENOENT: ${rel}`), { code: 'ENOENT' });
  },
};

export function completionText(fields: Record<string, unknown>): string {
  return JSON.stringify({ compute: { backend: 'js' }, ...fields });
}

/** M = A Bᵀ (rows×cols, rank r, ‖M‖_F² = rows·cols) with `observed` entries, or every entry. */
export function problemOf(rows: number, cols: number, rank: number, mask: Uint8Array | 'all', seed = 0): CompletionProblem {
  const matrix = lowRankMatrix(rows, cols, rank, createRng(seed).fork('test'));
  const m = mask === 'all' ? new Uint8Array(rows * cols).fill(1) : mask;
  return { kind: 'completion', rows, cols, matrix, mask: m, observedCount: m.reduce((a, b) => a + b, 0), hasGroundTruth: true };
}

/** A uniform mask with `observed` entries (every row and column of a 30×30 at 60 % is covered). */
export function randomMask(total: number, observed: number, seed = 1): Uint8Array {
  const rng = createRng(seed);
  const idx = Array.from({ length: total }, (_, i) => i);
  for (let k = 0; k < observed; k++) {
    const j = k + rng.int(total - k);
    [idx[k], idx[j]] = [idx[j], idx[k]];
  }
  const mask = new Uint8Array(total);
  for (let k = 0; k < observed; k++) mask[idx[k]] = 1;
  return mask;
}
