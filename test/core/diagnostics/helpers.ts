// Builders for the diagnostics tests: an experiment read through readExperiment, and a moments
// problem straight from Σx, Σxy (diagonals as number arrays, full matrices as nested arrays).
import assert from 'node:assert/strict';
import { readExperiment } from '../../../src/core/experiment/index';
import type { Experiment, Mat, MomentsProblem } from '../../../src/core/types';

export function mat(m: number[] | number[][]): Mat {
  if (typeof m[0] === 'number') {
    const v = m as number[];
    const data = new Float64Array(v.length * v.length);
    v.forEach((x, i) => (data[i * v.length + i] = x));
    return { rows: v.length, cols: v.length, data };
  }
  const rows = m as number[][];
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

export function moments(sigmaX: number[] | number[][], sigmaXY: number[] | number[][]): MomentsProblem {
  const sx = mat(sigmaX);
  const sxy = mat(sigmaXY);
  return { kind: 'moments', n: null, d: sx.rows, p: sxy.cols, sigmaX: sx, sigmaXY: sxy, traceSigmaY: null, groundTruth: null };
}

/**
 * The experiment of a test document. Without `record`, log-spaced records (spec §5.4) that sample
 * every transition, so that record.coarse stays out of tests about other diagnostics.
 */
export function experiment(doc: Record<string, unknown>): Experiment {
  const r = readExperiment(JSON.stringify({ record: { points: 300, spacing: 'log' }, ...doc }));
  assert.deepEqual(r.diagnostics, []);
  assert.ok(r.experiment);
  return r.experiment;
}

/** GBL Fig. 1: Σx = I₃, Σxy = diag(0.1, 0.01, 0.001). */
export const FIG1 = { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [0.1, 0.01, 0.001] };
export const fig1 = () => moments([1, 1, 1], [0.1, 0.01, 0.001]);
