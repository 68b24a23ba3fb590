// The commands of LNN Lab. Each takes an optional experiment URI (CodeLens, editor title, tests),
// else the active editor's, and returns what it did (a test hook: no UI clicks needed).
import * as vscode from 'vscode';
import type { LiveDiagnostics } from './diagnostics';
import { tryExample } from './examples';
import { newExperiment } from './newExperiment';
import type { LabPanelApi } from './panel';
import type { Runner, RunOutcome } from './runner';
import { isExperiment } from './selector';

export interface CommandDeps {
  live: LiveDiagnostics;
  runner: Runner;
  log: vscode.OutputChannel;
  lab: LabPanelApi;
  /** The extension's folder (its bundled examples). */
  extensionUri: vscode.Uri;
}

function experimentUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && isExperiment(doc)) return doc.uri;
  void vscode.window.showWarningMessage('LNN Lab: open an experiment file (*.lnn.json) first.');
  return undefined;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { live, runner, log, lab } = deps;
  const reg = vscode.commands.registerCommand;
  return [
    reg('lnnLab.run', async (arg?: unknown): Promise<RunOutcome | undefined> => {
      const uri = experimentUri(arg);
      return uri ? runner.run(uri) : undefined;
    }),
    reg('lnnLab.check', async (arg?: unknown) => {
      const uri = experimentUri(arg);
      if (!uri) return undefined;
      const diags = await live.check(await vscode.workspace.openTextDocument(uri));
      log.appendLine(`check ${uri.fsPath}: ${diags.length} diagnostic(s)`);
      for (const d of diags) log.appendLine(`  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
      if (diags.length) void vscode.commands.executeCommand('workbench.actions.view.problems');
      else void vscode.window.showInformationMessage('LNN Lab: no diagnostics — the paper\'s conditions hold.');
      return diags;
    }),
    reg('lnnLab.openLab', async (arg?: unknown) => {
      // the lab panel beside the editor: runs the experiment live (WebGL in the panel or the host)
      const uri = experimentUri(arg);
      return uri ? lab.openLab(uri) : undefined;
    }),
    reg('lnnLab.openResults', async (arg?: unknown, more?: unknown) => {
      // one results file, or several (the explorer's multi-selection, or the dialog) overlaid to compare
      let uris = arg instanceof vscode.Uri ? (Array.isArray(more) ? (more as vscode.Uri[]) : [arg]) : undefined;
      if (!uris) {
        uris = await vscode.window.showOpenDialog({
          title: 'LNN Lab: Open Results (select two to compare)',
          canSelectMany: true,
          filters: { 'LNN Lab results': ['json'] },
          defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        });
      }
      if (!uris?.length) return undefined;
      try {
        return await lab.openResults(uris);
      } catch (e) {
        void vscode.window.showErrorMessage(`LNN Lab: cannot open ${uris.map((u) => u.fsPath).join(', ')}: ${(e as Error).message}`);
        return undefined;
      }
    }),
    // the explorer's "Open in Lab" on results files: the selection overlaid to compare
    reg('lnnLab.compareInLab', (arg?: unknown, more?: unknown) => vscode.commands.executeCommand('lnnLab.openResults', arg, more)),
    reg('lnnLab.tryExample', (file?: string, target?: vscode.Uri) => tryExample(deps.extensionUri, file, target)),
    reg('lnnLab.newExperiment', (template?: string, target?: vscode.Uri) => newExperiment(template, target)),
    reg('lnnLab.cancelRun', () => runner.cancel()),
  ];
}
