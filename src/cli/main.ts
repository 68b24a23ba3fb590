// `lnn-lab`: the core, headless. run / check / new / examples (spec §4).
import { Command } from 'commander';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { nodeDataIO, parseByteSize, readTextFileSync, writeFileAtomic } from '../core/io';
import { prepareExperiment } from '../core/lab';
import { createCancel, type CancelToken } from '../compute/cancel';
import { nodeExecutor } from '../compute/inline';
import { runJob, type JobOutcome } from '../compute/job';
import { resultsPathFor } from '../compute/resultsPath';
import { internalErrorId, JobError } from '../compute/errors';
import { SweepPathError } from '../core/sweep/points';
import { parseBackend } from '../compute/settings';
import { threadBudget } from '../compute/threads';
import type { Results } from '../core/types';
import { formatDiagnostic } from './diagnostics';
import { createProgress } from './progress';
import { writeReport } from './report';
import { mergeFiles } from './merge';
import type { Shard } from '../compute/job';
import { summarize } from '../core/results/summary';
import { stripControl } from '../shared/guards';
import { starterExperiment, TEMPLATES } from '../core/experiment/templates';
import { parseExperimentText } from '../core/experiment/parse';

export const EXIT_REFUSED = 1;
export const EXIT_CANCELLED = 130;

/** Default results path: NAME.results.json beside NAME.lnn.json (the one rule, src/compute/resultsPath.ts). */
export function defaultResultsPath(file: string): string {
  return resultsPathFor(resolve(file), undefined, undefined);
}

function readText(file: string): string | null {
  try {
    return readTextFileSync(file); // a regular file within a size: a FIFO or a device never hangs the CLI
  } catch (e) {
    process.stderr.write(`${sanitize(file)}:1:1: error data.file: cannot read the experiment file (${sanitize((e as Error).message)})\n`);
    return null;
  }
}

interface RunOptions {
  out?: string;
  /** --shard i/n: the sweep points with index ≡ i mod n, to NAME.shard-i-of-n.results.json. */
  shard?: string;
  /** --fresh: do not resume the points an incomplete results file holds. */
  fresh?: boolean;
  backend?: string;
  threads?: string;
  progress?: boolean;
  quiet?: boolean;
}

