// (6) The theory card: σ, λ, ε, Δxy, Δx (spec §1), the step-size bounds of Cor. 3 against η, the
// predicted and observed phase steps, how each run ran (engine, steps/s, stop), and every
// diagnostic of the file (spec §3).
import { minimizerVerdict, targetIsMinimizer } from '../core/baselines/index';
import type { Results } from '../core/types';
import type { EngineInfo } from '../shared/messages';
import type { Shown } from './charts/model';
import { el } from './dom';
import { fieldName, getAtPointer } from '../core/experiment/pointer';
import { pointName, shownValue } from '../core/sweep/points';
import { singularValueRateAgreement } from '../core/results/singularValueRate';

const fmt = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(Number(v.toPrecision(digits)));
const int = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v).toLocaleString('en-US'));
const rate = (steps: number, ms: number) => (ms > 0 ? Math.round((steps / ms) * 1000).toLocaleString('en-US') : '—');

function table(head: string[], rows: Array<Array<string | Node>>, caption?: string): HTMLElement {
  return el(
    'table',
    {},
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}

function bound(label: string, limit: number | null, eta: number): HTMLElement {
  if (limit === null) return el('li', {}, `${label}: —`);
  const ok = eta < limit;
  return el('li', { class: ok ? 'ok' : 'bad' }, `${label} = ${fmt(limit)} ${ok ? '>' : '≤'} η = ${fmt(eta)} `, el('span', { class: 'verdict' }, ok ? '✓ holds' : '✗ broken'));
}

function runsTable(results: Results, engine: EngineInfo | null, live: ReadonlyMap<number, number>): HTMLElement {
  const withError = results.runs.some((r) => r.reconstructionError?.some((v) => v !== null));
  const rows = results.runs.map((r, j) => {
    const last = r.steps[r.steps.length - 1] ?? 0;
    const sps = live.get(j);
    const error = withError ? [fmt(r.reconstructionError?.[r.reconstructionError.length - 1] ?? null, 3)] : [];
    return [
      r.label,
      String(r.depth),
      String(r.width),
      r.method,
      `${r.backend} ${r.precision === 'float64' ? 'f64' : 'f32'}${engine && engine.backend === r.backend ? ` (${engine.side})` : ''}`,
      sps !== undefined && r.wallMs === 0 ? Math.round(sps).toLocaleString('en-US') : rate(last, r.wallMs),
      // a live run has no wall time yet: it has not stopped, whatever its header says
      r.wallMs === 0 && r.stopReason === 'completed' ? `running (step ${int(last)})` : r.stopReason + (r.stoppedAt !== null ? ` at ${int(r.stoppedAt)}` : ''),
      ...error,
    ];
  });
  return table(['model', 'depth', 'width', 'method', 'engine', 'steps/s', 'stop', ...(withError ? ['final recon. error'] : [])], rows, 'Runs');
}

/** The swept value the runs shown belong to: the one running, else the last one run. */
function sweepValue(results: Results, running: number | null): string {
  const sweep = results.sweep!;
  const v = running !== null && sweep.values ? sweep.values[running] : ((sweep.path !== undefined ? getAtPointer(results.experiment, sweep.path) : undefined) ?? sweep.points[sweep.points.length - 1]?.value);
  return shownValue(v);
}

/** Which point the charts below show: a one-axis sweep's value, or a grid's point by its every axis (spec §5.5). */
function sweepBodyFacts(results: Results, running: number | null): string {
  const sweep = results.sweep!;
  if (sweep.path !== undefined) return `The runs below are those of ${fieldName(sweep.path)} = ${sweepValue(results, running)}; the sweep table holds every value's final result.`;
  const axes = sweep.axes ?? [];
  const at = pointName(axes, axes.map((a) => getAtPointer(results.experiment, a.path)));
  return `The runs below are those of the grid point ${at || sweepValue(results, running)}; the phase diagram holds every point (click a cell for its runs).`;
}

const isCompletion = (results: Results) => results.experiment.data.kind === 'completion';

/** Matrix completion (ACHL, spec §2): the matrix, its rank and |Ω| — instead of n, d, p. */
function completionFacts(results: Results): string {
  const data = results.experiment.data;
  const { d: rows, p: cols, n } = results.problem;
  const rank = data.kind === 'completion' ? data.rank : null;
  const observed = n ?? (data.kind === 'completion' ? data.observed : null);
  const share = observed !== null && rows * cols > 0 ? ` (${fmt((100 * observed) / (rows * cols), 3)} % of the entries)` : '';
  const from = data.kind === 'completion' && data.matrix ? `, from ${data.matrix}` : '';
  return `Matrix completion: M is ${rows} × ${cols}${rank !== null ? `, rank ${rank}` : ''}${from}; |Ω| = ${int(observed)} observed${share}`;
}

/** ACHL's convex baseline (spec §4 `baselines`), as solved. */
function baselineFacts(results: Results): HTMLElement | null {
  const b = results.baselines?.nuclearNormMinimization;
  if (!b) return null;
  const minimizer = targetIsMinimizer(b);
  return el(
    'ul',
    { class: 'measures baseline' },
    el('li', {}, el('strong', {}, 'Nuclear-norm minimization'), ' (min ‖W‖* s.t. |Wᵢⱼ − Mᵢⱼ| ≤ 1e-3 on Ω)'),
    el('li', {}, `reconstruction error ${fmt(b.reconstructionError, 3)}`),
    el('li', {}, `‖W‖* = ${fmt(b.nuclearNorm)}`),
    el('li', {}, `${int(b.iterations)} iterations${b.status ? ` (${b.status === 'converged' ? 'converged' : 'iteration limit'})` : ''}`),
    el('li', {}, `duality gap ${fmt(b.dualityGap, 2)}`),
    ...(minimizer === null ? [] : [el('li', { class: minimizer ? 'minimizer' : 'not-minimizer' }, `‖M‖* = ${fmt(b.targetNuclearNorm ?? null)}: ${minimizerVerdict(minimizer)}`)]),
  );
}

/** Cao's stages: per singular value of M, the first recorded step where σᵢ(W) > ½σᵢ(M), per run. */
function escapeTable(results: Results): HTMLElement | null {
  const runs = results.runs.filter((r) => r.escapeSteps && r.escapeSteps.length);
  if (!runs.length) return null;
  const n = Math.max(...runs.map((r) => r.escapeSteps!.length));
  const rows = Array.from({ length: n }, (_, i) => [String(i + 1), ...runs.map((r) => int(r.escapeSteps![i] ?? null))]);
  return table(['i', ...runs.map((r) => r.label)], rows, 'Escape steps (Cao’s stages): first recorded step with σᵢ(W) > ½σᵢ(M)');
}

/** A sweep's points: the final reconstruction error per value and model (the final loss where there is no ground truth: moments data), and the baseline's. */
function sweepTable(results: Results, running: number | null): HTMLElement | null {
  const sweep = results.sweep;
  // a two-axis grid (spec §5.5) is the heatmap's: this table is a one-axis sweep's
  if (!sweep || sweep.values === undefined || sweep.path === undefined) return null;
  const labels = [...new Set([...sweep.points.flatMap((p) => Object.keys(p.final)), ...results.experiment.models.map((m) => m.label)])];
  const baseline = sweep.points.some((p) => p.baseline !== null);
  // moments data have no ground truth (spec §3): the table shows each point's final loss instead
  const byError = sweep.points.some((p) => Object.values(p.final).some((x) => x !== null));
  const finalOf = (p: (typeof sweep.points)[number], l: string) => (byError ? p.final[l] : p.loss?.[l]) ?? null;
  const rows = sweep.values.map((v, k) => {
    // the point at this value (a cancelled or resumed sweep may hold later points and not this one)
    const p = sweep.points.find((q) => JSON.stringify(q.values ?? [q.value]) === JSON.stringify([v]));
    const state = p ? [] : [k === running ? 'running…' : 'to do'];
    return [shownValue(v), ...(p ? labels.map((l) => fmt(finalOf(p, l), 3)) : labels.map(() => '—')), ...(baseline ? [p ? fmt(p.baseline, 3) : '—'] : []), ...(state.length ? state : [''])];
  });
  return table(['value', ...labels, ...(baseline ? ['nuclear-norm min.'] : []), ''], rows, `Sweep over ${fieldName(sweep.path)}: final ${byError ? 'reconstruction error' : 'loss'} (${sweep.points.length} of ${sweep.values.length} values done)`);
}

/** ACHL Thm 3 on each run of depth ≥ 2 (spec §5.6): the median relative gap of the recorded rates, overall and per r. */
function rateTable(results: Results): HTMLElement | null {
  const runs = results.runs.filter((r) => r.singularValueRate);
  if (!runs.length) return null;
  const agreements = runs.map((r) => singularValueRateAgreement(r.singularValueRate!));
  const n = Math.max(0, ...agreements.map((a) => a.perValue.length));
  const rows = runs.map((r, j) => {
    const a = agreements[j];
    const none = r.precision === 'float32' ? 'not recorded (float32)' : '—';
    return [r.label, String(r.depth), a.overall === null ? none : fmt(a.overall, 2), String(a.count), ...Array.from({ length: n }, (_, i) => fmt(a.perValue[i] ?? null, 2))];
  });
  const head = ['model', 'depth', 'median', 'entries', ...Array.from({ length: n }, (_, i) => `r = ${i + 1}`)];
  return table(head, rows, 'ACHL Thm 3: median |observed − predicted| / |predicted| of σᵣ(k+1) − σᵣ(k) (the singular-value chart’s rates toggle draws them)');
}

function phaseTable(results: Results): HTMLElement | null {
  const t = results.theory;
  if (t.sigma.length === 0) return null;
  const head = ['i', 'σᵢ', 'λᵢ', 'σᵢ/λᵢ', 'eq. 16 step', ...results.runs.map((r) => `${r.label}: predicted → observed`)];
  const rows = t.sigma.map((s, i) => [
    String(i + 1),
    fmt(s),
    fmt(t.lambda[i]),
    fmt(s / t.lambda[i]),
    fmt(t.phaseSteps[i] ?? null, 5),
    ...results.runs.map((r) => `${int(r.phaseSteps?.predicted[i])} → ${int(r.phaseSteps?.observed[i])}`),
  ]);
  return table(head, rows, 'Components and phase steps (first step with cᵢ ≥ ½σᵢ/λᵢ)');
}

export function theoryCard(shown: Shown[], engine: EngineInfo | null, live: ReadonlyMap<number, number>, sweepAt: number | null = null): HTMLElement {
  const card = el('section', { class: 'card theory', 'data-chart': 'theory' }, el('header', {}, el('h3', {}, 'Theory and diagnostics')));
  const first = shown[0];
  if (!first) return card;
  const { results } = first;
  const t = results.theory;
  const exp = results.experiment;
  const eta = exp.optimizer.stepSize;
  const completion = isCompletion(results);
  const training =
    `${exp.optimizer.method}, η = ${fmt(eta)}, ${int(exp.optimizer.steps)} steps` +
    (exp.optimizer.stopLoss !== undefined ? ` (stop at loss ${fmt(exp.optimizer.stopLoss)})` : '') +
    `; init ${exp.init.scheme}` +
    (exp.init.delta !== undefined ? `, δ = ${fmt(exp.init.delta)}` : exp.init.scale !== undefined ? `, scale ${fmt(exp.init.scale)}` : '');
  const problem = completion ? completionFacts(results) : `${results.problem.n === null ? 'moments given (no samples)' : `${results.problem.n} samples`}, d = ${results.problem.d}, p = ${results.problem.p}`;
  card.append(el('p', { class: 'facts' }, `${problem}; ${training}`));
  if (results.sweep) card.append(el('p', { class: 'facts' }, sweepBodyFacts(results, sweepAt)));
  if (engine) card.append(el('p', { class: 'engine' }, `Engine: ${engine.backend} (${engine.precision}), computed in the ${engine.side === 'webview' ? 'webview (tfjs)' : "extension's compute workers"} — ${engine.reason}`));
  if (!completion || t.sigma.length > 0) {
    card.append(
      el(
        'ul',
        { class: 'measures' },
        el('li', {}, `ε = ‖B‖₂ = ${fmt(t.epsilon)}`),
        el('li', {}, `Δxy = ${fmt(t.deltaXY)}`),
        el('li', {}, `Δx = ${fmt(t.deltaX)}`),
        bound('stability 1/(2σ₁)', t.stepSizeBounds.stability, eta),
        bound('eigengap (Cor. 3)', t.stepSizeBounds.eigengap, eta),
      ),
    );
  }
  for (const part of [baselineFacts(results), sweepTable(results, sweepAt), phaseTable(results), rateTable(results)]) if (part) card.append(part);
  const escapes = escapeTable(results);
  const runs = runsTable(results, engine, live);
  card.append(escapes ? el('div', { class: 'tables' }, runs, escapes) : runs);
  const diags = results.diagnostics;
  card.append(
    el(
      'div',
      { class: 'diagnostics' },
      el('h4', {}, `Diagnostics (${diags.length})`),
      diags.length === 0
        ? el('p', { class: 'note' }, 'None: the papers’ conditions hold for this file.')
        : el('ul', {}, ...diags.map((d) => el('li', { class: `sev-${d.severity}` }, el('span', { class: 'sev' }, d.severity), ` ${d.code} `, el('code', {}, d.path), ` — ${d.message}`))),
    ),
  );
  if (shown.length > 1) card.append(el('p', { class: 'note' }, `Comparing: ${shown.map((s) => s.source.name).join(' · ')} (theory of the first).`));
  return card;
}
