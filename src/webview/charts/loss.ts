// (3) Excess loss f(W) − min f of every run, log scale. Matrix completion (spec §2): the training
// loss f(W) itself, with each run's escape steps (Cao's stages) as vertical lines — its plateaus
// end where a new singular value of W escapes.
import { escapeLines, hasEscapes } from './escape';
import { baseModel, isCompletion, runColor, runName, sourceDash, xOf, type ChartDef } from './model';

export const lossChart: ChartDef = {
  id: 'loss',
  title: 'Excess loss f(W) − min f',
  logY: true,
  build(view) {
    const completion = view.shown.length > 0 && view.shown.every((s) => isCompletion(s.results));
    const model = baseModel(this, view, completion ? 'training loss' : 'excess loss');
    if (completion) model.title = 'Training loss f(W) on Ω — plateaus end at the escape steps (Cao’s stages)';
    view.shown.forEach(({ results }, s) =>
      results.runs.forEach((run, j) => {
        const x = xOf(results, run.steps, view.axis);
        if (!x) return;
        const name = runName(view, s, run.label);
        model.series.push({ label: name, group: name, steps: run.steps, x, y: isCompletion(results) ? run.loss : run.excessLoss, color: runColor(view, s, j), dash: sourceDash(s) });
      }),
    );
    if (hasEscapes(view)) {
      model.vlines = escapeLines(view, 'bottom');
      model.caption = 'Vertical lines: the first recorded step where σᵢ(W) exceeds ½σᵢ(M), in the color of its run.';
    }
    return model;
  },
};
