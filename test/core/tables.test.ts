// The descriptor tables are complete: at compile time (a table missing an entry does not
// typecheck: `npm run typecheck` covers test/) and at run time (every optimizer method and data
// kind of the schema has an entry, and nothing else does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import schema from '../../src/core/experiment/schema.json';
import { DATA_KINDS, type DataKindTable } from '../../src/core/data/kinds';
import { METHODS, methodOf, type MethodTable } from '../../src/core/dynamics/methods/index';
import { SCALAR_STEPS, type ScalarMethod, type ScalarStep } from '../../src/core/theory/scalar';
import type { DataKind, OptimizerMethod } from '../../src/core/types';

// ---------------------------------------------------------------- compile time

// @ts-expect-error: grouprmsprop has no descriptor
const methodsMissingOne: MethodTable = { gd: METHODS.gd, flow: METHODS.flow };

// @ts-expect-error: completion has no descriptor
const kindsMissingOne: DataKindTable = {
  autoencoder: DATA_KINDS.autoencoder,
  regression: DATA_KINDS.regression,
  moments: DATA_KINDS.moments,
  files: DATA_KINDS.files,
  mnist: DATA_KINDS.mnist,
};

// @ts-expect-error: flow has no scalar step
const scalarMissingOne: { readonly [M in ScalarMethod]: ScalarStep } = { gd: SCALAR_STEPS.gd };

// a descriptor keyed under another kind's name does not fit (the loader's section type differs)
const kindsSwapped: DataKindTable = {
  ...DATA_KINDS,
  // @ts-expect-error: the regression descriptor reads a regression section, not an autoencoder one
  autoencoder: DATA_KINDS.regression,
};

void [methodsMissingOne, kindsMissingOne, scalarMissingOne, kindsSwapped];

// ---------------------------------------------------------------- run time

const definitions = schema.definitions as unknown as Record<string, { properties: Record<string, { enum?: string[] }> }>;

test('every optimizer.method of the schema has a descriptor, and only those', () => {
  const methods: string[] = definitions.optimizer.properties.method.enum!;
  assert.deepEqual([...methods].sort(), Object.keys(METHODS).sort());
  for (const m of methods as OptimizerMethod[]) {
    const d = methodOf(m);
    assert.ok(Number.isInteger(d.evaluationsPerStep) && d.evaluationsPerStep >= 1, `${m}: evaluationsPerStep`);
    assert.equal(typeof d.float64.create, 'function', `${m}: float64 step`);
    assert.equal(typeof d.tfjs.step, 'function', `${m}: tfjs step`);
    if (d.theory) assert.ok(Object.hasOwn(SCALAR_STEPS, d.theory.scalar), `${m}: scalar theory ${d.theory.scalar}`);
  }
  assert.throws(() => methodOf('adam' as OptimizerMethod), /unknown optimizer method/);
});

test('every data.kind of the schema has a descriptor, and only those', () => {
  const kinds: string[] = definitions.data.properties.kind.enum!;
  assert.deepEqual([...kinds].sort(), Object.keys(DATA_KINDS).sort());
  for (const k of kinds as DataKind[]) {
    const d = DATA_KINDS[k];
    for (const f of ['dims', 'withDefaults', 'files', 'random', 'load'] as const) assert.equal(typeof d[f], 'function', `${k}: ${f}`);
    assert.ok(d.problemKind === 'moments' || d.problemKind === 'completion', `${k}: problemKind`);
  }
});
