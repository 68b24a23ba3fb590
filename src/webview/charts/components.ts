// (2) Component values c_i = u_iᵀWv_i (solid) of every run, the scalar theory of each component
// for the run's depth and method (dashed, spec §1), and the singular values of W (dotted). Colour by
// component (colour-blind-safe palette), line style by run.
import { baseModel, runName, subscript, xOf, someMoments, type ChartDef } from './model';

const column = (rows: Array<Array<number | null>>, i: number) => rows.map((r) => r[i] ?? null);

/** Line style of the j-th run overall: the first solid (reducedRank.ts uses the same). */
const DASHES: Array<number[] | undefined> = [undefined, [10, 4], [3, 3], [12, 3, 2, 3], [5, 5]];
const DASH_NAMES = ['solid', 'long dashes', 'short dashes', 'dash-dot', 'dashes'];

export const componentsChart: ChartDef = {
  id: 'components',
  title: 'Components c_i = u_iᵀWv_i, scalar theory (dashed), singular values (dotted)',
  logY: false,
  applies: someMoments,
  build(view) {
    const model = baseModel(this, view, 'value');
    // colour: the component i (its c_i, its theory, its σ_i share it); line: the run
    const color = (i: number) => view.theme.palette[i % view.theme.palette.length];
    const styles: string[] = [];
    let runIndex = 0;
    view.shown.forEach(({ results }, s) => {
      const rxy = results.theory.sigma.length;
      results.runs.forEach((run) => {
        const x = xOf(results, run.steps, view.axis);
        const dash = DASHES[runIndex % DASHES.length];
        const style = DASH_NAMES[runIndex % DASHES.length];
        runIndex++;
        if (!x) return;
        const name = runName(view, s, run.label);
        styles.push(`${name} ${style}`);
        const n = run.componentValues?.[0]?.length ?? 0;
        for (let i = 0; i < n; i++) {
          model.series.push({ label: `${name} c${subscript(i + 1)}`, group: `c${subscript(i + 1)}`, steps: run.steps, x, y: column(run.componentValues!, i), color: color(i), dash });
        }
        const m = run.scalarTheory?.[0]?.length ?? 0;
        for (let i = 0; i < m; i++) {
          model.series.push({ label: `${name} theory ${subscript(i + 1)}`, group: 'scalar theory', steps: run.steps, x, y: column(run.scalarTheory!, i), color: color(i), dash: [6, 4], width: 1 });
        }
        const sv = Math.min(run.singularValues[0]?.length ?? 0, rxy > 0 ? rxy : 10);
        for (let i = 0; i < sv; i++) {
          model.series.push({ label: `${name} σ${subscript(i + 1)}(W)`, group: 'σ_i(W)', steps: run.steps, x, y: column(run.singularValues, i), color: color(i), dash: [1, 3], width: 1 });
        }
      });
    });
    model.caption = `Color: component i. Line: ${styles.join(', ')}; theory thin dashed, σ_i(W) dotted.`;
    return model;
  },
};
