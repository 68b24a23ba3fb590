// Matrix completion (ACHL Fig. 2): the top singular values of every run's end-to-end W over time —
// the rank of M plus three — coloured by index i (σ₁ the palette's first colour in every run), one
// line style per run (depth): the 24 curves of three depths read as eight colours, each told apart
// by its dash. Deeper factorizations move them later and more sharply, and fewer leave zero: the
// singular values past the rank of M (thin) stay small. A dot marks where each σᵢ(W) escapes
// (Cao's stages: first above ½σᵢ(M)).
import { baseModel, isCompletion, runName, subscript, xOf, type ChartDef } from './model';

/** One line style per run (depth) of the chart, in order: solid, dashed, dotted, dash-dot. */
export const RUN_DASHES: Array<number[] | undefined> = [undefined, [8, 3], [2, 2], [12, 3, 2, 3]];
const DASH_NAMES = ['solid', 'dashed', 'dotted', 'dash-dot'];
import type { Results } from '../../core/types';

/** The rank of M: the data's `rank`, else the number of singular values with an escape target. */
export function completionRank(results: Results): number {
  const data = results.experiment.data;
  if (data.kind === 'completion' && data.rank > 0) return data.rank;
  return results.runs.find((r) => r.escapeSteps)?.escapeSteps?.length ?? 0;
}

const column = (rows: number[][], i: number) => rows.map((r) => r[i] ?? null);

export const singularValuesChart: ChartDef = {
  id: 'singularValues',
  title: 'Top singular values σᵢ(W) — ACHL Fig. 2 (colour: i; thin: past the rank of M)',
  logY: false,
  applies: (view) => view.shown.some((s) => isCompletion(s.results)),
  build(view) {
    const model = baseModel(this, view, 'σᵢ(W)');
    const ranks: number[] = [];
    const styles: string[] = [];
    let runIndex = 0;
    view.shown.forEach(({ results }, s) => {
      if (!isCompletion(results)) return;
      const rank = completionRank(results);
      ranks.push(rank);
      results.runs.forEach((run) => {
        const x = xOf(results, run.steps, view.axis);
        if (!x) return;
        const name = runName(view, s, run.label);
        const r = runIndex++;
        const dash = RUN_DASHES[r % RUN_DASHES.length];
        styles.push(`${name} ${DASH_NAMES[r % DASH_NAMES.length]}`);
        const palette = view.theme.palette;
        const n = Math.min(run.singularValues[0]?.length ?? 0, rank + 3);
        for (let i = 0; i < n; i++) {
          const past = i >= rank;
          model.series.push({
            label: `${name} σ${subscript(i + 1)}`,
            group: name,
            steps: run.steps,
            x,
            y: column(run.singularValues, i),
            color: palette[i % palette.length],
            dash,
            width: past ? 1 : 1.75,
          });
        }
        // Cao's stages: σᵢ(W) where it escapes (first passes ½σᵢ(M)), a marker on its curve
        const escapes = (run.escapeSteps ?? []).map((k, i) => ({ k, i, r: k === null ? -1 : run.steps.indexOf(k) })).filter((e) => e.r >= 0);
        if (escapes.length) {
          model.series.push({
            label: `${name} escapes`,
            group: name,
            steps: escapes.map((e) => e.k!),
            x: escapes.map((e) => x[e.r]),
            y: escapes.map((e) => run.singularValues[e.r][e.i] ?? null),
            color: view.theme.foreground,
            points: true,
            line: false,
          });
        }
      });
    });
    if (ranks.length) model.caption = `The top ${ranks[0]} + 3 singular values of each run's W (rank of M: ${ranks[0]}; thin: past it). Colour: i. Line: ${styles.join(', ')}. Dots: where σᵢ(W) escapes, first above ½σᵢ(M) (Cao’s stages).`;
    return model;
  },
};
