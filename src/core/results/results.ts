// The results object of spec §4, assembled from the runs; dynamic diagnostics (a run that
// diverged) join the static ones.
import { makeDiagnostic } from '../diagnostics/codes';
import { problemDims } from '../dynamics/gradient';
import { initScaleOrDefault } from '../dynamics/init';
import { phaseStepsClosedForm } from '../theory/phases';
import type { Diagnostic, Experiment, Problem, Results, RunResult, Theory, TheoryResult } from '../types';

export const RESULTS_FORMAT = 'lnn-lab.results/1' as const;

/** Spec §5.3 `tool`: this program (its version is package.json's; a test keeps them equal). */
export const TOOL = { name: 'lnn-lab', version: '0.1.0' } as const;

/** Spec §5.3: the provenance and completeness of results about to be written. */
export function stampResults(results: Results, complete: boolean, now: Date = new Date()): Results {
  return { ...results, tool: { ...TOOL }, createdAt: now.toISOString(), complete };
}

export function theoryResult(exp: Experiment, theory: Theory | null): TheoryResult {
  if (!theory) {
    return { sigma: [], lambda: [], epsilon: null, deltaXY: null, deltaX: null, stepSizeBounds: { stability: null, eigengap: null }, phaseSteps: [] };
  }
  return {
    sigma: theory.sigma,
    lambda: theory.lambda,
    epsilon: theory.epsilon,
    deltaXY: theory.deltaXY,
    deltaX: theory.deltaX,
    stepSizeBounds: { stability: theory.stepSizeBounds.stability, eigengap: theory.stepSizeBounds.eigengap },
    // depth-2 flow closed form (GBL eq. 16 at w = σ/(2λ)), per learnable component
    phaseSteps: phaseStepsClosedForm(theory.sigma, theory.lambda, initScaleOrDefault(exp.init), exp.optimizer.stepSize),
  };
}

/** stepSize.diverges for every run that diverged (spec §3: "or a run diverged"). */
export function dynamicDiagnostics(exp: Experiment, runs: RunResult[]): Diagnostic[] {
  return runs
    .filter((r) => r.diverged)
    .map((r) =>
      makeDiagnostic(
        'stepSize.diverges',
        `the run of "${r.label}" diverged at step ${r.stoppedAt}: its loss became non-finite or exceeded 1e10 × (1 + its initial loss) with stepSize ${exp.optimizer.stepSize}`,
        '/optimizer/stepSize',
        { limit: exp.optimizer.stepSize },
      ),
    );
}

export function buildResults(
  exp: Experiment,
  problem: Problem,
  theory: Theory | null,
  runs: RunResult[],
  staticDiagnostics: Diagnostic[],
  baselines: Results['baselines'] = {},
): Results {
  const { d, p } = problemDims(problem);
  return {
    format: RESULTS_FORMAT,
    experiment: exp,
    problem: { n: problem.kind === 'moments' ? problem.n : problem.observedCount, d, p },
    theory: theoryResult(exp, theory),
    runs,
    baselines,
    diagnostics: [...staticDiagnostics, ...dynamicDiagnostics(exp, runs)],
  };
}
