// One chart on screen: a card with its title, a log-y toggle, export buttons, and a Chart.js
// canvas drawing a ChartModel (charts/model.ts). Legend entries are series groups: a click
// toggles the group, and the choice survives live updates and theme changes.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartDataset,
  type LegendItem,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { cellAt, moveCell } from './charts/heatmap';
import { cellsDrawn, heatmapPlugin, LEGEND_WIDTH } from './charts/heatmapPlugin';
import type { ChartDef, ChartModel, Series } from './charts/model';
import { el } from './dom';
import type { Theme } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, annotationPlugin, heatmapPlugin);

export type ExportKind = 'png' | 'svg' | 'csv' | 'json';
/** What a card's buttons ask for: an export, or the chart copied to the clipboard (PNG). */
export type CardAction = ExportKind | 'copy';

/** PNG exports and copies are drawn at this many device pixels per CSS pixel. */
export const EXPORT_SCALE = 2;

/** At most this many points per series on screen (exports keep every point). */
const MAX_POINTS = 2000;

type Point = { x: number; y: number | null };

function points(x: number[], y: Array<number | null>, logX: boolean, logY: boolean): Point[] {
  const n = Math.min(x.length, y.length);
  const stride = Math.max(1, Math.ceil(n / MAX_POINTS));
  const out: Point[] = [];
  for (let i = 0; i < n; i += stride) out.push(pt(x[i], y[i], logX, logY));
  if (n > 0 && (n - 1) % stride !== 0) out.push(pt(x[n - 1], y[n - 1], logX, logY));
  return out;
}

function pt(x: number, y: number | null, logX: boolean, logY: boolean): Point {
  const bad = y === null || !Number.isFinite(y) || (logY && y <= 0) || (logX && x <= 0);
  return { x, y: bad ? null : y };
}

let probe: CanvasRenderingContext2D | null = null;
/** `color` at `alpha` (any CSS colour the canvas understands; the canvas normalises it to #rrggbb or rgba()). */
export function fade(color: string, alpha: number): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return color;
  probe.fillStyle = '#000000';
  probe.fillStyle = color;
  const c = String(probe.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex) return `rgba(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)}, ${alpha})`;
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)(?:,([^)]+))?\)$/.exec(c);
  return rgba ? `rgba(${rgba[1].trim()}, ${rgba[2].trim()}, ${rgba[3].trim()}, ${alpha * (rgba[4] ? Number(rgba[4]) : 1)})` : color;
}

