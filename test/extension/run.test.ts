// Runs from the commands, in a real host: results that checkResults accepts; cancel keeps partials.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkResults } from '../../src/core/results/check';
import { progressMessage, type RunOutcome } from '../../src/extension/runner';
import { codeOf, labApi, labDiagnostics, scratch, waitFor, workspaceDir } from './helpers';

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

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
    await waitFor('the run to record', () => (api.progress?.progress.step ?? 0) > 0 || undefined);
    assert.match(api.progress ? progressMessage(api.progress) : '', /steps\/s$/);
    assert.equal(await vscode.commands.executeCommand('lnnLab.cancelRun'), true);
    const outcome = await pending;
    assert.equal(outcome.cancelled, true);
    const results = readJson(outcome.resultsPath!);
    assert.deepEqual(checkResults(results), []);
    assert.equal(results.runs.length, 1, 'the second model never started');
    assert.equal(results.runs[0].stopReason, 'cancelled');
    assert.ok(results.runs[0].stoppedAt > 0 && results.runs[0].stoppedAt < 5000000);
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
    const one = await vscode.commands.executeCommand<Array<{ format: string }>>('lnnLab.openResults', vscode.Uri.file(a.resultsPath!));
    assert.equal(one.length, 1);
    assert.equal(one[0].format, 'lnn-lab.results/1');
    const two = await vscode.commands.executeCommand<unknown[]>('lnnLab.openResults', vscode.Uri.file(a.resultsPath!), [vscode.Uri.file(a.resultsPath!), vscode.Uri.file(b.resultsPath!)]);
    assert.equal(two.length, 2);
  });

  test('lnnLab.openLab opens the lab panel beside the editor and saves a finished run', async () => {
    const uri = scratch('lab', 'stepsize-breaks-eigengap');
    const opened = await vscode.commands.executeCommand<{ results: { runs: Array<{ stopReason: string; steps: number[] }> } | null; out: string | null }>('lnnLab.openLab', uri);
    assert.ok(opened.out, 'a results file was written');
    assert.deepEqual(checkResults(readJson(opened.out!)), []);
    assert.equal(opened.results!.runs[0].stopReason, 'completed');
    assert.equal(opened.results!.runs[0].steps.at(-1), 400);
  });

  test('lnnLab.newExperiment writes a template that checks clean of errors', async () => {
    const target = vscode.Uri.file(path.join(workspaceDir(), 'scratch', `new-${Date.now().toString(36)}.lnn.json`));
    const written = await vscode.commands.executeCommand<vscode.Uri>('lnnLab.newExperiment', 'moments', target);
    assert.equal(written?.fsPath, target.fsPath);
    const diags = await vscode.commands.executeCommand<vscode.Diagnostic[]>('lnnLab.check', target);
    assert.ok(!diags.some((d) => d.severity === vscode.DiagnosticSeverity.Error), diags.map((d) => `${codeOf(d)} ${d.message}`).join('\n'));
    assert.ok(!fs.readFileSync(target.fsPath, 'utf8').includes('$schema'));
  });
});
