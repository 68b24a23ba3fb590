// (3) Excess loss f(W) − min f of every run, log scale (the loss itself for completion, spec §2).
import { baseModel, runColor, runName, sourceDash, xOf, type ChartDef } from './model';

export const lossChart: ChartDef = {
  id: 'loss',
  title: 'Excess loss f(W) − min f',
  logY: true,
  build(view) {
    const model = baseModel(this, view, 'excess loss');
    view.shown.forEach(({ results }, s) =>
      results.runs.forEach((run, j) => {
        const x = xOf(results, run.steps, view.axis);
        if (!x) return;
        const name = runName(view, s, run.label);
        model.series.push({ label: name, group: name, steps: run.steps, x, y: run.excessLoss, color: runColor(view, s, j), dash: sourceDash(s) });
      }),
    );
    return model;
  },
};
