// MNIST IDX files (`*-ubyte`, optionally gzip-compressed): big-endian dimensions, then the data.
// A 1-D file (labels) is one column; ≥ 2-D (images n×28×28) keeps axis 0 as rows, flattened.
// Values are kept as stored (pixels 0…255), as other tools read them (spec §2: exact agreement on
// `files` data). gunzip by fflate, which works in the browser too.
import { Gunzip } from 'fflate';
import type { Mat } from '../../types';
import { DataFileError } from './error';
import { checkFinite, checkSize, MAX_FILE_BYTES, type ReadOptions } from './limits';

/** gzip's magic bytes 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Input is fed to the inflater this many bytes at a time: deflate expands at most ~1032×, so one push stays small. */
const GUNZIP_CHUNK = 16 * 1024;

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * gunzip, streaming, never producing more than `limit` bytes (a gzip bomb is refused, not
 * inflated). `expected`, given what came out so far, returns the whole output's size once it can
 * tell (an IDX header), or null: then inflation stops there, and a size over the limit is refused
 * before inflating the rest.
 */
export function gunzip(bytes: Uint8Array, limit: number = MAX_FILE_BYTES, expected?: (head: Uint8Array) => number | null): Uint8Array {
  // the trailer's ISIZE (the inflated size mod 2^32) refuses an honest bomb before inflating; a lying one meets the cap below
  if (bytes.length >= 18) {
    const isize = (bytes[bytes.length - 4] | (bytes[bytes.length - 3] << 8) | (bytes[bytes.length - 2] << 16)) + bytes[bytes.length - 1] * 2 ** 24;
    if (isize > limit) throw new DataFileError(`inflates to ${isize} bytes by its gzip trailer, more than the limit of ${limit}: refused`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cap = limit;
  let decided = !expected;
  let done = false;
  let error: Error | null = null;
  const inflater = new Gunzip((chunk, final) => {
    if (done) return;
    chunks.push(chunk);
    total += chunk.length;
    if (!decided) {
      try {
        const size = expected!(concat(chunks, total));
        if (size !== null) {
          decided = true;
          if (size > limit) {
            error = new DataFileError(`inflates to ${size} bytes by its header, more than the limit of ${limit}`);
            done = true;
            return;
          }
          cap = size;
        }
      } catch (e) {
        error = e as Error;
        done = true;
        return;
      }
    }
    if (expected && decided && total >= cap) done = true; // the header's size is in: the rest is not needed
    else if (total > limit) {
      error = new DataFileError(`inflates to more than ${limit} bytes (a gzip bomb?): refused`);
      done = true;
    } else if (final) done = true;
  });
  try {
    for (let o = 0; o < bytes.length && !done; o += GUNZIP_CHUNK) {
      const end = Math.min(bytes.length, o + GUNZIP_CHUNK);
      inflater.push(bytes.subarray(o, end), end === bytes.length);
    }
  } catch (e) {
    if (!done) throw new DataFileError(`corrupt gzip data: ${(e as Error).message}`);
  }
  if (error) throw error;
  const out = concat(chunks, total);
  return out.length > cap ? out.subarray(0, cap) : out;
}

/** The whole size of an IDX file from its first bytes (magic, type, dims), or null until they are in. */
function idxSize(head: Uint8Array): number | null {
  if (head.length < 4) return null;
  if (head[0] !== 0 || head[1] !== 0) throw new DataFileError('not an IDX file (bad magic)');
  const type = TYPES[head[2]];
  if (!type) throw new DataFileError(`unknown IDX data type 0x${head[2].toString(16)}`);
  const ndim = head[3];
  const headerLen = 4 + 4 * ndim;
  if (head.length < headerLen) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const dims: number[] = [];
  for (let k = 0; k < ndim; k++) dims.push(view.getUint32(4 + 4 * k, false));
  const rows = dims[0] ?? 0;
  const cols = dims.slice(1).reduce((a, b) => a * b, 1);
  checkSize(rows, cols); // a lying header is refused before anything is inflated
  return headerLen + rows * cols * type.size;
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
  const bytes = isGzip(input) ? gunzip(input, MAX_FILE_BYTES, idxSize) : input;
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
