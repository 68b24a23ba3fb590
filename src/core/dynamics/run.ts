// The run loop of one model (spec §2): record at 0, k, 2k, … and the last step; check divergence
// and stopLoss at every step (the engine checks each state it steps from, this loop each recorded
// state); report progress; yield so a host stays responsive; stop cleanly on cancel.
import { limitTripped, type EngineFactory, type ProbeStep, type StepLimits } from './engine';
import { componentTheory } from './componentTheory';
import { initialFactors } from './init';
import { recordSchedule } from './schedule';
import { flopsPerStep } from './cost';
import { FLOAT64_FLOPS_PER_SECOND } from './select';
import { problemDims } from './gradient';
import { excessLossOf, recordLossIsExcess, recordMetrics } from '../results/metrics';
import type { OffThread } from '../results/offThread';
import { escapeThresholds, updateEscapeSteps } from '../results/escape';
import { finiteEntries, nullRateEntry, rateCount, singularValueRateAt } from '../results/singularValueRate';
import { columns } from '../linalg/dense';
import { singularTriplets, tripletsFromState, type SingularTriplets, type TripletsState } from '../linalg/topSingularVectors';
import { learnableVectors } from '../theory/index';
import type { Experiment, Mat, Problem, RunResult, Theory } from '../types';
import { turn } from '../turn';

/**
 * `tripletsAhead`: a record followed by a record at the next step computes W(k + 1)'s triplets for
 * its rate (the next record takes them as they are) instead of σ(W(k + 1)) now and the triplets
 * again then — one bidiagonalization a record instead of two (record.every 1, the default below
 * 1000 steps; the first records of a log-spaced run). The same bits either way (tests turn it off).
 */
export const recordOptions = { tripletsAhead: true };
/** How many records took triplets computed at the record before (tests). */
export const recordStats = { tripletsReused: 0 };

export interface Progress {
  modelIndex: number;
  label: string;
  step: number;
  steps: number;
  stepsPerSecond: number;
}

export interface RunHooks {
  signal?: AbortSignal;
  /**
   * Checked between slices without yielding (a worker's shared cancel flag, read with Atomics):
   * true stops the run as a cancel does.
   */
  shouldStop?: () => boolean;
  onProgress?: (p: Progress) => void;
  /** Called after every record with the run so far (live charts). Do not mutate it. */
  onRecord?: (modelIndex: number, run: RunResult) => void;
  /** Give the event loop a turn at least this often (ms); default 50. */
  yieldEveryMs?: number;
  /** A spare thread for part of each record (results/offThread.ts); none: the record does it all here. */
  offThread?: OffThread;
}

export interface EngineChoice {
  factory: EngineFactory;
  backend: RunResult['backend'];
  precision: RunResult['precision'];
}

export interface ModelRunInput {
  exp: Experiment;
  problem: Problem;
  theory: Theory | null;
  modelIndex: number;
  engine: EngineChoice;
  /** A standard normal stream for this model's gaussian init. */
  normal?: () => number;
  hooks?: RunHooks;
}

/**
 * The engine advances at most this much estimated work at a time (the float64 engine's measured
 * rate, select.ts), so a cancel lands within about this long whatever `record.every` or `steps`.
 * Slices are sized from the estimate, not from a clock: the same run always takes the same slices.
 */
export const SLICE_SECONDS = 0.05;

