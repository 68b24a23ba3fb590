// A chart's export (PNG from the canvas, SVG written from the data, CSV and JSON of its numbers),
// named after what is shown, posted to the host to save (or downloaded, in the report page).
import type { Shown } from './charts/model';
import type { ChartCard, ExportKind } from './chartCard';
import type { ExportMessage } from '../shared/messages';
import { utf8ToBase64 } from '../shared/wire';
import { chartCsv, chartJson } from './exportData';
import { cardLogX } from './layout';
import { chartSvg } from './svg';
import { readTheme } from './theme';

const slug = (s: string) => s.replace(/\.(lnn|results)\.json$|\.json$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'lnn-lab';

/** The export message of `card` as `kind`, or null when it has drawn nothing. */
export function exportChart(card: ChartCard, kind: ExportKind, shown: Shown[], logX: boolean): ExportMessage | null {
  const model = card.model;
  if (!model) return null;
  const theme = readTheme();
  const base = `${slug(shown[0]?.source.name ?? 'lnn-lab')}-${model.id}`;
  let base64: string;
  if (kind === 'png') base64 = card.snapshot(theme.background).toDataURL('image/png').split(',')[1];
  else if (kind === 'svg') {
    const { width, height } = card.canvasElement.getBoundingClientRect();
    base64 = utf8ToBase64(chartSvg(model, { width: Math.max(480, Math.round(width)), height: Math.max(320, Math.round(height) + 40), logX: cardLogX(card, model, logX), logY: card.logY, hidden: card.hidden, theme }));
  } else base64 = utf8ToBase64(kind === 'csv' ? chartCsv(model) : chartJson(model));
  return { type: 'export', fileName: `${base}.${kind}`, base64 };
}
