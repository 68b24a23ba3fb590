// Results as documents (issue 13): a *.results.json opens in the lab by default (a read-only
// custom editor, nothing run or written), Reopen With… the text editor gives its JSON, and the
// explorer's "Open in Lab" overlays a selection to compare.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runner';
import { labApi, scratch, waitFor } from './helpers';

const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

suite('results as documents', () => {
  test('a results file opens in the lab (custom editor); Reopen With the text editor gives the JSON', async () => {
    const api = await labApi();
    const run = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', scratch('doc', 'stepsize-breaks-eigengap'));
    const file = vscode.Uri.file(run.resultsPath!);
    const before = fs.readFileSync(file.fsPath, 'utf8');
    const pkg = JSON.parse(fs.readFileSync(vscode.extensions.getExtension('lnn-lab.lnn-lab')!.extensionPath + '/package.json', 'utf8'));
    const viewType: string = pkg.contributes.customEditors[0].viewType;
    await vscode.commands.executeCommand('vscode.open', file);
    const custom = await waitFor('the results file in the lab', () =>
      tabs().find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.fsPath === file.fsPath && t.input.viewType === viewType),
    );
    assert.ok(custom, 'opened with the LNN Lab Results editor by default');
    // the page loaded and reported to the host (not the host's timeout standing in for it)
    const probe = await waitFor('the results page to load', () => api.resultsPage(file));
    const reported = await probe;
    assert.doesNotMatch(reported.detail, /did not report/, reported.detail);
    await vscode.commands.executeCommand('vscode.openWith', file, 'default');
    const text = await waitFor('the JSON text', () => (vscode.window.activeTextEditor?.document.uri.fsPath === file.fsPath ? vscode.window.activeTextEditor.document : undefined));
    assert.equal(text.getText(), before);
    assert.equal(fs.readFileSync(file.fsPath, 'utf8'), before, 'nothing written');
    await vscode.window.tabGroups.close(tabs().filter((t) => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.fsPath === file.fsPath));
  });

  test('the explorer\'s Open in Lab overlays the selected results files', async () => {
    const a = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', scratch('cmp-a', 'stepsize-breaks-eigengap'));
    const b = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', scratch('cmp-b', 'gbl-fig1-moments'));
    const [ua, ub] = [vscode.Uri.file(a.resultsPath!), vscode.Uri.file(b.resultsPath!)];
    const shown = await vscode.commands.executeCommand<Array<{ experiment: { name?: string } }>>('lnnLab.compareInLab', ua, [ua, ub]);
    assert.deepEqual(
      shown.map((r) => r.experiment.name),
      [a, b].map((o) => (JSON.parse(fs.readFileSync(o.resultsPath!, 'utf8')) as { experiment: { name?: string } }).experiment.name),
    );
  });
});
