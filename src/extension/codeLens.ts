// Run / Check / Open Lab above an experiment's first line.
import * as vscode from 'vscode';

export class LabCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const range = new vscode.Range(0, 0, 0, 0);
    const args = [doc.uri];
    return [
      new vscode.CodeLens(range, { title: '$(play) Run', command: 'lnnLab.run', arguments: args, tooltip: 'Run this experiment (results beside it)' }),
      new vscode.CodeLens(range, { title: 'Check', command: 'lnnLab.check', arguments: args, tooltip: 'Static diagnostics, without a run' }),
      new vscode.CodeLens(range, { title: 'Open Lab', command: 'lnnLab.openLab', arguments: args }),
    ];
  }
}
