// A sweep (spec §2 `sweep`): the final reconstruction error of every model against the swept value,
// one series per model label plus ACHL's nuclear-norm-minimization baseline — error against the
// number of observed entries is ACHL Fig. 1's phase transition. Where no run has a reconstruction
// error (a step-size study on moments data), the final loss instead. Points appear as values finish.
import { initScale } from '../../core/experiment/defaults';
import { fieldName, withValueAt } from '../../core/experiment/pointer';
import { shownValue } from '../../core/sweep/points';
import { phaseStepsClosedForm } from '../../core/theory/phases';
import type { Experiment, Results, RunResult, SweepPoint } from '../../core/types';
import { runName, sourceDash, type ChartDef, type ChartModel } from './model';


/** Positive numbers spanning two decades or more (an init scale, a step size): a log x axis. */
export function spansDecades(values: unknown[]): boolean {
  if (!values.length || !values.every((v) => typeof v === 'number' && v > 0)) return false;
  const xs = values as number[];
  return Math.max(...xs) >= 100 * Math.min(...xs);
}

export interface ShownAxis {
  path: string;
  values: unknown[];
}

/** A sweep's axes (spec §5.5 `axes`), or the one axis of a file written before it (`path`, `values`). */
export function sweepAxesOf(sweep: NonNullable<Results['sweep']>): ShownAxis[] {
  const s = sweep as { axes?: ShownAxis[]; path?: string; values?: unknown[] };
  if (Array.isArray(s.axes) && s.axes.length > 0) return s.axes;
  return typeof s.path === 'string' && Array.isArray(s.values) ? [{ path: s.path, values: s.values }] : [];
}

/** A one-axis sweep's axis (the 1-D chart draws these; two axes draw as a heatmap), or null. */
export function oneAxis(results: Results): ShownAxis | null {
  const axes = results.sweep ? sweepAxesOf(results.sweep) : [];
  return axes.length === 1 ? axes[0] : null;
}

/** A point's value on each axis (spec §5.5 `values`; a file written before it has `value` only). */
export const pointValues = (p: SweepPoint): unknown[] => (Array.isArray(p.values) ? p.values : [p.value]);

/** That point's runs (spec §5.5 `runs`, thinned), when the file keeps them and they look like runs. */
export function pointRuns(p: SweepPoint): RunResult[] | null {
  const runs = (p as { runs?: unknown }).runs;
  return Array.isArray(runs) && runs.every((r) => r !== null && typeof r === 'object' && Array.isArray((r as RunResult).steps) && Array.isArray((r as RunResult).nuclearNorm)) ? (runs as RunResult[]) : null;
}

/** The experiment of one point: each axis's value at its path (δ and the init scale replace each other). */
export function pointExperiment(results: Results, p: SweepPoint): Experiment {
  const axes = results.sweep ? sweepAxesOf(results.sweep) : [];
  const values = pointValues(p);
  let exp: Record<string, unknown> = results.experiment as unknown as Record<string, unknown>;
  axes.forEach((a, i) => {
    const next = withValueAt(exp, a.path, values[i]);
    if (!next) return;
    const init = next.init as Record<string, unknown> | undefined;
    if (init && a.path === '/init/delta') delete init.scale;
    if (init && a.path === '/init/scale') delete init.delta;
    exp = next;
  });
  return exp as unknown as Experiment;
}

/** "δ = 4", "η = 0.1 · data.observed = 80": a point's values in the axes' words. */
export function pointWords(results: Results, values: unknown[]): string {
  const axes = results.sweep ? sweepAxesOf(results.sweep) : [];
  const word = (path: string) => (path === '/init/delta' ? 'δ' : path === '/optimizer/stepSize' ? 'η' : fieldName(path));
  return axes.map((a, i) => `${word(a.path)} = ${shownValue(values[i])}`).join(' · ');
}

