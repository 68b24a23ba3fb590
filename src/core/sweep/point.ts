// One point of a sweep (spec §2 `sweep`, §5.5), from that point's results: per model label the
// final reconstruction error, loss and stop reason (the one-axis fields), and §5.5's phase-diagram
// fields — diverged, the observed phase steps, the final distance to every W^{k,*}, `settled`,
// `sequential` — the point's step-size theory (GBL Cor. 3's bounds, spec §3's divergence bound)
// and its runs thinned to SWEEP_RUN_RECORDS records (thin.ts). Pure.
import { divergenceLimit } from '../diagnostics/static';
import type { PointStepSizeBounds, Problem, Results, RunResult, SweepPoint, Theory } from '../types';
import { thinRun } from './thin';

/** `settled` (spec §5.5): the final excess loss is at most this fraction of the initial one. */
export const SETTLED_FRACTION = 1e-6;
/** `sequential` (spec §5.5): each observed phase step within this relative distance of its predicted step. */
export const SEQUENTIAL_TOLERANCE = 0.1;

const last = <T>(xs: readonly T[] | null | undefined): T | null => (xs && xs.length ? xs[xs.length - 1] : null);

/** Spec §5.5 `settled`: the run did not diverge and its final excess loss is ≤ 1e-6 × its initial one. */
export function settled(run: RunResult): boolean {
  const first = run.excessLoss[0];
  const final = last(run.excessLoss);
  return !run.diverged && final !== null && Number.isFinite(first) && Number.isFinite(final) && final <= SETTLED_FRACTION * first;
}

/**
 * Spec §5.5 `sequential`: the components are learned one after another at the theory's steps —
 * every component with a predicted phase step (within `steps`) is observed within 10 % of it, the
 * observed steps strictly increase in i, and no component the theory does not see within `steps`
 * is observed. Null where the theory does not cover the run (spec §5.1: no scalar theory) or
 * predicts no transition at all; false for a run that diverged.
 */
export function sequential(run: RunResult): boolean | null {
  const predicted = run.phaseSteps?.predicted ?? null;
  const observed = run.phaseSteps?.observed ?? null;
  if (!run.scalarTheory || !predicted || !observed || !predicted.some((k) => k !== null)) return null;
  if (run.diverged) return false;
  let previous = -Infinity;
  for (let i = 0; i < predicted.length; i++) {
    const k = predicted[i];
    const o = observed[i] ?? null;
    if (k === null) {
      if (o !== null) return false;
      continue;
    }
    if (o === null || Math.abs(o - k) > SEQUENTIAL_TOLERANCE * k || o <= previous) return false;
    previous = o;
  }
  return true;
}

/** The point's step-size theory: GBL Cor. 3's stability and eigengap bounds, spec §3's divergence bound per label; null where none is known. */
export function pointStepSizeBounds(results: Results, problem: Problem | null, theory: Theory | null): PointStepSizeBounds | null {
  const exp = results.experiment;
  const divergence: Record<string, number | null> = {};
  for (const model of exp.models) divergence[model.label] = divergenceLimit(exp, model, problem, theory);
  const { stability, eigengap } = results.theory.stepSizeBounds;
  if (stability === null && eigengap === null && Object.values(divergence).every((b) => b === null)) return null;
  return { stability, eigengap, divergence };
}

/** A sweep point from its results (runs in model order, baselines solved), at `values` on the axes. */
export function sweepPoint(values: unknown[], results: Results, problem: Problem | null, theory: Theory | null): SweepPoint {
  const final: SweepPoint['final'] = {};
  const loss: NonNullable<SweepPoint['loss']> = {};
  const stopReason: NonNullable<SweepPoint['stopReason']> = {};
  const diverged: NonNullable<SweepPoint['diverged']> = {};
  const observedPhaseSteps: NonNullable<SweepPoint['observedPhaseSteps']> = {};
  const reducedRankDistance: NonNullable<SweepPoint['reducedRankDistance']> = {};
  const settledAt: NonNullable<SweepPoint['settled']> = {};
  const sequentialAt: NonNullable<SweepPoint['sequential']> = {};
  for (const run of results.runs) {
    final[run.label] = last(run.reconstructionError);
    loss[run.label] = last(run.loss);
    stopReason[run.label] = run.stopReason;
    diverged[run.label] = run.diverged;
    observedPhaseSteps[run.label] = run.phaseSteps ? [...run.phaseSteps.observed] : null;
    reducedRankDistance[run.label] = last(run.reducedRankDistance);
    settledAt[run.label] = settled(run);
    sequentialAt[run.label] = sequential(run);
  }
  const baseline = results.baselines.nuclearNormMinimization?.reconstructionError ?? null;
  return {
    value: values[0],
    values: [...values],
    final,
    baseline,
    loss,
    stopReason,
    diverged,
    observedPhaseSteps,
    reducedRankDistance,
    settled: settledAt,
    sequential: sequentialAt,
    stepSizeBounds: pointStepSizeBounds(results, problem, theory),
    runs: results.runs.map((r) => thinRun(r)),
  };
}
