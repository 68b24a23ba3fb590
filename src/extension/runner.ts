// Runs an experiment from the editor: refuses in untrusted workspaces, runs in a worker thread
// (the CLI's pipeline and engine pick), shows cancellable progress with steps/s and a status-bar
// item (click = cancel), writes NAME.results.json atomically after each model and at the end.
import * as vscode from 'vscode';
import type { ProgressReply, RunReply } from './protocol';
import { resultsPathFor } from '../compute/resultsPath';
import { readSettings, runSettings } from './settings';
import { describeFailure } from './failure';
import type { LabWorker } from './workerClient';

export interface RunOutcome {
  /** The results file, null when nothing ran. */
  resultsPath: string | null;
  refused: boolean;
  cancelled: boolean;
  reply?: RunReply;
  /** Why nothing ran (untrusted workspace, a run already going, errors in the file). */
  reason?: string;
}

export const UNTRUSTED_MESSAGE =
  'LNN Lab: runs are disabled in an untrusted workspace (a run reads data files and writes results). Diagnostics still work; trust the workspace to run experiments.';

const rate = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0));

export function progressMessage(reply: ProgressReply): string {
  const { progress: g, modelCount, point, pointCount } = reply.progress;
  const at = pointCount > 1 ? `value ${point + 1}/${pointCount}, ` : '';
  return `${g.label} (${at}model ${g.modelIndex + 1}/${modelCount}): step ${g.step}/${g.steps} — ${rate(g.stepsPerSecond)} steps/s`;
}

/** The share of the run done, 0…1, over every model of every value (the job layer's count). */
export function progressFraction(reply: ProgressReply): number {
  return reply.progress.fraction;
}

export class Runner implements vscode.Disposable {
  private current: { cancel: () => void; uri: vscode.Uri } | null = null;
  /** The last progress of the current run (undefined before its first record). */
  lastProgress: ProgressReply | undefined;
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);

  constructor(
    /** The extension's worker (every job, one pool of compute threads), shared with the lab panel. */
    private readonly worker: LabWorker,
    private readonly log: vscode.OutputChannel,
  ) {
    this.status.command = 'lnnLab.cancelRun';
    this.status.tooltip = 'LNN Lab: a run is going — click to cancel (partial results are kept)';
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Cancels the current run; false when none is going. */
  cancel(): boolean {
    if (!this.current) return false;
    this.log.appendLine(`cancelling ${this.current.uri.fsPath}`);
    this.current.cancel();
    return true;
  }

  async run(uri: vscode.Uri, options: { quiet?: boolean } = {}): Promise<RunOutcome> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(UNTRUSTED_MESSAGE);
      return { resultsPath: null, refused: true, cancelled: false, reason: 'untrusted workspace' };
    }
    if (this.current) {
      void vscode.window.showWarningMessage(`LNN Lab: a run is already going (${this.current.uri.fsPath}); cancel it first.`);
      return { resultsPath: null, refused: true, cancelled: false, reason: 'a run is already going' };
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const settings = readSettings(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const out = resultsPathFor(uri.fsPath, settings.resultsFolder, folder);
    const worker = this.worker;
    const name = uri.path.split('/').pop();
    this.log.appendLine(`run ${uri.fsPath}${doc.isDirty ? ' (unsaved edits included)' : ''} → ${out}`);
    let cancelled = false;
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `LNN Lab: ${name}`, cancellable: true },
        async (progress, token) => {
          let done = 0;
          const handle = worker.run(
            { path: uri.fsPath, text: doc.getText(), out, settings: runSettings(settings) },
            (p) => {
              if (p.type !== 'progress') return;
              this.lastProgress = p;
              const fraction = progressFraction(p);
              const message = progressMessage(p);
              progress.report({ message, increment: Math.max(0, fraction * 100 - done) });
              done = Math.max(done, fraction * 100);
              this.status.text = `$(sync~spin) LNN Lab ${Math.floor(done)}% — ${rate(p.progress.progress.stepsPerSecond)} steps/s`;
            },
          );
          const cancel = () => {
            cancelled = true;
            handle.cancel();
          };
          this.current = { cancel, uri };
          token.onCancellationRequested(cancel);
          this.status.text = '$(sync~spin) LNN Lab: starting';
          this.status.show();
          void vscode.commands.executeCommand('setContext', 'lnnLab.running', true);
          const reply = await handle.done;
          return this.report(reply, cancelled, options.quiet ?? false);
        },
      );
    } catch (e) {
      const said = describeFailure(e, (l) => this.log.appendLine(l));
      void vscode.window.showErrorMessage(`LNN Lab: the run failed: ${said}`);
      return { resultsPath: null, refused: false, cancelled, reason: said };
    } finally {
      this.current = null;
      this.lastProgress = undefined;
      this.status.hide();
      void vscode.commands.executeCommand('setContext', 'lnnLab.running', false);
    }
  }

  private report(reply: RunReply, cancelRequested: boolean, quiet: boolean): RunOutcome {
    if (reply.refused) {
      const errors = reply.diagnostics.filter((d) => d.severity === 'error');
      for (const d of errors) this.log.appendLine(`  error ${d.code} at ${d.path}: ${d.message}`);
      const reason = `not run: ${errors.length} error(s) in the file (see the Problems panel)`;
      void vscode.window.showErrorMessage(`LNN Lab: ${reason}`);
      return { resultsPath: null, refused: true, cancelled: false, reply, reason };
    }
    const cancelled = cancelRequested || reply.cancelled;
    this.log.appendLine(`engine: ${reply.engine}`);
    for (const n of reply.notes) this.log.appendLine(`note: ${n}`);
    for (const r of reply.runs) {
      this.log.appendLine(`  "${r.label}": ${r.stopReason}${r.stoppedAt !== null ? ` at step ${r.stoppedAt}` : ''} (${(r.wallMs / 1000).toFixed(2)} s)`);
    }
    if (reply.sweep) this.log.appendLine(`sweep: ${reply.sweep.done} of ${reply.sweep.count} values done`);
    this.log.appendLine(reply.summary);
    if (reply.previous) this.log.appendLine(`the previous results were kept in ${reply.previous}`);
    if (reply.saveError) {
      const text = `LNN Lab: ${reply.saveError}; ${reply.out ? `the results (marked incomplete) are in ${reply.out}` : 'nothing could be saved'}`;
      this.log.appendLine(text);
      void vscode.window.showErrorMessage(text);
      return { resultsPath: reply.out, refused: false, cancelled, reply, reason: reply.saveError };
    }
    this.log.appendLine(`${cancelled ? 'cancelled; partial results' : 'results'} written to ${reply.out}`);
    const diverged = reply.runs.filter((r) => r.stopReason === 'diverged').map((r) => `"${r.label}"`);
    if (!quiet) {
      const text = cancelled
        ? `LNN Lab: cancelled; partial results written to ${reply.out}`
        : `LNN Lab: results written to ${reply.out}${diverged.length ? ` (${diverged.join(', ')} diverged)` : ''}`;
      void vscode.window.showInformationMessage(text, 'Open Results', 'Show Log').then((pick) => {
        if (pick === 'Open Results' && reply.out) void vscode.commands.executeCommand('lnnLab.openResults', vscode.Uri.file(reply.out));
        if (pick === 'Show Log') this.log.show(true);
      });
    }
    return { resultsPath: reply.out, refused: false, cancelled, reply };
  }

  dispose(): void {
    this.current?.cancel();
    this.status.dispose();
  }
}
