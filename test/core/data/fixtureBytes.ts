// Builders of small data files, byte by byte (independent of the readers under test), shared by the
// tests and by test/fixtures/data/generate.ts which writes the committed fixtures.
import { gzipSync } from 'fflate';

export const X = [
  [1, 2, 3],
  [4, 5, 6.5],
  [-1, 0, 2],
  [0.25, 7, -3],
];

const enc = new TextEncoder();

export function csv(rows: Array<Array<number | string>>, header?: string[]): Uint8Array {
  const lines = rows.map((r) => r.join(','));
  return enc.encode((header ? [header.join(','), ...lines] : lines).join('\n') + '\n');
}

export function json(value: unknown): Uint8Array {
  return enc.encode(JSON.stringify(value));
}

/** A .npy file (version major.0) of a C-order array with the given dtype descr ('<f4', '<f8', '|u1', …). */
export function npy(descr: string, shape: number[], values: number[], opts: { major?: number; fortran?: boolean } = {}): Uint8Array {
  const major = opts.major ?? 1;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const pre = major === 1 ? 10 : 12;
  const pad = 64 - ((pre + header.length + 1) % 64);
  header = header + ' '.repeat(pad % 64) + '\n';
  const size = Number(descr.slice(2));
  const out = new Uint8Array(pre + header.length + values.length * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(enc.encode(header), pre);
  let o = pre + header.length;
  for (const v of values) {
    switch (descr.slice(1)) {
      case 'f4': view.setFloat32(o, v, true); break;
      case 'f8': view.setFloat64(o, v, true); break;
      case 'u1': view.setUint8(o, v); break;
      case 'i1': view.setInt8(o, v); break;
      case 'i4': view.setInt32(o, v, true); break;
      case 'i8': view.setBigInt64(o, BigInt(v), true); break;
      default: throw new Error(`fixture dtype ${descr}`);
    }
    o += size;
  }
  return out;
}

/** An IDX file of unsigned bytes (type 0x08) with the given dimensions. */
export function idxUbyte(dims: number[], values: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  out.set([0, 0, 0x08, dims.length]);
  const view = new DataView(out.buffer);
  dims.forEach((n, k) => view.setUint32(4 + 4 * k, n, false));
  out.set(values, 4 + 4 * dims.length);
  return out;
}

export function gz(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes);
}

/** 4 images of 2×3 pixels, and their labels. */
export const IMAGES = [
  [0, 255, 0, 10, 20, 30],
  [1, 2, 3, 4, 5, 6],
  [255, 0, 0, 0, 0, 128],
  [9, 8, 7, 6, 5, 4],
];
export const LABELS = [3, 7, 3, 0];

/** Every committed fixture: name → bytes. */
export function allFixtures(): Record<string, Uint8Array> {
  const flat = X.flat();
  return {
    'x_header.csv': csv(X, ['a', 'b', 'c']),
    'x.csv': csv(X),
    'ragged.csv': csv([[1, 2, 3], [4, 5], [6, 7, 8]]),
    'nan.csv': csv([[1, 2], [3, 'NaN']]),
    'x.json': json(X),
    'labels.json': json(LABELS),
    'y.json': json([[1, 0], [0, 1], [1, 1]]),
    'groundTruth.json': json([[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
    'x_f32.npy': npy('<f4', [4, 3], flat),
    'x_f64.npy': npy('<f8', [4, 3], flat),
    'x_f64_v2.npy': npy('<f8', [4, 3], flat, { major: 2 }),
    'x_u8.npy': npy('|u1', [2, 3], [0, 1, 2, 253, 254, 255]),
    'x_fortran.npy': npy('<f8', [2, 3], [1, 2, 3, 4, 5, 6], { fortran: true }),
    'train-images-idx3-ubyte': idxUbyte([4, 2, 3], IMAGES.flat()),
    'train-labels-idx1-ubyte': idxUbyte([4], LABELS),
    'train-images-idx3-ubyte.gz': gz(idxUbyte([4, 2, 3], IMAGES.flat())),
    'matrix.csv': csv([[1, 2, ''], [3, 4, 5]]),
    'mask.csv': csv([[1, 1, 0], [0, 1, 1]]),
    'x.txt': csv(X),
  };
}
