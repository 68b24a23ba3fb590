// (1) The staircase: the nuclear norm ‖W‖_* of every model's end-to-end W over time, with each
// run's predicted phase steps and the depth-2 closed form (theory.phaseSteps) as labelled lines.
import { axisFactor } from '../axis';
import { baseModel, runColor, runName, sourceDash, subscript, xOf, type ChartDef, type VLine } from './model';
import { mergeVLines } from './vlines';

export const staircaseChart: ChartDef = {
  id: 'staircase',
  title: 'Nuclear norm ‖W‖* — the staircase',
  logY: false,
  autoLogY: false,
  build(view) {
    const model = baseModel(this, view, '‖W‖*');
    const lines: VLine[] = [];
    let xmax = 0;
    view.shown.forEach(({ results }, s) => {
      const f = axisFactor(results.experiment, view.axis);
      results.runs.forEach((run, j) => {
        const x = xOf(results, run.steps, view.axis);
        if (!x) return;
        const name = runName(view, s, run.label);
        const color = runColor(view, s, j);
        xmax = Math.max(xmax, x[x.length - 1] ?? 0, (results.experiment.optimizer.steps ?? 0) * (f ?? 0));
        model.series.push({ label: name, group: name, steps: run.steps, x, y: run.nuclearNorm, color, dash: sourceDash(s) });
        run.phaseSteps?.predicted.forEach((k, i) => {
          if (k !== null && f !== null) lines.push({ x: k * f, label: `${name} ${subscript(i + 1)}`, color });
        });
      });
      if (s === 0 && f !== null) {
        results.theory.phaseSteps.forEach((k, i) => {
          if (k !== null && Number.isFinite(k)) lines.push({ x: k * f, label: `eq.16 ${subscript(i + 1)}`, color: view.theme.muted, dash: [2, 3], labelAt: 'bottom' });
        });
      }
    });
    model.vlines = mergeVLines(lines.filter((l) => l.x <= xmax * 1.0001), xmax);
    if (model.series.length === 0) model.empty = view.shown.length ? 'this axis is undefined for the experiment (no vanishing init scale δ)' : null;
    return model;
  },
};