/** Results as one point of the sweep ran them: its experiment, its runs (null when the file does not keep them). */
export function pointResults(results: Results, index: number): Results | null {
  const p = results.sweep?.points[index];
  const runs = p ? pointRuns(p) : null;
  if (!p || !runs) return null;
  const experiment = pointExperiment(results, p);
  // the depth-2 closed form's phase steps at this point's w0 and η (spec §1); σ, λ are the data's
  const w0 = initScale(experiment.init);
  const { sigma, lambda } = results.theory;
  const phaseSteps = w0 === null || results.theory.phaseSteps.length === 0 ? results.theory.phaseSteps : phaseStepsClosedForm(sigma, lambda, w0, experiment.optimizer.stepSize);
  return { ...results, experiment, theory: { ...results.theory, phaseSteps }, runs, sweep: undefined };
}

/** The x axis's name for a sweep path. */
export function sweepAxisLabel(path: string): string {
  return path === '/data/observed' ? 'observed entries |Ω| (data.observed)' : fieldName(path);
}

export const sweepChart: ChartDef = {
  id: 'sweep',
  title: 'Final reconstruction error against the swept value — the phase transition',
  logY: true,
  xAxis: 'value',
  applies: (view) => view.shown.some((s) => oneAxis(s.results) !== null),
  build(view) {
    const withSweep = view.shown.map((s, i) => ({ ...s, i, axis: oneAxis(s.results) })).filter((s) => s.axis !== null);
    const first = withSweep[0]?.axis;
    const points = withSweep.flatMap((s) => s.results.sweep!.points);
    const useLoss = points.length > 0 && points.every((p) => Object.values(p.final).every((v) => v === null));
    const model: ChartModel = {
      id: this.id,
      title: useLoss ? `Final loss against ${fieldName(first!.path)}` : first?.path === '/data/observed' ? 'Final reconstruction error against observed entries — the phase transition (ACHL Fig. 1)' : `Final reconstruction error against ${fieldName(first?.path ?? '')}`,
      xLabel: first ? sweepAxisLabel(first.path) : 'value',
      yLabel: useLoss ? 'final loss' : 'final reconstruction error',
      series: [],
      vlines: [],
      empty: null,
    };
    model.logX = withSweep.length > 0 && withSweep.every((s) => spansDecades(s.axis!.values));
    let colorIndex = 0;
    for (const { results, i: s, axis } of withSweep) {
      const sweep = { ...axis!, points: results.sweep!.points };
      const numeric = sweep.values.every((v) => typeof v === 'number');
      const xOf = (p: SweepPoint, k: number) => (numeric ? (p.value as number) : k);
      const labels: string[] = [];
      for (const p of sweep.points) for (const l of Object.keys(p.final)) if (!labels.includes(l)) labels.push(l);
      // before the first point finishes, the models of the experiment
      if (labels.length === 0) labels.push(...results.experiment.models.map((m) => m.label));
      const pts = sweep.points;
      for (const label of labels) {
        const name = runName(view, s, label);
        const y = pts.map((p) => (useLoss ? (p.loss?.[label] ?? null) : (p.final[label] ?? null)));
        model.series.push({ label: name, group: name, steps: [], x: pts.map(xOf), y, color: view.theme.palette[colorIndex++ % view.theme.palette.length], dash: sourceDash(s), points: true });
      }
      if (!useLoss && pts.some((p) => p.baseline !== null)) {
        const name = view.shown.length > 1 ? `${view.shown[s].source.name}: nuclear-norm min.` : 'nuclear-norm minimization';
        model.series.push({ label: name, group: name, steps: [], x: pts.map(xOf), y: pts.map((p) => p.baseline), color: view.theme.muted, dash: [4, 4], width: 1.5, points: true });
      }
      if (!numeric) model.caption = `x: the index of each value — ${sweep.values.map((v, k) => `${k}: ${shownValue(v)}`).join(', ')}.`;
    }
    const done = points.length;
    const total = withSweep.reduce((n, s) => n + s.axis!.values.length, 0);
    if (done < total) model.caption = `${model.caption ? model.caption + ' ' : ''}${done} of ${total} values done.`;
    return model;
  },
};
