import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'fflate';
import { DataFileError, formatOf, readMatrix } from '../../../src/core/data/readers/index';
import { readCsv } from '../../../src/core/data/readers/csv';
import { readIdx } from '../../../src/core/data/readers/idx';
import { readNpy } from '../../../src/core/data/readers/npy';
import type { Mat } from '../../../src/core/types';
import { allFixtures, csv, idxUbyte, IMAGES, json, LABELS, npy, X } from './fixtureBytes';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'data');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const rows = (m: Mat) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

test('committed fixtures are the ones the builders make', () => {
  for (const [name, bytes] of Object.entries(allFixtures())) {
    if (name.endsWith('.gz')) assert.deepEqual(gunzipSync(fixture(name)), gunzipSync(bytes), name); // gzip stamps a time
    else assert.deepEqual(fixture(name), bytes, name);
  }
});

test('csv with and without a header row', () => {
  assert.deepEqual(rows(readMatrix('x_header.csv', fixture('x_header.csv'))), X);
  assert.deepEqual(rows(readMatrix('x.csv', fixture('x.csv'))), X);
  assert.deepEqual(rows(readCsv(new TextEncoder().encode('1\t2\r\n3\t4\r\n'))), [[1, 2], [3, 4]]);
});

test('ragged csv names the line', () => {
  assert.throws(() => readMatrix('ragged.csv', fixture('ragged.csv')), (e: Error) => e instanceof DataFileError && /line 2/.test(e.message) && /ragged/.test(e.message));
});

test('non-numeric csv field after the header names the line', () => {
  const bytes = csv([[1, 2], ['x', 3]], ['a', 'b']);
  assert.throws(() => readCsv(bytes), /line 3/);
});

test('NaN and Infinity are refused, NaN tolerated with allowMissing', () => {
  assert.throws(() => readMatrix('nan.csv', fixture('nan.csv')), DataFileError);
  assert.throws(() => readCsv(csv([[1, 'Infinity']])), /not finite/);
  assert.ok(Number.isNaN(readMatrix('nan.csv', fixture('nan.csv'), { allowMissing: true }).data[3]));
  assert.throws(() => readMatrix('x.npy', npy('<f8', [2], [1, NaN])), /non-finite/);
  assert.throws(() => readMatrix('x.json', json([[1, null]])), DataFileError);
});

test('json: nested arrays are rows, a flat array is a column, ragged is an error', () => {
  assert.deepEqual(rows(readMatrix('x.json', fixture('x.json'))), X);
  const col = readMatrix('labels.json', fixture('labels.json'));
  assert.equal(col.cols, 1);
  assert.deepEqual(Array.from(col.data), LABELS);
  assert.throws(() => readMatrix('r.json', json([[1, 2], [3]])), /row 2/);
  assert.throws(() => readMatrix('r.json', new TextEncoder().encode('{oops')), /not valid JSON/);
});

test('npy: float32, float64, v2 header, uint8, and files numpy wrote', () => {
  assert.deepEqual(rows(readMatrix('x_f32.npy', fixture('x_f32.npy'))), X);
  assert.deepEqual(rows(readMatrix('x_f64.npy', fixture('x_f64.npy'))), X);
  assert.deepEqual(rows(readMatrix('x_f64_v2.npy', fixture('x_f64_v2.npy'))), X);
  assert.deepEqual(rows(readMatrix('x_u8.npy', fixture('x_u8.npy'))), [[0, 1, 2], [253, 254, 255]]);
  const np32 = readMatrix('numpy_f32.npy', fixture('numpy_f32.npy'));
  assert.deepEqual([np32.rows, np32.cols], [3, 2]);
  assert.deepEqual(Array.from(np32.data), [1.5, -2, 3, 4.25, 0, Math.fround(1e-3)]);
  const labels = readMatrix('numpy_i64_labels.npy', fixture('numpy_i64_labels.npy'));
  assert.deepEqual([labels.rows, labels.cols, ...labels.data], [3, 1, 2, 0, 1]);
  assert.deepEqual(Array.from(readNpy(npy('|i1', [3], [-1, 0, 5])).data), [-1, 0, 5]);
  assert.deepEqual(Array.from(readNpy(npy('<i4', [1, 2], [-70000, 3])).data), [-70000, 3]);
});

test('npy: Fortran order, big-endian, truncation and bad magic are errors', () => {
  assert.throws(() => readMatrix('x_fortran.npy', fixture('x_fortran.npy')), /Fortran/);
  assert.throws(() => readNpy(npy('>f8', [1], [1])), /big-endian/);
  const full = fixture('x_f64.npy');
  assert.throws(() => readNpy(full.subarray(0, full.length - 8)), /truncated/);
  assert.throws(() => readNpy(new Uint8Array(20)), /magic/);
});

test('IDX images flattened to rows, labels a column, gzip too', () => {
  const plain = readMatrix('train-images-idx3-ubyte', fixture('train-images-idx3-ubyte'));
  assert.deepEqual(rows(plain), IMAGES);
  const gz = readMatrix('train-images-idx3-ubyte.gz', fixture('train-images-idx3-ubyte.gz'));
  assert.deepEqual(rows(gz), IMAGES);
  const labels = readMatrix('train-labels-idx1-ubyte', fixture('train-labels-idx1-ubyte'));
  assert.deepEqual([labels.rows, labels.cols], [4, 1]);
  assert.deepEqual(Array.from(labels.data), LABELS);
  assert.throws(() => readIdx(idxUbyte([5, 2], [1, 2, 3])), /truncated/);
});

test('huge dimensions are refused before allocating', () => {
  assert.throws(() => readIdx(idxUbyte([60000, 30000], [])), /too many/);
  assert.throws(() => readIdx(idxUbyte([100000, 10000], [])), /too many/);
  assert.throws(() => readNpy(npy('<f8', [2, 25000], [])), /columns is too many/);
});

test('unknown extension', () => {
  assert.equal(formatOf('x.txt'), null);
  assert.equal(formatOf('t10k-images-idx3-ubyte.gz'), 'idx');
  assert.equal(formatOf('a.CSV'), 'csv');
  assert.throws(() => readMatrix('x.txt', fixture('x.txt')), /unknown format/);
});