/** Steps per slice: at least 1, at most SLICE_SECONDS of the float64 engine's estimated work. */
export function sliceSteps(d: number, p: number, depth: number, width: number, method: Experiment['optimizer']['method'], completion: boolean): number {
  return Math.max(1, Math.floor((SLICE_SECONDS * FLOAT64_FLOPS_PER_SECOND) / flopsPerStep(d, p, depth, width, method, completion)));
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
/** Progress from inside a record interval at most this often (every record reports anyway). */
const PROGRESS_EVERY_MS = 100;

const allFinite = (W: Mat) => finiteEntries(W.data);

/** u_1…u_m: the learnable u_i, and the completed basis U (spec §1) only when m exceeds r_xy. */
function leftVectors(theory: Theory, m: number): Mat {
  return m <= theory.rxy ? columns(learnableVectors(theory), 0, m) : columns(theory.U, 0, m);
}

export async function runModel(input: ModelRunInput): Promise<RunResult> {
  const { exp, problem, theory, modelIndex, hooks = {} } = input;
  const model = exp.models[modelIndex];
  const { steps, method, stepSize, stopLoss } = exp.optimizer;
  const schedule = recordSchedule(exp.record, steps);
  const { d, p } = problemDims(problem);
  const perComponent = problem.kind === 'moments' && theory ? componentTheory(exp, problem, theory, model.depth) : null;
  const hasTheory = problem.kind === 'moments' && theory !== null;

  const run: RunResult = {
    label: model.label,
    depth: model.depth,
    width: model.width,
    method,
    backend: input.engine.backend,
    precision: input.engine.precision,
    wallMs: 0,
    diverged: false,
    stoppedAt: null,
    stopReason: 'completed',
    steps: [],
    loss: [],
    excessLoss: [],
    singularValues: [],
    nuclearNorm: [],
    reconstructionError: [],
    reducedRankDistance: hasTheory ? [] : null,
    scalarTheory: perComponent ? [] : null,
    closedForm: perComponent?.hasClosedForm ? [] : null,
    bounds: perComponent?.hasBounds ? { lower: [], upper: [] } : null,
    componentValues: hasTheory ? [] : null,
    phaseSteps: hasTheory ? { predicted: perComponent ? perComponent.predictedPhaseSteps : theory!.sigma.map(() => null), observed: theory!.sigma.map(() => null) } : null,
  };
  // completion: Cao's stages, per singular value of M (spec §2)
  const escapeAt = escapeThresholds(problem, exp.theory.rankTol);
  if (escapeAt) run.escapeSteps = escapeAt.map(() => null);
  // ACHL Thm 3 on every run of depth ≥ 2 (spec §5.6): the step after each record but the last, taken at the record
  const rates = model.depth >= 2 ? rateCount(d, p) : 0;
  run.singularValueRate = rates ? { observed: [], predicted: [] } : null;

  // spec §2: diverged once the loss is non-finite or above 1e10 × (1 + initial loss); set at record 0
  let limits: StepLimits | null = null;
  const limitsFrom = (loss0: number): StepLimits => ({ divergeAbove: 1e10 * (1 + Math.abs(loss0)), stopLoss: stopLoss ?? null });
  // the next record's triplets, where it is the step after this one: W(k + 1) is the rate's probe.after
  // (stepAhead's state, which the next endToEnd() returns as it is), so its bidiagonalization is done
  // once — the triplets' σ are σ(W(k + 1)) for this record's rate and the next record's own
  let ahead: { step: number; top: SingularTriplets } | null = null;
  const tripletsAhead = (probe: ProbeStep, k: number): Float64Array => {
    const top = singularTriplets(probe.after.data, probe.after.rows, probe.after.cols, rates);
    ahead = { step: k + 1, top };
    return top.s;
  };
  /**
   * Records state k and returns its loss; where the run goes on from k, takes step k → k + 1 at once
   * for the rate (engine.ts stepAhead). `nextAt`: the step the run records next, if it goes on.
   */
  const record = async (k: number, W: Mat, goesOn: boolean, nextAt: number | null = null) => {
    const known = ahead && ahead.step === k ? ahead.top : undefined;
    if (known) recordStats.tripletsReused++;
    ahead = null;
    const triplets = rates && goesOn && k < steps ? rates : 0;
    // the record's loss before its metrics where the engine has it (its float64 f, not the exact
    // excess loss a moments problem without trΣy records): then step k → k + 1 is taken first, and
    // σ(W(k + 1)) and W(k)'s excess loss go to a spare thread, if any, while this one computes the
    // rest of W(k)'s metrics (offThread.ts; the same bits either way)
    const formed = engine.formedLoss?.() ?? null;
    const lossNow = formed !== null && !recordLossIsExcess(problem, theory) ? formed : null;
    let probe: ProbeStep | null = null;
    let afterValues: Promise<Float64Array | undefined> | null = null;
    let excessThere: Promise<number | null> | null = null;
    let tripletsThere: Promise<TripletsState | null> | null = null;
    // the next record is k + 1: W(k + 1)'s triplets now, for this record's rate and that record
    const nextIsAhead = nextAt === k + 1 && recordOptions.tripletsAhead;
    if (triplets && lossNow !== null && engine.stepAhead) {
      limits ??= limitsFrom(lossNow);
      probe = limitTripped(lossNow, limits) ? null : await engine.stepAhead(limits);
      const excess = problem.kind === 'moments' && theory ? { problem, wStar: theory.wStar, W } : null;
      // W(k + 1)'s triplets to the spare thread, W(k)'s excess loss here (each half of the record about
      // as long as the other); else σ(W(k + 1)) and the excess loss there
      const part = probe ? (hooks.offThread?.recordPart(probe.after, nextIsAhead ? null : excess, nextIsAhead ? rates : 0) ?? null) : null;
      // a thread that fails: each part computed here instead (handled at once, never an unhandled rejection)
      afterValues = part ? part.afterValues.catch(() => undefined) : null;
      excessThere = part?.excessLoss ? part.excessLoss.catch(() => null) : null;
      tripletsThere = part?.afterTriplets ? part.afterTriplets.catch(() => null) : null;
    }
    const m = recordMetrics(problem, theory, W, triplets, formed, excessThere !== null, known);
    if (excessThere) m.excessLoss = (await excessThere) ?? excessLossOf(problem, theory, W);
    limits ??= limitsFrom(m.loss);
    if (run.singularValueRate) {
      // the loss known only now (the exact excess loss): the step after the metrics
      if (triplets && lossNow === null && !limitTripped(m.loss, limits) && engine.stepAhead) probe = await engine.stepAhead(limits);
      // σ(W(k + 1)) from the spare thread (with its triplets, kept for the next record); else, where
      // the next record is k + 1, with its triplets here
      let next = afterValues ? await afterValues : undefined;
      const there = tripletsThere ? await tripletsThere : null;
      if (next && there) ahead = { step: k + 1, top: tripletsFromState(there) };
      else if (probe && nextIsAhead) next = tripletsAhead(probe, k);
      const entry = probe ? singularValueRateAt(probe, model.depth, rates, m.top, next) : nullRateEntry(rates);
      run.singularValueRate.observed.push(entry.observed);
      run.singularValueRate.predicted.push(entry.predicted);
    }
    run.steps.push(k);
    run.loss.push(m.loss);
    run.excessLoss.push(m.excessLoss);
    run.singularValues.push(m.singularValues);
    run.nuclearNorm.push(m.nuclearNorm);
    run.reconstructionError!.push(m.reconstructionError);
    if (escapeAt) updateEscapeSteps(run.escapeSteps!, escapeAt, m.singularValues, k);
    if (run.reducedRankDistance && m.reducedRankDistance) run.reducedRankDistance.push(m.reducedRankDistance);
    if (run.componentValues && m.componentValues) {
      run.componentValues.push(m.componentValues);
      // observed phase step: the first recorded step with c_i ≥ ½ σ_i/λ_i (spec §1)
      m.componentValues.forEach((c, i) => {
        const obs = run.phaseSteps!.observed;
        if (obs[i] === null && c >= (0.5 * theory!.sigma[i]) / theory!.lambda[i]) obs[i] = k;
      });
    }
    if (perComponent) {
      run.scalarTheory!.push(perComponent.scalarAt(k));
      const cf = perComponent.closedFormAt(k);
      if (run.closedForm && cf) run.closedForm.push(cf);
      const b = perComponent.boundsAt(k);
      if (run.bounds && b) {
        run.bounds.lower.push(b.lower);
        run.bounds.upper.push(b.upper);
      }
    }
    hooks.onRecord?.(modelIndex, run);
    return m.loss;
  };

  const factors = initialFactors(exp.init, {
    d,
    p,
    depth: model.depth,
    width: model.width,
    leftVectors: theory ? (m) => leftVectors(theory, m) : undefined,
    V: theory?.V,
    normal: input.normal,
  });
  const engine = await input.engine.factory({ problem, depth: model.depth, width: model.width, method, stepSize, factors });
  const started = now();
  let lastTurn = started;
  let lastProgress = started;
  const yieldEvery = hooks.yieldEveryMs ?? 50;
  const slice = sliceSteps(d, p, model.depth, model.width, method, problem.kind === 'completion');
  const stopAsked = () => Boolean(hooks.signal?.aborted || hooks.shouldStop?.());
  try {
    const loss0 = await record(0, await engine.endToEnd(), !stopAsked(), schedule.next(0));
    let k = 0;
    const stopEarly = (reason: RunResult['stopReason'], at: number) => {
      run.stopReason = reason;
      run.stoppedAt = at;
      run.diverged = reason === 'diverged';
    };
    const tripped0 = limitTripped(loss0, limits!);
    if (tripped0) stopEarly(tripped0, 0);
    while (run.stopReason === 'completed' && k < steps) {
      if (stopAsked()) {
        // keep the state it stopped at: the last record is where the run ended
        if (run.steps[run.steps.length - 1] !== k) {
          const W = await engine.endToEnd();
          if (allFinite(W)) await record(k, W, false);
        }
        stopEarly('cancelled', k);
        break;
      }
      const target = schedule.next(k);
      const outcome = await engine.advance(Math.min(target - k, slice), limits!);
      k += outcome.taken;
      if (!outcome.stop && k < target) {
        // a slice inside a record interval: give the host its turn, then go on (or stop)
        const t = now();
        if (hooks.onProgress && t - lastProgress > PROGRESS_EVERY_MS) {
          lastProgress = t;
          hooks.onProgress({ modelIndex, label: model.label, step: k, steps, stepsPerSecond: (k / Math.max(t - started, 1e-3)) * 1000 });
        }
        if (t - lastTurn > yieldEvery) {
          await turn();
          lastTurn = now();
        }
        continue;
      }
      if (outcome.stop) {
        const W = await engine.endToEnd();
        if (allFinite(W) && run.steps[run.steps.length - 1] !== k) await record(k, W, false);
        stopEarly(outcome.stop, k);
        break;
      }
      const W = await engine.endToEnd();
      const finite = allFinite(W);
      const loss = finite ? await record(k, W, true, k < steps ? schedule.next(k) : null) : NaN;
      // spec §2's limits, one rule for the engines and this loop (engine.ts limitTripped)
      const tripped = limitTripped(loss, limits!);
      if (tripped) stopEarly(tripped, k);
      const t = now();
      // at a record too, at most every PROGRESS_EVERY_MS (a worker posts each one), and where the run ends
      if (hooks.onProgress && (t - lastProgress > PROGRESS_EVERY_MS || k >= steps || tripped)) {
        lastProgress = t;
        hooks.onProgress({ modelIndex, label: model.label, step: k, steps, stepsPerSecond: (k / Math.max(t - started, 1e-3)) * 1000 });
      }
      if (t - lastTurn > yieldEvery) {
        await turn();
        lastTurn = now();
      }
    }
    // the last record has no step after it (spec §5.6)
    const rate = run.singularValueRate;
    if (rate && rate.observed.length) {
      const end = nullRateEntry(rates);
      rate.observed[rate.observed.length - 1] = end.observed;
      rate.predicted[rate.predicted.length - 1] = end.predicted;
    }
  } finally {
    run.wallMs = now() - started;
    engine.dispose();
  }
  return run;
}
