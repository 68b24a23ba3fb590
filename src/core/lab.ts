// The whole path of an experiment, as every shell (CLI, extension, webview) walks it:
// text → experiment (defaults) → problem (moments) → theory → static diagnostics → runs → results.
import { computeBaselines } from './baselines/index';
import { createRng } from './data/rng';
import { loadProblem, type DataIO, type ProblemCache } from './data/index';
import { refusesRun } from './diagnostics/codes';
import { staticDiagnostics } from './diagnostics/static';
import { problemDims } from './dynamics/gradient';
import { runModel, type EngineChoice, type RunHooks } from './dynamics/run';
import { finishWidths, readExperiment } from './experiment/index';
import { buildResults } from './results/results';
import { computeTheory } from './theory/index';
import type { Diagnostic, Experiment, Problem, Results, RunResult, Theory } from './types';

export interface Prepared {
  experiment: Experiment | null;
  problem: Problem | null;
  theory: Theory | null;
  /** schema, data and static diagnostics (spec §3), in that order. */
  diagnostics: Diagnostic[];
  /** `run` refuses the file: a `schema` or `data.file` error (spec §3). */
  refused: boolean;
}

/** Everything up to the run; cheap to repeat after an edit when a cache holds the problem. */
export async function prepareExperiment(text: string, io: DataIO, cache?: ProblemCache): Promise<Prepared> {
  const read = readExperiment(text);
  if (!read.experiment) return { experiment: null, problem: null, theory: null, diagnostics: read.diagnostics, refused: true };
  let experiment = read.experiment;
  const loaded = cache ? await cache.load(experiment, io) : await loadProblem(experiment, io);
  const diagnostics = [...read.diagnostics, ...loaded.diagnostics];
  const problem = loaded.problem;
  if (!problem) return { experiment, problem: null, theory: null, diagnostics, refused: true };
  experiment = finishWidths(experiment, problemDims(problem));
  const theory = problem.kind === 'moments' ? computeTheory(problem, experiment.theory.rankTol) : null;
  diagnostics.push(...staticDiagnostics(experiment, problem, theory));
  return { experiment, problem, theory, diagnostics, refused: refusesRun(diagnostics) };
}

export interface RunExperimentOptions extends RunHooks {
  /** The engine for each model (the shells pick by compute.backend, spec §2). */
  engineFor: (modelIndex: number) => EngineChoice | Promise<EngineChoice>;
  /** Called after each model ends, with the results so far (for incremental saving). */
  onRun?: (results: Results) => void | Promise<void>;
}

/**
 * Runs every model of a prepared experiment, then the baselines it asks for (completion: ACHL's
 * nuclear-norm program, spec §4). A cancelled run keeps what it recorded; a cancelled baseline is left out.
 */
export async function runExperiment(prepared: Prepared, options: RunExperimentOptions): Promise<Results> {
  const { experiment: exp, problem, theory } = prepared;
  if (!exp || !problem || prepared.refused) throw new Error('the experiment has errors that prevent a run');
  const runs: RunResult[] = [];
  const rng = createRng(exp.seed);
  for (let i = 0; i < exp.models.length; i++) {
    if (options.signal?.aborted) break;
    const initStream = rng.fork(`init/${i}`);
    const run = await runModel({
      exp,
      problem,
      theory,
      modelIndex: i,
      engine: await options.engineFor(i),
      normal: () => initStream.normal(),
      hooks: options,
    });
    runs.push(run);
    await options.onRun?.(buildResults(exp, problem, theory, runs, prepared.diagnostics));
  }
  const baselines = await computeBaselines(exp, problem, options.signal);
  return buildResults(exp, problem, theory, runs, prepared.diagnostics, baselines);
}
