// Cao's stages (spec §2): each run's escape steps — the first recorded step where σ_i(W) exceeds
// ½σ_i(M) — as labelled vertical lines in the run's color on the chosen axis (matrix completion).
import { axisFactor } from '../axis';
import { runColor, runName, subscript, type ViewInput, type VLine } from './model';
import { mergeVLines } from './vlines';

export function escapeLines(view: ViewInput, labelAt: VLine['labelAt'] = 'top'): VLine[] {
  const lines: VLine[] = [];
  let xmax = 0;
  view.shown.forEach(({ results }, s) => {
    const f = axisFactor(results.experiment, view.axis);
    if (f === null) return;
    results.runs.forEach((run, j) => {
      xmax = Math.max(xmax, (run.steps[run.steps.length - 1] ?? 0) * f);
      const name = runName(view, s, run.label);
      run.escapeSteps?.forEach((k, i) => {
        // the color names the run; with several sources the label does too
        const label = view.shown.length > 1 ? `${name} σ${subscript(i + 1)}` : `σ${subscript(i + 1)}`;
        if (k !== null) lines.push({ x: k * f, label, color: runColor(view, s, j), labelAt });
      });
    });
  });
  return mergeVLines(lines, xmax);
}

/** Whether any shown run has escape steps (completion with a ground truth). */
export const hasEscapes = (view: ViewInput) => view.shown.some(({ results }) => results.runs.some((r) => r.escapeSteps !== undefined));
