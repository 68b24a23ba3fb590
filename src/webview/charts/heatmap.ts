// The phase diagram (spec §5.5): a two-axis sweep drawn as a heatmap of one per-point metric —
// final loss, reconstruction error, settled, sequential, diverged, an observed phase step, the final
// distance to W^{k,*} — for one model label, chosen in the card's selects. Positive continuous
// metrics on a log colour scale (viridis, colour-blind safe), booleans in two Okabe–Ito hues with a
// legend, cells with nothing (null, not run) hatched grey. Where an axis is /optimizer/stepSize it
// goes on y and GBL Cor. 3's stability bound 1/(2σ1) and eigengap bound, and spec §3's divergence
// bound for the label's method (gd 2/max ρ_i, flow 2.78/max ρ_i), are drawn as curves over the
// other axis (the points' `stepSizeBounds`). A cell's click (or Enter) shows that point's runs.
// Pure model building; charts/heatmapPlugin.ts draws the cells on the Chart.js canvas.
import { fieldName } from '../../core/experiment/pointer';
import { shownValue } from '../../core/sweep/points';
import type { Results, SweepPoint } from '../../core/types';
import { el } from '../dom';
import type { Theme } from '../theme';
import { runName, subscript, type ChartDef, type ChartModel, type Series, type ViewInput } from './model';
import { pointValues, sweepAxesOf, sweepAxisLabel, type ShownAxis } from './sweep';

/** A metric of a sweep point, per model label (spec §5.5). */
export type HeatMetric = 'loss' | 'reconstruction' | 'settled' | 'sequential' | 'diverged' | `phase:${number}` | `distance:${number}`;

export const STEP_SIZE_PATH = '/optimizer/stepSize';

export interface HeatCell {
  /** Index into sweep.points, or −1 where the grid has no point (not run, cancelled). */
  index: number;
  /** Column (x) and row (y) in the grid. */
  col: number;
  row: number;
  /** The cell's edges on the axes' scales. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  value: number | boolean | null;
  color: string;
  /** Hatched: no value (null, not run, not positive on a log scale). */
  hatch: boolean;
  /** What the cell says (aria label, tooltip): "η = 0.1, δ = 8: final loss 1.2e-5". */
  text: string;
}

export interface HeatLegendEntry {
  label: string;
  color: string;
  hatch?: boolean;
}

export interface Heatmap {
  /** Cell centres on each axis (the values, or their indices when not numbers). */
  x: number[];
  y: number[];
  xTickLabels: string[];
  yTickLabels: string[];
  xEdges: number[];
  yEdges: number[];
  logX: boolean;
  logY: boolean;
  /** Which sweep axis is on x and on y (0 or 1). */
  xAxis: number;
  yAxis: number;
  cells: HeatCell[];
  /** Continuous: a colour bar from lo to hi (log when `logColor`); categorical: swatches. */
  scale: { kind: 'continuous'; lo: number; hi: number; log: boolean; stops: string[] } | { kind: 'categorical' };
  legend: HeatLegendEntry[];
  /** The point shown in the other charts (drilled into), or null. */
  selected: number | null;
  metric: HeatMetric;
  label: string;
  /** What the selects offer: the metrics some point has, the model labels. */
  metrics: HeatMetric[];
  labels: string[];
  /** CSV: one row per point, the axes' values then the metric per label (and the step-size bounds). */
  csvHeader: string[];
  csvRows: Array<Array<string | number | boolean | null>>;
}

/** The card's choice (its selects); kept across redraws and live updates. */
export const heatmapChoice: { metric: HeatMetric; label: string | null } = { metric: 'loss', label: null };

// viridis (van der Walt & Smith, matplotlib): perceptually uniform and colour-blind safe
export const VIRIDIS = ['#440154', '#482878', '#3e4a89', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6dcd59', '#b4de2c', '#fde725'];

/** The colour at t ∈ [0, 1] along `stops` (linear in RGB between neighbours). */
export function rampColor(stops: string[], t: number): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const rgb = (h: string) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
  const [a, b] = [rgb(stops[i]), rgb(stops[i + 1])];
  return `#${a.map((v, k) => Math.round(v + (b[k] - v) * f).toString(16).padStart(2, '0')).join('')}`;
}

/** Booleans: true and false in two Okabe–Ito hues that read on the theme (blue / orange). */
export function booleanColors(theme: Theme): { yes: string; no: string } {
  const dark = theme.kind === 'dark' || theme.kind === 'high-contrast';
  return dark ? { yes: '#56B4E9', no: '#E69F00' } : { yes: '#0072B2', no: '#E69F00' };
}

