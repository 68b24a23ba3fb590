// The step after a record reuses the W and G that the record's endToEnd() formed (float64Engine.ts
// `formed`): a run read back after every step must take exactly the steps of one read back never —
// the same factors and the same W, bit for bit — for every method, depth and problem kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Float64Engine } from '../../../src/core/dynamics/float64Engine';
import { factorShapes } from '../../../src/core/dynamics/gradient';
import type { CompletionProblem, Mat, MomentsProblem, OptimizerMethod, Problem } from '../../../src/core/types';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
}

function moments(d: number, p: number): MomentsProblem {
  const rand = lcg(3);
  const A = Float64Array.from({ length: d * d }, rand);
  const sx = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) sx[i * d + j] += (A[k * d + i] * A[k * d + j]) / d;
  for (let i = 0; i < d; i++) sx[i * d + i] += 0.5;
  const sxy = Float64Array.from({ length: d * p }, rand);
  return { kind: 'moments', n: d, d, p, sigmaX: { rows: d, cols: d, data: sx }, sigmaXY: { rows: d, cols: p, data: sxy }, traceSigmaY: null, groundTruth: null };
}

function completion(rows: number, cols: number): CompletionProblem {
  const rand = lcg(5);
  const mask = Uint8Array.from({ length: rows * cols }, () => (rand() < 0 ? 1 : 0));
  const data = Float64Array.from({ length: rows * cols }, () => 2 * rand());
  return { kind: 'completion', rows, cols, matrix: { rows, cols, data }, mask, observedCount: mask.reduce((a, b) => a + b, 0), hasGroundTruth: true };
}

function init(d: number, p: number, depth: number, width: number): Mat[] {
  const rand = lcg(17 + depth);
  return factorShapes(d, p, depth, width).map(([r, c]) => ({ rows: r, cols: c, data: Float64Array.from({ length: r * c }, () => 0.3 * rand()) }));
}

const limits = { divergeAbove: Infinity, stopLoss: null };
const bits = (x: Float64Array) => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));

test('a record after every step leaves the steps bit-identical to none (gd, flow, grouprmsprop; depths 1–3; moments and completion)', async () => {
  const problems: Array<[string, Problem, number, number]> = [['moments', moments(7, 5), 7, 5], ['completion', completion(8, 6), 8, 6]];
  for (const [kind, problem, d, p] of problems) {
    for (const method of ['gd', 'flow', 'grouprmsprop'] as OptimizerMethod[]) {
      for (const depth of [1, 2, 3]) {
        const width = 4;
        const setup = { problem, depth, width, method, stepSize: method === 'grouprmsprop' ? 1e-3 : 0.05 };
        const recorded = new Float64Engine({ ...setup, factors: init(d, p, depth, width) });
        const unread = new Float64Engine({ ...setup, factors: init(d, p, depth, width) });
        const at = `${kind} ${method} depth ${depth}`;
        const W0 = await recorded.endToEnd();
        // slices of 1 and 2 steps, each followed by a record: 12 steps
        for (const n of [1, 2, 1, 2, 1, 2, 1, 2]) {
          assert.equal((await recorded.advance(n, limits)).taken, n);
          await recorded.endToEnd();
        }
        await unread.advance(12, limits);
        recorded.factorsNow().forEach((f, l) => assert.deepEqual(bits(f.data), bits(unread.factorsNow()[l].data), `${at}: factor ${l + 1}`));
        assert.deepEqual(bits((await recorded.endToEnd()).data), bits((await unread.endToEnd()).data), `${at}: W`);
        // and the steps moved W: a record that froze the state would also agree with itself
        assert.notDeepEqual(bits((await unread.endToEnd()).data), bits(W0.data), `${at}: W moved`);
        recorded.dispose();
        unread.dispose();
      }
    }
  }
});
