// Runs from the commands, in a real host: results that checkResults accepts; cancel keeps partials.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseJsonc } from 'jsonc-parser';
import { checkResults } from '../../src/core/results/check';
import { progressMessage, type RunOutcome } from '../../src/extension/runner';
import { codeOf, labApi, labDiagnostics, scratch, waitFor, workspaceDir } from './helpers';

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The lab panel's tab and its group, if open. */
const labTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ g, t }))).find(({ t }) => t.input instanceof vscode.TabInputWebview && /lnnLab\.lab/.test(t.input.viewType));

suite('run', () => {
  suiteSetup(async () => {
    await labApi();
  });

  test('lnnLab.run writes NAME.results.json beside the experiment, accepted by checkResults', async () => {
    const uri = scratch('run', 'stepsize-breaks-eigengap');
    const outcome = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', uri);
    assert.ok(outcome.resultsPath, outcome.reason);
    assert.equal(outcome.resultsPath, uri.fsPath.replace(/\.lnn\.json$/, '.results.json'));
    const results = readJson(outcome.resultsPath);
    assert.deepEqual(checkResults(results), []);
    assert.equal(results.runs[0].stopReason, 'completed');
    assert.equal(results.runs[0].backend, 'js');
    assert.equal(outcome.cancelled, false);
  });

  test('a diverging run is a result: diverged flagged, a stepSize.diverges diagnostic', async () => {
    const uri = scratch('diverge-run', 'stepsize-diverges');
    const outcome = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', uri);
    const results = readJson(outcome.resultsPath!);
    assert.deepEqual(checkResults(results), []);
    assert.ok(results.runs.some((r: { diverged: boolean }) => r.diverged));
  });

  test('a file with a schema error is refused, nothing written', async () => {
    const uri = scratch('refused', undefined, '{ "data": { "kind": "nope" }, "models": [] }');
    await vscode.workspace.openTextDocument(uri);
    await waitFor('schema diagnostic', () => labDiagnostics(uri).some((d) => codeOf(d) === 'schema') || undefined);
    const outcome = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', uri);
    assert.equal(outcome.refused, true);
    assert.equal(outcome.resultsPath, null);
    assert.equal(fs.existsSync(uri.fsPath.replace(/\.lnn\.json$/, '.results.json')), false);
  });

  test('cancel a long run: partial results with stopReason "cancelled"', async () => {
    const text = JSON.stringify({
      name: 'long',
      data: { kind: 'moments', sigmaX: [1, 1, 1, 1], sigmaXY: [1, 0.5, 0.25, 0.125] },
      models: [{ depth: 3 }, { depth: 2 }],
      init: { scheme: 'identity', delta: 8 },
      optimizer: { method: 'gd', stepSize: 0.001, steps: 5000000 },
      record: { every: 10000 },
      compute: { backend: 'js' },
    });
    const uri = scratch('long', undefined, text);
    const api = await labApi();
    const pending = vscode.commands.executeCommand<RunOutcome>('lnnLab.run', uri) as Promise<RunOutcome>;
    // the models run at once, one a compute thread: wait until each that can start has recorded past step 0
    const threads = Math.min(2, os.availableParallelism());
    const past0 = new Set<number>();
    await waitFor('every running model to record', () => {
      const p = api.progress?.progress;
      if (p && p.progress.step > 0) past0.add(p.modelIndex);
      return past0.size >= threads || undefined;
    }, 60_000);
    assert.match(api.progress ? progressMessage(api.progress) : '', /steps\/s$/);
    assert.equal(await vscode.commands.executeCommand('lnnLab.cancelRun'), true);
    const outcome = await pending;
    assert.equal(outcome.cancelled, true);
    const results = readJson(outcome.resultsPath!);
    assert.deepEqual(checkResults(results), []);
    // as many started as the machine has threads (at most both)
    assert.equal(results.runs.length, threads, `${threads} model(s) started`);
    assert.equal(results.complete, false, 'a cancelled run is not complete (spec §5.3)');
    for (const run of results.runs) {
      assert.equal(run.stopReason, 'cancelled');
      assert.ok(run.stoppedAt > 0 && run.stoppedAt < 5000000, `${run.label} stopped at ${run.stoppedAt}`);
    }
    assert.equal(api.running, false);
  });

  test('lnnLab.resultsFolder puts results in that folder', async () => {
    const cfg = vscode.workspace.getConfiguration('lnnLab');
    await cfg.update('resultsFolder', 'results-out', vscode.ConfigurationTarget.Workspace);
    try {
      const uri = scratch('folder', 'stepsize-breaks-eigengap');
      const outcome = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', uri);
      assert.equal(path.dirname(outcome.resultsPath!), path.join(workspaceDir(), 'results-out'));
      assert.deepEqual(checkResults(readJson(outcome.resultsPath!)), []);
    } finally {
      await cfg.update('resultsFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('lnnLab.openResults shows one results file in the lab panel, and two overlaid', async () => {
    const a = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', scratch('open', 'stepsize-breaks-eigengap'));
    const b = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', scratch('open2', 'gbl-fig1-moments'));
    // (what the panel drew of a results file opened through the dialog: test/host/palette-smoke.mjs)
    const one = await vscode.commands.executeCommand<unknown[]>('lnnLab.openResults', vscode.Uri.file(a.resultsPath!));
    assert.deepEqual(one, [readJson(a.resultsPath!)], 'the results of the file, as written');
    assert.ok(labTab(), 'the lab panel is open');
    const two = await vscode.commands.executeCommand<unknown[]>('lnnLab.openResults', vscode.Uri.file(a.resultsPath!), [vscode.Uri.file(a.resultsPath!), vscode.Uri.file(b.resultsPath!)]);
    assert.deepEqual(two, [readJson(a.resultsPath!), readJson(b.resultsPath!)], 'both files, in the order selected');
  });

  test('lnnLab.openLab opens the lab panel beside the editor and saves a finished run', async () => {
    // (what the panel received and drew is read from the webview itself by test/host/palette-smoke.mjs)
    const uri = scratch('lab', 'stepsize-breaks-eigengap');
    const editor = await vscode.window.showTextDocument(uri);
    const opened = await vscode.commands.executeCommand<{ results: { runs: Array<{ stopReason: string; steps: number[] }> } | null; out: string | null }>('lnnLab.openLab', uri);
    const lab = labTab();
    assert.ok(lab, `no lab panel among the tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`);
    assert.notEqual(lab.g.viewColumn, editor.viewColumn, 'beside the editor, not over it');
    assert.ok(opened.out, 'a results file was written');
    const saved = readJson(opened.out!);
    assert.deepEqual(checkResults(saved), []);
    assert.deepEqual(saved.runs, JSON.parse(JSON.stringify(opened.results!.runs)), 'the file holds the runs the command returned');
    assert.equal(opened.results!.runs[0].stopReason, 'completed');
    // every step recorded (record.every 1): the last is the file's optimizer.steps
    const exp = parseJsonc(fs.readFileSync(uri.fsPath, 'utf8'));
    assert.equal(exp.record.every, 1);
    assert.equal(opened.results!.runs[0].steps.at(-1), exp.optimizer.steps);
  });

  test('lnnLab.newExperiment writes a template that checks clean of errors, named after its file', async () => {
    const base = `new-${Date.now().toString(36)}`;
    const target = vscode.Uri.file(path.join(workspaceDir(), 'scratch', `${base}.lnn.json`));
    const written = await vscode.commands.executeCommand<vscode.Uri>('lnnLab.newExperiment', 'moments', target);
    assert.equal(written?.fsPath, target.fsPath);
    const diags = await vscode.commands.executeCommand<vscode.Diagnostic[]>('lnnLab.check', target);
    assert.ok(!diags.some((d) => d.severity === vscode.DiagnosticSeverity.Error), diags.map((d) => `${codeOf(d)} ${d.message}`).join('\n'));
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.equal(parseJsonc(text).name, base, 'the "name" is the file name without .lnn.json');
    // the CLI's hint (npx lnn-lab run …) is replaced by the VS Code one
    assert.doesNotMatch(text, /npx lnn-lab/);
    assert.match(text, /Run: LNN Lab: Run Experiment/);
  });

  test('New Experiment… through the save dialog, accepted as offered: TEMPLATE.lnn.json whose "name" is TEMPLATE', async () => {
    // The real dialog, not a target handed in: the launchers set files.simpleDialog.enable (test/host/lib.mjs),
    // so the save dialog is the workbench's QuickInput, accepted here as Enter accepts it. Its extension
    // filter once appended ".lnn.json" to the offered "autoencoder.lnn.json" (an extname of ".json"):
    // autoencoder.lnn.json.lnn.json with "name": "autoencoder.lnn.json".
    const template = 'autoencoder';
    const expected = path.join(workspaceDir(), `${template}.lnn.json`);
    fs.rmSync(expected, { force: true });
    fs.rmSync(`${expected}.lnn.json`, { force: true });
    let done = false;
    const pending = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>('lnnLab.newExperiment', template)).finally(() => (done = true));
    const deadline = Date.now() + 20_000;
    while (!done && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.ok(done, 'the save dialog never returned');
    const written = await pending;
    const names = fs.readdirSync(workspaceDir()).filter((f) => f.startsWith(`${template}.`));
    assert.equal(written?.fsPath, expected, `written: ${written?.fsPath}; in the folder: ${names.join(', ')}`);
    assert.deepEqual(names, [`${template}.lnn.json`]);
    assert.equal(parseJsonc(fs.readFileSync(expected, 'utf8')).name, template);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, expected, 'the new file is open');
  });
});
