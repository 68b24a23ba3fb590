// The in-host test runner: bundled by esbuild to out/test/index.js and loaded inside a real extension
// host. Two launchers share it:
//   - extensionTestsPath (code-server via test/host/run-in-code-server.mjs, @vscode/test-electron,
//     F5 "Extension Tests"): the host calls `run()`, which runs mocha and writes a JSON result file;
//   - @vscode/test-cli (.vscode-test.mjs lists this file): its own mocha requires this file with the
//     tdd globals already defined, and the suites register themselves at load time.
//
// Result file: $LNN_TEST_RESULT, else <os.tmpdir()>/lnn-lab-test-results.json. Shape (TestRunResult):
//   { passes, failures, pending, durationMs, tests: [{ title, state, durationMs, error? }], error? }
// Optional: $LNN_TEST_GREP filters tests by full title (a regular expression).
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Every suite of the in-host run. Add a line per test/extension/*.test.ts. Loaded lazily (esbuild
 * turns each `require` into a deferred module init) because a suite calls mocha's `suite`/`test`
 * globals at import time, which exist only once mocha has emitted 'pre-require'.
 */
function loadSuites(): void {
  // the launcher's --untrusted run (workspace trust on, the folder untrusted): Restricted Mode only
  if (process.env.LNN_TEST_UNTRUSTED === '1') {
    require('./untrusted.test');
    return;
  }
  require('./smoke.test');
  require('./diagnostics.test');
  require('./run.test');
  require('./schema.test');
  require('./sweep.test');
  require('./compute.test');
  require('./live.test');
  require('./playground.test');
  require('./resultsEditor.test');
  require('./examples.test');
}

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: { message: string; stack?: string };
}

export interface TestRunResult {
  passes: number;
  failures: number;
  pending: number;
  durationMs: number;
  tests: TestOutcome[];
  /** Set when the run itself broke (a suite failed to load, mocha threw). */
  error?: string;
}

export function resultPath(): string {
  return process.env.LNN_TEST_RESULT || path.join(os.tmpdir(), 'lnn-lab-test-results.json');
}

function writeResult(result: TestRunResult): void {
  const file = resultPath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(result, null, 2));
  fs.renameSync(tmp, file); // atomic: the launcher never reads a half-written file
}

function errorOf(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: err.message, stack: err.stack };
  return { message: String(err) };
}

/** Entry point for extensionTestsPath. Rejects when a test failed, as the host expects. */
export async function run(): Promise<void> {
  const started = Date.now();
  const result: TestRunResult = { passes: 0, failures: 0, pending: 0, durationMs: 0, tests: [] };
  try {
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
    if (process.env.LNN_TEST_GREP) mocha.grep(new RegExp(process.env.LNN_TEST_GREP));
    mocha.suite.emit('pre-require', globalThis, 'test/extension/index.ts', mocha);
    loadSuites();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t: Mocha.Test) => {
        result.passes++;
        result.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      });
      runner.on('fail', (t: Mocha.Runnable, err: unknown) => {
        result.failures++;
        result.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: errorOf(err) });
      });
      runner.on('pending', (t: Mocha.Test) => {
        result.pending++;
        result.tests.push({ title: t.fullTitle(), state: 'pending' });
      });
    });
  } catch (err) {
    result.error = errorOf(err).stack ?? errorOf(err).message;
  }
  result.durationMs = Date.now() - started;
  writeResult(result);
  if (result.error) throw new Error(result.error);
  if (result.failures > 0) throw new Error(`${result.failures} test(s) failed`);
}

// Loaded by @vscode/test-cli's own mocha: the tdd globals exist already, so register the suites now.
if (typeof (globalThis as { suite?: unknown }).suite === 'function') loadSuites();
