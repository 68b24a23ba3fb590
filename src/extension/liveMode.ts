// Live mode (issue 13): while the lab panel shows an experiment, an edit of that file re-runs it —
// debounced, the previous preview cancelled — when the job is estimated to finish within about
// lnnLab.liveSeconds (the one estimator, src/compute/estimate.ts); otherwise the panel says at once
// that it is out of date. Previews are drawn only: never written, locked or added to the history.
import * as vscode from 'vscode';

/** How long after the last keystroke a preview starts. */
export const LIVE_DEBOUNCE_MS = 400;

export interface LiveTarget {
  /** The experiment the panel shows, if any. */
  experiment(): vscode.Uri | null;
  /** Re-run the editor's text as a preview (the panel cancels the previous one). */
  preview(doc: vscode.TextDocument): void;
  /** Mark the panel out of date (live mode off, or a run is saving). */
  stale(why: string): void;
}

export function liveSettings(scope?: vscode.Uri): { on: boolean; seconds: number } {
  const c = vscode.workspace.getConfiguration('lnnLab', scope);
  return { on: c.get<boolean>('liveMode', true), seconds: c.get<number>('liveSeconds', 2) };
}

export class LiveMode implements vscode.Disposable {
  private timer: NodeJS.Timeout | null = null;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly target: LiveTarget) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => this.changed(e));
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    const shown = this.target.experiment();
    if (!shown || e.document.uri.toString() !== shown.toString() || e.contentChanges.length === 0) return;
    if (!liveSettings(shown).on) {
      this.target.stale('the file changed since this run — Run to update (live mode is off: lnnLab.liveMode)');
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.target.preview(e.document);
    }, LIVE_DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
