// MNIST IDX files (`*-ubyte`, optionally gzip-compressed): big-endian dimensions, then the data.
// A 1-D file (labels) is one column; ≥ 2-D (images n×28×28) keeps axis 0 as rows, flattened.
// Values are kept as stored (pixels 0…255), as other tools read them (spec §2: exact agreement on
// `files` data). gunzip by fflate, which works in the browser too.
import { gunzipSync } from 'fflate';
import type { Mat } from '../../types';
import { DataFileError } from './error';
import { checkFinite, checkSize, type ReadOptions } from './limits';

/** gzip's magic bytes 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function gunzip(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new DataFileError(`corrupt gzip data: ${(e as Error).message}`);
  }
}

const TYPES: Record<number, { size: number; get: (v: DataView, o: number) => number; name: string }> = {
  0x08: { size: 1, get: (v, o) => v.getUint8(o), name: 'ubyte' },
  0x09: { size: 1, get: (v, o) => v.getInt8(o), name: 'byte' },
  0x0b: { size: 2, get: (v, o) => v.getInt16(o, false), name: 'short' },
  0x0c: { size: 4, get: (v, o) => v.getInt32(o, false), name: 'int' },
  0x0d: { size: 4, get: (v, o) => v.getFloat32(o, false), name: 'float' },
  0x0e: { size: 8, get: (v, o) => v.getFloat64(o, false), name: 'double' },
};

export function readIdx(input: Uint8Array, options: ReadOptions = {}): Mat {
  const bytes = isGzip(input) ? gunzip(input) : input;
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new DataFileError('not an IDX file (bad magic)');
  const type = TYPES[bytes[2]];
  if (!type) throw new DataFileError(`unknown IDX data type 0x${bytes[2].toString(16)}`);
  const ndim = bytes[3];
  if (ndim === 0) throw new DataFileError('IDX file with no dimension');
  const headerLen = 4 + 4 * ndim;
  if (bytes.length < headerLen) throw new DataFileError('truncated IDX header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let k = 0; k < ndim; k++) dims.push(view.getUint32(4 + 4 * k, false));
  const rows = dims[0];
  const cols = dims.slice(1).reduce((a, b) => a * b, 1);
  checkSize(rows, cols);
  const count = rows * cols;
  if (headerLen + count * type.size > bytes.length) {
    throw new DataFileError(`truncated IDX data: dimensions ${dims.join('×')} need ${count * type.size} bytes, file has ${bytes.length - headerLen}`);
  }
  const data = new Float64Array(count);
  if (type.size === 1 && bytes[2] === 0x08) {
    for (let k = 0; k < count; k++) data[k] = bytes[headerLen + k];
  } else {
    for (let k = 0, o = headerLen; k < count; k++, o += type.size) data[k] = type.get(view, o);
  }
  const m = { rows, cols, data };
  if (type.name === 'float' || type.name === 'double') checkFinite(m, options);
  return m;
}
