// core/turn.ts: a turn of the event loop runs the tasks queued before it (a promise's microtask
// would not), on setImmediate and on the MessageChannel route a browser takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { turn } from '../../src/core/turn';

test('a turn runs the macrotasks queued before it (setImmediate, Node\'s route)', async () => {
  const ran: string[] = [];
  setImmediate(() => ran.push('immediate'));
  await Promise.resolve(); // a microtask is not a turn
  assert.deepEqual(ran, []);
  await turn();
  assert.deepEqual(ran, ['immediate']);
});

test('without setImmediate (a browser): a MessageChannel message, after the messages queued before it, and many in a row', async () => {
  const saved = globalThis.setImmediate;
  (globalThis as { setImmediate?: unknown }).setImmediate = undefined;
  try {
    const { port1, port2 } = new MessageChannel();
    const ran: number[] = [];
    port1.onmessage = (e) => ran.push(e.data as number);
    port2.postMessage(1);
    await turn();
    assert.deepEqual(ran, [1]);
    port1.close();
    for (let i = 0; i < 50; i++) await turn();
  } finally {
    globalThis.setImmediate = saved;
  }
});
