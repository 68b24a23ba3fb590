// The lab panel's sliders write back (issue 13): a slider let go posts `edit { path, value }`, and
// the host sets that one number in the experiment's editor text with jsonc-parser's `modify`
// (comments and layout kept) through one WorkspaceEdit — one undo step, as a quick fix. Live mode
// then previews the edit. Only the fields the sliders turn are accepted, with the schema's sign
// and integer constraints; anything else from the page is logged and ignored.
import { modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import { parsePointer } from '../core/experiment/pointer';

/** The fields a slider may set: pattern → integer? (every one is positive in the schema). */
const EDITABLE: Array<[RegExp, boolean]> = [
  [/^\/optimizer\/stepSize$/, false],
  [/^\/optimizer\/steps$/, true],
  [/^\/init\/(delta|scale|std)$/, false],
  [/^\/models\/\d{1,3}\/(depth|width)$/, true],
  [/^\/data\/spectrum\/\d{1,4}$/, false],
  [/^\/data\/observed$/, true],
];

/** Whether a slider may set `path`, and the value it would write there (integers rounded), or null. */
export function editableValue(path: string, value: number): number | null {
  const found = EDITABLE.find(([re]) => re.test(path));
  if (!found || !Number.isFinite(value)) return null;
  const v = found[1] ? Math.round(value) : value;
  return v > 0 ? v : null;
}

/** Sets the number at `path` in the experiment's text: one WorkspaceEdit (one undo). Resolves false when refused. */
export async function applyFieldEdit(uri: vscode.Uri, path: string, value: number, log: (s: string) => void): Promise<boolean> {
  const v = editableValue(path, value);
  if (v === null) {
    log(`lab: ignored an edit from the panel: ${path} = ${value} is not a field the sliders set`);
    return false;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 2;
  const insertSpaces = typeof editor?.options.insertSpaces === 'boolean' ? editor.options.insertSpaces : true;
  let edits;
  try {
    edits = modify(doc.getText(), parsePointer(path), v, { formattingOptions: { tabSize, insertSpaces } });
  } catch (e) {
    log(`lab: cannot set ${path} in ${uri.fsPath}: ${(e as Error).message}`);
    return false;
  }
  if (edits.length === 0) return true;
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  return vscode.workspace.applyEdit(edit);
}
