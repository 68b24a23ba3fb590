// Live mode (issue 13) in a real host: with the lab open on a file, an edit (unsaved) re-runs it
// as a preview — drawn, never written, locked or kept in the history — when it is estimated to
// finish in about lnnLab.liveSeconds; a slow edit marks the panel out of date at once instead.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { modify } from 'jsonc-parser';
import { historyFolder, lockPath } from '../../src/compute/claim';
import { labApi, labOn, waitFor } from './helpers';

/** One undoable edit of a field, as a user's typing would leave it (not saved). */
async function setField(doc: vscode.TextDocument, at: Array<string | number>, value: unknown): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (const e of modify(doc.getText(), at, value, {})) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

suite('live mode', () => {
  test('the panel\'s live toggle sets lnnLab.liveMode; off, an edit marks the panel out of date instead of re-running', async () => {
    const api = await labApi();
    const { uri, doc } = await labOn('toggle', 'stepsize-breaks-eigengap');
    const setting = () => vscode.workspace.getConfiguration('lnnLab', uri).get<boolean>('liveMode');
    try {
      await api.panelMessage({ type: 'command', command: 'liveOff' });
      await waitFor('live mode off', () => setting() === false || undefined);
      await setField(doc, ['optimizer', 'steps'], 123);
      const stale = await waitFor('the panel out of date', () => (api.live?.kind === 'stale' ? api.live : undefined));
      assert.match(stale.text, /live mode is off/);
      await api.panelMessage({ type: 'command', command: 'liveOn' });
      await waitFor('live mode on', () => setting() === true || undefined);
    } finally {
      await vscode.workspace.getConfiguration('lnnLab').update('liveMode', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('lnnLab').update('liveMode', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('an edit re-runs the file as a preview: drawn, not written; a slow edit is marked out of date', async () => {
    const api = await labApi();
    const { doc, opened } = await labOn('live', 'stepsize-breaks-eigengap');
    assert.ok(opened.out);
    const saved = fs.readFileSync(opened.out, 'utf8');
    const stepSize = (JSON.parse(saved) as { experiment: { optimizer: { stepSize: number } } }).experiment.optimizer.stepSize;
    const edited = stepSize / 2;
    await setField(doc, ['optimizer', 'stepSize'], edited);
    const preview = await waitFor('the preview of the edit', () => {
      const live = api.live;
      return live?.kind === 'preview' && live.results.experiment.optimizer.stepSize === edited ? live.results : undefined;
    }, 30_000);
    assert.equal(preview.runs.length > 0, true);
    assert.equal(preview.runs.every((r) => r.stopReason === 'completed'), true);
    // drawn only: the results file, its lock and its history are as the saved run left them
    assert.equal(fs.readFileSync(opened.out, 'utf8'), saved, 'the results file is not written');
    assert.equal(fs.existsSync(lockPath(opened.out)), false);
    assert.equal(fs.existsSync(historyFolder(opened.out)), false, 'a preview adds nothing to the history');
    assert.equal(doc.isDirty, true, 'the edit is the buffer\'s, unsaved');

    // far too long for live mode: out of date at once, nothing run
    const steps = 2_000_000_000;
    await setField(doc, ['optimizer', 'steps'], steps);
    const stale = await waitFor('the panel to be marked out of date', () => (api.live?.kind === 'stale' ? api.live : undefined), 30_000);
    assert.match(stale.text, /^Out of date — the file changed; this run would take about .*, longer than live mode's \d+ s: Run to update$/);
    assert.equal(fs.readFileSync(opened.out, 'utf8'), saved);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(path.basename(opened.out).endsWith('.results.json'), true);
  });
});
