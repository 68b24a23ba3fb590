// How a failed run is told (src/extension/failure.ts): a JobError's reason as it is; anything else
// as "internal error <id>" with its stack in the log under the same id — never a stack for the user.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { describeFailure, WorkerError } from '../../src/extension/failure';

test('a reason the user can act on is said as it is; an internal error by id, its stack only in the log', () => {
  const logged: string[] = [];
  const reason = 'out.json: is a folder; --out names the results file';
  assert.equal(describeFailure(new WorkerError(reason, false), (l) => logged.push(l)), reason);
  const stack = 'TypeError: x is undefined\n    at run (runWorker.js:1:2)';
  const said = describeFailure(new WorkerError(stack, true), (l) => logged.push(l));
  const id = /^internal error (\w+) \(details in the LNN Lab output\)$/.exec(said)?.[1];
  assert.ok(id, said);
  assert.doesNotMatch(said, /\n|at run/);
  assert.ok(logged.some((l) => l.startsWith(`internal error ${id}: `) && l.includes('at run (runWorker.js:1:2)')), logged.join('\n'));
  // a local error's own stack goes to the log too
  const local = describeFailure(new Error('boom'), (l) => logged.push(l));
  assert.match(local, /^internal error \w+ /);
  assert.ok(logged.at(-1)!.includes('Error: boom'));
});
