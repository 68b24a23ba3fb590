// Before a job computes, the results file it will write is claimed (issue 12, "nothing lost"):
// the path is checked (not a directory, not the experiment itself, its folder writable), one run
// per results file at a time (a lock file beside it that the CLI and the extension both take; the
// lock of a dead process is broken), and finished results it would replace move into a small
// history beside them (.lnn-lab/history/NAME/, the last HISTORY_KEEP).
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { JobError } from './errors';

export const HISTORY_KEEP = 20;

/** A reason a job cannot write where it was asked to: said to the user in one line. */
export class ResultsPathError extends JobError {}

export interface Claim {
  /**
   * Before the first write: the results the file holds move into the history (once; later calls
   * answer the same). Resolves to where they went, null when there were none.
   */
  keepPrevious(): Promise<string | null>;
  release(): Promise<void>;
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  experiment: string;
}

export const lockPath = (out: string) => `${out}.lock`;
export const historyFolder = (out: string) => join(dirname(out), '.lnn-lab', 'history', basename(out).replace(/\.results\.json$|\.json$/, ''));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Checks the path a job will write, before anything is computed. */
export async function checkResultsPath(out: string, experimentPath: string | null): Promise<void> {
  const target = resolve(out);
  if (experimentPath && resolve(experimentPath) === target) throw new ResultsPathError(`${out}: is the experiment file itself; choose another --out`);
  const found = await stat(target).catch(() => null);
  if (found?.isDirectory()) throw new ResultsPathError(`${out}: is a folder; --out names the results file (e.g. ${join(out, basename(experimentPath ?? 'results').replace(/(\.lnn)?\.jsonc?$/, '') + '.results.json')})`);
  if (found && !found.isFile()) throw new ResultsPathError(`${out}: is not a regular file`);
  let folder = dirname(target);
  // the nearest folder that exists must be writable (the job creates the rest)
  for (;;) {
    const s = await stat(folder).catch(() => null);
    if (s) {
      if (!s.isDirectory()) throw new ResultsPathError(`${out}: ${folder} is not a folder`);
      break;
    }
    const up = dirname(folder);
    if (up === folder) break;
    folder = up;
  }
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new ResultsPathError(`${out}: cannot write in ${folder} (permission denied); choose another --out`);
  }
}

/** Takes the lock beside `out` (breaking a dead process's), or says who holds it. */
async function lock(out: string, experimentPath: string | null): Promise<() => Promise<void>> {
  const path = lockPath(out);
  await mkdir(dirname(path), { recursive: true });
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), experiment: experimentPath ?? '' };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(info));
      await handle.close();
      return () => unlink(path).catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ResultsPathError(`${out}: cannot take the lock ${path} (${(e as Error).message})`);
      const held = await readFile(path, 'utf8').then((t) => JSON.parse(t) as LockInfo, () => null);
      const stale = !held || (held.host === hostname() && !alive(held.pid));
      if (!stale) throw new ResultsPathError(`${out}: another run (pid ${held.pid} on ${held.host}, since ${held.startedAt}) is writing these results; wait for it, cancel it, or choose another --out`);
      await unlink(path).catch(() => undefined);
    }
  }
  throw new ResultsPathError(`${out}: could not take the lock ${path}`);
}

/** Moves finished results about to be replaced into the history, keeping the last HISTORY_KEEP. */
async function keepPrevious(out: string): Promise<string | null> {
  const found = await stat(out).catch(() => null);
  if (!found?.isFile()) return null;
  const folder = historyFolder(out);
  await mkdir(folder, { recursive: true });
  const stamp = new Date(found.mtimeMs).toISOString().replace(/[:.]/g, '-');
  let target = join(folder, `${stamp}.results.json`);
  for (let n = 2; await stat(target).then(() => true, () => false); n++) target = join(folder, `${stamp}-${n}.results.json`);
  await rename(out, target);
  const kept = (await readdir(folder)).filter((f) => f.endsWith('.results.json')).sort();
  for (const old of kept.slice(0, Math.max(0, kept.length - HISTORY_KEEP))) await rm(join(folder, old), { force: true });
  return target;
}

/** Checks and locks a job's results file. Throws ResultsPathError with a one-line reason. */
export async function claimResultsFile(out: string, experimentPath: string | null): Promise<Claim> {
  await checkResultsPath(out, experimentPath);
  const release = await lock(out, experimentPath);
  let moved: Promise<string | null> | null = null;
  return {
    keepPrevious: () =>
      (moved ??= keepPrevious(out).catch((e: Error) => {
        throw new ResultsPathError(`${out}: could not move the previous results into the history (${e.message})`);
      })),
    release,
  };
}
