// Smoke suite, run inside a real extension host (code-server or VS Code via @vscode/test-electron).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

suite('smoke', () => {
  let ext: vscode.Extension<unknown> | undefined;

  // Each test must stand alone ($LNN_TEST_GREP may pick one): activate here, not in a test.
  suiteSetup(async () => {
    ext = vscode.extensions.getExtension(EXTENSION_ID);
    await ext?.activate();
  });

  test('the extension is present and activates', () => {
    assert.ok(ext, `extension ${EXTENSION_ID} not found in the host`);
    assert.equal(ext.isActive, true);
  });

  test('the LNN Lab commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    // every command package.json contributes (the palette shows them all), not a list copied here
    const contributed = pkg.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 6, contributed.join(', '));
    for (const c of contributed) assert.ok(commands.includes(c), `${c} missing from vscode.commands.getCommands()`);
  });

  test('lnnLab.cancelRun with no run going answers false', async () => {
    assert.equal(await vscode.commands.executeCommand('lnnLab.cancelRun'), false);
  });
});
