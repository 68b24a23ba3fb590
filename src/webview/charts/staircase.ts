// (1) The staircase: the nuclear norm ‖W‖_* of every model's end-to-end W over time, with each
// run's predicted phase steps and the depth-2 closed form (theory.phaseSteps) as labelled lines.
// On GBL Thm 2's rescaled time τ = 2ηk/δ it also draws the theorem's δ → ∞ limit, the staircase
// Σ_{1/σ_i < τ} σ_i/λ_i (core/theory/limitStaircase.ts), dashed, with a line at each 1/σ_i; and a
// δ sweep whose points keep their runs (spec §5.5 `runs`) draws every point's runs on τ, coloured
// by point, so the runs are seen converging onto the limit as δ grows.
import { limitJumps, limitStaircase } from '../../core/theory/limitStaircase';
import type { Results, RunResult } from '../../core/types';
import { axisFactor } from '../axis';
import { baseModel, runColor, runName, sourceDash, subscript, xOf, type ChartDef, type ChartModel, type VLine, type ViewInput } from './model';
import { pointExperiment, pointRuns, pointValues, pointWords, sweepAxesOf } from './sweep';
import { mergeVLines } from './vlines';

/** The limit's series label (tests find it by this). */
export const LIMIT_LABEL = 'GBL Thm 2 limit (δ → ∞)';

/** One run drawn: its x on the axis, its name and colour. */
interface Drawn {
  run: RunResult;
  x: number[];
  name: string;
  color: string;
  /** The axis factor of the run's experiment (step k → axis unit). */
  f: number;
}

/** The init-scale paths whose sweep is Thm 2's δ → ∞ study. */
const DELTA_PATHS = new Set(['/init/delta', '/init/scale']);

/** On τ, a δ sweep (one axis, δ or the init scale) whose points keep their runs: every point's runs on its own τ, coloured by point. */
function sweepRuns(view: ViewInput, s: number, results: Results): Drawn[] | null {
  if (view.axis !== 'tau' || !results.sweep) return null;
  const axes = sweepAxesOf(results.sweep);
  if (axes.length !== 1 || !DELTA_PATHS.has(axes[0].path)) return null;
  const pts = results.sweep.points.filter((p) => pointRuns(p) !== null);
  if (pts.length === 0) return null;
  const out: Drawn[] = [];
  pts.forEach((p, k) => {
    const exp = pointExperiment(results, p);
    const f = axisFactor(exp, 'tau');
    if (f === null) return;
    const color = view.theme.palette[k % view.theme.palette.length];
    for (const run of pointRuns(p)!) {
      out.push({ run, x: run.steps.map((step) => step * f), name: runName(view, s, `${run.label} · ${pointWords(results, pointValues(p))}`), color, f });
    }
  });
  return out.length ? out : null;
}

function resultRuns(view: ViewInput, s: number, results: Results): Drawn[] {
  const f = axisFactor(results.experiment, view.axis);
  const out: Drawn[] = [];
  results.runs.forEach((run, j) => {
    const x = xOf(results, run.steps, view.axis);
    if (x && f !== null) out.push({ run, x, name: runName(view, s, run.label), color: runColor(view, s, j), f });
  });
  return out;
}

/** GBL Thm 2's limit on [0, xmax] of τ (and its jumps as lines), when it applies to `results`. */
function drawLimit(model: ChartModel, view: ViewInput, results: Results, xmin: number, xmax: number, lines: VLine[]): void {
  const line = limitStaircase(results, xmin, xmax);
  if (!line) return;
  // from τ = 0 on a linear axis; a log axis starts at the first positive record
  const x = xmin > 0 ? [0, ...line.tau] : line.tau;
  const y = xmin > 0 ? [line.nuclearNorm[0], ...line.nuclearNorm] : line.nuclearNorm;
  model.series.push({ label: LIMIT_LABEL, group: LIMIT_LABEL, steps: [], x, y, color: view.theme.foreground, dash: [6, 4], width: 1.5 });
  for (const j of limitJumps(results.theory.sigma, results.theory.lambda)) {
    if (j.tau <= xmax) lines.push({ x: j.tau, label: `1/σ${subscript(j.component + 1)}`, color: view.theme.foreground, dash: [1, 3], labelAt: 'bottom' });
  }
}

export const staircaseChart: ChartDef = {
  id: 'staircase',
  title: 'Nuclear norm ‖W‖* — the staircase',
  logY: false,
  autoLogY: false,
  build(view) {
    const model = baseModel(this, view, '‖W‖*');
    const lines: VLine[] = [];
    let xmax = 0;
    let xmin = Infinity;
    view.shown.forEach(({ results }, s) => {
      const f = axisFactor(results.experiment, view.axis);
      const swept = sweepRuns(view, s, results);
      const drawn = swept ?? resultRuns(view, s, results);
      // a sweep drawn on τ: the range every point reaches (the largest δ takes the most steps to a given τ)
      const reach = swept ? Math.min(...swept.map((d) => d.x[d.x.length - 1] ?? 0)) : Infinity;
      for (const d of drawn) {
        const keep = d.x.map((v) => v <= reach * 1.0001);
        const x = d.x.filter((_, i) => keep[i]);
        xmax = Math.max(xmax, x[x.length - 1] ?? 0, swept ? 0 : (results.experiment.optimizer.steps ?? 0) * d.f);
        for (const v of x) if (v > 0 && v < xmin) xmin = v;
        model.series.push({ label: d.name, group: d.name, steps: d.run.steps.filter((_, i) => keep[i]), x, y: d.run.nuclearNorm.filter((_, i) => keep[i]), color: d.color, dash: sourceDash(s) });
        if (swept) continue; // a sweep's points: the limit's lines, not each point's
        d.run.phaseSteps?.predicted.forEach((k, i) => {
          if (k !== null) lines.push({ x: k * d.f, label: `${d.name} ${subscript(i + 1)}`, color: d.color });
        });
      }
      if (s === 0 && f !== null && !swept) {
        results.theory.phaseSteps.forEach((k, i) => {
          if (k !== null && Number.isFinite(k)) lines.push({ x: k * f, label: `eq.16 ${subscript(i + 1)}`, color: view.theme.muted, dash: [2, 3], labelAt: 'bottom' });
        });
      }
      if (s === 0 && view.axis === 'tau' && model.series.length > 0) drawLimit(model, view, results, Number.isFinite(xmin) ? xmin : 0, xmax, lines);
    });
    model.vlines = mergeVLines(lines.filter((l) => l.x <= xmax * 1.0001), xmax);
    if (model.series.length === 0) model.empty = view.shown.length ? 'this axis is undefined for the experiment (no vanishing init scale δ)' : null;
    else if (model.series.some((x) => x.label === LIMIT_LABEL)) model.caption = `Dashed: ${LIMIT_LABEL}, ‖W‖* → Σ σᵢ/λᵢ over the components with 1/σᵢ < τ (on commuting problems).`;
    return model;
  },
};
