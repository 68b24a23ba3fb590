// Live diagnostics and quick fixes in a real host (spec §3): the paper's conditions while typing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse as parseJsonc } from 'jsonc-parser';
import { codeOf, labApi, labDiagnostics, rangeOf, scratch, waitFor } from './helpers';

/**
 * GBL Cor. 3's eigengap bound, derived here from the file under test (not from the extension's
 * theory): on diagonal moments with Σx = I, σ_i are the sigmaXY entries and λ_i = 1, and the bound is
 * min over i of 2(σ_i − σ_{i+1})/σ_i² and (σ_i − σ_{i+1})/(2σ_{i+1}²).
 */
function eigengapBound(doc: vscode.TextDocument): { limit: number; stepSize: number } {
  const exp = parseJsonc(doc.getText());
  assert.equal(exp.data.kind, 'moments');
  assert.ok(exp.data.sigmaX.every((x: number) => x === 1), 'the derivation needs Σx = I');
  const s = [...exp.data.sigmaXY].sort((a: number, b: number) => b - a);
  let limit = Infinity;
  for (let i = 0; i + 1 < s.length; i++) limit = Math.min(limit, (2 * (s[i] - s[i + 1])) / s[i] ** 2, (s[i] - s[i + 1]) / (2 * s[i + 1] ** 2));
  return { limit, stepSize: exp.optimizer.stepSize };
}

/** A limit as the messages write it: four significant digits (spec §3). */
const written = (x: number) => String(Number(x.toPrecision(4)));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

suite('diagnostics', () => {
  suiteSetup(async () => {
    await labApi();
  });

  test('stepsize-breaks-eigengap: a stepSize.eigengap warning at /optimizer/stepSize, with its limit', async () => {
    const uri = scratch('eigengap', 'stepsize-breaks-eigengap');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = await waitFor('stepSize.eigengap', () => labDiagnostics(uri).find((x) => codeOf(x) === 'stepSize.eigengap'));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.source, 'LNN Lab');
    const { limit, stepSize } = eigengapBound(doc);
    assert.ok(stepSize >= limit, `the example breaks the bound: η = ${stepSize} ≥ ${limit}`);
    assert.ok(d.range.isEqual(rangeOf(doc, '"stepSize": ', String(stepSize))), `range ${JSON.stringify(d.range)}`);
    assert.match(d.message, new RegExp(`= ${escape(written(limit))} at i = `));
  });

  test('stepsize-diverges: a stepSize.diverges error and the init.notVanishing info', async () => {
    const uri = scratch('diverges', 'stepsize-diverges');
    const doc = await vscode.workspace.openTextDocument(uri);
    const d = await waitFor('stepSize.diverges', () => labDiagnostics(uri).find((x) => codeOf(x) === 'stepSize.diverges'));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const exp = parseJsonc(doc.getText());
    assert.ok(d.range.isEqual(rangeOf(doc, '"stepSize": ', String(exp.optimizer.stepSize))));
    const init = labDiagnostics(uri).find((x) => codeOf(x) === 'init.notVanishing');
    assert.ok(init, 'init.notVanishing');
    assert.ok(init.range.isEqual(rangeOf(doc, '"delta": ', String(exp.init.delta))));
  });

  test('typing updates the diagnostics (debounced, no save)', async () => {
    const uri = scratch('typing', 'stepsize-breaks-eigengap');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor('eigengap', () => labDiagnostics(uri).find((x) => codeOf(x) === 'stepSize.eigengap'));
    const { limit, stepSize } = eigengapBound(doc);
    await editor.edit((e) => e.replace(rangeOf(doc, '"stepSize": ', String(stepSize)), String(limit / 2)));
    await waitFor('eigengap to go', () => !labDiagnostics(uri).some((x) => codeOf(x) === 'stepSize.eigengap'));
    await editor.edit((e) => e.replace(rangeOf(doc, '"depth": ', '2'), '"two"'));
    const schema = await waitFor('schema error', () => labDiagnostics(uri).find((x) => codeOf(x) === 'schema'));
    assert.ok(schema.range.isEqual(rangeOf(doc, '"depth": ', '"two"')), `schema range ${JSON.stringify(schema.range)}`);
    assert.equal(doc.isDirty, true);
  });

  test('quick fix: stepSize just under the eigengap bound, one undoable edit, and the warning goes', async () => {
    const uri = scratch('fix', 'stepsize-breaks-eigengap');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = await waitFor('eigengap', () => labDiagnostics(uri).find((x) => codeOf(x) === 'stepSize.eigengap'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find((a) => a.title.startsWith('Set stepSize to'));
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join('; ')}`);
    const { limit, stepSize } = eigengapBound(doc);
    const m = new RegExp(`^Set stepSize to ([\\d.e-]+) \\(just under eigengap bound ${escape(written(limit))}\\)$`).exec(fix.title);
    assert.ok(m, fix.title);
    const value = Number(m[1]);
    // just under: below the bound, within 10 % of it (not a step size that merely avoids it)
    assert.ok(value < limit && value > 0.9 * limit, `${value} against the bound ${limit}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(parseJsonc(doc.getText()).optimizer.stepSize, value, 'the edit writes the value of the title');
    await waitFor('eigengap to go', () => !labDiagnostics(uri).some((x) => codeOf(x) === 'stepSize.eigengap'));
    await vscode.commands.executeCommand('undo');
    assert.equal(parseJsonc(doc.getText()).optimizer.stepSize, stepSize, 'undo restores the file\'s step size');
    await waitFor('eigengap back after undo', () => labDiagnostics(uri).some((x) => codeOf(x) === 'stepSize.eigengap'));
  });

  test('quick fixes for steps.horizon, init.notVanishing and width.rankConstrained', async () => {
    const text = `{
  "data": { "kind": "moments", "sigmaX": [1, 1, 1], "sigmaXY": [1, 0.5, 0.1] },
  "models": [{ "depth": 2, "width": 1 }],
  "init": { "scheme": "identity", "delta": 2 },
  "optimizer": { "method": "gd", "stepSize": 0.01, "steps": 50 }
}
`;
    const uri = scratch('fixes', undefined, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const titles: Record<string, RegExp> = {
      'init.notVanishing': /^Raise init\.delta to \d+/,
      'width.rankConstrained': /^Widen to 3 = min\(d, p\)/,
      'steps.horizon': /^Raise steps to \d+/,
    };
    for (const [code, title] of Object.entries(titles)) {
      const d = await waitFor(code, () => labDiagnostics(uri).find((x) => codeOf(x) === code));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
      const fix = actions.find((a) => title.test(a.title));
      assert.ok(fix?.edit, `${code}: actions ${actions.map((a) => a.title).join('; ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await waitFor(`${code} to go`, () => !labDiagnostics(uri).some((x) => codeOf(x) === code));
    }
  });

  test('CodeLens above the file: Run, Check, Open Lab', async () => {
    const uri = scratch('lens', 'stepsize-breaks-eigengap');
    await vscode.workspace.openTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(
      lenses.map((l) => l.command?.command),
      ['lnnLab.run', 'lnnLab.check', 'lnnLab.openLab'],
    );
    assert.equal(lenses[0].range.start.line, 0);
  });
});
