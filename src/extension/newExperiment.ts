// LNN Lab: New Experiment… — a starter file from the CLI's templates (src/cli/templates.ts).
import * as vscode from 'vscode';
import { modify, applyEdits } from 'jsonc-parser';
import { starterExperiment, TEMPLATES } from '../cli/templates';

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
      filters: { 'LNN Lab experiment': ['lnn.json'] },
    });
    if (!target) return undefined;
  }
  if (!target.path.endsWith('.lnn.json')) target = target.with({ path: target.path.replace(/(\.json)?$/, '.lnn.json') });
  const name = target.path.split('/').pop()!.replace(/\.lnn\.json$/, '');
  const text = templateText(template, name);
  if (text === null) {
    void vscode.window.showErrorMessage(`LNN Lab: unknown template "${template}"`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
  return target;
}
