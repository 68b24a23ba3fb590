// A record's loss is the one the float64 engine formed with W (engine.ts formedLoss), not formed
// again: it must be lossOf(problem, W) bit for bit — moments and completion, depths 1–3, gd and
// grouprmsprop — and null once a step has moved on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare } from './helpers';
import { Float64Engine } from '../../../src/core/dynamics/float64Engine';
import { initialFactors } from '../../../src/core/dynamics/init';
import { problemDims } from '../../../src/core/dynamics/gradient';
import { lossOf } from '../../../src/core/results/metrics';

const noLimits = { divergeAbove: Infinity, stopLoss: null };

test("the float64 engine's formed f equals the record's lossOf(W) bit for bit, and is null after a step", async () => {
  const docs = [
    { data: { kind: 'autoencoder', n: 200, d: 9, rank: 3, spectrum: [2, 1, 0.5], noise: 0.01 }, seed: 4, optimizer: { method: 'gd', stepSize: 0.05, steps: 10 } },
    { data: { kind: 'regression', n: 300, d: 7, p: 5, rank: 3, spectrum: [3, 1, 0.4] }, seed: 2, optimizer: { method: 'gd', stepSize: 0.05, steps: 10 } },
    { data: { kind: 'completion', rows: 11, cols: 9, rank: 2, observed: 40 }, seed: 3, optimizer: { method: 'grouprmsprop', stepSize: 0.01, steps: 10 } },
  ];
  let checked = 0;
  for (const doc of docs) {
    for (const depth of [1, 2, 3]) {
      const prepared = await prepare({ ...doc, models: [{ depth }], init: { scheme: 'gaussian', scale: 0.3 } });
      assert.ok(!prepared.refused, JSON.stringify(prepared.diagnostics));
      const problem = prepared.problem!;
      const { d, p } = problemDims(problem);
      const width = Math.max(d, p);
      let seed = 7 + depth;
      const normal = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 3.4;
      const factors = initialFactors({ scheme: 'gaussian', scale: 0.3 }, { d, p, depth, width, normal });
      const engine = new Float64Engine({ problem, depth, width, method: doc.optimizer.method as 'gd', stepSize: doc.optimizer.stepSize, factors });
      for (const n of [0, 3, 1]) {
        await engine.advance(n, noLimits);
        const W = await engine.endToEnd();
        const formed = engine.formedLoss();
        assert.ok(formed !== null && Number.isFinite(formed));
        assert.equal(Object.is(formed, lossOf(problem, W)), true, `${doc.data.kind} depth ${depth}: ${formed} vs ${lossOf(problem, W)}`);
        checked++;
      }
      await engine.advance(1, noLimits);
      assert.equal(engine.formedLoss(), null, `${doc.data.kind} depth ${depth}: after a step`);
      engine.dispose();
    }
  }
  assert.equal(checked, 27);
});
