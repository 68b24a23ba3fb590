// (4) Reconstruction error ‖W − W_true‖²_F / ‖W_true‖²_F where the data has a ground truth
// (autoencoder, regression, files with groundTruth, completion with the full matrix: ACHL's test
// error ‖W − M‖²_F/‖M‖²_F), and ACHL's nuclear-norm-minimization baseline, when the results have
// one, as a horizontal line across every run of its source.
import { baseModel, isCompletion, runColor, runName, sourceDash, xOf, type ChartDef, type Series } from './model';

export const reconstructionChart: ChartDef = {
  id: 'reconstruction',
  title: 'Reconstruction error ‖W − W_true‖²/‖W_true‖²',
  logY: true,
  build(view) {
    const model = baseModel(this, view, 'relative error');
    if (view.shown.length > 0 && view.shown.every((s) => isCompletion(s.results))) {
      model.title = 'Reconstruction error ‖W − M‖²_F/‖M‖²_F, nuclear-norm minimization (dashed)';
    }
    view.shown.forEach(({ results }, s) => {
      const mine: Series[] = [];
      results.runs.forEach((run, j) => {
        const x = xOf(results, run.steps, view.axis);
        if (!x || !run.reconstructionError || run.reconstructionError.every((v) => v === null)) return;
        const name = runName(view, s, run.label);
        mine.push({ label: name, group: name, steps: run.steps, x, y: run.reconstructionError, color: runColor(view, s, j), dash: sourceDash(s) });
      });
      model.series.push(...mine);
      const base = results.baselines?.nuclearNormMinimization?.reconstructionError;
      if (base === undefined || base === null || mine.length === 0) return;
      // the line spans every run of this source (runs that stop at stopLoss end early)
      let [first, last] = [mine[0], mine[0]];
      for (const m of mine) {
        if (m.x[0] < first.x[0]) first = m;
        if (m.x[m.x.length - 1] > last.x[last.x.length - 1]) last = m;
      }
      const label = view.shown.length > 1 ? `${view.shown[s].source.name}: nuclear-norm min.` : 'nuclear-norm minimization';
      model.series.push({ label, group: label, steps: [first.steps[0], last.steps[last.steps.length - 1]], x: [first.x[0], last.x[last.x.length - 1]], y: [base, base], color: view.theme.muted, dash: [4, 4], width: 1.5 });
    });
    if (model.series.length === 0 && view.shown.length) model.empty = 'no ground truth in this experiment (autoencoder, regression, files with groundTruth, completion)';
    return model;
  },
};
