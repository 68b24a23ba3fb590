// Hovers over an experiment's fields show this file's numbers (hoverFacts.ts, from its last check)
// beside the schema's documentation, which VS Code's JSON service adds on its own.
import * as vscode from 'vscode';
import { getLocation } from 'jsonc-parser';
import { formatPointer } from '../core/experiment/pointer';
import type { LiveDiagnostics } from './diagnostics';

export class LabHover implements vscode.HoverProvider {
  constructor(private readonly live: LiveDiagnostics) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const location = getLocation(doc.getText(), doc.offsetAt(position));
    const facts = this.live.factsOf(doc.uri);
    // the field under the cursor, or the nearest enclosing one with facts (e.g. /data from inside it)
    for (let n = location.path.length; n > 0; n--) {
      const lines = facts[formatPointer(location.path.slice(0, n))];
      if (lines?.length) return new vscode.Hover(new vscode.MarkdownString(lines.join('\n')));
    }
    return undefined;
  }
}
