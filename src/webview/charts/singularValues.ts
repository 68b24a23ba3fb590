// Matrix completion (ACHL Fig. 2): the top singular values of every run's end-to-end W over time —
// the rank of M plus three — coloured by index i (σ₁ the palette's first colour in every run), one
// line style per run (depth): the 24 curves of three depths read as eight colours, each told apart
// by its dash. Deeper factorizations move them later and more sharply, and fewer leave zero: the
// singular values past the rank of M (thin) stay small. A dot marks where each σᵢ(W) escapes
// (Cao's stages: first above ½σᵢ(M)). Every run of depth ≥ 2 also records ACHL Thm 3's singular-value
// rates (spec §5.6): the card's toggle draws them instead — observed σᵣ(k+1) − σᵣ(k) as dots, the
// theorem's −η_k ⟨∇f, u_r v_rᵀ⟩ N σᵣ^(2−2/N) dashed, one colour per r — for moments data too.
import { RATE_COUNT_MAX, singularValueRateAgreement } from '../../core/results/singularValueRate';
import { baseModel, isCompletion, runName, subscript, xOf, type ChartDef, type ChartModel, type ViewInput } from './model';

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

const column = (rows: Array<Array<number | null>>, i: number) => rows.map((r) => r[i] ?? null);

/** Whether a run recorded some singular-value rate (spec §5.6: depth ≥ 2, float64). */
export const hasRates = (run: Results['runs'][number]) => Boolean(run.singularValueRate?.observed.some((row) => row.some((x) => x !== null)));

const RATE_TITLE = 'Singular-value rates σᵣ(k+1) − σᵣ(k): observed (dots) against ACHL Thm 3 (dashed)';
/** The dash of the theorem's curves, one per run (the observed dots sit on their run's curve). */
export const PREDICTED_DASHES: number[][] = [[6, 3], [2, 2], [12, 3, 2, 3], [10, 4]];
const PREDICTED_DASH_NAMES = ['dashed', 'dotted', 'dash-dot', 'long dashes'];

/** ACHL Thm 3 (spec §5.6): per run and r, the observed change as dots, the predicted one dashed. */
function rateModel(def: ChartDef, view: ViewInput): ChartModel {
  const model = baseModel(def, view, 'Δσᵣ per step');
  model.title = RATE_TITLE;
  const agreement: string[] = [];
  const styles: string[] = [];
  let runIndex = 0;
  view.shown.forEach(({ results }, s) => {
    results.runs.forEach((run) => {
      const rate = run.singularValueRate;
      const x = xOf(results, run.steps, view.axis);
      if (!rate || !x || !hasRates(run)) return;
      const name = runName(view, s, run.label);
      const palette = view.theme.palette;
      const j = runIndex++;
      const dash = PREDICTED_DASHES[j % PREDICTED_DASHES.length];
      styles.push(`${name} ${PREDICTED_DASH_NAMES[j % PREDICTED_DASH_NAMES.length]}`);
      const n = rate.observed.reduce((w, row) => Math.max(w, row.length), 0);
      for (let r = 0; r < n; r++) {
        const color = palette[r % palette.length];
        const sub = subscript(r + 1);
        model.series.push({ label: `${name} Δσ${sub} observed`, group: name, steps: run.steps, x, y: column(rate.observed, r), color, points: true, line: false });
        model.series.push({ label: `${name} Δσ${sub} ACHL Thm 3`, group: name, steps: run.steps, x, y: column(rate.predicted, r), color, dash, width: 1.5 });
      }
      const a = singularValueRateAgreement(rate);
      if (a.overall !== null) agreement.push(`${name} ${a.overall.toPrecision(2)}`);
    });
  });
  model.caption = `Each dot: σᵣ(W) one step after a record minus σᵣ at it (the run's own next step); dashed: −η_k ⟨∇f(W), u_r v_rᵀ⟩ · N · σᵣ^(2−2/N) (ACHL Thm 3, spec §5.6), ${styles.join(', ')}. Colour: r. No dot where σᵣ ties a neighbour; log y shows the positive (growing) rates. Median |obs − pred|/|pred|: ${agreement.join(', ') || '—'}.`;
  if (!model.series.length) model.empty = 'No run recorded singular-value rates (depth ≥ 2, float64 only).';
  return model;
}

export const singularValuesChart: ChartDef = {
  id: 'singularValues',
  title: 'Top singular values σᵢ(W) — ACHL Fig. 2 (colour: i; thin: past the rank of M)',
  logY: false,
  option: { label: 'rates (ACHL Thm 3)', title: 'overlay observed and predicted singular-value rates σᵣ(k+1) − σᵣ(k) (spec §5.6)' },
  applies: (view) => view.shown.some((s) => isCompletion(s.results) || s.results.runs.some(hasRates)),
  build(view) {
    if (view.option) return rateModel(this, view);
    const model = baseModel(this, view, 'σᵢ(W)');
    const ranks: number[] = [];
    const styles: string[] = [];
    let runIndex = 0;
    view.shown.forEach(({ results }, s) => {
      const completion = isCompletion(results);
      if (!completion && !results.runs.some(hasRates)) return;
      // moments data: the top min(d, p, 8) singular values of each run's W, those the rates follow
      const rank = completion ? completionRank(results) : RATE_COUNT_MAX;
      if (completion) ranks.push(rank);
      results.runs.forEach((run) => {
        const x = xOf(results, run.steps, view.axis);
        if (!x) return;
        const name = runName(view, s, run.label);
        const r = runIndex++;
        const dash = RUN_DASHES[r % RUN_DASHES.length];
        styles.push(`${name} ${DASH_NAMES[r % DASH_NAMES.length]}`);
        const palette = view.theme.palette;
        const n = Math.min(run.singularValues[0]?.length ?? 0, completion ? rank + 3 : rank);
        for (let i = 0; i < n; i++) {
          const past = completion && i >= rank;
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
    if (!ranks.length) {
      model.title = 'Top singular values σᵢ(W) (colour: i) — toggle the rates for ACHL Thm 3';
      model.caption = `The top min(d, p, 8) singular values of each run's W. Colour: i. Line: ${styles.join(', ')}. The rates toggle overlays σᵣ(k+1) − σᵣ(k) observed against ACHL Thm 3.`;
    }
    if (ranks.length) model.caption = `The top ${ranks[0]} + 3 singular values of each run's W (rank of M: ${ranks[0]}; thin: past it). Colour: i. Line: ${styles.join(', ')}. Dots: where σᵢ(W) escapes, first above ½σᵢ(M) (Cao’s stages).`;
    return model;
  },
};
