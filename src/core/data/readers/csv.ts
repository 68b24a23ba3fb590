// .csv: numbers separated by commas (or tabs, semicolons, spaces), an optional header row.
// Ragged rows and non-numeric fields are errors naming the line (1-based).
import type { Mat } from '../../types';
import { DataFileError } from './error';
import { checkSize, MAX_ENTRIES, type ReadOptions } from './limits';

function pickDelimiter(line: string): string | RegExp {
  if (line.includes(',')) return ',';
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return /\s+/;
}

/** A field's number: undefined when it is not numeric, NaN for empty or NaN. */
function parseField(field: string): number | undefined {
  let t = field.trim();
  if (t.length >= 2 && t[0] === '"' && t[t.length - 1] === '"') t = t.slice(1, -1).trim();
  if (t === '' || t === 'NaN' || t === 'nan' || t === 'NA') return NaN;
  const v = Number(t);
  if (Number.isNaN(v)) return undefined;
  return v;
}

export function readCsv(bytes: Uint8Array, options: ReadOptions = {}): Mat {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  let delimiter: string | RegExp | null = null;
  let cols = -1;
  // off the JS heap, grown by doubling: a large file never holds a number[] of its entries
  let values = new Float64Array(1024);
  let count = 0;
  let rows = 0;
  let sawHeader = false;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (line.trim() === '') continue;
    if (delimiter === null) delimiter = pickDelimiter(line);
    const fields = (typeof delimiter === 'string' ? line.split(delimiter) : line.trim().split(delimiter));
    const parsed = fields.map(parseField);
    const bad = parsed.findIndex((v) => v === undefined);
    if (bad >= 0) {
      if (rows === 0 && !sawHeader) {
        sawHeader = true; // the first row with a non-numeric field is the header
        cols = fields.length;
        continue;
      }
      throw new DataFileError(`line ${li + 1}: field ${bad + 1} ("${fields[bad].trim()}") is not a number`);
    }
    if (cols < 0) cols = fields.length;
    if (fields.length !== cols) {
      throw new DataFileError(`line ${li + 1} has ${fields.length} fields, expected ${cols} (ragged rows)`);
    }
    for (let j = 0; j < parsed.length; j++) {
      const v = parsed[j] as number;
      if (Number.isNaN(v) && !options.allowMissing) {
        throw new DataFileError(`line ${li + 1}: field ${j + 1} is empty or NaN`);
      }
      if (v === Infinity || v === -Infinity) {
        throw new DataFileError(`line ${li + 1}: field ${j + 1} is not finite`);
      }
      if (count === values.length) {
        const grown = new Float64Array(Math.min(2 * values.length, MAX_ENTRIES + cols + 1));
        grown.set(values);
        values = grown;
      }
      values[count++] = v;
    }
    rows++;
    if (rows === 1) checkSize(1, cols);
    if (count > MAX_ENTRIES - cols) checkSize(rows + 1, cols);
  }
  if (rows === 0) throw new DataFileError('no numeric rows');
  checkSize(rows, cols);
  return { rows, cols, data: values.slice(0, count) };
}
