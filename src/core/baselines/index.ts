// The baselines a results object carries next to its runs (spec §4 `baselines`): for completion,
// ACHL's nuclear-norm program (nuclearNorm.ts), unless the experiment sets baseline.nuclearNorm false.
import { singularValues } from '../linalg/dense';
import type { CompletionProblem, Experiment, NuclearNormBaseline, Problem, Results } from '../types';
import { nuclearNormMinimization, type NuclearNormResult } from './nuclearNorm';

export { nuclearNormMinimization, NUCLEAR_NORM_TOLERANCE, type NuclearNormOptions, type NuclearNormResult } from './nuclearNorm';

/** Whether the experiment asks for the nuclear-norm baseline (default: completion data). */
export function wantsNuclearNorm(exp: Experiment, problem: Problem): boolean {
  return problem.kind === 'completion' && (exp.baseline?.nuclearNorm ?? true);
}

/** ‖M‖_* = Σ σ_i(M) of the ground truth; null when M is only known on Ω (a file without it). */
export function targetNuclearNorm(problem: CompletionProblem): number | null {
  if (!problem.hasGroundTruth) return null;
  return singularValues(problem.matrix).reduce((a, b) => a + b, 0);
}

/**
 * Whether M is a minimizer of the exact-fit program (min ‖W‖_* s.t. W = M on Ω), as far as the
 * solve tells: ‖M‖_* no more than its ‖W‖_* plus the certified gap plus the box's slack (the
 * ±tol box lowers the optimum by about tol‖Λ‖₁). Null without a ground truth.
 */
export function targetIsMinimizer(b: NuclearNormBaseline): boolean | null {
  if (b.targetNuclearNorm === undefined || b.targetNuclearNorm === null) return null;
  const slack = Math.max(b.dualityGap ?? 0, 1e-4) * b.nuclearNorm + (b.boxSlack ?? 0);
  return b.targetNuclearNorm <= b.nuclearNorm + slack;
}

/** What ‖M‖_* against the program's optimum says about recovery by nuclear-norm minimization. */
export function minimizerVerdict(minimizer: boolean): string {
  return minimizer
    ? 'M is a minimizer of the program (within its gap): nuclear-norm minimization can recover M from these entries'
    : "M is not the program's minimizer (its nuclear norm is above the optimum): no solver of this program recovers M from these entries";
}

/** The results entry of a solve (spec §4: reconstructionError, nuclearNorm, iterations, residual, …). */
export function nuclearNormEntry(r: NuclearNormResult, wallMs: number, target: number | null = null): NuclearNormBaseline {
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
    targetNuclearNorm: target,
    boxSlack: r.boxSlack,
  };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Every baseline the experiment asks for; a cancelled solve is left out. */
export async function computeBaselines(exp: Experiment, problem: Problem, signal?: AbortSignal): Promise<Results['baselines']> {
  const out: Results['baselines'] = {};
  if (wantsNuclearNorm(exp, problem) && problem.kind === 'completion' && !signal?.aborted) {
    const t0 = now();
    const r = await nuclearNormMinimization(problem, { signal });
    if (r.status !== 'cancelled') out.nuclearNormMinimization = nuclearNormEntry(r, now() - t0, targetNuclearNorm(problem));
  }
  return out;
}
