// LNN Lab: New Experiment… — a starter file from the CLI's templates (src/cli/templates.ts).
import * as vscode from 'vscode';
import { modify, applyEdits } from 'jsonc-parser';
import { starterExperiment, TEMPLATES } from '../core/experiment/templates';

/** The template text without its `$schema` line: the extension contributes the schema itself. */
export function templateText(template: string, name: string): string | null {
  const text = starterExperiment(template, name)?.replace(/Run: npx lnn-lab run [^\n]*/, 'Run: LNN Lab: Run Experiment (or the Run lens above)');
  if (!text) return null;
  return applyEdits(text, modify(text, ['$schema'], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
}

/** Writes the template to `target` (asks for both when not given) and opens it. */
export async function newExperiment(template?: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (!template) {
    const pick = await vscode.window.showQuickPick(
      Object.entries(TEMPLATES).map(([label, t]) => ({ label, detail: t.description })),
      { title: 'LNN Lab: New Experiment', placeHolder: 'a starter experiment' },
    );
    if (!pick) return undefined;
    template = pick.label;
  }
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      title: 'New LNN Lab experiment',
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${template}.lnn.json`) : undefined,
      // A dialog takes a file's extension to be what follows its last dot: with 'lnn.json' alone, VS
      // Code's own (simple) dialog saw "autoencoder.lnn.json" as lacking it and appended it again
      // (autoencoder.lnn.json.lnn.json). 'json' matches what the dialog offers; a bare name still gets
      // 'lnn.json', the first.
      filters: { 'LNN Lab experiment': ['lnn.json', 'json'] },
    });
    if (!target) return undefined;
  }
  const asked = target;
  target = experimentUri(target);
  if (target.toString() !== asked.toString() && (await exists(target))) {
    // the dialog confirmed overwriting (or not) the file it returned, not this one
    const overwrite = await vscode.window.showWarningMessage(`${target.path.split('/').pop()} exists. Replace it?`, { modal: true }, 'Replace');
    if (overwrite !== 'Replace') return undefined;
  }
  const name = experimentName(target);
  const text = templateText(template, name);
  if (text === null) {
    void vscode.window.showErrorMessage(`LNN Lab: unknown template "${template}"`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
  return target;
}

/** NAME.lnn.json for what a dialog returned: NAME, NAME.json, NAME.lnn.json, or the suffix doubled. */
export function experimentUri(uri: vscode.Uri): vscode.Uri {
  const dir = uri.path.slice(0, uri.path.lastIndexOf('/') + 1);
  return uri.with({ path: `${dir}${experimentName(uri)}.lnn.json` });
}

/** The experiment's name: its file name without every trailing .lnn.json (or .json). */
export function experimentName(uri: vscode.Uri): string {
  let base = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  while (/\.lnn\.json$/.test(base)) base = base.slice(0, -'.lnn.json'.length);
  return base.replace(/\.json$/, '') || 'experiment';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
