// A chart's data as CSV (one row per point: series, group, step, x, y — numbers as JavaScript
// prints them, which round-trips float64 exactly) and as JSON (the ChartModel's series).
import type { ChartModel } from './charts/model';

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function chartCsv(model: ChartModel): string {
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
    },
    null,
    1,
  );
}
