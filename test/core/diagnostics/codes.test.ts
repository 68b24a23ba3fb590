import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODES, makeDiagnostic, refusesRun } from '../../../src/core/diagnostics/codes';
import { fmt } from '../../../src/core/diagnostics/format';
import { flowPhaseTime } from '../../../src/core/diagnostics/horizon';

test('the table has every code of spec §3 with its paths', () => {
  assert.deepEqual(Object.keys(CODES).sort(), [
    'assumption.commutativity', 'data.file', 'data.mask', 'data.moments', 'init.notVanishing', 'record.coarse', 'schema',
    'spectrum.degenerate', 'steps.horizon', 'stepSize.diverges', 'stepSize.eigengap', 'stepSize.stability', 'width.rankConstrained',
    'budget.memory', 'budget.time', // spec §5.7
  ].sort());
  assert.equal(CODES['stepSize.eigengap'].path, '/optimizer/stepSize');
  assert.equal(CODES['steps.horizon'].path, '/optimizer/steps');
  assert.deepEqual(CODES['assumption.commutativity'].severity, ['info', 'warning']);
});

test('makeDiagnostic and refusesRun', () => {
  assert.deepEqual(makeDiagnostic('steps.horizon', 'm', '/optimizer/steps', { limit: 3 }), {
    code: 'steps.horizon', severity: 'warning', message: 'm', path: '/optimizer/steps', limit: 3,
  });
  assert.equal(refusesRun([makeDiagnostic('stepSize.diverges', 'm', '/optimizer/stepSize')]), false);
  assert.equal(refusesRun([makeDiagnostic('data.file', 'm', '/data/x')]), true);
  assert.equal(refusesRun([makeDiagnostic('schema', 'm', '')]), true);
  assert.equal(refusesRun([makeDiagnostic('budget.memory', 'm', '/data/d')]), true); // spec §5.7: refuses like schema
  assert.equal(refusesRun([makeDiagnostic('budget.time', 'm', '/optimizer/steps')]), false); // a warning
  assert.equal(refusesRun([makeDiagnostic('budget.time', 'm', '/data/d', { severity: 'error' })]), true); // preparing refused
});

test('fmt: four significant digits, exponents for the tiny and the huge', () => {
  assert.equal(fmt(0.5), '0.5');
  assert.equal(fmt(1 / 3), '0.3333');
  assert.equal(fmt(Math.exp(-8)), '3.355e-4');
  assert.equal(fmt(1e-6), '1e-6');
  assert.equal(fmt(2.5e7), '2.5e7');
  assert.equal(fmt(20000), '20000');
});

test('flowPhaseTime matches GBL eq. 16 at depth 2 and is null past half', () => {
  for (const [s, l, w0] of [[0.1, 1, Math.exp(-8)], [1e-3, 2, Math.exp(-14)], [3, 0.5, 1e-3]]) {
    const closed = Math.log((s - l * w0) / (l * w0)) / (2 * s);
    assert.ok(Math.abs(flowPhaseTime(s, l, 2, w0)! - closed) < 1e-9 * closed);
  }
  assert.equal(flowPhaseTime(1, 1, 2, 0.6), null);
  assert.equal(flowPhaseTime(1, 0, 2, 0.1), null);
  // depth 3 takes longer from a small init than depth 2 at the same w0 (ACHL's N w^(2−2/N))
  assert.ok(flowPhaseTime(0.1, 1, 3, 1e-6)! > flowPhaseTime(0.1, 1, 2, 1e-6)!);
});