export const NO_VALUE_COLOR = 'rgba(128, 128, 128, 0.35)';

/** Positive values spaced by a constant ratio rather than a constant difference (1e-3, 1e-2, 1e-1; 4, 8, 16, 32): a log axis. */
export function logSpaced(values: number[]): boolean {
  if (values.length < 2 || !values.every((v) => Number.isFinite(v) && v > 0)) return false;
  const xs = [...values].sort((a, b) => a - b);
  if (xs.length === 2) return xs[1] >= 10 * xs[0];
  const spread = (d: number[]) => {
    const m = d.reduce((s, v) => s + v, 0) / d.length;
    return m > 0 ? Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / d.length) / m : Infinity;
  };
  const ratios = xs.slice(1).map((v, i) => Math.log(v / xs[i]));
  const diffs = xs.slice(1).map((v, i) => v - xs[i]);
  return spread(ratios) < spread(diffs);
}

/** Cell edges around sorted centres: midpoints (geometric on a log axis), the outer ones half a spacing out. */
export function cellEdges(centres: number[], log: boolean): number[] {
  const f = log ? Math.log10 : (v: number) => v;
  const g = log ? (v: number) => 10 ** v : (v: number) => v;
  const c = centres.map(f);
  if (c.length === 1) return [g(c[0] - 0.5), g(c[0] + 0.5)];
  const mids = c.slice(1).map((v, i) => (v + c[i]) / 2);
  return [g(c[0] - (mids[0] - c[0])), ...mids.map(g), g(c[c.length - 1] + (c[c.length - 1] - mids[mids.length - 1]))];
}

const isNumbers = (values: unknown[]) => values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v));

/** The results the heatmap draws: the first shown with a two-axis sweep. */
export function gridResults(view: ViewInput): { results: Results; s: number; axes: ShownAxis[] } | null {
  for (const [s, { results }] of view.shown.entries()) {
    const axes = results.sweep ? sweepAxesOf(results.sweep) : [];
    if (axes.length === 2) return { results, s, axes };
  }
  return null;
}

const record = <T>(v: unknown): Record<string, T> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, T>) : undefined);

/** A point's metric for one label (fields absent in older files read as null). */
export function metricValue(p: SweepPoint, metric: HeatMetric, label: string): number | boolean | null {
  const q = p as unknown as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : null);
  switch (metric) {
    case 'loss':
      return num(record(q.loss)?.[label]);
    case 'reconstruction':
      return num(record(q.final)?.[label]);
    case 'settled':
      return bool(record(q.settled)?.[label]);
    case 'sequential':
      return bool(record(q.sequential)?.[label]);
    case 'diverged': {
      const d = bool(record(q.diverged)?.[label]);
      if (d !== null) return d;
      const why = record<string>(q.stopReason)?.[label];
      return why === undefined ? null : why === 'diverged';
    }
  }
  const [kind, n] = metric.split(':');
  const list = record<unknown[] | null>(kind === 'phase' ? q.observedPhaseSteps : q.reducedRankDistance)?.[label];
  return Array.isArray(list) ? num(list[Number(n)]) : null;
}

const BOOLEAN_WORDS: Record<string, [string, string]> = {
  settled: ['settled (excess loss ≤ 1e-6 × initial)', 'not settled'],
  sequential: ['sequential (phase steps in order, within 10 %)', 'not sequential'],
  diverged: ['diverged', 'did not diverge'],
};

/** The metric in words. */
export function metricName(metric: HeatMetric): string {
  if (metric === 'loss') return 'final loss';
  if (metric === 'reconstruction') return 'final reconstruction error';
  if (metric === 'settled' || metric === 'sequential' || metric === 'diverged') return metric;
  const [kind, n] = metric.split(':');
  return kind === 'phase' ? `observed phase step ${subscript(Number(n) + 1)}` : `final ‖W − W^{${n},*}‖/‖W*‖`;
}

const isBooleanMetric = (m: HeatMetric) => m === 'settled' || m === 'sequential' || m === 'diverged';

/** The metrics some point has a value of (always the final loss), in the select's order. */
export function availableMetrics(points: SweepPoint[], labels: string[]): HeatMetric[] {
  const out: HeatMetric[] = ['loss'];
  const some = (m: HeatMetric) => points.some((p) => labels.some((l) => metricValue(p, m, l) !== null));
  for (const m of ['reconstruction', 'settled', 'sequential', 'diverged'] as HeatMetric[]) if (some(m)) out.push(m);
  const longest = (field: string) => Math.max(0, ...points.flatMap((p) => labels.map((l) => { const v = record<unknown[] | null>((p as unknown as Record<string, unknown>)[field])?.[l]; return Array.isArray(v) ? v.length : 0; })));
  for (let i = 0; i < longest('observedPhaseSteps'); i++) out.push(`phase:${i}`);
  for (let k = 0; k < longest('reducedRankDistance'); k++) out.push(`distance:${k}`);
  return out;
}

