// A chart as SVG, written from its ChartModel (not from the canvas): axes with ticks (linear or
// powers of ten), grid, every visible series as polylines (broken where a value is missing),
// the phase-step lines with their labels, and a legend of the groups.
import type { ChartModel } from './charts/model';
import type { Theme } from './theme';

export interface SvgOptions {
  width: number;
  height: number;
  logX: boolean;
  logY: boolean;
  hidden: ReadonlySet<string>;
  theme: Theme;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(4))));
const r2 = (v: number) => Math.round(v * 100) / 100;

function niceTicks(lo: number, hi: number, count = 6): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const every = Math.max(1, Math.ceil((b - a) / 8));
  for (let e = a; e <= b; e += every) out.push(10 ** e);
  return out;
}

export function chartSvg(model: ChartModel, o: SvgOptions): string {
  const t = o.theme;
  const visible = model.series.filter((s) => !o.hidden.has(s.group));
  const okX = (x: number) => Number.isFinite(x) && (!o.logX || x > 0);
  const okY = (y: number | null): y is number => y !== null && Number.isFinite(y) && (!o.logY || y > 0);
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const s of visible) {
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i];
      if (!okX(s.x[i]) || !okY(y)) continue;
      [x0, x1, y0, y1] = [Math.min(x0, s.x[i]), Math.max(x1, s.x[i]), Math.min(y0, y), Math.max(y1, y)];
    }
  }
  // a heatmap: the cells' edges are the plot (its own scales: log where its values are log-spaced)
  const hm = model.heatmap;
  if (hm) {
    [x0, x1, y0, y1] = [Math.min(...hm.xEdges), Math.max(...hm.xEdges), Math.min(...hm.yEdges), Math.max(...hm.yEdges)];
    o = { ...o, logX: hm.logX, logY: hm.logY };
  }
  if (!Number.isFinite(x0)) [x0, x1, y0, y1] = o.logX || o.logY ? [1, 10, 1, 10] : [0, 1, 0, 1];
  if (x0 === x1) [x0, x1] = o.logX ? [x0 / 10, x1 * 10] : [x0 - 1, x1 + 1];
  if (y0 === y1) [y0, y1] = o.logY ? [y0 / 10, y1 * 10] : [y0 - 1, y1 + 1];
  if (!o.logY && !hm) {
    const pad = (y1 - y0) * 0.04;
    [y0, y1] = [y0 - pad, y1 + pad];
  }
  const groups = [...new Map(visible.map((s) => [s.group, s])).values()];
  const legendRows = Math.ceil(groups.length / 4);
  const m = { left: 70, right: hm ? 170 : 20, top: 36, bottom: 48 + legendRows * 18 };
  const W = o.width - m.left - m.right;
  const H = o.height - m.top - m.bottom;
  const lx = (v: number) => (o.logX ? Math.log10(v) : v);
  const ly = (v: number) => (o.logY ? Math.log10(v) : v);
  const px = (v: number) => m.left + ((lx(v) - lx(x0)) / (lx(x1) - lx(x0))) * W;
  const py = (v: number) => m.top + H - ((ly(v) - ly(y0)) / (ly(y1) - ly(y0))) * H;
  const font = `font-family="${esc(t.fontFamily)}" font-size="${t.fontSize - 1}"`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${o.height}" viewBox="0 0 ${o.width} ${o.height}">`,
    `<rect width="100%" height="100%" fill="${esc(t.background)}"/>`,
    `<text x="${m.left}" y="20" fill="${esc(t.foreground)}" ${font} font-weight="600">${esc(model.title)}</text>`,
  ];
  const xt = hm ? hm.x : (o.logX ? logTicks(x0, x1) : niceTicks(x0, x1)).filter((v) => v >= x0 && v <= x1);
  const yt = hm ? hm.y : (o.logY ? logTicks(y0, y1) : niceTicks(y0, y1)).filter((v) => v >= y0 && v <= y1);
  const xText = (v: number, i: number) => (hm ? hm.xTickLabels[i] : fmt(v));
  const yText = (v: number, i: number) => (hm ? hm.yTickLabels[i] : fmt(v));
  if (hm) {
    out.push('<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="rgb(128,128,128)" stroke-width="1.5"/></pattern>');
    for (const c of hm.cells) {
      const [a, b, cy, d] = [px(c.x0), px(c.x1), py(c.y0), py(c.y1)];
      const rect = `x="${r2(Math.min(a, b))}" y="${r2(Math.min(cy, d))}" width="${r2(Math.abs(b - a))}" height="${r2(Math.abs(d - cy))}"`;
      out.push(`<rect ${rect} fill="${esc(c.color)}"><title>${esc(c.text)}</title></rect>`);
      if (c.hatch) out.push(`<rect ${rect} fill="url(#hatch)"/>`);
      if (c.index >= 0 && c.index === hm.selected) out.push(`<rect ${rect} fill="none" stroke="${esc(t.foreground)}" stroke-width="3"/>`);
    }
    let ly0 = m.top;
    const lx0 = o.width - m.right + 16;
    if (hm.scale.kind === 'continuous') {
      const { lo, hi, log, stops } = hm.scale;
      out.push(`<linearGradient id="ramp" x1="0" y1="1" x2="0" y2="0">${stops.map((s, i) => `<stop offset="${i / (stops.length - 1)}" stop-color="${s}"/>`).join('')}</linearGradient>`);
      out.push(`<rect x="${lx0}" y="${ly0}" width="14" height="160" fill="url(#ramp)"/>`);
      out.push(`<text x="${lx0 + 20}" y="${ly0 + 8}" fill="${esc(t.foreground)}" ${font}>${fmt(hi)}</text>`);
      out.push(`<text x="${lx0 + 20}" y="${ly0 + 160}" fill="${esc(t.foreground)}" ${font}>${fmt(lo)}${log ? ' (log)' : ''}</text>`);
      ly0 += 180;
    }
    for (const e of hm.legend) {
      out.push(`<rect x="${lx0}" y="${ly0}" width="14" height="12" fill="${esc(e.color)}"/>${e.hatch ? `<rect x="${lx0}" y="${ly0}" width="14" height="12" fill="url(#hatch)"/>` : ''}`);
      out.push(`<text x="${lx0 + 20}" y="${ly0 + 10}" fill="${esc(t.foreground)}" ${font}>${esc(e.label.replace(/ \(.*\)$/, ''))}</text>`);
      ly0 += 20;
    }
  }
  xt.forEach((v, i) => {
    if (!hm) out.push(`<line x1="${r2(px(v))}" x2="${r2(px(v))}" y1="${m.top}" y2="${m.top + H}" stroke="${esc(t.grid)}"/>`);
    out.push(`<text x="${r2(px(v))}" y="${m.top + H + 16}" text-anchor="middle" fill="${esc(t.muted)}" ${font}>${esc(xText(v, i))}</text>`);
  });
  yt.forEach((v, i) => {
    if (!hm) out.push(`<line x1="${m.left}" x2="${m.left + W}" y1="${r2(py(v))}" y2="${r2(py(v))}" stroke="${esc(t.grid)}"/>`);
    out.push(`<text x="${m.left - 6}" y="${r2(py(v)) + 4}" text-anchor="end" fill="${esc(t.muted)}" ${font}>${esc(yText(v, i))}</text>`);
  });
  out.push(`<rect x="${m.left}" y="${m.top}" width="${W}" height="${H}" fill="none" stroke="${esc(t.grid)}"/>`);
  out.push(`<text x="${m.left + W / 2}" y="${m.top + H + 34}" text-anchor="middle" fill="${esc(t.foreground)}" ${font}>${esc(model.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.top + H / 2}) rotate(-90)" text-anchor="middle" fill="${esc(t.foreground)}" ${font}>${esc(model.yLabel)}</text>`);
  out.push(`<clipPath id="plot"><rect x="${m.left}" y="${m.top}" width="${W}" height="${H}"/></clipPath><g clip-path="url(#plot)">`);
  for (const l of model.vlines) {
    if (!okX(l.x) || l.x < x0 || l.x > x1) continue;
    const x = r2(px(l.x));
    out.push(`<line x1="${x}" x2="${x}" y1="${m.top}" y2="${m.top + H}" stroke="${esc(l.color)}" stroke-dasharray="${(l.dash ?? [4, 3]).join(' ')}"/>`);
    out.push(`<text transform="translate(${x - 3} ${m.top + 4}) rotate(-90)" text-anchor="end" fill="${esc(l.color)}" ${font}>${esc(l.label)}</text>`);
  }
  for (const s of visible) {
    const dash = s.dash?.length ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1 && s.line !== false) out.push(`<polyline fill="none" stroke="${esc(s.color)}" stroke-width="${s.width ?? 1.75}"${dash} points="${run.join(' ')}"><title>${esc(s.label)}</title></polyline>`);
      run = [];
    };
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i];
      if (okX(s.x[i]) && okY(y)) {
        run.push(`${r2(px(s.x[i]))},${r2(py(y))}`);
        if (s.points) out.push(`<circle cx="${r2(px(s.x[i]))}" cy="${r2(py(y))}" r="3.5" fill="${esc(s.color)}"><title>${esc(`${s.label}: ${s.x[i]}, ${y}`)}</title></circle>`);
      } else flush();
    }
    flush();
  }
  out.push('</g>');
  const colW = (o.width - m.left) / 4;
  groups.forEach((s, i) => {
    const x = m.left + (i % 4) * colW;
    const y = o.height - m.bottom + 52 + Math.floor(i / 4) * 18;
    const dash = s.dash?.length ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
    out.push(`<line x1="${x}" x2="${x + 18}" y1="${y - 4}" y2="${y - 4}" stroke="${esc(s.color)}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${x + 24}" y="${y}" fill="${esc(t.foreground)}" ${font}>${esc(s.group)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
