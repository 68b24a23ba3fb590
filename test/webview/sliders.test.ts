// The control strip's sliders (src/webview/sliders.ts) in Node: which fields each example gets,
// ranges around the file's value within the schema's limits, log tracks for the fields that span
// decades, the step-size track's marks at the results' Cor. 3 bounds and the divergence limit, and
// the track ↔ value mapping. Run by state.test.ts (npm run test:webview).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { nodeDataIO } from '../../src/core/io';
import { prepareExperiment } from '../../src/core/lab';
import { buildResults } from '../../src/core/results/results';
import type { Results } from '../../src/core/types';
import { sliderSpecs, trackFraction, valueAt } from '../../src/webview/sliders';

const REPO = resolve(__dirname, '../..');

/** The results of an example before any run (what runStart carries): its experiment, theory and diagnostics. */
async function skeleton(file: string, edit: (t: string) => string = (t) => t): Promise<{ results: Results; file: Record<string, any> }> {
  const path = join(REPO, 'examples', file);
  const text = edit(readFileSync(path, 'utf8'));
  const p = await prepareExperiment(text, nodeDataIO(path));
  assert.ok(p.experiment && p.problem, `${file} prepares`);
  const results = buildResults(p.experiment!, p.problem!, p.theory ?? null, [], p.diagnostics);
  return { results, file: parse(text) as Record<string, any> };
}

describe('control strip sliders (no DOM)', () => {
  let ae: Awaited<ReturnType<typeof skeleton>>;
  before(async () => {
    ae = await skeleton('gbl-4.2-autoencoder.lnn.json');
  });

  it("§4.2: step size, steps, δ, depths, the deep model's width and every spectrum entry, each at the file's value", () => {
    const specs = sliderSpecs(ae.results);
    const byPath = new Map(specs.map((s) => [s.path, s]));
    const f = ae.file;
    const want: Array<[string, number]> = [
      ['/optimizer/stepSize', f.optimizer.stepSize],
      ['/optimizer/steps', f.optimizer.steps],
      ['/init/delta', f.init.delta],
      ...f.models.map((m: { depth: number }, i: number) => [`/models/${i}/depth`, m.depth] as [string, number]),
      ...f.data.spectrum.map((v: number, i: number) => [`/data/spectrum/${i}`, v] as [string, number]),
    ];
    for (const [path, v] of want) assert.equal(byPath.get(path)?.value, v, path);
    f.models.forEach((m: { depth: number; width?: number }, i: number) => {
      if (m.depth > 1 && m.width !== undefined) assert.equal(byPath.get(`/models/${i}/width`)?.value, m.width);
      if (m.depth === 1) assert.equal(byPath.has(`/models/${i}/width`), false, 'a depth-1 model has no width to turn');
    });
    for (const s of specs) {
      assert.ok(s.min < s.value && s.value < s.max || (s.integer && s.min <= s.value && s.value <= s.max), `${s.path}: ${s.min} ≤ ${s.value} ≤ ${s.max}`);
      assert.ok(s.min > 0, `${s.path}: positive (schema)`);
      if (s.path.endsWith('/depth')) assert.ok(s.min >= 1 && s.max <= 100, 'depth within the schema 1 … 100');
      if (s.path.endsWith('/width')) assert.ok(s.max <= 10_000, 'width within the schema');
      if (s.integer) assert.ok(Number.isInteger(s.min) && Number.isInteger(s.max), `${s.path}: integer range`);
    }
    for (const p of ['/optimizer/stepSize', '/init/delta', '/data/spectrum/0']) assert.equal(byPath.get(p)!.log, true, `${p}: log track`);
    assert.ok(byPath.get('/optimizer/stepSize')!.max / byPath.get('/optimizer/stepSize')!.min >= 100, 'the step size spans decades');
  });

  it("the step-size track marks Cor. 3's stability and eigengap bounds and the divergence limit, inside its range", async () => {
    const { results } = await skeleton('stepsize-diverges.lnn.json');
    const eta = sliderSpecs(results).find((s) => s.path === '/optimizer/stepSize')!;
    const { stability, eigengap } = results.theory.stepSizeBounds;
    const diverges = results.diagnostics.find((d) => d.code === 'stepSize.diverges');
    assert.ok(diverges?.limit, 'the example diverges');
    const expected = [...(stability ? [['stability', stability]] : []), ...(eigengap ? [['eigengap', eigengap]] : []), ['diverges', diverges!.limit!]];
    assert.deepEqual(eta.marks.map((m) => [m.kind, m.value]), expected);
    for (const m of eta.marks) assert.ok(eta.min < m.value && m.value < eta.max, `${m.kind} ${m.value} on the track ${eta.min} … ${eta.max}`);
    // the file's η is above the divergence limit, and the track shows that order
    assert.ok(trackFraction(eta, eta.value) > trackFraction(eta, diverges!.limit!));
  });

  it('completion: the init scale and the observed count (at most rows × cols)', async () => {
    const { results, file } = await skeleton('achl-completion.lnn.json');
    const specs = sliderSpecs(results);
    const scale = specs.find((s) => s.path === '/init/scale')!;
    assert.equal(scale.value, file.init.scale);
    assert.equal(scale.log, true);
    const observed = specs.find((s) => s.path === '/data/observed')!;
    assert.equal(observed.value, file.data.observed);
    assert.ok(observed.max <= file.data.rows * file.data.cols);
    assert.equal(specs.some((s) => s.path.startsWith('/data/spectrum')), false);
  });

  it('track ↔ value: the ends are the range, the file value maps back to itself, integers stay integers', () => {
    for (const s of sliderSpecs(ae.results)) {
      assert.equal(valueAt(s, 0), s.integer ? s.min : Number(s.min.toPrecision(3)), `${s.path} at 0`);
      assert.equal(valueAt(s, 1), s.integer ? s.max : Number(s.max.toPrecision(3)), `${s.path} at 1`);
      const back = valueAt(s, trackFraction(s, s.value));
      assert.ok(Math.abs(back - s.value) <= Math.abs(s.value) * 1e-2, `${s.path}: ${s.value} → ${back}`);
      if (s.integer) for (const f of [0.13, 0.5, 0.77]) assert.ok(Number.isInteger(valueAt(s, f)));
    }
  });
});
