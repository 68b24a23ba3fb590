import { createProblemCache } from '../../../src/core/data/index';
import { createFloat64Engine } from '../../../src/core/dynamics/float64Engine';
import { prepareExperiment, runExperiment, type Prepared } from '../../../src/core/lab';
import type { Results } from '../../../src/core/types';

const noFiles = { readFile: async (p: string): Promise<Uint8Array> => { throw new Error(`no file ${p}`); } };

export async function prepare(experiment: unknown): Promise<Prepared> {
  return prepareExperiment(JSON.stringify(experiment), noFiles, createProblemCache());
}

export async function runJs(experiment: unknown, signal?: AbortSignal): Promise<Results> {
  const prepared = await prepare(experiment);
  if (prepared.refused) throw new Error(JSON.stringify(prepared.diagnostics));
  return runExperiment(prepared, { engineFor: () => ({ factory: createFloat64Engine, backend: 'js', precision: 'float64' }), signal });
}

/** max_i |a_i − b_i| / max(1, |b_i|) over two tables (null entries must agree). */
export function maxRelDiff(a: Array<Array<number | null>>, b: Array<Array<number | null>>): number {
  let worst = 0;
  a.forEach((row, k) => row.forEach((x, i) => {
    const y = b[k][i];
    if (x === null || y === null) {
      if (x !== y) worst = Infinity;
      return;
    }
    worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(y)));
  }));
  return worst;
}

/** Σx = Q diag(sx) Qᵀ and Σxy = Q diag(sxy) Qᵀ: commuting moments with a non-trivial basis Q. */
export function commutingMoments(sx: number[], sxy: number[]): { sigmaX: number[][]; sigmaXY: number[][] } {
  const d = sx.length;
  // Q: a Householder reflection I − 2vvᵀ/‖v‖² (orthogonal, not diagonal)
  const v = Array.from({ length: d }, (_, i) => 1 + i * 0.37);
  const vv = v.reduce((s, x) => s + x * x, 0);
  const Q = v.map((vi, i) => v.map((vj, j) => (i === j ? 1 : 0) - (2 * vi * vj) / vv));
  const build = (diag: number[]) => Q.map((_, i) => Q.map((_, j) => diag.reduce((s, g, k) => s + Q[i][k] * g * Q[j][k], 0)));
  return { sigmaX: build(sx), sigmaXY: build(sxy) };
}
