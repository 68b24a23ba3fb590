// Shared guards of every reader: refuse sizes that would exhaust memory, and non-finite data.
import type { Mat } from '../../types';
import { DataFileError } from './error';

/** At most this many columns (d): Σx is d×d. */
export const MAX_COLUMNS = 20000;
/** At most this many entries n·d in one matrix (1.6 GB as float64). */
export const MAX_ENTRIES = 2e8;
/** At most this many bytes in one data file, read or inflated from `.gz` (checked before reading: io.ts). */
export const MAX_FILE_BYTES = 2 ** 30;

export interface ReadOptions {
  /** NaN (and empty CSV fields, JSON null) allowed: a completion `matrix` outside its mask (spec §2). */
  allowMissing?: boolean;
}

export function checkSize(rows: number, cols: number): void {
  if (cols > MAX_COLUMNS) {
    throw new DataFileError(`${cols} columns is too many (at most ${MAX_COLUMNS}: Σx would be ${cols}×${cols})`);
  }
  if (rows * cols > MAX_ENTRIES) {
    throw new DataFileError(`${rows}×${cols} = ${rows * cols} entries is too many (at most ${MAX_ENTRIES})`);
  }
}

/** Throws on the first NaN / ±Infinity (NaN tolerated with allowMissing), naming row and column (1-based). */
export function checkFinite(m: Mat, options: ReadOptions = {}): void {
  const { data, cols } = m;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (v - v !== 0) {
      if (Number.isNaN(v) && options.allowMissing) continue;
      const where = `row ${Math.floor(k / cols) + 1}, column ${(k % cols) + 1}`;
      throw new DataFileError(`non-finite value ${v} at ${where}`);
    }
  }
}
