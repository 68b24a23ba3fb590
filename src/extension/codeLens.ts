// Run / Check / Open Lab above an experiment's first line. In Restricted Mode (an untrusted
// workspace) only Check, and a lens saying runs are off that opens the trust editor.
import * as vscode from 'vscode';

export class LabCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly trust = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const range = new vscode.Range(0, 0, 0, 0);
    const args = [doc.uri];
    const check = new vscode.CodeLens(range, { title: 'Check', command: 'lnnLab.check', arguments: args, tooltip: 'Static diagnostics, without a run' });
    if (!vscode.workspace.isTrusted) {
      return [
        new vscode.CodeLens(range, { title: '$(shield) Restricted Mode: runs are off', command: 'workbench.trust.manage', tooltip: 'Trust this workspace to run experiments (a run reads data files and writes results)' }),
        check,
      ];
    }
    return [
      new vscode.CodeLens(range, { title: '$(play) Run', command: 'lnnLab.run', arguments: args, tooltip: 'Run this experiment (results beside it)' }),
      check,
      new vscode.CodeLens(range, { title: 'Open Lab', command: 'lnnLab.openLab', arguments: args }),
    ];
  }

  dispose(): void {
    this.trust.dispose();
    this.changed.dispose();
  }
}
