// Draws a heatmap's cells (charts/heatmap.ts) on a Chart.js canvas: each cell a rectangle between
// its edges on the chart's own x and y scales (so the step-size curves drawn as datasets sit on
// the same scale), cells without a value hatched, the selected point outlined, the keyboard's
// focused cell dashed; and on the right, the colour bar (log or linear) or the categories' swatches.
import type { Chart, Plugin } from 'chart.js';
import type { HeatCell, Heatmap } from './heatmap';

export interface HeatmapPluginOptions {
  heatmap: Heatmap | null;
  /** Index into heatmap.cells of the keyboard's cell, or null. */
  focus: number | null;
  foreground: string;
  font: string;
}

/** Room on the right of the plot for the colour bar or the legend (CSS pixels). */
export const LEGEND_WIDTH = 150;

/** Where each cell was drawn (CSS pixels), per chart: tests read it, a click could too. */
const drawnCells = new WeakMap<Chart, Array<{ index: number; left: number; right: number; top: number; bottom: number; color: string; hatch: boolean }>>();

export function cellsDrawn(chart: Chart) {
  return drawnCells.get(chart) ?? [];
}

const optionsOf = (chart: Chart) => (chart.options.plugins as unknown as { heatmapCells?: HeatmapPluginOptions }).heatmapCells;

function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, color: string): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  for (let d = -h; d < w; d += 6) {
    ctx.beginPath();
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
    ctx.stroke();
  }
  ctx.restore();
}

function rectOf(chart: Chart, c: HeatCell) {
  const [xa, xb] = [chart.scales.x.getPixelForValue(c.x0), chart.scales.x.getPixelForValue(c.x1)];
  const [ya, yb] = [chart.scales.y.getPixelForValue(c.y0), chart.scales.y.getPixelForValue(c.y1)];
  return { left: Math.min(xa, xb), right: Math.max(xa, xb), top: Math.min(ya, yb), bottom: Math.max(ya, yb) };
}

export const heatmapPlugin: Plugin = {
  id: 'heatmapCells',
  beforeDatasetsDraw(chart) {
    const o = optionsOf(chart);
    if (!o?.heatmap) return void drawnCells.delete(chart);
    const { ctx, chartArea: area } = chart;
    const out: ReturnType<typeof cellsDrawn> = [];
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    for (const c of o.heatmap.cells) {
      const r = rectOf(chart, c);
      ctx.fillStyle = c.color;
      ctx.fillRect(r.left, r.top, r.right - r.left, r.bottom - r.top);
      if (c.hatch) hatch(ctx, r.left, r.top, r.right - r.left, r.bottom - r.top, 'rgba(128, 128, 128, 0.9)');
      out.push({ index: c.index, ...r, color: c.color, hatch: c.hatch });
    }
    ctx.restore();
    drawnCells.set(chart, out);
  },
  afterDatasetsDraw(chart) {
    const o = optionsOf(chart);
    const h = o?.heatmap;
    if (!h) return;
    const { ctx } = chart;
    const outline = (c: HeatCell | undefined, dash: number[], width: number) => {
      if (!c) return;
      const r = rectOf(chart, c);
      ctx.save();
      ctx.strokeStyle = o.foreground;
      ctx.lineWidth = width;
      ctx.setLineDash(dash);
      ctx.strokeRect(r.left + width / 2, r.top + width / 2, r.right - r.left - width, r.bottom - r.top - width);
      ctx.restore();
    };
    outline(h.cells.find((c) => c.index === h.selected && c.index >= 0), [], 3);
    if (o.focus !== null) outline(h.cells[o.focus], [4, 3], 2);
  },
  afterDraw(chart) {
    const o = optionsOf(chart);
    const h = o?.heatmap;
    if (!h) return;
    const { ctx, chartArea: area } = chart;
    const x = area.right + 16;
    ctx.save();
    ctx.font = o.font;
    ctx.fillStyle = o.foreground;
    ctx.textBaseline = 'middle';
    let y = area.top;
    if (h.scale.kind === 'continuous') {
      const { lo, hi, log, stops } = h.scale;
      const height = Math.min(area.bottom - area.top, 220);
      const grad = ctx.createLinearGradient(0, y + height, 0, y);
      stops.forEach((s, i) => grad.addColorStop(i / (stops.length - 1), s));
      ctx.fillStyle = grad;
      ctx.fillRect(x, y, 14, height);
      ctx.fillStyle = o.foreground;
      const ticks = log && hi / lo >= 10 ? decades(lo, hi) : [lo, (lo + hi) / 2, hi];
      for (const v of ticks) {
        const t = hi === lo ? 0.5 : log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
        ctx.fillText(short(v), x + 20, y + height - t * height);
      }
      y += height + 16;
    }
    for (const e of h.legend) {
      ctx.fillStyle = e.color;
      ctx.fillRect(x, y - 6, 14, 12);
      if (e.hatch) hatch(ctx, x, y - 6, 14, 12, 'rgba(128, 128, 128, 0.9)');
      ctx.fillStyle = o.foreground;
      wrap(ctx, e.label, LEGEND_WIDTH - 40).forEach((line, i) => ctx.fillText(line, x + 20, y + i * 13));
      y += 13 * wrap(ctx, e.label, LEGEND_WIDTH - 40).length + 8;
    }
    ctx.restore();
  },
};

/** The powers of ten in [lo, hi] (at most about six). */
function decades(lo: number, hi: number): number[] {
  const a = Math.ceil(Math.log10(lo) - 1e-9);
  const b = Math.floor(Math.log10(hi) + 1e-9);
  const every = Math.max(1, Math.ceil((b - a + 1) / 6));
  const out: number[] = [];
  for (let e = a; e <= b; e += every) out.push(10 ** e);
  return out;
}

const short = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(0) : String(Number(v.toPrecision(3))));

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    const next = line ? `${line} ${w}` : w;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
