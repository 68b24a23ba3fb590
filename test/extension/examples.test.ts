// The Getting Started walkthrough's first step (issue 13, "first run"): LNN Lab: Try an Example…
// copies a bundled example into a folder of the user's, opens it and runs it in the lab.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { labApi, waitFor, workspaceDir } from './helpers';

suite('first run', () => {
  test('Try an Example copies a bundled example into the folder given, opens it and runs it in the lab', async () => {
    await labApi();
    const ext = vscode.extensions.getExtension('lnn-lab.lnn-lab')!;
    const bundled = fs.readdirSync(path.join(ext.extensionPath, 'examples')).filter((f) => f.endsWith('.lnn.json'));
    assert.ok(bundled.includes('gbl-fig1-moments.lnn.json'), bundled.join(', '));
    const file = 'stepsize-breaks-eigengap.lnn.json';
    const target = path.join(workspaceDir(), `try-${Date.now().toString(36)}`);
    fs.mkdirSync(target);
    const copy = await vscode.commands.executeCommand<vscode.Uri>('lnnLab.tryExample', file, vscode.Uri.file(target));
    assert.equal(copy.fsPath, path.join(target, file));
    assert.equal(fs.readFileSync(copy.fsPath, 'utf8'), fs.readFileSync(path.join(ext.extensionPath, 'examples', file), 'utf8'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, copy.fsPath, 'opened');
    // the lab runs it: its results appear beside the copy
    const results = path.join(target, file.replace(/\.lnn\.json$/, '.results.json'));
    await waitFor('the lab to run the example', () => fs.existsSync(results) && (JSON.parse(fs.readFileSync(results, 'utf8')) as { complete?: boolean }).complete === true, 60_000);
    const pkg = ext.packageJSON as { contributes: { walkthroughs: Array<{ steps: Array<{ description: string }> }> } };
    assert.ok(pkg.contributes.walkthroughs[0].steps.some((s) => s.description.includes('command:lnnLab.tryExample')), 'the walkthrough links the command');
  });
});