/** The model labels of a sweep: those its points speak of, else the experiment's. */
export function sweepLabels(results: Results): string[] {
  const out: string[] = [];
  for (const p of results.sweep?.points ?? []) for (const l of Object.keys(p.final ?? {})) if (!out.includes(l)) out.push(l);
  if (out.length === 0) out.push(...results.experiment.models.map((m) => m.label));
  return out;
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(Number(v.toPrecision(4))));
const axisWord = (path: string) => (path === STEP_SIZE_PATH ? 'η' : path === '/init/delta' ? 'δ' : fieldName(path));

/** A point's key for matching it to its grid place (points say which values they are, spec §5.5). */
const key = (v: unknown) => JSON.stringify(v);

/** The step-size bounds of a point, read defensively (spec §5.5 `stepSizeBounds`). */
function boundsOf(p: SweepPoint | undefined, label: string): { stability: number | null; eigengap: number | null; divergence: number | null } | null {
  const b = record<unknown>((p as unknown as Record<string, unknown> | undefined)?.stepSizeBounds);
  if (!b) return null;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);
  return { stability: num(b.stability), eigengap: num(b.eigengap), divergence: num(record(b.divergence)?.[label]) };
}

export const BOUND_LABELS = {
  stability: 'stability 1/(2σ₁) (Cor. 3)',
  eigengap: 'eigengap bound (Cor. 3)',
  divergence: 'divergence bound (§3)',
} as const;

