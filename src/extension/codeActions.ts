// Quick fixes for LNN Lab diagnostics: each one WorkspaceEdit (one undo) computed by fixes.ts.
import * as vscode from 'vscode';
import type { LiveDiagnostics } from './diagnostics';
import { SOURCE } from './diagnostics';
import { computeFix, stepSizeBounds } from './fixes';

export class LabCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly live: LiveDiagnostics) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const text = doc.getText();
    for (const diag of context.diagnostics) {
      if (diag.source !== SOURCE) continue;
      const core = this.live.coreFor(doc.uri, diag);
      if (!core) continue;
      const fix = computeFix(text, core, { ...core.fix, stepSizeBounds: stepSizeBounds(this.live.coresOf(doc.uri)) });
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      for (const e of fix.edits) {
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
      }
      action.edit = edit;
      action.diagnostics = [diag];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
