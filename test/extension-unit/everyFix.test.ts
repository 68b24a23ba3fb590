// Every quick fix offered on every example (and on a step size that breaks every bound) clears the
// diagnostic it targets, and a step-size fix leaves no step-size bound broken (issue 13: on
// stepSize 10 the stability fix offered 4.75, which still broke the divergence bound 2).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modify, applyEdits } from 'jsonc-parser';
import { prepareExperiment } from '../../src/core/lab';
import { nodeDataIO } from '../../src/core/io';
import type { Diagnostic } from '../../src/core/types';
import { applyFix, computeFix, stepSizeBounds } from '../../src/extension/fixes';

const key = (d: Diagnostic) => `${d.code} ${d.path}`;

async function diagnostics(text: string, file: string): Promise<Diagnostic[]> {
  return (await prepareExperiment(text, nodeDataIO(file))).diagnostics;
}

/** The files to try: every example, the diverging example at stepSize 10, GBL Fig. 1 cut short and narrowed. */
function cases(): Array<{ file: string; text: string }> {
  const out = readdirSync('examples')
    .filter((f) => f.endsWith('.lnn.json') && !f.includes('mnist'))
    .map((f) => ({ file: join('examples', f), text: readFileSync(join('examples', f), 'utf8') }));
  const diverges = join('examples', 'stepsize-diverges.lnn.json');
  const base = readFileSync(diverges, 'utf8');
  out.push({ file: diverges, text: applyEdits(base, modify(base, ['optimizer', 'stepSize'], 10, {})) });
  const fig1 = join('examples', 'gbl-fig1-moments.lnn.json');
  const f1 = readFileSync(fig1, 'utf8');
  const short = applyEdits(f1, modify(f1, ['optimizer', 'steps'], 1000, {}));
  out.push({ file: fig1, text: applyEdits(short, modify(short, ['models', 1, 'width'], 1, {})) });
  out.push({ file: fig1, text: applyEdits(f1, modify(f1, ['record'], { every: 1000 }, {})) });
  return out;
}

test('every offered quick fix clears the diagnostic it targets; step-size fixes clear every step-size bound', async () => {
  let stepFixes = 0;
  const fixed = new Set<string>();
  for (const { file, text } of cases()) {
    const before = await diagnostics(text, file);
    const bounds = stepSizeBounds(before);
    for (const d of before) {
      const fix = computeFix(text, d, { stepSizeBounds: bounds });
      if (!fix) continue;
      fixed.add(d.code);
      const after = await diagnostics(applyFix(text, fix), file);
      assert.ok(!after.some((a) => key(a) === key(d)), `${file}: "${fix.title}" leaves ${key(d)}`);
      if (bounds.some((b) => b === d)) {
        stepFixes++;
        const left = stepSizeBounds(after).map(key);
        assert.deepEqual(left, [], `${file}: "${fix.title}" leaves ${left.join(', ')}`);
      }
    }
  }
  // the cases hold a fix of each kind: the three step-size bounds, the horizon, the width
  assert.ok(stepFixes >= 3, `${stepFixes} step-size fixes tried`);
  assert.deepEqual([...fixed].sort(), ['record.coarse', 'stepSize.diverges', 'stepSize.eigengap', 'stepSize.stability', 'steps.horizon', 'width.rankConstrained']);
});