/** Builds the heatmap model (and its bound curves as series) for the choice. */
export function buildHeatmap(view: ViewInput, choice = heatmapChoice): ChartModel {
  const model: ChartModel = { id: 'heatmap', title: 'Phase diagram', xLabel: '', yLabel: '', series: [], vlines: [], empty: null };
  const grid = gridResults(view);
  if (!grid) return { ...model, empty: 'no two-axis sweep' };
  const { results, axes } = grid;
  const points = results.sweep!.points;
  const labels = sweepLabels(results);
  const label = choice.label !== null && labels.includes(choice.label) ? choice.label : labels[0];
  const metrics = availableMetrics(points, labels);
  const metric = metrics.includes(choice.metric) ? choice.metric : 'loss';
  // η on y (the bounds are curves of the other axis), else the file's first axis on x
  const yAxis = axes[0].path === STEP_SIZE_PATH && axes[1].path !== STEP_SIZE_PATH ? 0 : 1;
  const xAxis = 1 - yAxis;
  const place = (a: ShownAxis) => {
    const numeric = isNumbers(a.values);
    const centres = numeric ? (a.values as number[]) : a.values.map((_, i) => i);
    const log = numeric && logSpaced(centres);
    const order = centres.map((_, i) => i).sort((i, j) => centres[i] - centres[j]);
    const sortedEdges = cellEdges(order.map((i) => centres[i]), log);
    // edges per value index (values need not be sorted in the file)
    const lo = new Array<number>(centres.length);
    const hi = new Array<number>(centres.length);
    order.forEach((i, r) => ((lo[i] = sortedEdges[r]), (hi[i] = sortedEdges[r + 1])));
    return { centres, log, lo, hi, edges: sortedEdges, ticks: a.values.map(shownValue) };
  };
  const X = place(axes[xAxis]);
  const Y = place(axes[yAxis]);
  const byValues = new Map<string, number>();
  points.forEach((p, k) => byValues.set(key(pointValues(p)), k));
  const values = points.map((p) => metricValue(p, metric, label));
  const positive = values.filter((v): v is number => typeof v === 'number' && v > 0);
  const boolean = isBooleanMetric(metric);
  const logColor = !boolean && positive.length > 0 && values.every((v) => v === null || typeof v !== 'number' || v > 0);
  const finite = values.filter((v): v is number => typeof v === 'number');
  const lo = logColor ? Math.min(...positive) : Math.min(...finite);
  const hi = logColor ? Math.max(...positive) : Math.max(...finite);
  const colors = booleanColors(view.theme);
  const t = (v: number) => (hi === lo ? 0.5 : logColor ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo));
  const words = BOOLEAN_WORDS[metric];
  const cells: HeatCell[] = [];
  const name = metricName(metric);
  axes[0].values.forEach((v0, i) => {
    axes[1].values.forEach((v1, j) => {
      const index = byValues.get(key([v0, v1])) ?? -1;
      const [col, row] = xAxis === 0 ? [i, j] : [j, i];
      const value = index >= 0 ? values[index] : null;
      const hatch = value === null || (typeof value === 'number' && logColor && !(value > 0));
      // booleans: the good outcome blue, the bad orange (diverged is the bad one when true)
      const good = typeof value === 'boolean' && value !== (metric === 'diverged');
      const color = hatch ? NO_VALUE_COLOR : typeof value === 'boolean' ? (good ? colors.yes : colors.no) : rampColor(VIRIDIS, t(value as number));
      const what = index < 0 ? 'not run' : value === null ? (metric === 'sequential' ? 'not covered by the theory' : 'none') : typeof value === 'boolean' ? (value ? words[0] : words[1]) : fmt(value);
      const at = `${axisWord(axes[xAxis].path)} = ${X.ticks[col]}, ${axisWord(axes[yAxis].path)} = ${Y.ticks[row]}`;
      cells.push({ index, col, row, x0: X.lo[col], x1: X.hi[col], y0: Y.lo[row], y1: Y.hi[row], value, color, hatch, text: `${at}: ${name} ${what}` });
    });
  });
  const inverted = metric === 'diverged';
  const legend: HeatLegendEntry[] = boolean ? [{ label: words[0], color: inverted ? colors.no : colors.yes }, { label: words[1], color: inverted ? colors.yes : colors.no }] : [];
  if (cells.some((c) => c.hatch)) legend.push({ label: metric === 'sequential' ? 'not covered / not run' : 'no value / not run', color: NO_VALUE_COLOR, hatch: true });
  // the step-size bounds as curves over the other axis, at the cells' positions
  const offGrid: string[] = [];
  if (axes[yAxis].path === STEP_SIZE_PATH) {
    const other = axes[xAxis].values;
    const at = other.map((v) => {
      const p = points.find((q) => key(pointValues(q)[xAxis]) === key(v));
      return boundsOf(p, label);
    });
    const dashes: Record<keyof typeof BOUND_LABELS, number[] | undefined> = { stability: undefined, eigengap: [8, 4], divergence: [2, 3] };
    for (const b of Object.keys(BOUND_LABELS) as Array<keyof typeof BOUND_LABELS>) {
      const y = at.map((x) => x?.[b] ?? null);
      if (!y.some((v) => v !== null)) continue;
      const l = b === 'divergence' ? `${BOUND_LABELS[b]}: ${runName(view, grid.s, label)}` : BOUND_LABELS[b];
      const s: Series = { label: l, group: l, steps: [], x: X.centres, y, color: view.theme.foreground, dash: dashes[b], width: 2.25, points: true };
      model.series.push(s);
      // a bound beyond the grid's η is said, not silently clipped
      const [lo, hi] = [Math.min(...Y.edges), Math.max(...Y.edges)];
      const ys = y.filter((v): v is number => v !== null);
      if (ys.every((v) => v > hi)) offGrid.push(`${BOUND_LABELS[b].split(' (')[0]} ${ys.map(fmt).filter((v, i, a) => a.indexOf(v) === i).join(', ')} is above the grid`);
      else if (ys.every((v) => v < lo)) offGrid.push(`${BOUND_LABELS[b].split(' (')[0]} ${ys.map(fmt).filter((v, i, a) => a.indexOf(v) === i).join(', ')} is below the grid`);
    }
  }
  const csvHeader = [axes[0].path, axes[1].path, ...labels.map((l) => `${name} (${l})`), 'stability', 'eigengap', ...labels.map((l) => `divergence (${l})`)];
  const csvRows = points.map((p) => {
    const b = boundsOf(p, labels[0]);
    return [...pointValues(p).slice(0, 2).map((v) => (typeof v === 'number' ? v : shownValue(v))), ...labels.map((l) => metricValue(p, metric, l)), b?.stability ?? null, b?.eigengap ?? null, ...labels.map((l) => boundsOf(p, l)?.divergence ?? null)] as Array<string | number | boolean | null>;
  });
  const heatmap: Heatmap = {
    x: X.centres,
    y: Y.centres,
    xTickLabels: X.ticks,
    yTickLabels: Y.ticks,
    xEdges: X.edges,
    yEdges: Y.edges,
    logX: X.log,
    logY: Y.log,
    xAxis,
    yAxis,
    cells,
    scale: boolean || finite.length === 0 ? { kind: 'categorical' } : { kind: 'continuous', lo, hi, log: logColor, stops: VIRIDIS },
    legend,
    selected: view.point !== undefined && view.point !== null && view.point < points.length ? view.point : null,
    metric,
    label,
    metrics,
    labels,
    csvHeader,
    csvRows,
  };
  const done = points.length;
  const total = axes[0].values.length * axes[1].values.length;
  return {
    ...model,
    title: `Phase diagram: ${name}${labels.length > 1 ? ` of ${label}` : ''} over ${axisWord(axes[xAxis].path)} × ${axisWord(axes[yAxis].path)}`,
    xLabel: sweepAxisLabel(axes[xAxis].path),
    yLabel: sweepAxisLabel(axes[yAxis].path),
    logX: X.log,
    heatmap,
    caption: `Click a cell (or focus the chart, move with the arrow keys, Enter) to show that point's runs in the other charts.${model.series.length ? ' Lines: the step-size bounds of GBL Cor. 3 and §3 at each value.' : ''}${offGrid.length ? ` (η: the ${offGrid.join('; the ')}.)` : ''}${done < total ? ` ${done} of ${total} points done.` : ''}`,
  };
}

