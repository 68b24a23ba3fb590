// The contributed JSON schema (package.json jsonValidation → src/core/experiment/schema.json):
// hover, completion and validation from VS Code's JSON language features, in a real host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, labApi, labDiagnostics, scratch, waitFor } from './helpers';

const TEXT = `{
  // a comment: *.lnn.json is JSONC
  "data": { "kind": "moments", "sigmaX": [1, 1], "sigmaXY": [1, 0.5] },
  "models": [{ "depth": 2 }],
  "optimizer": { "stepSize": 0.01, "steps": 100,  },
}
`;

const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');

suite('schema', () => {
  suiteSetup(async () => {
    await labApi();
  });

  test('*.lnn.json opens as JSONC', async () => {
    const doc = await vscode.workspace.openTextDocument(scratch('lang', undefined, TEXT));
    assert.equal(doc.languageId, 'jsonc');
  });

  test('hover shows the schema documentation of a field', async () => {
    const uri = scratch('hover', undefined, TEXT);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('"stepSize"') + 3);
    const text = await waitFor('a schema hover', async () => {
      const h = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at));
      return /RK4 time step/.test(h) ? h : undefined;
    });
    assert.match(text, /Step size/);
  });

  test('hovers show this file\'s numbers beside the schema text: the step-size bounds, the predicted phase steps', async () => {
    const uri = scratch('hover-facts', 'stepsize-breaks-eigengap');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const api = await labApi();
    await api.check(uri);
    const exp = JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as { data: { sigmaXY: number[] }; optimizer: { stepSize: number } };
    // GBL Cor. 3 from the file's own Σxy (diagonal here): stability 1/(2σ1)
    const sigma = [...exp.data.sigmaXY].sort((a, b) => b - a);
    const stability = 1 / (2 * sigma[0]);
    const at = doc.positionAt(doc.getText().indexOf('"stepSize"') + 3);
    const text = await waitFor('a hover with this file\'s numbers', async () => {
      const h = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at));
      return /This file/.test(h) ? h : undefined;
    });
    assert.match(text, new RegExp(`η = ${exp.optimizer.stepSize}`));
    assert.match(text, new RegExp(`stability bound 1/\\(2σ₁\\) = ${Number(stability.toPrecision(4))}`));
    assert.match(text, /eigengap bound = [\d.e-]+ — \*\*η is above it\*\*/, 'this file breaks the eigengap condition');
    const atSteps = doc.positionAt(doc.getText().indexOf('"steps"') + 3);
    const steps = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, atSteps));
    assert.match(steps, /predicted phase steps/);
  });

  test('a data file outside the workspace is named in the hover (allowed in a trusted workspace)', async () => {
    const elsewhere = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'lnn-data-'));
    const x = path.join(elsewhere, 'x.csv');
    fs.writeFileSync(x, '1,2\n3,4\n');
    const uri = scratch('outside', undefined, JSON.stringify({ data: { kind: 'files', x, y: x }, models: [{ depth: 1 }], optimizer: { stepSize: 0.01, steps: 10 } }, null, 2));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf(JSON.stringify(x)) + 2);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at));
    assert.ok(text.includes(`Outside the workspace:** \`${x}\``), text);
    // one inside the workspace says nothing of the kind
    const inside = scratch('inside', undefined, JSON.stringify({ data: { kind: 'files', x: 'x.csv' }, models: [{ depth: 1 }], optimizer: { stepSize: 0.01, steps: 10 } }, null, 2));
    const doc2 = await vscode.workspace.openTextDocument(inside);
    const at2 = doc2.positionAt(doc2.getText().indexOf('"x.csv"') + 2);
    assert.doesNotMatch(hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', inside, at2)), /Outside the workspace/);
  });

  test('completion offers the optimizer fields and the methods', async () => {
    const uri = scratch('complete', undefined, TEXT.replace('"stepSize": 0.01, "steps": 100,  ', '"stepSize": 0.01, "steps": 100, "" '));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('100, ""') + 6);
    const labels = await waitFor('schema completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
      const ls = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return ls.includes('method') ? ls : undefined;
    });
    assert.ok(labels.includes('stopLoss'), labels.join(', '));
  });

  test('the JSON language service validates against the schema, beside the LNN Lab schema diagnostic', async () => {
    const uri = scratch('invalid', undefined, TEXT.replace('"depth": 2', '"depth": "two"'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('a JSON schema diagnostic', () => vscode.languages.getDiagnostics(uri).some((d) => d.source !== 'LNN Lab') || undefined);
    await waitFor('the LNN Lab schema diagnostic', () => labDiagnostics(uri).some((d) => codeOf(d) === 'schema') || undefined);
  });

  test('a data file change re-checks the experiment (cached until it changes)', async () => {
    const dir = path.dirname(scratch('probe', undefined, '{}').fsPath);
    const x = path.join(dir, `x-${Date.now().toString(36)}.csv`);
    fs.writeFileSync(x, '1,0\n0,1\n1,1\n');
    const text = JSON.stringify({ data: { kind: 'files', x: path.basename(x) }, models: [{ depth: 1 }], optimizer: { stepSize: 0.01, steps: 10 } }, null, 2);
    const uri = scratch('files', undefined, text);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const api = await labApi();
    await waitFor('the first check', async () => {
      await api.whenIdle();
      return (await api.check(uri)).every((d) => codeOf(d) !== 'data.file') || undefined;
    });
    fs.writeFileSync(x, '1,0\n0,1,2\n'); // ragged: inconsistent shape
    const d = await waitFor('data.file after the change', () => labDiagnostics(uri).find((e) => codeOf(e) === 'data.file'));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    fs.rmSync(x);
    await waitFor('data.file still reported after deletion', () => labDiagnostics(uri).find((e) => codeOf(e) === 'data.file' && /x-/.test(e.message)));
  });
});
