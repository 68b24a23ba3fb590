// Quick-fix edits (src/extension/fixes.ts), pure: no VS Code needed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'jsonc-parser';
import { prepareExperiment } from '../../src/core/lab';
import { nodeDataIO } from '../../src/core/io';
import type { Diagnostic } from '../../src/core/types';
import { applyFix, ceilSignificant, computeFix, floorSignificant } from '../../src/extension/fixes';

const example = (name: string) => `examples/${name}.lnn.json`;

async function diagnosticsOf(text: string, file = example('stepsize-breaks-eigengap')): Promise<Diagnostic[]> {
  return (await prepareExperiment(text, nodeDataIO(file))).diagnostics;
}

test('significant-digit rounding', () => {
  assert.equal(floorSignificant(0.0586419753), 0.0586);
  assert.equal(floorSignificant(0.95), 0.95);
  assert.equal(floorSignificant(123456), 123000);
  assert.equal(ceilSignificant(1509.6, 2), 1600);
  assert.equal(ceilSignificant(0.0012301), 0.00124);
});

test('stepSize.eigengap: set stepSize just under the bound, and the warning goes', async () => {
  const text = readFileSync(example('stepsize-breaks-eigengap'), 'utf8');
  const d = (await diagnosticsOf(text)).find((x) => x.code === 'stepSize.eigengap')!;
  const fix = computeFix(text, d)!;
  assert.equal(fix.value, floorSignificant(0.95 * d.limit!));
  assert.ok(fix.value < d.limit!);
  const after = applyFix(text, fix);
  assert.equal(parse(after).optimizer.stepSize, fix.value);
  assert.ok(after.includes('// A step size that breaks'), 'comments kept');
  assert.equal(after.split('\n').length, text.split('\n').length, 'layout kept');
  assert.ok(!(await diagnosticsOf(after)).some((x) => x.code === 'stepSize.eigengap'));
});

test('stepSize.diverges: fixing the binding bound removes the error', async () => {
  const file = example('stepsize-diverges');
  const text = readFileSync(file, 'utf8');
  const d = (await diagnosticsOf(text, file)).find((x) => x.code === 'stepSize.diverges')!;
  const after = applyFix(text, computeFix(text, d)!);
  assert.ok(!(await diagnosticsOf(after, file)).some((x) => x.code === 'stepSize.diverges'));
});

test('steps.horizon: raise steps past the last phase step (×1.2, rounded up)', async () => {
  const file = example('gbl-table1-mnist');
  const text = readFileSync(file, 'utf8');
  const d: Diagnostic = { code: 'steps.horizon', severity: 'warning', message: '', path: '/optimizer/steps', limit: 1258 };
  const fix = computeFix(text, d)!;
  assert.equal(fix.value, 1600);
  assert.equal(parse(applyFix(text, fix)).optimizer.steps, 1600);
});

test('init.notVanishing: raise delta so that λ w0/σ falls a decade under the threshold, and the info goes', async () => {
  const file = example('stepsize-diverges');
  const text = readFileSync(file, 'utf8');
  const prepared = await prepareExperiment(text, nodeDataIO(file));
  const d = prepared.diagnostics.find((x) => x.code === 'init.notVanishing')!;
  const t = prepared.theory!;
  const last = t.rxy - 1;
  const ratio = (t.lambda[last] * Math.exp(-4)) / t.sigma[last];
  const fix = computeFix(text, d, { ratio })!;
  assert.equal(fix.path, '/init/delta');
  assert.ok(typeof fix.value === "number" && fix.value > 4 && Number.isInteger(fix.value));
  assert.ok(!(await diagnosticsOf(applyFix(text, fix), file)).some((x) => x.code === 'init.notVanishing'));
  assert.equal(computeFix(text, d), null, 'no ratio, no fix');
});

test('init.notVanishing by scale lowers the scale', () => {
  const text = '{ "init": { "scheme": "identity", "scale": 0.1 } }';
  const d: Diagnostic = { code: 'init.notVanishing', severity: 'info', message: '', path: '/init/scale', limit: 0.01 };
  const fix = computeFix(text, d, { ratio: 0.1 })!;
  assert.equal(fix.value, 0.001); // ratio 0.1 → a decade under 0.01
});

test('width.rankConstrained: widen to min(d, p)', async () => {
  const text = `{
  "data": { "kind": "moments", "sigmaX": [1, 1, 1], "sigmaXY": [1, 0.5, 0.25] },
  "models": [{ "depth": 2, "width": 1 }],
  "optimizer": { "stepSize": 0.01, "steps": 10 }
}`;
  const d = (await diagnosticsOf(text)).find((x) => x.code === 'width.rankConstrained')!;
  assert.equal(d.path, '/models/0/width');
  const after = applyFix(text, computeFix(text, d)!);
  assert.equal(parse(after).models[0].width, 3);
  assert.ok(!(await diagnosticsOf(after)).some((x) => x.code === 'width.rankConstrained'));
});

test('codes without a fix, and a missing limit, give none', () => {
  const text = '{}';
  assert.equal(computeFix(text, { code: 'schema', severity: 'error', message: '', path: '/data' }), null);
  assert.equal(computeFix(text, { code: 'stepSize.stability', severity: 'warning', message: '', path: '/optimizer/stepSize' }), null);
});
