// Restricted Mode (issue 12), in a real host with workspace trust enabled and the folder untrusted
// (`node test/host/run-in-code-server.mjs --untrusted`, which loads only this suite): the live
// diagnostics check the schema and nothing else — no data file is read, nothing is computed — and
// say so once at /data; Run, Open Lab (a sweep too) refuse and write nothing; the CodeLens offers
// only Check.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runner';
import { RESTRICTED_MESSAGE } from '../../src/extension/diagnostics';
import { codeOf, labApi, labDiagnostics, scratch, waitFor, workspaceDir } from './helpers';

/** A files experiment whose data, if it were read, would give a stepSize.diverges error (η·λmax(Σx) ≥ 2). */
function filesExperiment(dataName: string): vscode.Uri {
  const dir = path.join(workspaceDir(), 'scratch');
  fs.mkdirSync(dir, { recursive: true });
  // x = 10·I (3×3 rows): Σx = XᵀX/n = 100/3·I, so λmax(Σx)·η = 33.3 ≥ 2 for η = 0.1
  fs.writeFileSync(path.join(dir, dataName), '10,0,0\n0,10,0\n0,0,10\n');
  return scratch('untrusted', undefined, JSON.stringify({ data: { kind: 'files', x: dataName }, models: [{ depth: 1 }], optimizer: { stepSize: 0.1, steps: 10 } }, null, 2));
}

suite('restricted mode (untrusted workspace)', () => {
  suiteSetup(async () => {
    await labApi();
  });

  test('the workspace is untrusted (the launcher enabled workspace trust)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('the live diagnostics check the schema only: no data read, nothing computed, one info at /data', async () => {
    const api = await labApi();
    const uri = filesExperiment('x.csv');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await api.check(uri);
    const shown = diags.map((d) => [codeOf(d), vscode.DiagnosticSeverity[d.severity], d.message]);
    assert.deepEqual(shown, [['data.file', 'Information', RESTRICTED_MESSAGE]], 'only the Restricted Mode note: no stepSize.diverges, no data.file error');
    const at = diags[0].range.start;
    assert.equal(doc.getText().slice(doc.offsetAt(at), doc.offsetAt(at) + 1), '{', 'at /data: the data object');
    assert.equal(labDiagnostics(uri).length, 1, 'said once');
  });

  test('a schema error is still reported at its field', async () => {
    const api = await labApi();
    const uri = scratch('untrusted-schema', undefined, JSON.stringify({ data: { kind: 'files', x: 'x.csv' }, models: [{ depth: 1 }], optimizer: { stepSize: -1, steps: 10 } }, null, 2));
    const doc = await vscode.workspace.openTextDocument(uri);
    const diags = await api.check(uri);
    const codes = diags.map((d) => `${codeOf(d)}:${vscode.DiagnosticSeverity[d.severity]}`);
    assert.ok(codes.includes('schema:Error'), codes.join(', '));
    const schema = diags.find((d) => codeOf(d) === 'schema')!;
    assert.equal(doc.getText(schema.range), '-1', 'at optimizer.stepSize');
    assert.ok(codes.includes('data.file:Information'), 'and the Restricted Mode note');
  });

  test('Run refuses and writes nothing; Open Lab refuses, a sweep too', async () => {
    const uri = filesExperiment('x2.csv');
    const outcome = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', uri);
    assert.equal(outcome.refused, true);
    assert.equal(outcome.resultsPath, null);
    assert.equal(fs.existsSync(uri.fsPath.replace(/\.lnn\.json$/, '.results.json')), false);
    const sweep = scratch('untrusted-sweep', undefined, JSON.stringify({
      data: { kind: 'autoencoder', n: 50, d: 3, rank: 1, spectrum: [1] },
      models: [{ depth: 2 }],
      optimizer: { stepSize: 0.01, steps: 10 },
      sweep: { path: '/optimizer/stepSize', values: [0.01, 0.02] },
    }));
    const swept = await vscode.commands.executeCommand<RunOutcome>('lnnLab.run', sweep);
    assert.equal(swept.refused, true);
    await vscode.commands.executeCommand('lnnLab.openLab', sweep);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(fs.existsSync(sweep.fsPath.replace(/\.lnn\.json$/, '.results.json')), false, 'nothing written by Open Lab');
  });

  test('the CodeLens offers Check and the Restricted Mode lens, not Run or Open Lab', async () => {
    const uri = filesExperiment('x3.csv');
    await vscode.workspace.openTextDocument(uri);
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l && l.length ? l : undefined;
    });
    const ours = lenses.filter((l) => l.command?.command?.startsWith('lnnLab.') || l.command?.command === 'workbench.trust.manage');
    const commands = ours.map((l) => l.command!.command).sort();
    assert.deepEqual(commands, ['lnnLab.check', 'workbench.trust.manage']);
  });
});
