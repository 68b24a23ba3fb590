// The two phase-diagram examples do what their comments claim (spec §5.5): GBL Fig. 1's moments on
// η × δ — sequential where the init vanishes (δ ≥ 8), gd settling below its divergence bound and
// not above it — and ACHL's completion on observed entries × depth — the recovery boundary moving
// with depth, the nuclear-norm baseline solved once per dataset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCancel } from '../../src/compute/cancel';
import { inlineExecutor } from '../../src/compute/inline';
import { runJob } from '../../src/compute/job';
import { nodeDataIO } from '../../src/core/io';
import { checkResults } from '../../src/core/results/check';
import type { Results, SweepPoint } from '../../src/core/types';

async function runExample(name: string, onBaseline = () => {}): Promise<Results> {
  const file = `examples/${name}.lnn.json`;
  const executor = inlineExecutor();
  const solve = executor.solveBaselines;
  executor.solveBaselines = (input, cancel) => (onBaseline(), solve(input, cancel));
  const outcome = await runJob({ text: readFileSync(file, 'utf8'), io: nodeDataIO(file), out: null }, executor, createCancel());
  assert.equal(outcome.refused, false, JSON.stringify(outcome.prepared.diagnostics));
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(outcome.results))), []);
  return outcome.results!;
}

const at = (r: Results, v1: unknown, v2: unknown): SweepPoint => r.sweep!.points.find((p) => p.values![0] === v1 && p.values![1] === v2)!;

test('gbl-phase-diagram: sequential where e^(−δ) is small against σ3 (δ ≥ 8), settling exactly below 2/max ρ_i, depth 1 diverging past 2/λmax', async () => {
  const r = await runExample('gbl-phase-diagram');
  const [etas, deltas] = r.sweep!.axes!.map((a) => a.values as number[]);
  assert.equal(r.sweep!.points.length, etas.length * deltas.length);
  const sigma3 = 0.001;
  for (const eta of etas) {
    for (const delta of deltas) {
      const p = at(r, eta, delta);
      const bounds = p.stepSizeBounds!;
      assert.equal(bounds.stability, 1 / (2 * 0.1), 'Cor. 3: 1/(2σ1)');
      // two-layer: the staircase where the init is below half the last component (λ w0 < σ3/2)
      assert.equal(p.sequential!['two-layer'], Math.exp(-delta) < sigma3 / 2, `η ${eta}, δ ${delta}`);
      assert.equal(p.settled!['two-layer'], eta < bounds.divergence['two-layer']!, `η ${eta}, δ ${delta}: settles below 2/ρ1 = ${bounds.divergence['two-layer']}`);
      assert.equal(p.diverged!['two-layer'], false, 'past 2/ρ1 gd oscillates, bounded');
      // linear: all components at once, never a staircase; diverges past 2/λmax(Σx) = 2
      assert.equal(p.sequential!.linear, false);
      assert.equal(p.diverged!.linear, eta > bounds.divergence.linear!, `η ${eta}`);
      assert.equal(p.settled!.linear, eta < bounds.divergence.linear!);
    }
  }
});

test('achl-recovery-boundary: depth 1 never recovers, deeper networks recover from fewer entries than depth 2; one baseline per dataset', async () => {
  let solves = 0;
  const r = await runExample('achl-recovery-boundary', () => solves++);
  const [observed, depths] = r.sweep!.axes!.map((a) => a.values as number[]);
  assert.equal(solves, observed.length, 'the baseline once per number of observed entries, not once per depth');
  // the same dataset: the same baseline at every depth
  for (const o of observed) assert.ok(depths.every((d) => at(r, o, d).baseline === at(r, o, depths[0]).baseline));
  const boundary = (depth: number) => observed.find((o) => at(r, o, depth).final.network! < 1e-3) ?? Infinity;
  assert.equal(boundary(1), Infinity, 'depth 1 fits Ω and leaves the rest at the init');
  for (const o of observed) assert.ok(at(r, o, 1).final.network! > 0.1);
  assert.ok(boundary(3) < boundary(2), `depth 3 from ${boundary(3)}, depth 2 from ${boundary(2)}`);
  assert.ok(boundary(4) <= boundary(3));
});
