// Reads a data file into a Mat by its extension (spec §2 `files`): .csv, .json, .npy, MNIST IDX
// (`*-ubyte`, `*.idx1-ubyte`, …, optionally `.gz`). Throws DataFileError.
import type { Mat } from '../../types';
import { readCsv } from './csv';
import { DataFileError } from './error';
import { gunzip, isGzip, readIdx } from './idx';
import { readJson } from './json';
import { MAX_FILE_BYTES, type ReadOptions } from './limits';
import { readNpy } from './npy';

export { DataFileError } from './error';
export type { ReadOptions } from './limits';

export type FileFormat = 'csv' | 'json' | 'npy' | 'idx';

/** The format a path names, or null. `.gz` is looked through. */
export function formatOf(path: string): FileFormat | null {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.npy')) return 'npy';
  if (/-ubyte$/.test(name) || /\.idx\d?$/.test(name) || /\.idx\d-ubyte$/.test(name)) return 'idx';
  return null;
}

export function readMatrix(path: string, bytes: Uint8Array, options: ReadOptions = {}): Mat {
  const format = formatOf(path);
  if (format === null) {
    throw new DataFileError('unknown format: expected .csv, .json, .npy or MNIST IDX (*-ubyte, optionally .gz)');
  }
  if (format === 'idx') return readIdx(bytes, options); // handles its own gzip
  const raw = path.toLowerCase().endsWith('.gz') || isGzip(bytes) ? gunzip(bytes, MAX_FILE_BYTES) : bytes;
  switch (format) {
    case 'csv': return readCsv(raw, options);
    case 'json': return readJson(raw, options);
    case 'npy': return readNpy(raw, options);
  }
}
