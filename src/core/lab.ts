// The whole path of an experiment, as every shell (CLI, extension, webview) walks it:
// text → experiment (defaults) → problem (moments) → theory → static diagnostics → runs → results.
import { computeBaselines } from './baselines/index';
import { createRng } from './data/rng';
import { loadProblem, type DataIO, type ProblemCache } from './data/index';
import { budgetDiagnostics, knownDims, prepareDiagnostic, type CostBudget } from './diagnostics/budget';
import { refusesRun } from './diagnostics/codes';
import { staticDiagnostics } from './diagnostics/static';
import { problemDims } from './dynamics/gradient';
import { runModel, type EngineChoice, type RunHooks } from './dynamics/run';
import { finishWidths, readExperiment } from './experiment/index';
import { buildResults } from './results/results';
import { computeTheory, packTheory, unpackTheory, type PackedTheory } from './theory/index';
import type { Diagnostic, Experiment, Problem, Results, RunResult, Theory } from './types';

export interface Prepared {
  experiment: Experiment | null;
  /** The document as written, before defaults (settings apply only to fields it leaves unset). */
  raw: unknown;
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
  if (!read.experiment) return { experiment: null, raw: read.raw, problem: null, theory: null, diagnostics: read.diagnostics, refused: true };
  let experiment = read.experiment;
  // the cost budget (spec §5.7) before anything is built: refused work is never started
  const budget = (io as DataIO & { budget?: CostBudget }).budget;
  const known = knownDims(experiment.data);
  const costs = known ? [prepareDiagnostic(experiment.data, known, undefined, undefined, budget?.prepareSeconds), ...budgetDiagnostics(experiment, known, budget)].filter((d) => d !== null) : [];
  if (refusesRun(costs)) return { experiment, raw: read.raw, problem: null, theory: null, diagnostics: [...read.diagnostics, ...costs], refused: true };
  const loaded = cache ? await cache.load(experiment, io) : await loadProblem(experiment, io);
  const diagnostics = [...read.diagnostics, ...loaded.diagnostics];
  const problem = loaded.problem;
  if (!problem) return { experiment, raw: read.raw, problem: null, theory: null, diagnostics, refused: true };
  experiment = finishWidths(experiment, problemDims(problem));
  if (!known) {
    const dims = problemDims(problem);
    const n = problem.kind === 'moments' ? 0 : undefined; // files: the moments are built, the theory is not
    costs.push(...[prepareDiagnostic(experiment.data, dims, n, undefined, budget?.prepareSeconds), ...budgetDiagnostics(experiment, dims, budget)].filter((d) => d !== null));
    if (refusesRun(costs)) return { experiment, raw: read.raw, problem: null, theory: null, diagnostics: [...diagnostics, ...costs], refused: true };
  }
  const theory = problem.kind === 'moments' ? computeTheory(problem, experiment.theory.rankTol) : null;
  diagnostics.push(...staticDiagnostics(experiment, problem, theory), ...costs);
  return { experiment, raw: read.raw, problem, theory, diagnostics, refused: refusesRun(diagnostics) };
}

/** What the runs of the models need from a prepared experiment (no diagnostics, no text). */
export interface ModelsInput {
  experiment: Experiment;
  problem: Problem;
  theory: Theory | null;
}

/**
 * ModelsInput as it crosses a thread (structured clone) or a message channel (shared/wire.ts): the
 * theory packed without its lazy completed basis, which the receiver completes only if a run needs it.
 */
export interface PackedModels {
  experiment: Experiment;
  problem: Problem;
  theory: PackedTheory | null;
}

export function packModels(input: ModelsInput): PackedModels {
  return { experiment: input.experiment, problem: input.problem, theory: input.theory ? packTheory(input.theory) : null };
}

export function unpackModels(packed: PackedModels): ModelsInput {
  const { experiment, problem, theory } = packed;
  return { experiment, problem, theory: theory && problem.kind === 'moments' ? unpackTheory(theory, problem) : null };
}

/** The prepared experiment's models input; throws when it cannot run. */
export function modelsOf(prepared: Prepared): ModelsInput {
  const { experiment, problem, theory } = prepared;
  if (!experiment || !problem || prepared.refused) throw new Error('the experiment has errors that prevent a run');
  return { experiment, problem, theory };
}

/**
 * Model `modelIndex` of the experiment, from its own init stream (seed → fork "init/i"): the same
 * numbers whichever thread runs it and in whatever order the models run (spec §5.3).
 */
export function runModelOf(input: ModelsInput, modelIndex: number, engine: EngineChoice, hooks: RunHooks = {}): Promise<RunResult> {
  const { experiment: exp, problem, theory } = input;
  const initStream = createRng(exp.seed).fork(`init/${modelIndex}`);
  return runModel({ exp, problem, theory, modelIndex, engine, normal: () => initStream.normal(), hooks });
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
  const input = modelsOf(prepared);
  for (let i = 0; i < exp.models.length; i++) {
    if (options.signal?.aborted) break;
    const run = await runModelOf(input, i, await options.engineFor(i), options);
    runs.push(run);
    await options.onRun?.(buildResults(exp, problem, theory, runs, prepared.diagnostics));
  }
  const baselines = await computeBaselines(exp, problem, options.signal);
  return buildResults(exp, problem, theory, runs, prepared.diagnostics, baselines);
}
