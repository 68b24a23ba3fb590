// The offline report page (issue 13, results as documents): the lab webview's bundle inlined and the
// results embedded, under the lab's CSP — what `lnn-lab report` writes and what the panel's Export
// report saves. Pure (no Node, no vscode): each shell reads its own dist/webview.js and passes it in.
import type { Results } from '../core/types';
import { labHtml, makeNonce } from './labHtml';
import type { SourceInfo } from './messages';

export interface ReportShown {
  source: SourceInfo;
  results: Results;
}

/** The page: `shown` overlaid (the first leads), drawn by `webviewJs`; `bodyClass` picks the theme (vscode-light, vscode-dark). */
export function reportHtml(shown: ReportShown[], webviewJs: string, bodyClass?: string): string {
  const title = shown[0]?.results.experiment.name ?? shown[0]?.source.name ?? 'LNN Lab report';
  return labHtml({ nonce: makeNonce(), title: `LNN Lab — ${title}`, inlineScript: webviewJs, data: { shown }, bodyClass });
}
