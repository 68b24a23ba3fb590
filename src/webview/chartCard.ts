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
import type { ChartDef, ChartModel, Series } from './charts/model';
import { el } from './dom';
import type { Theme } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, annotationPlugin);

export type ExportKind = 'png' | 'svg' | 'csv' | 'json';

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

  constructor(
    readonly def: ChartDef,
    private readonly onExport: (card: ChartCard, kind: ExportKind) => void,
    private readonly onChange: () => void,
  ) {
    this.logY = def.logY;
    this.canvas = el('canvas', { role: 'img', 'aria-label': def.title }) as HTMLCanvasElement;
    this.note = el('p', { class: 'note empty-note' });
    this.heading = el('h3', {}, def.title);
    this.logToggle = el('vscode-checkbox', { label: 'log y', title: 'logarithmic y axis' }) as HTMLElement & { checked: boolean };
    this.logToggle.checked = this.logY;
    this.logToggle.addEventListener('change', () => {
      this.logY = this.logToggle.checked;
      this.onChange();
    });
    const buttons = (['png', 'svg', 'csv', 'json'] as ExportKind[]).map((kind) => {
      const b = el('vscode-button', { secondary: '', title: `export this chart as ${kind.toUpperCase()}`, 'data-export': kind }, kind.toUpperCase());
      b.addEventListener('click', () => this.onExport(this, kind));
      return b;
    });
    this.element = el(
      'section',
      { class: 'card', 'data-chart': def.id },
      el('header', {}, this.heading, el('div', { class: 'tools' }, this.logToggle, ...buttons)),
      el('div', { class: 'canvas-wrap' }, this.canvas),
      this.note,
    );
  }

  get canvasElement(): HTMLCanvasElement {
    return this.canvas;
  }

  /** Draws `model` (a fresh build from the current view), and `ghosts` faded behind it. */
  render(model: ChartModel, theme: Theme, logX: boolean, ghosts: Series[] = []): void {
    this.model = model;
    this.ghosts = ghosts;
    if (this.heading.textContent !== model.title) {
      this.heading.textContent = model.title;
      this.canvas.setAttribute('aria-label', model.title);
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
    // log axes: ticks (and grid lines) at the powers of ten only, when there are at least two
    const decades = (scale: { ticks: Array<{ value: number }> }) => {
      const pow = scale.ticks.filter((t) => Math.abs(Math.log10(t.value) - Math.round(Math.log10(t.value))) < 1e-9);
      if (pow.length >= 2) scale.ticks = pow;
    };
    const axisTitle = (text: string) => ({ display: true, text, color: theme.foreground, font: { family: theme.fontFamily, size: theme.fontSize } });
    const ticks = (log: boolean) => ({
      color: theme.muted,
      font: { family: theme.fontFamily, size: Math.max(10, theme.fontSize - 2) },
      maxTicksLimit: log ? 12 : 8,
      autoSkip: !log,
      callback: (v: string | number) => tickLabel(Number(v), log),
    });
    const options = {
      animation: false as const,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest' as const, intersect: false, axis: 'x' as const },
      scales: {
        x: { type: logX ? ('logarithmic' as const) : ('linear' as const), title: axisTitle(model.xLabel), ticks: ticks(logX), afterBuildTicks: logX ? decades : undefined, grid: { color: theme.grid }, border: { color: theme.grid } },
        y: { type: this.logY ? ('logarithmic' as const) : ('linear' as const), title: axisTitle(model.yLabel), ticks: ticks(this.logY), afterBuildTicks: this.logY ? decades : undefined, grid: { color: theme.grid }, border: { color: theme.grid } },
      },
      plugins: {
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
  drawn(): { xType: string; yType: string; xMin: number; xMax: number; datasets: number; visible: number; annotations: number; legend: string[]; ghosts: Array<{ label: string; color: string }> } | null {
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
      ghosts: c.data.datasets.filter((d) => (d as unknown as { group: string }).group === 'previous run').map((d) => ({ label: String(d.label), color: String(d.borderColor) })),
    };
  }

  /** The chart as drawn, composited on an opaque background (PNG export). */
  snapshot(background: string): HTMLCanvasElement {
    const c = document.createElement('canvas');
    c.width = this.canvas.width;
    c.height = this.canvas.height;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(this.canvas, 0, 0);
    return c;
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }
}
