// .json: a nested array of numbers (rows), or a flat array (one column).
import type { Mat } from '../../types';
import { DataFileError } from './error';
import { checkSize, type ReadOptions } from './limits';

function entry(v: unknown, where: string, options: ReadOptions): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new DataFileError(`${where} is not finite`);
    return v;
  }
  if (v === null && options.allowMissing) return NaN;
  throw new DataFileError(`${where} is ${v === null ? 'null' : typeof v}, expected a number`);
}

export function readJson(bytes: Uint8Array, options: ReadOptions = {}): Mat {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DataFileError(`not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new DataFileError('expected a non-empty array of rows (or a flat array: one column)');
  }
  if (!Array.isArray(value[0])) {
    // a flat array is a column
    checkSize(value.length, 1);
    const data = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) data[i] = entry(value[i], `entry ${i + 1}`, options);
    return { rows: value.length, cols: 1, data };
  }
  const rows = value.length;
  const cols = (value[0] as unknown[]).length;
  checkSize(rows, cols);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = value[i];
    if (!Array.isArray(row)) throw new DataFileError(`row ${i + 1} is not an array`);
    if (row.length !== cols) throw new DataFileError(`row ${i + 1} has ${row.length} entries, expected ${cols} (ragged rows)`);
    for (let j = 0; j < cols; j++) data[i * cols + j] = entry(row[j], `row ${i + 1}, entry ${j + 1}`, options);
  }
  if (cols === 0) throw new DataFileError('rows are empty');
  return { rows, cols, data };
}
