// PLACEHOLDER for the lab panel (a later issue replaces this file): a read-only webview with the
// CLI's text summary of a results object and the core's shape check of it.
import * as vscode from 'vscode';
import { checkResults } from '../core/results/check';
import type { Results } from '../core/types';
import { summarize } from '../cli/summary';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

let panel: vscode.WebviewPanel | undefined;

export function showResultsSummary(results: unknown, source: string): vscode.WebviewPanel {
  const problems = checkResults(results);
  const r = results as Results;
  const title = r?.experiment?.name ?? source.split('/').pop() ?? 'results';
  const summary = problems.length === 0 ? summarize(r, title) : '';
  if (!panel) {
    panel = vscode.window.createWebviewPanel('lnnLab.lab', 'LNN Lab', vscode.ViewColumn.Beside, { enableScripts: false });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = `LNN Lab — ${title}`;
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)} pre{font-family:var(--vscode-editor-font-family);font-size:var(--vscode-editor-font-size)} .note{opacity:.7}</style>
</head><body>
<h2>${escape(title)}</h2>
<p class="note">${escape(source)}</p>
${problems.length ? `<p>Not a valid results file:</p><pre>${escape(problems.join('\n'))}</pre>` : `<pre>${escape(summary)}</pre>`}
<p class="note">Placeholder: the interactive lab panel (charts, live runs) comes in a later release.</p>
</body></html>`;
  panel.reveal(vscode.ViewColumn.Beside, true);
  return panel;
}
