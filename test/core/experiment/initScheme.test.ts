// init.std belongs to the gaussian scheme; a file that leaves the scheme out gets its data kind's
// default (completion: gaussian, spec §2), so std is accepted there and refused on identity's kinds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readExperiment } from '../../../src/core/experiment/index';
import { DATA_KINDS } from '../../../src/core/data/kinds';

const file = (data: unknown) => JSON.stringify({ data, models: [{ depth: 2 }], init: { std: 0.01 }, optimizer: { stepSize: 0.01, steps: 10 } });
const stdErrors = (text: string) => readExperiment(text).diagnostics.filter((d) => d.path === '/init/std' && d.severity === 'error');

test('init.std without a scheme: accepted where the kind defaults to gaussian, refused where it defaults to identity', () => {
  const completion = file({ kind: 'completion', rows: 10, cols: 10, rank: 2, observed: 50 });
  const moments = file({ kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0.5] });
  assert.equal(DATA_KINDS.completion.defaultInitScheme, 'gaussian');
  assert.equal(DATA_KINDS.moments.defaultInitScheme, 'identity');
  assert.deepEqual(stdErrors(completion).map((d) => d.message), []);
  assert.equal(readExperiment(completion).experiment?.init.scheme, 'gaussian');
  assert.match(stdErrors(moments)[0]?.message ?? '', /gaussian scheme only, not "identity"/);
});
