// Hovers over an experiment's fields show this file's numbers (hoverFacts.ts, from its last check)
// beside the schema's documentation, which VS Code's JSON service adds on its own.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { getLocation } from 'jsonc-parser';
import { formatPointer } from '../core/experiment/pointer';
import type { LiveDiagnostics } from './diagnostics';

/** The data fields that name files (spec §2 `files`, completion's matrix and mask). */
const FILE_FIELDS = new Set(['x', 'y', 'labels', 'groundTruth', 'matrix', 'mask']);

/**
 * A data file outside every workspace folder: allowed in a trusted workspace (data often lives
 * elsewhere) and said in the hover, with the path it resolves to (issue 12).
 */
function outsideWorkspace(doc: vscode.TextDocument, location: ReturnType<typeof getLocation>): string | null {
  const [data, field] = location.path;
  const node = location.previousNode;
  if (data !== 'data' || typeof field !== 'string' || !FILE_FIELDS.has(field) || location.path.length !== 2 || node?.type !== 'string') return null;
  const file = path.resolve(path.dirname(doc.uri.fsPath), String(node.value));
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.some((f) => !path.relative(f.uri.fsPath, file).startsWith('..') && !path.isAbsolute(path.relative(f.uri.fsPath, file)))) return null;
  return `**Outside the workspace:** \`${file}\` — read because the workspace is trusted (in Restricted Mode no data file is read).`;
}

export class LabHover implements vscode.HoverProvider {
  constructor(private readonly live: LiveDiagnostics) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const location = getLocation(doc.getText(), doc.offsetAt(position));
    const outside = outsideWorkspace(doc, location);
    if (outside) return new vscode.Hover(new vscode.MarkdownString(outside));
    const facts = this.live.factsOf(doc.uri);
    // the field under the cursor, or the nearest enclosing one with facts (e.g. /data from inside it)
    for (let n = location.path.length; n > 0; n--) {
      const lines = facts[formatPointer(location.path.slice(0, n))];
      if (lines?.length) return new vscode.Hover(new vscode.MarkdownString(lines.join('\n')));
    }
    return undefined;
  }
}
