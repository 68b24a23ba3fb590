// The commands of LNN Lab. Each takes an optional experiment URI (CodeLens, editor title, tests),
// else the active editor's, and returns what it did (a test hook: no UI clicks needed).
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import type { LiveDiagnostics } from './diagnostics';
import { showResultsSummary } from './labView';
import { newExperiment } from './newExperiment';
import type { Runner, RunOutcome } from './runner';
import { isExperiment } from './selector';

export interface CommandDeps {
  live: LiveDiagnostics;
  runner: Runner;
  log: vscode.OutputChannel;
}

function experimentUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && isExperiment(doc)) return doc.uri;
  void vscode.window.showWarningMessage('LNN Lab: open an experiment file (*.lnn.json) first.');
  return undefined;
}

export async function openResultsFile(uri: vscode.Uri): Promise<unknown> {
  const results: unknown = JSON.parse(await readFile(uri.fsPath, 'utf8'));
  showResultsSummary(results, uri.fsPath);
  return results;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { live, runner, log } = deps;
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
      // PLACEHOLDER until the lab panel: run, then show the summary of the results.
      const uri = experimentUri(arg);
      if (!uri) return undefined;
      const outcome = await runner.run(uri, { quiet: true });
      if (outcome.resultsPath) await openResultsFile(vscode.Uri.file(outcome.resultsPath));
      return outcome;
    }),
    reg('lnnLab.openResults', async (arg?: unknown) => {
      let uri = arg instanceof vscode.Uri ? arg : undefined;
      if (!uri) {
        const picked = await vscode.window.showOpenDialog({
          title: 'LNN Lab: Open Results',
          canSelectMany: false,
          filters: { 'LNN Lab results': ['json'] },
          defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        });
        uri = picked?.[0];
      }
      if (!uri) return undefined;
      try {
        return await openResultsFile(uri);
      } catch (e) {
        void vscode.window.showErrorMessage(`LNN Lab: cannot open ${uri.fsPath}: ${(e as Error).message}`);
        return undefined;
      }
    }),
    reg('lnnLab.newExperiment', (template?: string, target?: vscode.Uri) => newExperiment(template, target)),
    reg('lnnLab.cancelRun', () => runner.cancel()),
  ];
}
