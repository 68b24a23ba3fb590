// (2) Component values c_i = u_iᵀWv_i (solid) of every run, the scalar theory of each component
// for the run's depth and method (dashed, spec §1), and the singular values of W (dotted).
import { baseModel, runColor, runName, sourceDash, subscript, xOf, someMoments, type ChartDef } from './model';

const column = (rows: Array<Array<number | null>>, i: number) => rows.map((r) => r[i] ?? null);

export const componentsChart: ChartDef = {
  id: 'components',
  title: 'Components c_i = u_iᵀWv_i, scalar theory (dashed), singular values (dotted)',
  logY: false,
  applies: someMoments,
  build(view) {
    const model = baseModel(this, view, 'value');
    view.shown.forEach(({ results }, s) => {
      const rxy = results.theory.sigma.length;
      results.runs.forEach((run, j) => {
        const x = xOf(results, run.steps, view.axis);
        if (!x) return;
        const name = runName(view, s, run.label);
        const color = runColor(view, s, j);
        const dash = sourceDash(s);
        const n = run.componentValues?.[0]?.length ?? 0;
        for (let i = 0; i < n; i++) {
          model.series.push({ label: `${name} c${subscript(i + 1)}`, group: `${name} c_i`, steps: run.steps, x, y: column(run.componentValues!, i), color, dash });
        }
        const m = run.scalarTheory?.[0]?.length ?? 0;
        for (let i = 0; i < m; i++) {
          model.series.push({ label: `${name} theory ${subscript(i + 1)}`, group: `${name} theory`, steps: run.steps, x, y: column(run.scalarTheory!, i), color, dash: [6, 4], width: 1 });
        }
        const sv = Math.min(run.singularValues[0]?.length ?? 0, rxy > 0 ? rxy : 10);
        for (let i = 0; i < sv; i++) {
          model.series.push({ label: `${name} σ${subscript(i + 1)}(W)`, group: `${name} σ_i(W)`, steps: run.steps, x, y: column(run.singularValues, i), color, dash: dash ?? [1, 3], width: 1 });
        }
      });
    });
    return model;
  },
};
