// (4) Reconstruction error ‖W − W_true‖²_F / ‖W_true‖²_F where the data has a ground truth
// (autoencoder, regression, files with groundTruth, completion with the full matrix), and ACHL's
// nuclear-norm-minimization baseline when the results have one.
import { baseModel, runColor, runName, sourceDash, xOf, type ChartDef } from './model';

export const reconstructionChart: ChartDef = {
  id: 'reconstruction',
  title: 'Reconstruction error ‖W − W_true‖²/‖W_true‖²',
  logY: true,
  build(view) {
    const model = baseModel(this, view, 'relative error');
    view.shown.forEach(({ results }, s) => {
      results.runs.forEach((run, j) => {
        const x = xOf(results, run.steps, view.axis);
        if (!x || !run.reconstructionError || run.reconstructionError.every((v) => v === null)) return;
        const name = runName(view, s, run.label);
        model.series.push({ label: name, group: name, steps: run.steps, x, y: run.reconstructionError, color: runColor(view, s, j), dash: sourceDash(s) });
      });
      const base = results.baselines?.nuclearNormMinimization?.reconstructionError;
      const first = model.series[model.series.length - 1];
      if (base !== undefined && base !== null && first) {
        const label = view.shown.length > 1 ? `${view.shown[s].source.name}: nuclear-norm min.` : 'nuclear-norm minimization';
        model.series.push({ label, group: label, steps: [first.steps[0], first.steps[first.steps.length - 1]], x: [first.x[0], first.x[first.x.length - 1]], y: [base, base], color: view.theme.muted, dash: [4, 4], width: 1 });
      }
    });
    if (model.series.length === 0 && view.shown.length) model.empty = 'no ground truth in this experiment (autoencoder, regression, files with groundTruth, completion)';
    return model;
  },
};