/** The cell at axis values (x, y), or null (a click). */
export function cellAt(h: Heatmap, x: number, y: number): HeatCell | null {
  return h.cells.find((c) => x >= Math.min(c.x0, c.x1) && x <= Math.max(c.x0, c.x1) && y >= Math.min(c.y0, c.y1) && y <= Math.max(c.y0, c.y1)) ?? null;
}

/** The cell an arrow key moves to from `from` (grid order: right/left along x, up/down along y, on the axes' sorted order). */
export function moveCell(h: Heatmap, from: HeatCell | null, key: string): HeatCell | null {
  if (h.cells.length === 0) return null;
  if (!from) return h.cells[0];
  const dx = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
  const dy = key === 'ArrowUp' ? 1 : key === 'ArrowDown' ? -1 : 0;
  const centreX = (c: HeatCell) => h.x[c.col];
  const centreY = (c: HeatCell) => h.y[c.row];
  // the nearest cell in the direction, on the same row (column)
  const candidates = h.cells.filter((c) => (dx !== 0 ? c.row === from.row && Math.sign(centreX(c) - centreX(from)) === dx : c.col === from.col && Math.sign(centreY(c) - centreY(from)) === dy));
  if (candidates.length === 0) return from;
  const dist = (c: HeatCell) => Math.abs(dx !== 0 ? centreX(c) - centreX(from) : centreY(c) - centreY(from));
  return candidates.reduce((a, b) => (dist(b) < dist(a) ? b : a));
}

/** The card's two selects (metric, label), kept in step with what the chart can show. */
function createControls(onChange: () => void): HTMLElement {
  const metric = el('vscode-single-select', { 'aria-label': 'heatmap metric', title: 'the per-point metric the heatmap draws', 'data-heatmap': 'metric' }) as HTMLElement & { value: string };
  const label = el('vscode-single-select', { 'aria-label': 'heatmap model', title: 'the model (label) the heatmap draws', 'data-heatmap': 'label' }) as HTMLElement & { value: string };
  metric.addEventListener('change', () => {
    heatmapChoice.metric = metric.value as HeatMetric;
    onChange();
  });
  label.addEventListener('change', () => {
    heatmapChoice.label = label.value;
    onChange();
  });
  const wrap = el('span', { class: 'heatmap-controls' }, metric, label);
  let last = '';
  (wrap as HTMLElement & { sync(metrics: HeatMetric[], labels: string[], m: HeatMetric, l: string): void }).sync = (metrics, labels, m, l) => {
    const k = JSON.stringify([metrics, labels]);
    if (k !== last) {
      last = k;
      metric.replaceChildren(...metrics.map((x) => el('vscode-option', { value: x }, metricName(x))));
      label.replaceChildren(...labels.map((x) => el('vscode-option', { value: x }, x)));
    }
    label.hidden = labels.length < 2;
    if (metric.value !== m) metric.value = m;
    if (label.value !== l) label.value = l;
  };
  return wrap;
}

export const heatmapChart: ChartDef = {
  id: 'heatmap',
  title: 'Phase diagram',
  logY: false,
  autoLogY: false,
  xAxis: 'value',
  applies: (view) => gridResults(view) !== null,
  controls: createControls,
  syncControls(controls, model) {
    const h = model.heatmap;
    if (h) (controls as HTMLElement & { sync(a: HeatMetric[], b: string[], c: HeatMetric, d: string): void }).sync(h.metrics, h.labels, h.metric, h.label);
  },
  build(view) {
    return buildHeatmap(view);
  },
};
