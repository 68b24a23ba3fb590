// A job's saves (compute/job.ts): after each task but the last, the results so far are written,
// marked incomplete (nothing lost if the job dies); after the last, only the final save, marked
// complete (its partial twin is not written first).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCancel } from '../../src/compute/cancel';
import { inlineExecutor } from '../../src/compute/inline';
import { runJob } from '../../src/compute/job';
import type { Results } from '../../src/core/types';
import { noFiles } from '../core/completion/helpers';
import { threeDepthsText } from './helpers';

const text = threeDepthsText(100, 10);

test('the results so far are on disk, marked incomplete, when each later task ends; the final file is complete', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'lnn-saves-')), 'x.results.json');
  const seen: Array<{ model: number; runs: string[]; complete: boolean | undefined }> = [];
  const outcome = await runJob({ text, io: noFiles, out }, inlineExecutor(), createCancel(), {
    onTaskDone: (_point, model) => {
      // model m ends before its own save: the file holds the runs of models 0 … m − 1
      if (typeof model !== 'number' || model === 0) return;
      const r = JSON.parse(readFileSync(out, 'utf8')) as Results;
      seen.push({ model, runs: r.runs.map((x) => x.label), complete: r.complete });
    },
  });
  assert.deepEqual(seen, [
    { model: 1, runs: ['one'], complete: false },
    { model: 2, runs: ['one', 'two'], complete: false },
  ]);
  const final = JSON.parse(readFileSync(out, 'utf8')) as Results;
  assert.equal(final.complete, true);
  assert.deepEqual(final.runs.map((x) => x.label), ['one', 'two', 'three']);
  assert.equal(outcome.cancelled, false);
});
