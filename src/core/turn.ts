// One turn of the host's event loop for a long computation (its messages, a cancel, progress): a
// macrotask without setTimeout(0)'s clamp — about 1 ms in Node, 4 ms in a browser once timers nest
// (HTML's timer nesting level) — which the run loop paid at every yield, 2 % of a run yielding every
// 50 ms in Node and ~15 % of a webview worker's yielding every 25 ms. setImmediate where there is one
// (Node: ~10 µs), else a MessageChannel message (browsers, workers), else setTimeout.

let channel: MessageChannel | null = null;
const waiting: Array<() => void> = [];

/** Resolves after the host's event loop has run the tasks that were queued before it. */
export function turn(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
      // where ports keep a process alive (Node, were setImmediate missing), this one must not
      (channel.port1 as { unref?: () => void }).unref?.();
    }
    const port = channel.port2;
    return new Promise((resolve) => {
      waiting.push(resolve);
      port.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
