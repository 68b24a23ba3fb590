// (5) Distances ‖W − W^{k,*}‖_F / ‖W*‖_F to the reduced-rank regression solutions (GBL eq. 4),
// k = 0…r_xy: a depth-2 run visits W^{1,*}, W^{2,*}, … in turn (each plateau of the staircase).
// Color by k; runs by dash.
import { baseModel, runName, xOf, someMoments, type ChartDef } from './model';

const DASHES: Array<number[] | undefined> = [undefined, [8, 3], [2, 2], [12, 3, 2, 3], [4, 4]];

export const reducedRankChart: ChartDef = {
  id: 'reducedRank',
  title: 'Distance to reduced-rank solutions ‖W − W^{k,*}‖/‖W*‖',
  logY: true,
  applies: someMoments,
  build(view) {
    const model = baseModel(this, view, 'relative distance');
    let runIndex = 0;
    const styles: string[] = [];
    view.shown.forEach(({ results }, s) =>
      results.runs.forEach((run) => {
        const x = xOf(results, run.steps, view.axis);
        const rows = run.reducedRankDistance;
        const dash = DASHES[runIndex++ % DASHES.length];
        if (!x || !rows || rows.length === 0) return;
        const name = runName(view, s, run.label);
        styles.push(`${name} ${['solid', 'dashed', 'dotted', 'dash-dot', 'short dashes'][(runIndex - 1) % DASHES.length]}`);
        for (let k = 0; k < rows[0].length; k++) {
          model.series.push({ label: `${name} k=${k}`, group: `k = ${k}`, steps: run.steps, x, y: rows.map((r) => r[k]), color: view.theme.palette[k % view.theme.palette.length], dash });
        }
      }),
    );
    if (styles.length > 1) model.caption = `Color: k. Line: ${styles.join(', ')}.`;
    if (model.series.length === 0 && view.shown.length) model.empty = 'no Σx, Σxy here (matrix completion): no reduced-rank solutions';
    return model;
  },
};
