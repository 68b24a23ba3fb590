// The lab panel as a playground (issue 13) in a real host, the page's messages sent through the
// page's own guard (LabApi.panelMessage): Keep saves the live preview shown as a run saves it (the
// replaced results in the history, the lock gone, stamped complete), and a slider let go (`edit`)
// writes one undoable edit of the file — one undo gives the text back — while fields the sliders
// do not turn are refused.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { historyFolder, lockPath } from '../../src/compute/claim';
import type { Results } from '../../src/core/types';
import { labApi, labOn, scratch, waitFor } from './helpers';

const stepSizeOf = (text: string) => (parse(text) as { optimizer: { stepSize: number } }).optimizer.stepSize;

suite('lab playground', () => {
  test('Keep saves the live preview: the saved results move into the history, the preview is written, stamped; Compare overlays only a listed history entry', async () => {
    const api = await labApi();
    const { uri, doc, opened } = await labOn('keep', 'stepsize-breaks-eigengap');
    assert.ok(opened.out);
    const saved = fs.readFileSync(opened.out, 'utf8');
    const edited = stepSizeOf(doc.getText()) / 2;
    // the slider's message: one edit of the file, which live mode previews
    await api.panelMessage({ type: 'edit', path: '/optimizer/stepSize', value: edited });
    assert.equal(stepSizeOf(doc.getText()), edited);
    const preview = await waitFor('the preview of the edit', () => (api.live?.kind === 'preview' && api.live.results.experiment.optimizer.stepSize === edited ? api.live.results : undefined), 30_000);
    assert.equal(fs.readFileSync(opened.out, 'utf8'), saved, 'the preview is not written');

    await api.panelMessage({ type: 'command', command: 'keep' });
    const kept = await waitFor('the kept results', () => {
      const r = JSON.parse(fs.readFileSync(opened.out!, 'utf8')) as Results;
      return r.experiment.optimizer.stepSize === edited ? r : undefined;
    }, 20_000);
    assert.deepEqual(kept.runs.map((r) => r.nuclearNorm), preview.runs.map((r) => r.nuclearNorm), "the preview's numbers are what is saved");
    assert.equal(kept.complete, true);
    assert.equal(typeof kept.createdAt, 'string');
    assert.equal(kept.tool?.name, 'lnn-lab');
    const history = fs.readdirSync(historyFolder(opened.out));
    assert.equal(history.length, 1, `the replaced results are kept: ${history}`);
    assert.equal(fs.readFileSync(path.join(historyFolder(opened.out), history[0]), 'utf8'), saved, 'the history holds the run it replaced');
    assert.equal(fs.existsSync(lockPath(opened.out)), false, 'the lock is released');
    // a second Keep of the same preview writes nothing more
    await api.panelMessage({ type: 'command', command: 'keep' });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(fs.readdirSync(historyFolder(opened.out)).length, 1);

    // History: Compare overlays the entry the host listed — and nothing it did not list
    const entry = path.join(historyFolder(opened.out), history[0]);
    assert.deepEqual(api.panelShown, [uri.fsPath], 'the kept preview leads');
    await api.panelMessage({ type: 'compareHistory', file: opened.out });
    await api.panelMessage({ type: 'compareHistory', file: path.join(path.dirname(uri.fsPath), '..', 'gbl-fig1-moments.results.json') });
    assert.deepEqual(api.panelShown, [uri.fsPath], 'files the history did not list are not opened');
    await api.panelMessage({ type: 'compareHistory', file: entry });
    assert.deepEqual(api.panelShown, [uri.fsPath, entry], 'the history entry overlaid');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test("a slider's edit is one undoable edit of the file; fields the sliders do not set are refused", async () => {
    const api = await labApi();
    const { uri, doc } = await labOn('slider', 'gbl-4.2-autoencoder');
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const stepSize = stepSizeOf(original);
    const version = doc.version;
    await api.panelMessage({ type: 'edit', path: '/optimizer/stepSize', value: stepSize * 3 });
    assert.equal(stepSizeOf(doc.getText()), stepSize * 3);
    assert.equal(doc.version, version + 1, 'one edit');
    const spectrum = (parse(original) as { data: { spectrum: number[] } }).data.spectrum;
    await api.panelMessage({ type: 'edit', path: '/data/spectrum/1', value: spectrum[1] * 1.5 });
    assert.deepEqual((parse(doc.getText()) as { data: { spectrum: number[] } }).data.spectrum, spectrum.map((v, i) => (i === 1 ? v * 1.5 : v)));
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'two undos give the text back: each edit was one');

    const before = doc.getText();
    for (const bad of [
      { type: 'edit', path: '/seed', value: 3 },
      { type: 'edit', path: '/optimizer/stepSize', value: -1 },
      { type: 'edit', path: '/optimizer/stepSize', value: Number.NaN },
      { type: 'edit', path: '/../optimizer', value: 1 },
      { type: 'edit', path: '/optimizer/stepSize', value: '0.1' },
    ]) await api.panelMessage(bad);
    assert.equal(doc.getText(), before, 'nothing else is written');
    await api.panelMessage({ type: 'edit', path: '/optimizer/steps', value: 1234.6 });
    assert.equal((parse(doc.getText()) as { optimizer: { steps: number } }).optimizer.steps, 1235, 'an integer field gets an integer');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
  test("Export report writes the CLI's offline page of what the panel shows, through the save dialog", async () => {
    const api = await labApi();
    const uri = scratch('report', 'stepsize-breaks-eigengap');
    const opened = await vscode.commands.executeCommand<{ results: Results | null; out: string | null }>('lnnLab.openLab', uri);
    assert.ok(opened.results);
    const expected = uri.fsPath.replace(/\.lnn\.json$/, '.report.html');
    fs.rmSync(expected, { force: true });
    // the real dialog (files.simpleDialog.enable: a QuickInput), accepted as offered
    let done = false;
    const pending = api.panelMessage({ type: 'command', command: 'exportReport' }).finally(() => (done = true));
    const deadline = Date.now() + 20_000;
    while (!done && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await pending;
    assert.ok(fs.existsSync(expected), `written: ${expected}`);
    const html = fs.readFileSync(expected, 'utf8');
    const data = /<script[^>]*id="lnn-lab-data"[^>]*>([\s\S]*?)<\/script>/.exec(html);
    assert.ok(data, 'the results are embedded');
    const shown = (JSON.parse(data[1]) as { shown: Array<{ source: { path: string }; results: Results }> }).shown;
    assert.equal(shown.length, 1);
    assert.equal(shown[0].source.path, uri.fsPath);
    assert.deepEqual(shown[0].results.runs.map((r) => r.nuclearNorm), opened.results.runs.map((r) => r.nuclearNorm), 'the numbers of the run shown');
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    assert.doesNotMatch(markup, /<script[^>]+src=|<link[^>]+href=|<img[^>]+src=/, 'nothing loaded from elsewhere: offline');
    assert.ok(markup.includes('<script nonce='), 'the bundle inlined');
    assert.match(html, /default-src 'none'/, "the lab's CSP");
  });
});