/** Whether some series of `model` spans more than two decades (its positive values): it reads on a log y. */
export function spansDecades(model: ChartModel): boolean {
  return model.series.some((s) => {
    if (s.ghost) return false;
    let lo = Infinity;
    let hi = 0;
    for (const v of s.y) {
      if (v === null || !(v > 0) || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return hi > 0 && hi / lo > 100;
  });
}

/** At most about this many labelled ticks on a log axis (every k-th power of ten past that). */
export const MAX_LOG_TICKS = 8;

/** The powers of ten to label on a log axis: every one while few, else every k-th (k a whole number of decades). */
export function decadeTicks(values: number[]): number[] {
  const pow = values.filter((v) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  if (pow.length <= MAX_LOG_TICKS) return pow;
  const k = Math.ceil(pow.length / MAX_LOG_TICKS);
  return pow.filter((v) => Math.round(Math.log10(v)) % k === 0);
}

/** A label's box on the canvas (CSS pixels), rotation applied. */
export interface LabelBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: LabelBox, b: LabelBox) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** "two-layer ₂" + "two-layer ₃" → "two-layer ₂,₃"; labels of different runs joined with "; ". */
function mergeLabel(a: string, b: string): string {
  const [head, tail] = [a.split(' '), b.split(' ')];
  return head.length > 1 && tail.length > 1 && head.slice(0, -1).join(' ') === tail.slice(0, -1).join(' ') ? `${a},${tail[tail.length - 1]}` : `${a}; ${b}`;
}

/** How strongly the previous run shows beside a new one. */
export const GHOST_ALPHA = 0.3;

/** Log axes: a label at each power of ten only (1e-5, 0.01, 1, 100, 1e4); linear: short numbers. */
function tickLabel(v: number, log: boolean): string {
  if (log) {
    const e = Math.log10(v);
    if (Math.abs(e - Math.round(e)) > 1e-9) return '';
    const r = Math.round(e);
    return r >= -2 && r <= 3 ? String(10 ** r >= 1 ? 10 ** r : Number((10 ** r).toFixed(-r))) : `1e${r}`;
  }
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(1);
  return a >= 1e3 ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(Number(v.toPrecision(6)));
}

export class ChartCard {
  readonly element: HTMLElement;
  logY: boolean;
  model: ChartModel | null = null;
  /** The previous run's series drawn faded beside the model's (not part of the model: exports leave them out). */
  ghosts: Series[] = [];
  readonly hidden = new Set<string>();
  private chart: Chart<'line', Point[]> | null = null;
  private readonly canvas: HTMLCanvasElement;
  private readonly note: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly logToggle: HTMLElement & { checked: boolean };
  /** The chart's own toggle (def.option): what build() reads as view.option. */
  option = false;
  /** The user's log-y choice; null: the chart's default (its def, or log where a series spans decades). */
  private userLogY: boolean | null = null;
  /** The phase-line labels as drawn (after staggering and merging): what each shows and where. */
  private labels: Array<{ text: string; lines: number[]; box: LabelBox }> = [];
  /** The heatmap's keyboard cell (index into its cells), or null. */
  private focusCell: number | null = null;
  private readonly controls: HTMLElement | null;

  constructor(
    readonly def: ChartDef,
    private readonly onExport: (card: ChartCard, kind: CardAction) => void,
    private readonly onChange: () => void,
    /** A sweep point chosen (a heatmap cell, a 1-D sweep's marker): its index in sweep.points; null: back to the grid. */
    private readonly onSelect: (index: number | null) => void = () => undefined,
  ) {
    this.logY = def.logY;
    this.canvas = el('canvas', { role: 'img', 'aria-label': def.title }) as HTMLCanvasElement;
    this.note = el('p', { class: 'note empty-note' });
    this.heading = el('h3', {}, def.title);
    this.logToggle = el('vscode-checkbox', { label: 'log y', title: 'logarithmic y axis' }) as HTMLElement & { checked: boolean };
    this.logToggle.checked = this.logY;
    this.logToggle.addEventListener('change', () => {
      this.userLogY = this.logY = this.logToggle.checked;
      this.onChange();
    });
    const optionToggle = def.option ? (el('vscode-checkbox', { label: def.option.label, title: def.option.title, 'data-option': def.id }) as HTMLElement & { checked: boolean }) : null;
    optionToggle?.addEventListener('change', () => {
      this.option = optionToggle.checked;
      this.onChange();
    });
    const buttons = (['png', 'svg', 'csv', 'json', 'copy'] as CardAction[]).map((kind) => {
      const tip = kind === 'copy' ? `copy this chart to the clipboard (PNG at ${EXPORT_SCALE}×)` : kind === 'png' ? `export this chart as PNG at ${EXPORT_SCALE}×` : `export this chart as ${kind.toUpperCase()}`;
      const b = el('vscode-button', { secondary: '', title: tip, 'data-export': kind }, kind === 'copy' ? 'Copy' : kind.toUpperCase());
      b.addEventListener('click', () => this.onExport(this, kind));
      return b;
    });
    this.controls = def.controls?.(() => this.onChange()) ?? null;
    // a heatmap's cells from the keyboard: arrows move, Enter shows the point, Escape goes back
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    this.element = el(
      'section',
      { class: 'card', 'data-chart': def.id },
      el('header', {}, this.heading, el('div', { class: 'tools' }, this.controls, ...(optionToggle ? [optionToggle] : []), this.logToggle, ...buttons)),
      el('div', { class: 'canvas-wrap' }, this.canvas),
      this.note,
    );
  }

  get canvasElement(): HTMLCanvasElement {
    return this.canvas;
  }

  private onKey(e: KeyboardEvent): void {
    const h = this.model?.heatmap;
    if (!h) return;
    if (e.key.startsWith('Arrow')) {
      const next = moveCell(h, this.focusCell === null ? null : h.cells[this.focusCell], e.key);
      this.focusCell = next ? h.cells.indexOf(next) : null;
      e.preventDefault();
      this.onChange();
    } else if ((e.key === 'Enter' || e.key === ' ') && this.focusCell !== null) {
      const c = h.cells[this.focusCell];
      if (c && c.index >= 0) this.onSelect(c.index);
      e.preventDefault();
    } else if (e.key === 'Escape' && h.selected !== null) {
      this.onSelect(null);
      e.preventDefault();
    }
  }

  /** A click on the chart: a heatmap's cell, or a 1-D sweep's marker (its point's index: the series' x order). */
  private onClick(event: { x: number | null; y: number | null }, elements: Array<{ datasetIndex: number; index: number }>): void {
    const chart = this.chart;
    const h = this.model?.heatmap;
    if (!chart || event.x === null || event.y === null) return;
    if (h) {
      const c = cellAt(h, chart.scales.x.getValueForPixel(event.x) ?? NaN, chart.scales.y.getValueForPixel(event.y) ?? NaN);
      if (c && c.index >= 0) {
        this.focusCell = h.cells.indexOf(c);
        this.onSelect(c.index);
      }
    } else if (this.def.xAxis === 'value') {
      // a sweep's chart: the value whose markers are nearest along x (within 12 px; the lead source's points)
      let best = -1;
      let dist = 12;
      chart.getDatasetMeta(elements[0]?.datasetIndex ?? 0).data.forEach((p, k) => {
        const d = Math.abs(p.x - event.x!);
        if (d <= dist) [best, dist] = [k, d];
      });
      if (best >= 0) this.onSelect(best);
    }
  }

  private hoverCell(e: { x: number | null; y: number | null }): void {
    const chart = this.chart;
    const h = this.model?.heatmap;
    if (!chart || !h || e.x === null || e.y === null) return;
    const c = cellAt(h, chart.scales.x.getValueForPixel(e.x) ?? NaN, chart.scales.y.getValueForPixel(e.y) ?? NaN);
    const text = c ? `${c.text}${c.index >= 0 ? ' — click to show its runs' : ''}` : '';
    if (this.canvas.title !== text) this.canvas.title = text;
  }

  /** Draws `model` (a fresh build from the current view), and `ghosts` faded behind it. */
  render(model: ChartModel, theme: Theme, logX: boolean, ghosts: Series[] = []): void {
    this.model = model;
    this.ghosts = ghosts;
    const hm = model.heatmap ?? null;
    if (this.controls) this.def.syncControls?.(this.controls, model);
    if (hm && this.focusCell !== null && this.focusCell >= hm.cells.length) this.focusCell = null;
    this.logY = hm ? hm.logY : (this.userLogY ?? (this.def.logY || (this.def.autoLogY !== false && spansDecades(model))));
    this.logToggle.checked = this.logY;
    this.logToggle.hidden = hm !== null;
    if (hm) {
      this.canvas.setAttribute('tabindex', '0');
      const focused = this.focusCell !== null ? hm.cells[this.focusCell] : undefined;
      this.canvas.setAttribute('aria-label', `${model.title} — ${focused ? focused.text : "arrow keys move between cells, Enter shows a cell's runs"}`);
    }
    if (this.heading.textContent !== model.title) {
      this.heading.textContent = model.title;
      if (!hm) this.canvas.setAttribute('aria-label', model.title);
    }
    this.note.textContent = model.empty ?? model.caption ?? '';
    this.note.hidden = !(model.empty ?? model.caption);
    const datasets: Array<ChartDataset<'line', Point[]>> = [...model.series, ...ghosts].map((s) => ({
      label: s.label,
      data: points(s.x, s.y, logX, this.logY),
      borderColor: s.ghost ? fade(s.color, GHOST_ALPHA) : s.color,
      backgroundColor: s.ghost ? fade(s.color, GHOST_ALPHA) : s.color,
      order: s.ghost ? 1 : 0,
      borderDash: s.dash ?? [],
      borderWidth: s.width ?? 1.75,
      pointRadius: s.points ? 3.5 : 0,
      showLine: s.line !== false,
      pointHitRadius: 4,
      spanGaps: false,
      hidden: this.hidden.has(s.group),
      // the group travels with the dataset (legend)
      ...({ group: s.group } as object),
    }));
    const annotations = Object.fromEntries(
      model.vlines
        .filter((l) => !logX || l.x > 0)
        .map((l, i) => [
          `v${i}`,
          {
            type: 'line' as const,
            scaleID: 'x',
            value: l.x,
            borderColor: l.color,
            borderWidth: 1,
            borderDash: l.dash ?? [4, 3],
            label: {
              display: true,
              content: l.label,
              position: (l.labelAt === 'bottom' ? 'end' : 'start') as 'start' | 'end',
              rotation: -90,
              color: l.color,
              backgroundColor: 'transparent',
              font: { size: Math.max(10, theme.fontSize - 2), family: theme.fontFamily },
              padding: 2,
              xAdjust: -7,
            },
          },
        ]),
    );
    // log axes: ticks (and grid lines) at the powers of ten only, when there are at least two; at most about eight
    const decades = (scale: { ticks: Array<{ value: number }> }) => {
      const keep = new Set(decadeTicks(scale.ticks.map((t) => t.value)));
      if (keep.size >= 2) scale.ticks = scale.ticks.filter((t) => keep.has(t.value));
    };
    const axisTitle = (text: string) => ({ display: true, text, color: theme.foreground, font: { family: theme.fontFamily, size: theme.fontSize } });
    const ticks = (log: boolean) => ({
      color: theme.muted,
      font: { family: theme.fontFamily, size: Math.max(10, theme.fontSize - 2) },
      maxTicksLimit: log ? 12 : 8,
      autoSkip: !log,
      callback: (v: string | number) => tickLabel(Number(v), log),
    });
    // a heatmap: its own scales, spanning the cells' edges, with a tick at each swept value
    const cellAxis = (log: boolean, edges: number[], at: number[], labels: string[]) => ({
      type: log ? ('logarithmic' as const) : ('linear' as const),
      min: Math.min(...edges),
      max: Math.max(...edges),
      afterBuildTicks: (scale: { ticks: Array<{ value: number }> }) => void (scale.ticks = at.map((value) => ({ value }))),
      ticks: { ...ticks(false), autoSkip: true, maxTicksLimit: 40, callback: (v: string | number) => labels[at.indexOf(Number(v))] ?? '' },
      grid: { display: false },
    });
    const options = {
      animation: false as const,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest' as const, intersect: false, axis: 'x' as const },
      onClick: (e: { x: number | null; y: number | null }, elements: Array<{ datasetIndex: number; index: number }>) => this.onClick(e, elements),
      // a heatmap's cell under the pointer says what it holds (the canvas's title)
      onHover: hm ? (e: { x: number | null; y: number | null }) => this.hoverCell(e) : undefined,
      layout: hm ? { padding: { right: LEGEND_WIDTH } } : undefined,
      scales: {
        x: { type: logX ? ('logarithmic' as const) : ('linear' as const), title: axisTitle(model.xLabel), ticks: ticks(logX), afterBuildTicks: logX ? decades : undefined, grid: { color: theme.grid }, border: { color: theme.grid }, ...(hm ? cellAxis(hm.logX, hm.xEdges, hm.x, hm.xTickLabels) : {}) },
        y: { type: this.logY ? ('logarithmic' as const) : ('linear' as const), title: axisTitle(model.yLabel), ticks: ticks(this.logY), afterBuildTicks: this.logY ? decades : undefined, grid: { color: theme.grid }, border: { color: theme.grid }, ...(hm ? cellAxis(hm.logY, hm.yEdges, hm.y, hm.yTickLabels) : {}) },
      },
      plugins: {
        heatmapCells: { heatmap: hm, focus: hm ? this.focusCell : null, foreground: theme.foreground, font: `${Math.max(10, theme.fontSize - 2)}px ${theme.fontFamily}` },
        legend: {
          position: 'bottom' as const,
          labels: {
            color: theme.foreground,
            font: { family: theme.fontFamily, size: Math.max(10, theme.fontSize - 1) },
            boxWidth: 18,
            boxHeight: 2,
            generateLabels: (chart: Chart) => this.legendItems(chart),
          },
          onClick: (_e: unknown, item: LegendItem) => this.toggleGroup(String(item.text)),
        },
        tooltip: {
          callbacks: { label: (c: { dataset: { label?: string }; parsed: { y: number | null } }) => `${c.dataset.label}: ${c.parsed.y === null ? '—' : c.parsed.y.toPrecision(5)}` },
        },
        annotation: { annotations },
      },
    };
    if (!this.chart) {
      this.chart = new Chart<'line', Point[]>(this.canvas, { type: 'line', data: { datasets }, options: options as never });
    } else {
      this.chart.data.datasets = datasets;
      this.chart.options = options as typeof this.chart.options;
      this.chart.update('none');
    }
    this.declutter(theme, annotations as unknown as Record<string, { label: { content: string; display: boolean; yAdjust?: number; position: string } }>);
  }

  /** Every displayed phase-line label's box, as the annotation plugin laid it out (rotation applied). */
  private labelBoxes(): Map<string, LabelBox> {
    const out = new Map<string, LabelBox>();
    if (!this.chart) return out;
    const elements = (annotationPlugin as unknown as { getAnnotations(c: Chart): Array<{ options: { id?: string }; elements?: Array<{ options?: { display?: boolean }; width: number; height: number; centerX: number; centerY: number; rotation?: number }> }> }).getAnnotations(this.chart);
    for (const e of elements) {
      const label = e.elements?.[0];
      if (!e.options.id || !label || label.options?.display === false) continue;
      const a = ((label.rotation ?? 0) * Math.PI) / 180;
      const w = Math.abs(label.width * Math.cos(a)) + Math.abs(label.height * Math.sin(a));
      const h = Math.abs(label.width * Math.sin(a)) + Math.abs(label.height * Math.cos(a));
      out.set(e.options.id, { left: label.centerX - w / 2, right: label.centerX + w / 2, top: label.centerY - h / 2, bottom: label.centerY + h / 2 });
    }
    return out;
  }

  /**
   * Phase-line labels never on top of each other: a label that would overlap one already placed moves
   * along its line past it (staggered), and where there is no room left it joins that label (merged:
   * "two-layer ₂,₃"). Measured on the labels as drawn; redrawn once when anything moved.
   */
  private declutter(theme: Theme, annotations: Record<string, { label: { content: string; display: boolean; yAdjust?: number; position: string } }>): void {
    const chart = this.chart;
    const keys = Object.keys(annotations);
    this.labels = [];
    if (!chart || keys.length === 0) return;
    const area = chart.chartArea;
    const lines = new Map(keys.map((k, i) => [k, [i]]));
    // what each label says (its lines' labels, merged), and how many merged lines it only counts
    const text = new Map(keys.map((k) => [k, annotations[k].label.content]));
    const hidden = new Map(keys.map((k) => [k, 0]));
    for (let pass = 0; pass < 3; pass++) {
      const boxes = this.labelBoxes();
      const placed: Array<{ key: string; box: LabelBox }> = [];
      let moved = false;
      for (const key of [...boxes.keys()].sort((a, b) => boxes.get(a)!.left - boxes.get(b)!.left)) {
        const label = annotations[key].label;
        const box = { ...boxes.get(key)! };
        const down = label.position === 'start'; // top labels move down their line, bottom ones up
        let shift = 0;
        for (let guard = 0; guard < placed.length + 1; guard++) {
          const hit = placed.find((p) => overlaps(p.box, box));
          if (!hit) break;
          const by = down ? hit.box.bottom + 2 - box.top : hit.box.top - 2 - box.bottom;
          const room = down ? box.bottom + by <= area.bottom : box.top + by >= area.top;
          if (!room) {
            // no room along the line: merged into the label it hits ("… +n" past what half the line holds)
            const into = annotations[hit.key].label;
            const full = mergeLabel(text.get(hit.key)!, text.get(key)!);
            chart.ctx.save();
            chart.ctx.font = `${Math.max(10, theme.fontSize - 2)}px ${theme.fontFamily}`;
            const fits = hidden.get(hit.key)! === 0 && hidden.get(key)! === 0 && chart.ctx.measureText(full).width + 8 <= (area.bottom - area.top) / 2;
            chart.ctx.restore();
            if (fits) text.set(hit.key, full);
            else hidden.set(hit.key, hidden.get(hit.key)! + lines.get(key)!.length);
            into.content = hidden.get(hit.key)! > 0 ? `${text.get(hit.key)} +${hidden.get(hit.key)}` : text.get(hit.key)!;
            label.display = false;
            lines.get(hit.key)!.push(...lines.get(key)!);
            lines.set(key, []);
            shift = NaN;
            break;
          }
          box.top += by;
          box.bottom += by;
          shift += by;
        }
        if (Number.isNaN(shift)) {
          moved = true;
          continue;
        }
        if (shift !== 0) {
          label.yAdjust = (label.yAdjust ?? 0) + shift;
          moved = true;
        }
        placed.push({ key, box });
      }
      if (!moved) {
        this.labels = placed.map((p) => ({ text: annotations[p.key].label.content, lines: lines.get(p.key)!, box: p.box }));
        return;
      }
      chart.update('none');
    }
    const boxes = this.labelBoxes();
    this.labels = [...boxes].map(([key, box]) => ({ text: annotations[key].label.content, lines: lines.get(key)!, box }));
  }

  private legendItems(chart: Chart): LegendItem[] {
    const seen = new Set<string>();
    const items: LegendItem[] = [];
    chart.data.datasets.forEach((d, i) => {
      const group = (d as unknown as { group: string }).group;
      if (seen.has(group)) return;
      seen.add(group);
      const hidden = this.hidden.has(group);
      items.push({
        text: group,
        datasetIndex: i,
        hidden,
        fillStyle: d.borderColor as string,
        strokeStyle: d.borderColor as string,
        lineWidth: 2,
        lineDash: (d as { borderDash?: number[] }).borderDash,
        fontColor: chart.options.plugins?.legend?.labels?.color as string,
      });
    });
    return items;
  }

  private toggleGroup(group: string): void {
    if (this.hidden.has(group)) this.hidden.delete(group);
    else this.hidden.add(group);
    this.onChange();
  }

  /** What Chart.js drew (tests): scale types and ranges, dataset and annotation counts. */
  drawn(): {
    xType: string;
    yType: string;
    xMin: number;
    xMax: number;
    datasets: number;
    visible: number;
    annotations: number;
    legend: string[];
    ghosts: Array<{ label: string; color: string }>;
    xTicks: string[];
    yTicks: string[];
    labels: Array<{ text: string; lines: number[]; box: LabelBox }>;
    area: { left: number; right: number; top: number; bottom: number };
    /** Each dataset's points where Chart.js drew them (CSS pixels; null where skipped). */
    pixels: Array<{ label: string; points: Array<{ x: number; y: number } | null> }>;
    /** A heatmap's cells where they were drawn (CSS pixels). */
    cells: ReturnType<typeof cellsDrawn>;
    focus: number | null;
  } | null {
    const c = this.chart;
    if (!c) return null;
    const ann = (c.options.plugins as { annotation?: { annotations?: object } }).annotation?.annotations ?? {};
    return {
      xType: String(c.scales.x.type),
      yType: String(c.scales.y.type),
      xMin: c.scales.x.min,
      xMax: c.scales.x.max,
      datasets: c.data.datasets.length,
      visible: c.data.datasets.filter((_, i) => c.isDatasetVisible(i)).length,
      annotations: Object.keys(ann).length,
      legend: (c.legend?.legendItems ?? []).map((i) => i.text),
      xTicks: c.scales.x.ticks.map((t) => String(t.label ?? '')).filter((t) => t !== ''),
      yTicks: c.scales.y.ticks.map((t) => String(t.label ?? '')).filter((t) => t !== ''),
      labels: this.labels,
      area: { left: c.chartArea.left, right: c.chartArea.right, top: c.chartArea.top, bottom: c.chartArea.bottom },
      pixels: c.data.datasets.map((d, i) => ({ label: String(d.label), points: c.getDatasetMeta(i).data.map((p, k) => ((d.data[k] as Point | undefined)?.y === null ? null : { x: p.x, y: p.y })) })),
      cells: cellsDrawn(c as unknown as Chart),
      focus: this.focusCell,
      ghosts: c.data.datasets.filter((d) => (d as unknown as { group: string }).group === 'previous run').map((d) => ({ label: String(d.label), color: String(d.borderColor) })),
    };
  }

  /** The chart drawn again at `scale` device pixels per CSS pixel, composited on an opaque background (PNG export, copy). */
  snapshot(background: string, scale = EXPORT_SCALE): HTMLCanvasElement {
    const chart = this.chart;
    const before = chart?.options.devicePixelRatio;
    if (chart) {
      chart.options.devicePixelRatio = scale;
      chart.resize();
    }
    const c = document.createElement('canvas');
    c.width = this.canvas.width;
    c.height = this.canvas.height;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(this.canvas, 0, 0);
    if (chart) {
      chart.options.devicePixelRatio = before;
      chart.resize();
    }
    return c;
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }
}
