// `lnn-lab report FILE|RESULTS --html OUT.html`: a self-contained page with the lab panel's charts
// (dist/webview.js inlined, the results embedded), viewable in any browser, offline. An experiment
// file is run first through the job layer on the float64 engine, its sweep included (nothing else is
// written); a results file is just drawn.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createCancel } from '../compute/cancel';
import { nodeExecutor } from '../compute/inline';
import { runJob } from '../compute/job';
import { threadBudget } from '../compute/threads';
import { nodeDataIO, writeFileAtomic } from '../core/io';
import { looksLikeResults, parseResults } from '../compute/resultsFile';
import type { Results } from '../core/types';
import { reportHtml } from '../shared/reportPage';
import type { SourceInfo } from '../shared/messages';
import { formatDiagnostic } from './diagnostics';

/** dist/webview.js: beside the CLI bundle (dist/cli.js), or in the checkout's dist/ (tsx). */
export function findWebviewBundle(): string | null {
  for (const p of [join(__dirname, 'webview.js'), resolve(__dirname, '../../dist/webview.js'), resolve('dist/webview.js')]) if (existsSync(p)) return p;
  return null;
}

/** The page itself is shared with the lab panel's Export report (src/shared/reportPage.ts). */
export { reportHtml };


/** Results of an input: a results file as is; an experiment run on the float64 engine. Null: refused (reported on stderr). */
export async function resultsOf(file: string): Promise<Results | null> {
  const text = readFileSync(file, 'utf8');
  if (looksLikeResults(text)) {
    try {
      return parseResults(text);
    } catch (e) {
      process.stderr.write(`${file}: ${(e as Error).message}\n`);
      return null;
    }
  }
  // the job layer, as `run` (a sweep runs every value), on the float64 engine, nothing written
  const executor = nodeExecutor(threadBudget());
  try {
    const outcome = await runJob({ text, io: nodeDataIO(file), settings: { backend: 'js' }, out: null }, executor, createCancel());
    if (outcome.refused || !outcome.results) {
      for (const d of outcome.prepared.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnostic(file, text, d) + '\n');
      process.stderr.write(`${file}: not run: fix the errors above\n`);
      return null;
    }
    return outcome.results;
  } finally {
    executor.dispose();
  }
}

/** Writes the report; returns the exit code (0 written, 1 refused). Several inputs are overlaid. */
export async function writeReport(files: string[], out: string, options: { theme?: 'light' | 'dark' } = {}): Promise<number> {
  const bundle = findWebviewBundle();
  if (!bundle) {
    process.stderr.write('lnn-lab report: dist/webview.js not found (run npm run build)\n');
    return 1;
  }
  const shown: Array<{ source: SourceInfo; results: Results }> = [];
  for (const file of files) {
    const results = await resultsOf(file);
    if (!results) return 1;
    const path = resolve(file);
    shown.push({ source: { kind: looksLikeResults(readFileSync(file, 'utf8')) ? 'results' : 'experiment', path, name: basename(file) }, results });
  }
  const html = reportHtml(shown, readFileSync(bundle, 'utf8'), options.theme ? `vscode-${options.theme}` : undefined);
  await writeFileAtomic(resolve(out), html);
  process.stderr.write(`report written to ${out} (${(html.length / 1e6).toFixed(1)} MB, open it in any browser)\n`);
  return 0;
}
