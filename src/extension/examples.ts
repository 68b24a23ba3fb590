// The paper examples, bundled in the .vsix (examples/*.lnn.json): LNN Lab: Try an Example… copies
// one into a folder the user picks (their own copy to edit), opens it and runs it in the lab —
// the Getting Started walkthrough's first step.
import * as vscode from 'vscode';

/** The bundled examples: file name and the experiment's name. */
export async function bundledExamples(extensionUri: vscode.Uri): Promise<Array<{ file: string; name: string }>> {
  const folder = vscode.Uri.joinPath(extensionUri, 'examples');
  const entries = await vscode.workspace.fs.readDirectory(folder).then((e) => e, () => [] as [string, vscode.FileType][]);
  const out: Array<{ file: string; name: string }> = [];
  for (const [file, type] of entries) {
    if (type !== vscode.FileType.File || !file.endsWith('.lnn.json')) continue;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, file)));
    out.push({ file, name: /"name"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? file });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Copies example `file` (asked for when not given) into `target` (asked for when not given),
 * opens it and runs it in the lab. Returns the copy.
 */
export async function tryExample(extensionUri: vscode.Uri, file?: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (!file) {
    const pick = await vscode.window.showQuickPick(
      (await bundledExamples(extensionUri)).map((e) => ({ label: e.name, description: e.file, file: e.file })),
      { title: 'LNN Lab: Try an Example', placeHolder: 'a paper result to reproduce' },
    );
    if (!pick) return undefined;
    file = pick.file;
  }
  if (!target) {
    const picked = await vscode.window.showOpenDialog({ title: 'LNN Lab: a folder for the example (your copy)', canSelectFolders: true, canSelectFiles: false, openLabel: 'Copy the example here', defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
    if (!picked?.length) return undefined;
    target = picked[0];
  }
  const source = vscode.Uri.joinPath(extensionUri, 'examples', file);
  const copy = vscode.Uri.joinPath(target, file);
  const exists = await vscode.workspace.fs.stat(copy).then(() => true, () => false);
  if (!exists) await vscode.workspace.fs.copy(source, copy);
  await vscode.window.showTextDocument(copy);
  void vscode.commands.executeCommand('lnnLab.openLab', copy);
  return copy;
}
