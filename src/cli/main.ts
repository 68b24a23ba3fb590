// `lnn-lab`: the core, headless. run / check / new / examples (spec §4).
import { Command } from 'commander';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { nodeDataIO, writeFileAtomic } from '../core/io';
import { prepareExperiment } from '../core/lab';
import { runAll } from '../core/sweep/runSweep';
import type { Results } from '../core/types';
import { formatDiagnostic } from './diagnostics';
import { nodeEngine, pickNodeEngine } from './engines';
import { createProgress } from './progress';
import { writeReport } from './report';
import { summarize } from './summary';
import { starterExperiment, TEMPLATES } from './templates';

export const EXIT_REFUSED = 1;
export const EXIT_CANCELLED = 130;

/** Default results path: NAME.results.json beside NAME.lnn.json. */
export function defaultResultsPath(file: string): string {
  return join(dirname(file), basename(file).replace(/(\.lnn)?\.jsonc?$/, '') + '.results.json');
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`${file}:1:1: error data.file: cannot read the experiment file (${(e as Error).message})\n`);
    return null;
  }
}

interface RunOptions {
  out?: string;
  backend?: string;
  progress?: boolean;
  quiet?: boolean;
}

/** Runs one file; returns the exit code (0 ran, 1 refused, 130 cancelled). */
export async function runFile(file: string, opts: RunOptions, signal: AbortSignal): Promise<{ code: number; results: Results | null }> {
  const text = readText(file);
  if (text === null) return { code: EXIT_REFUSED, results: null };
  const prepared = await prepareExperiment(text, nodeDataIO(file));
  for (const d of prepared.diagnostics) if (!opts.quiet || d.severity === 'error') process.stderr.write(formatDiagnostic(file, text, d) + '\n');
  if (prepared.refused || !prepared.experiment || !prepared.problem) {
    process.stderr.write(`${file}: not run: fix the errors above\n`);
    return { code: EXIT_REFUSED, results: null };
  }
  const exp = prepared.experiment;
  const override = (e: typeof exp) => {
    if (opts.backend) e.compute = { ...e.compute, backend: opts.backend as typeof e.compute.backend };
  };
  override(exp);
  const pick = pickNodeEngine(exp, prepared.problem);
  if (!opts.quiet) process.stderr.write(`engine: ${pick.backend} (${pick.precision}) — ${pick.reason}\n`);
  const out = resolve(opts.out ?? defaultResultsPath(file));
  // a sweep (spec §2) runs every model once per value: one progress bar each
  const bars = exp.models.length * (exp.sweep?.values.length ?? 1);
  const progress = createProgress(bars, opts.progress ?? Boolean(process.stderr.isTTY));
  let bar = -1;
  let barLabel = '';
  let results: Results;
  try {
    results = await runAll(text, prepared, {
      io: nodeDataIO(file),
      adjust: (p) => p.experiment && override(p.experiment),
      engineFor: (_, p) => nodeEngine(p === prepared ? pick : pickNodeEngine(p.experiment!, p.problem!)),
      signal,
      onProgress: (p) => {
        if (p.label !== barLabel) [bar, barLabel] = [bar + 1, p.label];
        progress.update({ ...p, modelIndex: bar });
      },
      onRun: (partial) => writeFileAtomic(out, JSON.stringify(partial)),
    });
  } finally {
    progress.stop();
  }
  await writeFileAtomic(out, JSON.stringify(results));
  for (const r of results.runs) {
    if (r.diverged) process.stderr.write(`${file}: "${r.label}" diverged at step ${r.stoppedAt}\n`);
  }
  const cancelled = signal.aborted || results.runs.some((r) => r.stopReason === 'cancelled');
  if (!opts.quiet) process.stderr.write(`${cancelled ? 'cancelled; partial results' : 'results'} written to ${out}\n`);
  return { code: cancelled ? EXIT_CANCELLED : 0, results };
}

export async function checkFile(file: string): Promise<number> {
  const text = readText(file);
  if (text === null) return EXIT_REFUSED;
  const prepared = await prepareExperiment(text, nodeDataIO(file));
  for (const d of prepared.diagnostics) process.stdout.write(formatDiagnostic(file, text, d) + '\n');
  const errors = prepared.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = prepared.diagnostics.filter((d) => d.severity === 'warning').length;
  process.stdout.write(`${file}: ${errors} error(s), ${warnings} warning(s), ${prepared.diagnostics.length - errors - warnings} info\n`);
  return errors > 0 ? EXIT_REFUSED : 0;
}

