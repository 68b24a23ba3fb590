// npm run bench -- --only jobs: the job layer (src/compute), printed, never asserted.
//  - the pool's speed-up: an experiment of two equal-cost models, and a sweep of four values, with
//    `lnn-lab run --threads 1` against the machine's threads (target ≥ 1.7× on 2 cores);
//  - Open Lab's path (dist/runWorker.js in a worker thread with the panel's `lab` request, as the
//    extension host starts it) against the CLI on the ACHL example (target ≤ 1.2×), and the longest
//    busy slice of the thread that hosts it — the extension host's main thread (target ≤ 50 ms);
//  - cancel latency: a pool cancel with record.every 1e8, and Ctrl-C on the CLI to its exit.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createCancel } from '../src/compute/cancel';
import { runJob } from '../src/compute/job';
import { ComputePool } from '../src/compute/pool';
import type { WorkerReply } from '../src/extension/protocol';

const tmp = mkdtempSync(join(tmpdir(), 'lnn-bench-jobs-'));
const quick = process.argv.includes('--quick');
const noFiles = { readFile: async (p: string): Promise<Uint8Array> => { throw new Error(`no file ${p}`); } };

function wall(args: string[]): number | null {
  const t = performance.now();
  const r = spawnSync('node', ['bin/lnn-lab.js', ...args], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`  failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
    return null;
  }
  return (performance.now() - t) / 1000;
}

function write(name: string, experiment: unknown): string {
  const file = join(tmp, `${name}.lnn.json`);
  writeFileSync(file, JSON.stringify(experiment));
  return file;
}

const steps = quick ? 1500 : 5000;
const twoModels = write('two-models', {
  data: { kind: 'autoencoder', n: 400, d: 64, rank: 4, spectrum: [4, 2, 1, 0.5], noise: 0.01 },
  models: [{ depth: 3, label: 'a' }, { depth: 3, label: 'b' }],
  init: { scheme: 'gaussian', scale: 1e-3 },
  optimizer: { method: 'gd', stepSize: 0.002, steps },
  record: { every: 50 },
  compute: { backend: 'js' },
});
const sweep = write('sweep', {
  data: { kind: 'autoencoder', n: 400, d: 64, rank: 4, spectrum: [4, 2, 1, 0.5], noise: 0.01 },
  models: [{ depth: 3 }],
  init: { scheme: 'identity', delta: 6 },
  optimizer: { method: 'gd', stepSize: 0.002, steps },
  record: { every: 50 },
  compute: { backend: 'js' },
  sweep: { path: '/optimizer/stepSize', values: [0.0005, 0.001, 0.0015, 0.002] },
});

function speedUp(): void {
  const threads = availableParallelism();
  console.log(`\n## The compute pool: --threads 1 against ${threads} threads (the CLI end to end, d = 64 depth 3, ${steps} steps)`);
  for (const [what, file] of [['two equal-cost models', twoModels], ['a sweep of four values', sweep]] as const) {
    const one = wall(['run', file, '-q', '--no-progress', '--threads', '1', '--out', join(tmp, 'one.json')]);
    const all = wall(['run', file, '-q', '--no-progress', '--out', join(tmp, 'all.json')]);
    if (one && all) console.log(`  ${what.padEnd(24)} 1 thread ${one.toFixed(2)} s, ${threads} threads ${all.toFixed(2)} s: speed-up ${(one / all).toFixed(2)}× (target ≥ 1.7× on 2 cores)`);
  }
  console.log(`  reproduce: node bin/lnn-lab.js run FILE --threads 1 | (default)`);
}

/** dist/runWorker.js as the extension host runs it for Open Lab; the longest stall of this thread meanwhile. */
async function openLabPath(file: string): Promise<{ seconds: number; maxDelayMs: number; p99Ms: number; messages: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const worker = new Worker(resolve('dist/runWorker.js'));
  let messages = 0;
  const t = performance.now();
  delay.enable();
  await new Promise<void>((done, fail) => {
    worker.on('message', (m: WorkerReply) => {
      messages++;
      if (m.type === 'error') fail(new Error(m.message));
      if (m.type === 'ran') done();
    });
    worker.postMessage({ type: 'run', id: 1, path: file, text: readFileSync(file, 'utf8'), out: join(tmp, 'lab.json'), settings: {}, lab: { webgl: { ok: false, detail: 'bench' } } });
  });
  delay.disable();
  await worker.terminate();
  return { seconds: (performance.now() - t) / 1000, maxDelayMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, messages };
}

async function openLab(): Promise<void> {
  const file = resolve('examples/achl-completion.lnn.json');
  console.log('\n## Open Lab against the CLI: examples/achl-completion.lnn.json (depths 2, 3, 4 and the baseline at once)');
  const cli = wall(['run', file, '-q', '--no-progress', '--out', join(tmp, 'achl.json')]);
  const lab = await openLabPath(file);
  console.log(`  CLI (node bin/lnn-lab.js run): ${cli?.toFixed(1) ?? 'failed'} s`);
  console.log(`  Open Lab's path (dist/runWorker.js, lab request, records streamed): ${lab.seconds.toFixed(1)} s — ${cli ? (lab.seconds / cli).toFixed(2) : '?'}× the CLI (target ≤ 1.2×)`);
  console.log(`  the hosting thread (the extension host's main thread): longest busy slice ${lab.maxDelayMs.toFixed(0)} ms, p99 ${lab.p99Ms.toFixed(0)} ms over ${lab.messages} messages (target ≤ 50 ms)`);
}

async function cancelLatency(): Promise<void> {
  console.log('\n## Cancel latency (record.every 1e8: the engines advance in ≤ 50 ms slices)');
  const text = JSON.stringify({
    data: { kind: 'autoencoder', n: 400, d: 64, rank: 4, spectrum: [4, 2, 1, 0.5], noise: 0.01 },
    models: [{ depth: 3 }, { depth: 2 }],
    init: { scheme: 'identity', delta: 6 },
    optimizer: { method: 'gd', stepSize: 1e-3, steps: 1e9 },
    record: { every: 1e8 },
    compute: { backend: 'js' },
  });
  const pool = new ComputePool(availableParallelism());
  const latencies: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const cancel = createCancel();
    const started = new Set<number>();
    const pending = runJob({ text, io: noFiles, out: null }, pool, cancel, { onProgress: (p) => void (p.progress.step > 0 && started.add(p.modelIndex)) });
    while (started.size < 2) await new Promise((r) => setTimeout(r, 10));
    const t = performance.now();
    cancel.cancel();
    await pending;
    latencies.push(performance.now() - t);
  }
  pool.dispose();
  console.log(`  a pool cancel, two models running: ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms (target ≤ 100 ms)`);
  const file = join(tmp, 'endless.lnn.json');
  writeFileSync(file, text);
  const child = spawn('node', ['bin/lnn-lab.js', 'run', file, '--out', join(tmp, 'endless.results.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  while (!/engine: /.test(stderr)) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 500));
  const t = performance.now();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  console.log(`  Ctrl-C on lnn-lab run to its exit (${code}), partial results written: ${(performance.now() - t).toFixed(0)} ms`);
}

export async function jobs(): Promise<void> {
  speedUp();
  await openLab();
  await cancelLatency();
}
