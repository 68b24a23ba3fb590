// The `mnist` package's 10,000 digits in a compact form the .vsix can carry (issue 13): one byte a
// pixel, k = round(255·v), gzipped (about 1.5 MB instead of the package's 21 MB of JSON). The
// package stores each pixel as k/255 rounded to 3 decimals, and those 256 values are distinct and
// never a rounding tie, so decoding k → PIXEL_VALUE[k] gives back exactly the package's numbers
// (tested against the package). Layout: "LNNMNIST1" | per class c = 0…9: u32 LE count | then the
// classes' pixels in order, 784 bytes a digit.
import { gunzipSync, gzipSync } from 'fflate';

/** Its file name, beside the bundles in dist/ (written at build time by scripts/mnist-digits.mjs). */
export const MNIST_DIGITS_FILE = 'mnist-digits.bin.gz';

const MAGIC = 'LNNMNIST1';
const PIXELS = 784;
const CLASSES = 10;

/** The package's value of pixel byte k: k/255 to 3 decimals. */
export const PIXEL_VALUE: readonly number[] = Array.from({ length: 256 }, (_, k) => Number((k / 255).toFixed(3)));

const TABLE = Float64Array.from(PIXEL_VALUE);

/** The byte of a package value; throws on a value that is not some k/255 to 3 decimals. */
function byteOf(v: number): number {
  const k = Math.round(v * 255);
  if (k < 0 || k > 255 || PIXEL_VALUE[k] !== v) throw new Error(`mnist pixel ${v} is not k/255 to 3 decimals`);
  return k;
}

/** The compact bytes of the package's classes (each `raw`: length·784 values). */
export function encodeMnist(classes: ArrayLike<{ raw: ArrayLike<number> }>): Uint8Array {
  const header = new Uint8Array(MAGIC.length + 4 * CLASSES);
  header.set(new TextEncoder().encode(MAGIC));
  const view = new DataView(header.buffer);
  let total = 0;
  for (let c = 0; c < CLASSES; c++) {
    const count = Math.floor(classes[c].raw.length / PIXELS);
    view.setUint32(MAGIC.length + 4 * c, count, true);
    total += count * PIXELS;
  }
  const body = new Uint8Array(total);
  let o = 0;
  for (let c = 0; c < CLASSES; c++) {
    const raw = classes[c].raw;
    const n = Math.floor(raw.length / PIXELS) * PIXELS;
    for (let i = 0; i < n; i++) body[o++] = byteOf(raw[i]);
  }
  const all = new Uint8Array(header.length + body.length);
  all.set(header);
  all.set(body, header.length);
  return gzipSync(all, { level: 9 });
}

/**
 * The package's shape (mnist[c] with length and raw) from the compact bytes. `gunzip`: fflate's by
 * default (any host); a Node host passes node:zlib's, ~4× faster (io.ts).
 */
export function decodeMnist(gz: Uint8Array, gunzip: (gz: Uint8Array) => Uint8Array = gunzipSync): Record<number, { length: number; raw: Float64Array }> {
  const bytes = gunzip(gz);
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('not LNN Lab mnist digits');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<number, { length: number; raw: Float64Array }> = {};
  let o = MAGIC.length + 4 * CLASSES;
  for (let c = 0; c < CLASSES; c++) {
    const count = view.getUint32(MAGIC.length + 4 * c, true);
    const raw = new Float64Array(count * PIXELS);
    if (o + raw.length > bytes.length) throw new Error('mnist digits: truncated');
    // most pixels are 0, and PIXEL_VALUE[0] = 0 is what a new Float64Array holds already
    for (let i = 0; i < raw.length; i++) {
      const k = bytes[o + i];
      if (k !== 0) raw[i] = TABLE[k];
    }
    o += raw.length;
    out[c] = { length: count, raw };
  }
  return out;
}
