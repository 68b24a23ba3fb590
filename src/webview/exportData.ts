// A chart's data as CSV (one row per point: series, group, step, x, y — numbers as JavaScript
// prints them, which round-trips float64 exactly) and as JSON (the ChartModel's series).
import type { ChartModel } from './charts/model';

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function chartCsv(model: ChartModel): string {
  // a heatmap (charts/heatmap.ts): one row per sweep point — the axes' values, the metric per label, the bounds
  const h = model.heatmap;
  if (h) return [h.csvHeader.map(csvField), ...h.csvRows.map((r) => r.map((v) => (typeof v === 'string' ? csvField(v) : v === null ? '' : String(v))))].map((r) => r.join(',')).join('\n') + '\n';
  const rows = ['series,group,step,x,y'];
  for (const s of model.series) {
    for (let i = 0; i < s.x.length; i++) rows.push([csvField(s.label), csvField(s.group), num(s.steps[i]), num(s.x[i]), num(s.y[i])].join(','));
  }
  return rows.join('\n') + '\n';
}

export function chartJson(model: ChartModel): string {
  return JSON.stringify(
    {
      chart: model.id,
      title: model.title,
      xLabel: model.xLabel,
      yLabel: model.yLabel,
      series: model.series.map((s) => ({ label: s.label, group: s.group, steps: s.steps, x: s.x, y: s.y })),
      vlines: model.vlines.map((l) => ({ x: l.x, label: l.label })),
      ...(model.heatmap ? { heatmap: { metric: model.heatmap.metric, label: model.heatmap.label, columns: model.heatmap.csvHeader, rows: model.heatmap.csvRows } } : {}),
    },
    null,
    1,
  );
}
