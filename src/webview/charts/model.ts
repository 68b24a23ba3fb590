// What a chart draws, independent of the drawing library: series of (step, x, y) points, vertical
// labelled lines, axis titles. Chart.js renders it (chartCard.ts); the SVG, CSV and JSON exports
// serialize the same object, so every export holds exactly the numbers of the results.
import type { Results } from '../../core/types';
import type { SourceInfo } from '../../shared/messages';
import { AXIS_LABELS, axisFactor, type AxisMode } from '../axis';
import type { Theme } from '../theme';
import type { Heatmap } from './heatmap';

export interface Series {
  /** Unique within the chart (legend, CSV). */
  label: string;
  /** Series of one group share a legend entry; clicking it toggles them all. */
  group: string;
  /** The recorded steps behind each point (CSV). */
  steps: number[];
  x: number[];
  y: Array<number | null>;
  color: string;
  dash?: number[];
  width?: number;
  /** Draw a marker at every point (a sweep's values), not just the line. */
  points?: boolean;
  /** false: markers only, no line between them (escape points). Default true. */
  line?: boolean;
  /** The previous run, drawn faded beside a new one (layout.ts ghostSeries); never exported. */
  ghost?: boolean;
}

export interface VLine {
  x: number;
  label: string;
  color: string;
  dash?: number[];
  /** Where the label sits (theory lines at the bottom, runs' at the top). */
  labelAt?: 'top' | 'bottom';
}

export interface ChartModel {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  vlines: VLine[];
  /** Why the chart is empty (no ground truth, no theory …), or null. */
  empty: string | null;
  /** A line under the chart (how to read it). */
  caption?: string;
  /** A chart of values (xAxis 'value'): its own x scale, log when true (the toolbar's log x is for time). */
  logX?: boolean;
  /** A two-axis sweep's cells (charts/heatmap.ts): drawn under the series, on the heatmap's own scales. */
  heatmap?: Heatmap;
}

/** One results object on screen (several when comparing). */
export interface Shown {
  source: SourceInfo;
  results: Results;
}

export interface ViewInput {
  shown: Shown[];
  axis: AxisMode;
  theme: Theme;
  /** The card's own toggle (ChartDef.option), when the chart has one: on or off. */
  option?: boolean;
  /** The sweep point whose runs the other charts show (a heatmap cell clicked), or null / absent: the grid. */
  point?: number | null;
}

export interface ChartDef {
  id: string;
  title: string;
  /** y on a log scale until the user switches. */
  logY: boolean;
  /** false: keep a linear y even where a series spans decades (the staircase reads on linear y). Default true. */
  autoLogY?: boolean;
  /** x is the time axis of the toolbar (steps, ηk, τ; log x) — or the chart's own values (a sweep). Default 'time'. */
  xAxis?: 'time' | 'value';
  /** A toggle on the card (a checkbox beside log y, off at first) that build() reads as view.option. */
  option?: { label: string; title: string };
  /** Whether the chart has anything to say about what is shown; the panel hides it otherwise. Default: always. */
  applies?(view: ViewInput): boolean;
  build(view: ViewInput): ChartModel;
  /** The card's own controls (the heatmap's metric and label selects), made once; kept in step with each built model. */
  controls?(onChange: () => void): HTMLElement;
  syncControls?(controls: HTMLElement, model: ChartModel): void;
}

/** Matrix completion results (ACHL, spec §2): no Σx, Σxy — no components, no reduced-rank solutions. */
export function isCompletion(results: Results): boolean {
  return results.experiment.data.kind === 'completion';
}

/** Whether some shown results are not matrix completion (the per-component charts apply to them). */
export const someMoments = (view: ViewInput) => view.shown.some((s) => !isCompletion(s.results));

/** A series label: the run's, prefixed with the source's name when several sources are shown. */
export function runName(view: ViewInput, sourceIndex: number, runLabel: string): string {
  return view.shown.length > 1 ? `${view.shown[sourceIndex].source.name}: ${runLabel}` : runLabel;
}

/** The color of run j of source s: runs of every source take turns through the palette. */
export function runColor(view: ViewInput, s: number, j: number): string {
  let offset = 0;
  for (let i = 0; i < s; i++) offset += view.shown[i].results.runs.length;
  return view.theme.palette[(offset + j) % view.theme.palette.length];
}

/** Dash pattern of a source when several are overlaid (the first solid). */
export function sourceDash(s: number): number[] | undefined {
  return [undefined, [8, 3], [2, 2], [12, 3, 2, 3]][s % 4];
}

/** x values of a run's recorded steps on the chosen axis; null when the axis is undefined. */
export function xOf(results: Results, steps: number[], axis: AxisMode): number[] | null {
  const f = axisFactor(results.experiment, axis);
  return f === null ? null : steps.map((k) => k * f);
}

export function baseModel(def: ChartDef, view: ViewInput, yLabel: string): ChartModel {
  return { id: def.id, title: def.title, xLabel: AXIS_LABELS[view.axis], yLabel, series: [], vlines: [], empty: null };
}

export const subscript = (i: number) => String(i).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