/** A positive integer flag, or an error that names it. */
function threadsFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--threads: "${value}" is not a positive integer`);
  return n;
}

/** --shard i/n: i = 0…n−1, or an error that names the flag. */
export function shardFlag(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index < count) || !Number.isSafeInteger(count)) throw new Error(`--shard: "${value}" is not i/n with n ≥ 1 and i = 0…n−1 (e.g. 0/4)`);
  return { index, count };
}

/** A shard's results file: NAME.shard-i-of-n.results.json beside NAME.results.json (its own file and lock). */
export function shardResultsPath(out: string, shard: Shard): string {
  const tag = `.shard-${shard.index}-of-${shard.count}`;
  return /\.results\.json$/.test(out) ? out.replace(/\.results\.json$/, `${tag}.results.json`) : /\.json$/.test(out) ? out.replace(/\.json$/, `${tag}.json`) : `${out}${tag}`;
}

/** Runs one file through the job layer; returns the exit code (0 ran, 1 refused, 130 cancelled). */
export async function runFile(file: string, opts: RunOptions, cancel: CancelToken): Promise<{ code: number; results: Results | null }> {
  const text = readText(file);
  if (text === null) return { code: EXIT_REFUSED, results: null };
  let shard: Shard | undefined;
  try {
    shard = shardFlag(opts.shard);
  } catch (e) {
    process.stderr.write(`lnn-lab: ${sanitize((e as Error).message)}\n`);
    return { code: EXIT_REFUSED, results: null };
  }
  const whole = resolve(opts.out ?? defaultResultsPath(file));
  const out = shard ? shardResultsPath(whole, shard) : whole;
  const settings = { backend: parseBackend(opts.backend, '--backend'), threads: threadsFlag(opts.threads) };
  const progress = createProgress(opts.progress !== false && Boolean(process.stderr.isTTY));
  const executor = nodeExecutor(threadBudget(settings.threads), expectedTasks(text));
  let outcome: JobOutcome;
  try {
    outcome = await runJob({ text, io: nodeDataIO(file), settings, out, experimentPath: resolve(file), shard, resume: !opts.fresh }, executor, cancel, {
      onStart: (start) => {
        for (const d of start.prepared.diagnostics) if (!opts.quiet || d.severity === 'error') process.stderr.write(formatDiagnostic(file, text, d) + '\n');
        if (start.refused || opts.quiet) return;
        for (const n of start.notes) process.stderr.write(`note: ${n}\n`);
        process.stderr.write(`engine: ${start.engine!.backend} (${start.engine!.precision}) — ${start.engine!.reason}; ${Math.min(executor.concurrency, start.modelCount * start.pointCount)} thread(s)\n`);
      },
      onProgress: (p) => progress.update(p),
      onTaskDone: (point, model) => typeof model === 'number' && progress.done(point, model),
      onSaveError: (e) => process.stderr.write(`${file}: could not save partial results: ${e.message}\n`),
    });
  } catch (e) {
    if (!(e instanceof JobError) && !(e instanceof SweepPathError)) throw e;
    process.stderr.write(`${sanitize(e.message)}\n`);
    return { code: EXIT_REFUSED, results: null };
  } finally {
    progress.stop();
    executor.dispose();
  }
  if (outcome.refused || !outcome.results) {
    process.stderr.write(`${file}: not run: fix the errors above\n`);
    return { code: EXIT_REFUSED, results: null };
  }
  const results = outcome.results;
  for (const r of results.runs) {
    if (r.diverged) process.stderr.write(`${sanitize(file)}: "${sanitize(r.label)}" diverged at step ${r.stoppedAt}\n`);
  }
  if (outcome.previous && !opts.quiet) process.stderr.write(`the previous results were kept in ${outcome.previous}\n`);
  if (outcome.saveError) {
    process.stderr.write(`${file}: ${sanitize(outcome.saveError)}; ${outcome.savedTo ? `the results (marked incomplete) are in ${outcome.savedTo}` : 'nothing could be saved'}\n`);
    return { code: EXIT_REFUSED, results };
  }
  if (!opts.quiet) process.stderr.write(`${outcome.cancelled ? 'cancelled; partial results' : 'results'} written to ${out}\n`);
  return { code: outcome.cancelled ? EXIT_CANCELLED : 0, results };
}

/**
 * How many tasks the file will give the pool, as far as its raw text says: models × sweep points
 * (1 for what it does not say). Only sizes the workers started before preparing; runJob decides.
 */
function expectedTasks(text: string): number {
  const raw = parseExperimentText(text).value as { models?: unknown; sweep?: { values?: unknown; axes?: unknown } } | undefined;
  const models = Array.isArray(raw?.models) ? raw.models.length : 1;
  const axes = Array.isArray(raw?.sweep?.axes) ? (raw.sweep.axes as Array<{ values?: unknown } | null>) : raw?.sweep ? [raw.sweep] : [];
  const points = axes.reduce((n, a) => n * (Array.isArray(a?.values) ? Math.max(1, a.values.length) : 1), 1);
  return Math.max(1, models * points);
}

/** Control characters out of text bound for a terminal (a label or file name with ANSI escapes). */
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

export async function checkFile(file: string): Promise<number> {
  const text = readText(file);
  if (text === null) return EXIT_REFUSED;
  const prepared = await prepareExperiment(text, nodeDataIO(file));
  for (const d of prepared.diagnostics) process.stdout.write(formatDiagnostic(file, text, d) + '\n');
  const errors = prepared.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = prepared.diagnostics.filter((d) => d.severity === 'warning').length;
  process.stdout.write(`${sanitize(file)}: ${errors} error(s), ${warnings} warning(s), ${prepared.diagnostics.length - errors - warnings} info\n`);
  return errors > 0 ? EXIT_REFUSED : 0;
}

/** Ctrl-C cancels the job (it writes what was recorded, exit 130); a second Ctrl-C exits at once. */
function cancelOnSigint(): CancelToken {
  const cancel = createCancel();
  process.on('SIGINT', () => {
    if (cancel.cancelled) process.exit(EXIT_CANCELLED);
    process.stderr.write('\ncancelling: writing what was recorded (Ctrl-C again to quit at once)\n');
    cancel.cancel();
  });
  return cancel;
}

/** --memory-budget: the budget every nodeDataIO of this process uses (spec §5.7, via LNN_LAB_MEMORY_BUDGET); false on a bad size. */
function memoryBudgetOption(size: string | undefined): boolean {
  if (size === undefined) return true;
  const bytes = parseByteSize(size);
  if (!(bytes > 0)) {
    process.stderr.write(`lnn-lab: --memory-budget ${sanitize(size)} is not a size (bytes, or e.g. 512M, 8G)\n`);
    process.exitCode = EXIT_REFUSED;
    return false;
  }
  process.env.LNN_LAB_MEMORY_BUDGET = String(bytes);
  return true;
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
    .option('-t, --threads <n>', 'at most this many worker threads (default: the machine\'s cores)')
    .option('--no-progress', 'no progress bar')
    .option('-q, --quiet', 'only errors on stderr')
    .option('--shard <i/n>', 'a sweep\'s points with index ≡ i mod n only (i = 0…n−1), to NAME.shard-i-of-n.results.json; lnn-lab merge assembles them')
    .option('--fresh', 'run every sweep point, even those an incomplete results file of the same experiment already holds (default: resume)')
    .option('--summary', 'print a summary table on stdout')
    .option('--memory-budget <size>', 'refuse runs estimated above this much memory (bytes, or 512M, 8G; default: half the machine\'s; env LNN_LAB_MEMORY_BUDGET)')
    .action(async (file: string, opts: RunOptions & { summary?: boolean; memoryBudget?: string }) => {
      if (!memoryBudgetOption(opts.memoryBudget)) return;
      const { code, results } = await runFile(file, opts, cancelOnSigint());
      if (results && opts.summary) process.stdout.write(stripControl(summarize(results, results.experiment.name ?? file)) + '\n');
      process.exitCode = code;
    });

  program
    .command('merge')
    .description('assemble the shard files of one sweep (run --shard i/n) into the results a single run gives; names the points missing (exit 1)')
    .argument('<out>', 'the results file to write')
    .argument('<parts...>', 'shard (or partial) results files of the same experiment')
    .action(async (out: string, parts: string[]) => {
      const { code, lines } = await mergeFiles(out, parts);
      for (const line of lines) process.stderr.write(sanitize(line) + '\n');
      process.exitCode = code;
    });

  program
    .command('check')
    .description('print the static diagnostics of an experiment without running it; exit 1 on an error')
    .argument('<file>', 'experiment file (*.lnn.json)')
    .option('--memory-budget <size>', 'the memory budget budget.memory checks against (as for run)')
    .action(async (file: string, opts: { memoryBudget?: string }) => {
      if (!memoryBudgetOption(opts.memoryBudget)) return;
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
      const cancel = cancelOnSigint();
      let worst = 0;
      for (const f of files) {
        const file = join(dir, f);
        const out = opts.out ? join(opts.out, f.replace(/\.lnn\.json$/, '.results.json')) : undefined;
        const t0 = Date.now();
        const { code, results } = await runFile(file, { out, quiet: true, progress: Boolean(process.stderr.isTTY) }, cancel);
        if (results) process.stdout.write(stripControl(summarize(results, `\n${results.experiment.name ?? f}  (${file}, ${((Date.now() - t0) / 1000).toFixed(2)} s)`)) + '\n');
        worst = Math.max(worst, code);
        if (cancel.cancelled) break;
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
      // never a stack trace for the user: one line with an id, the stack in a log file it names
      const id = internalErrorId();
      const logFile = join(tmpdir(), `lnn-lab-internal-${id}.log`);
      try {
        writeFileSync(logFile, `${new Date().toISOString()} lnn-lab ${argv.slice(2).join(' ')}\n${(e as Error).stack ?? e}\n`);
      } catch {
        // the message still says what happened
      }
      process.stderr.write(`lnn-lab: internal error ${id}: ${sanitize((e as Error).message ?? String(e)).split('\n')[0]} (details in ${logFile})\n`);
      process.exitCode = 2;
    });
}

if (require.main === module) main();
