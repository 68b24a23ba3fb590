// @vscode/test-cli configuration (`npx vscode-test`, or the Extension Test Runner in VS Code): the
// same in-host suite that test/host/run-in-code-server.mjs runs in code-server, here in a VS Code
// desktop that @vscode/test-electron downloads (needs network: not on the offline bench machine).
// out/test/index.js is the esbuild bundle of test/extension/index.ts + its suites: loaded by
// test-cli's mocha it registers the suites itself (`npm run build` first).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'in-host',
  files: 'out/test/index.js',
  version: process.env.VSCODE_TEST_VERSION || 'stable',
  workspaceFolder: './examples',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 60_000 },
});
