// .npy (NumPy format v1.0, v2.0, v3.0): little-endian float32/float64/int8…int64/uint8…uint64/bool,
// C order. 1-D arrays are one column; ≥ 3-D arrays keep the first axis as rows and flatten the rest
// (images → rows). Fortran order and big-endian data are refused.
import type { Mat } from '../../types';
import { DataFileError } from './error';
import { checkFinite, checkSize, type ReadOptions } from './limits';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface Header {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

function parseHeader(text: string): Header {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) throw new DataFileError(`unreadable .npy header: ${text.trim()}`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => Number(s.replace(/L$/, '')));
  if (dims.some((n) => !Number.isInteger(n) || n < 0)) throw new DataFileError(`bad .npy shape (${shape[1]})`);
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims };
}

type Getter = (view: DataView, offset: number) => number;

function getterOf(descr: string): { size: number; get: Getter } {
  const order = descr[0];
  const type = descr.slice(1);
  if (order === '>' && type !== 'i1' && type !== 'u1' && type !== 'b1') {
    throw new DataFileError(`big-endian .npy data (${descr}) is not supported: save it little-endian`);
  }
  switch (type) {
    case 'f8': return { size: 8, get: (v, o) => v.getFloat64(o, true) };
    case 'f4': return { size: 4, get: (v, o) => v.getFloat32(o, true) };
    case 'i1': return { size: 1, get: (v, o) => v.getInt8(o) };
    case 'u1': case 'b1': return { size: 1, get: (v, o) => v.getUint8(o) };
    case 'i2': return { size: 2, get: (v, o) => v.getInt16(o, true) };
    case 'u2': return { size: 2, get: (v, o) => v.getUint16(o, true) };
    case 'i4': return { size: 4, get: (v, o) => v.getInt32(o, true) };
    case 'u4': return { size: 4, get: (v, o) => v.getUint32(o, true) };
    case 'i8': return { size: 8, get: (v, o) => Number(v.getBigInt64(o, true)) };
    case 'u8': return { size: 8, get: (v, o) => Number(v.getBigUint64(o, true)) };
    default:
      throw new DataFileError(`unsupported .npy dtype '${descr}' (use float32/float64/int/uint)`);
  }
}

export function readNpy(bytes: Uint8Array, options: ReadOptions = {}): Mat {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new DataFileError('not a .npy file (bad magic)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new DataFileError('truncated .npy header');
    headerLen = view.getUint32(8, true);
    start = 12;
  } else {
    throw new DataFileError(`unsupported .npy version ${major}.${bytes[7]}`);
  }
  if (start + headerLen > bytes.length) throw new DataFileError('truncated .npy header');
  const header = parseHeader(new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen)));
  const { shape } = header;
  if (header.fortranOrder && shape.filter((n) => n > 1).length > 1) {
    throw new DataFileError('Fortran-order .npy is not supported: save it with np.ascontiguousarray');
  }
  const rows = shape.length === 0 ? 1 : shape[0];
  const cols = shape.length <= 1 ? 1 : shape.slice(1).reduce((a, b) => a * b, 1);
  checkSize(rows, cols);
  const { size, get } = getterOf(header.descr);
  const offset = start + headerLen;
  const count = rows * cols;
  if (offset + count * size > bytes.length) {
    throw new DataFileError(`truncated .npy data: shape (${shape.join(', ')}) needs ${count * size} bytes, file has ${bytes.length - offset}`);
  }
  const data = new Float64Array(count);
  for (let k = 0, o = offset; k < count; k++, o += size) data[k] = get(view, o);
  const m = { rows, cols, data };
  checkFinite(m, options);
  return m;
}
