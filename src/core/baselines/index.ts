// The baselines a results object carries next to its runs (spec §4 `baselines`): for completion,
// ACHL's nuclear-norm program (nuclearNorm.ts), unless the experiment sets baseline.nuclearNorm false.
import type { Experiment, NuclearNormBaseline, Problem, Results } from '../types';
import { nuclearNormMinimization, type NuclearNormResult } from './nuclearNorm';

export { nuclearNormMinimization, NUCLEAR_NORM_TOLERANCE, type NuclearNormOptions, type NuclearNormResult } from './nuclearNorm';

/** Whether the experiment asks for the nuclear-norm baseline (default: completion data). */
export function wantsNuclearNorm(exp: Experiment, problem: Problem): boolean {
  return problem.kind === 'completion' && (exp.baseline?.nuclearNorm ?? true);
}

/** The results entry of a solve (spec §4: reconstructionError, nuclearNorm, iterations, residual, …). */
export function nuclearNormEntry(r: NuclearNormResult, wallMs: number): NuclearNormBaseline {
  return {
    reconstructionError: r.reconstructionError,
    nuclearNorm: r.nuclearNorm,
    iterations: r.iterations,
    residual: r.primalResidual,
    dualResidual: r.dualResidual,
    dualityGap: r.dualityGap,
    maxViolation: r.maxViolation,
    status: r.status === 'cancelled' ? 'maxIterations' : r.status,
    wallMs,
  };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Every baseline the experiment asks for; a cancelled solve is left out. */
export async function computeBaselines(exp: Experiment, problem: Problem, signal?: AbortSignal): Promise<Results['baselines']> {
  const out: Results['baselines'] = {};
  if (wantsNuclearNorm(exp, problem) && problem.kind === 'completion' && !signal?.aborted) {
    const t0 = now();
    const r = await nuclearNormMinimization(problem, { signal });
    if (r.status !== 'cancelled') out.nuclearNormMinimization = nuclearNormEntry(r, now() - t0);
  }
  return out;
}
