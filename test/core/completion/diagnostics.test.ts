// The diagnostics of spec §3 that apply to completion: named `data.mask` ones for masks that leave
// rows or columns (so rank directions) undetermined or observe nothing, the depth-1 step size
// against 2|Ω|, and none of the per-component ones (completion has no Σx, Σxy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataIO } from '../../../src/core/data/index';
import { prepareExperiment } from '../../../src/core/lab';
import { completionText, noFiles } from './helpers';

const csv = (rows: Array<Array<number | string>>) => new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n'));

function filesIO(files: Record<string, Uint8Array>): DataIO {
  return {
    async readFile(rel: string) {
      if (!files[rel]) throw Object.assign(new Error(`ENOENT: ${rel}`), { code: 'ENOENT' });
      return files[rel];
    },
  };
}

const M = csv([[1, 2, 3], [2, 4, 6], [3, 6, 9]]);
const withMask = (mask: Array<Array<number>>) =>
  prepareExperiment(
    completionText({ data: { kind: 'completion', rows: 3, cols: 3, rank: 1, observed: 1, matrix: 'm.csv', mask: 'mask.csv' }, models: [{ depth: 2 }], optimizer: { stepSize: 0.1, steps: 10 } }),
    filesIO({ 'm.csv': M, 'mask.csv': csv(mask) }),
  );

test('a mask with no observed entry: data.mask error at /data/mask, the run refused', async () => {
  const p = await withMask([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  const d = p.diagnostics.filter((x) => x.code === 'data.mask');
  assert.deepEqual(d.map((x) => [x.severity, x.path]), [['error', '/data/mask']]);
  assert.match(d[0].message, /no observed entry/);
  assert.equal(p.refused, true);
});

test('a mask that leaves a row and a column unobserved: two named data.mask warnings, the run goes ahead', async () => {
  const p = await withMask([[1, 1, 0], [1, 1, 0], [0, 0, 0]]);
  const d = p.diagnostics.filter((x) => x.code === 'data.mask');
  assert.deepEqual(d.map((x) => [x.severity, x.path, x.limit]), [['warning', '/data/mask', 1], ['warning', '/data/mask', 1]]);
  assert.match(d[0].message, /row 3/);
  assert.match(d[1].message, /column 3/);
  assert.equal(p.refused, false);
});

test('a mask of the wrong shape: data.mask error', async () => {
  const p = await withMask([[1, 1], [1, 1]]);
  assert.deepEqual(p.diagnostics.map((x) => [x.code, x.severity, x.path]), [['data.mask', 'error', '/data/mask']]);
});

test('too few drawn observations for a 20×20: rows and columns left empty are named at /data/observed', async () => {
  const p = await prepareExperiment(
    completionText({ data: { kind: 'completion', rows: 20, cols: 20, rank: 2, observed: 15 }, models: [{ depth: 3 }], optimizer: { stepSize: 0.1, steps: 10 } }),
    noFiles,
  );
  const d = p.diagnostics.filter((x) => x.code === 'data.mask');
  assert.equal(d.length, 2);
  assert.ok(d.every((x) => x.severity === 'warning' && x.path === '/data/observed' && x.limit! >= 5));
  assert.match(d[0].message, /rows have no observed entry/);
});

test("ACHL's setting draws no diagnostic: no per-component checks (no Σx, Σxy), no step-size bound for depth ≥ 2 or grouprmsprop", async () => {
  const p = await prepareExperiment(
    completionText({
      data: { kind: 'completion', rows: 100, cols: 100, rank: 5, observed: 2000 },
      models: [{ depth: 2 }, { depth: 3 }, { depth: 4 }],
      optimizer: { method: 'grouprmsprop', stepSize: 1e-2, steps: 10, stopLoss: 5e-7 },
    }),
    noFiles,
  );
  assert.deepEqual(p.diagnostics, []);
  assert.equal(p.theory, null);
  assert.deepEqual(p.experiment!.baseline, { nuclearNorm: true }, 'the baseline defaults to on for completion');
});

test('depth 1 gd at η ≥ 2|Ω| (|Ω| from the drawn mask): stepSize.diverges with limit 2|Ω|', async () => {
  const p = await prepareExperiment(
    completionText({ data: { kind: 'completion', rows: 10, cols: 10, rank: 2, observed: 30 }, models: [{ depth: 1 }, { depth: 2 }], optimizer: { stepSize: 60, steps: 10 } }),
    noFiles,
  );
  const d = p.diagnostics.filter((x) => x.code === 'stepSize.diverges');
  assert.deepEqual(d.map((x) => [x.severity, x.path, x.limit]), [['error', '/optimizer/stepSize', 60]]);
  assert.equal(p.refused, false, 'a diverging run is worth seeing (spec §3)');
});