function cancelOnSigint(): AbortController {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(EXIT_CANCELLED);
    process.stderr.write('\ncancelling: writing what was recorded (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  return controller;
}

export function buildProgram(): Command {
  const program = new Command('lnn-lab')
    .description('LNN Lab: gradient dynamics of linear neural networks against the theory (GBL 2019, ACHL 2019)')
    .version('0.1.0');

  program
    .command('run')
    .description('run an experiment and write its results (spec §4)')
    .argument('<file>', 'experiment file (*.lnn.json)')
    .option('-o, --out <file>', 'results file (default: NAME.results.json beside the experiment)')
    .option('-b, --backend <backend>', 'override compute.backend: auto | js | wasm | cpu')
    .option('--no-progress', 'no progress bar')
    .option('-q, --quiet', 'only errors on stderr')
    .option('--summary', 'print a summary table on stdout')
    .action(async (file: string, opts: RunOptions & { summary?: boolean }) => {
      const { code, results } = await runFile(file, opts, cancelOnSigint().signal);
      if (results && opts.summary) process.stdout.write(summarize(results, results.experiment.name ?? file) + '\n');
      process.exitCode = code;
    });

  program
    .command('check')
    .description('print the static diagnostics of an experiment without running it; exit 1 on an error')
    .argument('<file>', 'experiment file (*.lnn.json)')
    .action(async (file: string) => {
      process.exitCode = await checkFile(file);
    });

  program
    .command('new')
    .description('write a starter experiment NAME.lnn.json')
    .argument('<name>', 'name or path of the new experiment')
    .option('-t, --template <template>', `one of: ${Object.keys(TEMPLATES).join(', ')}`, 'autoencoder')
    .option('-f, --force', 'overwrite an existing file')
    .action(async (name: string, opts: { template: string; force?: boolean }) => {
      const file = name.endsWith('.lnn.json') ? name : `${name}.lnn.json`;
      if (existsSync(file) && !opts.force) {
        process.stderr.write(`${file} exists (use --force to overwrite)\n`);
        process.exitCode = 1;
        return;
      }
      const text = starterExperiment(opts.template, basename(file, '.lnn.json'));
      if (text === null) {
        process.stderr.write(`unknown template "${opts.template}": one of ${Object.keys(TEMPLATES).join(', ')}\n`);
        process.exitCode = 1;
        return;
      }
      await writeFileAtomic(resolve(file), text);
      process.stdout.write(`wrote ${file}; run it with: npx lnn-lab run ${file}\n`);
    });

  program
    .command('examples')
    .description('run every experiment in a folder and print predicted against observed phase steps')
    .argument('[dir]', 'folder of *.lnn.json files', 'examples')
    .option('-o, --out <dir>', 'folder for the results files (default: beside each experiment)')
    .action(async (dir: string, opts: { out?: string }) => {
      const files = readdirSync(dir).filter((f) => f.endsWith('.lnn.json')).sort();
      const controller = cancelOnSigint();
      let worst = 0;
      for (const f of files) {
        const file = join(dir, f);
        const out = opts.out ? join(opts.out, f.replace(/\.lnn\.json$/, '.results.json')) : undefined;
        const t0 = Date.now();
        const { code, results } = await runFile(file, { out, quiet: true, progress: Boolean(process.stderr.isTTY) }, controller.signal);
        if (results) process.stdout.write(summarize(results, `\n${results.experiment.name ?? f}  (${file}, ${((Date.now() - t0) / 1000).toFixed(2)} s)`) + '\n');
        worst = Math.max(worst, code);
        if (controller.signal.aborted) break;
      }
      process.exitCode = worst;
    });

  program
    .command('report')
    .description('write a self-contained HTML page with the lab panel\'s charts (an experiment is run first, float64)')
    .argument('<files...>', 'experiment (*.lnn.json) or results (*.results.json) files; several are overlaid')
    .requiredOption('--html <out>', 'the HTML file to write')
    .option('--theme <theme>', 'light | dark (default: the browser\'s preference)')
    .action(async (files: string[], opts: { html: string; theme?: 'light' | 'dark' }) => {
      process.exitCode = await writeReport(files, opts.html, { theme: opts.theme });
    });

  return program;
}

/** The command line's entry: bin/lnn-lab.js calls it. */
export function main(argv: string[] = process.argv): void {
  buildProgram()
    .parseAsync(argv)
    .catch((e) => {
      process.stderr.write(`lnn-lab: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    });
}

if (require.main === module) main();
