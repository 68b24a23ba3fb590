// The gemm team on Node (src/compute/gemmTeam.ts, dist/gemmTeamWorker.js): a whole run with its
// products split over helper threads gives the one-thread run's results bit for bit (in this
// process, and through the CLI's pool: --threads 1 against --threads 2, the whole results file
// but wallMs, createdAt and tool); the pool lends its spare threads and gets them back; a disposed
// engine's helpers end (the process exits by itself), and a cancelled lone model with a team ends.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { createCancel } from '../../src/compute/cancel';
import { nodeGemmThreads } from '../../src/compute/gemmTeam';
import { runJob } from '../../src/compute/job';
import { ComputePool } from '../../src/compute/pool';
import { Float64Engine, createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import type { EngineChoice } from '../../src/core/dynamics/run';
import { modelsOf, prepareExperiment, runModelOf } from '../../src/core/lab';
import type { GemmTeam } from '../../src/core/linalg/wasm/gemmTeam';
import { wasmThreadsAvailable } from '../../src/core/linalg/wasm/wasmGemm';
import { noFiles } from '../core/completion/helpers';

const BIN = resolve('bin/lnn-lab.js');
if (!existsSync('dist/cli.js') || !existsSync('dist/gemmTeamWorker.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
const tmp = mkdtempSync(join(tmpdir(), 'lnn-team-'));
const skip = !wasmThreadsAvailable() && 'no shared WebAssembly memory';

/** d = 128 (products 128³ ≥ 2·teamMin: split), depth 3, gd from a small random init; records every 20 steps. */
const experiment = (steps: number, every = 20) =>
  JSON.stringify({
    data: { kind: 'autoencoder', n: 400, d: 128, rank: 4, spectrum: [1, 0.6, 0.3, 0.1], noise: 0.01 },
    models: [{ depth: 3, width: 128, label: 'three-layer' }],
    init: { scheme: 'gaussian', scale: 1e-2 },
    optimizer: { method: 'gd', stepSize: 0.005, steps },
    record: { every },
    compute: { backend: 'js' },
  });

/** The results without what differs between two runs of the same file (spec §4: wallMs, createdAt, tool). */
function comparable(results: { createdAt?: unknown; tool?: unknown; runs: { wallMs?: unknown }[] }): string {
  const { createdAt: _c, tool: _t, ...rest } = results;
  return JSON.stringify({ ...rest, runs: results.runs.map(({ wallMs: _w, ...run }) => run) });
}

test('a whole run with its products on two threads equals the one-thread run bit for bit (the team was used)', { skip }, async () => {
  const input = modelsOf(await prepareExperiment(experiment(120), noFiles));
  const one = await runModelOf(input, 0, { factory: createFloat64Engine, backend: 'js', precision: 'float64' });
  const made: { team: GemmTeam | null } = { team: null };
  const threads = nodeGemmThreads(1)!;
  assert.ok(threads, 'dist/gemmTeamWorker.js is built');
  const choice: EngineChoice = {
    backend: 'js',
    precision: 'float64',
    factory: async (setup) => {
      const engine = new Float64Engine(setup, { team: threads });
      const team = (engine as unknown as { arena: { team: GemmTeam } }).arena.team;
      made.team = team;
      team.prestart(1);
      for (const t0 = Date.now(); team.ready < 1 && Date.now() - t0 < 20_000; ) await new Promise((r) => setTimeout(r, 5));
      return engine;
    },
  };
  const two = await runModelOf(input, 0, choice);
  const team = made.team;
  assert.ok(team, 'the engine made a team');
  assert.ok(team.threadedProducts > 100, `products split over the helper: ${team.threadedProducts}`);
  assert.equal(team.started, 0, 'disposed with the engine at the end of the run');
  assert.equal(two.stopReason, 'completed');
  assert.equal(comparable({ runs: [two] }), comparable({ runs: [one] }));
});

test('lnn-lab run --threads 2 (a lone model: the spare thread lent to its products) writes the --threads 1 results bit for bit', { skip }, () => {
  const file = join(tmp, 'team.lnn.json');
  writeFileSync(file, experiment(200));
  const out = (t: number) => {
    const path = join(tmp, `team-${t}.results.json`);
    const r = spawnSync('node', [BIN, 'run', file, '--out', path, '--threads', String(t)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(readFileSync(path, 'utf8'));
  };
  const one = out(1), two = out(2);
  assert.equal(one.runs[0].stopReason, 'completed');
  assert.equal(comparable(two), comparable(one));
});

test('a disposed engine leaves no helper thread: the process exits by itself', { skip }, () => {
  const script = join(tmp, 'dispose.ts');
  writeFileSync(
    script,
    `import { nodeGemmThreads } from ${JSON.stringify(resolve('src/compute/gemmTeam.ts'))};
     import { WasmArena, arenaDoubles } from ${JSON.stringify(resolve('src/core/linalg/wasm/wasmGemm.ts'))};
     const arena = new WasmArena(arenaDoubles([3 * 128 * 128]), { team: nodeGemmThreads(3) });
     arena.team!.prestart(3);
     const t0 = Date.now();
     const wait = () => {
       if (arena.team!.ready < 3 && Date.now() - t0 < 20000) return void setTimeout(wait, 5);
       const A = arena.alloc(128 * 128).fill(1), B = arena.alloc(128 * 128).fill(2), C = arena.alloc(128 * 128);
       arena.gemm(A, B, C, 128, 128, 128);
       console.log(arena.team!.ready, arena.team!.threadedProducts, C[0]);
       arena.dispose();
     };
     wait();`,
  );
  const r = spawnSync('node', ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.signal, null, 'exited by itself (not killed at the timeout)');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split(' ').map(Number), [3, 1, 256]);
});

test('a cancel of a lone model whose products run on the lent thread ends it (its helpers with it), and the pool stops', { skip }, async () => {
  const pool = new ComputePool(2);
  const cancel = createCancel();
  let step = 0;
  try {
    const pending = runJob({ text: experiment(1e9, 1e8), io: noFiles, out: null }, pool, cancel, {
      onProgress: (p) => {
        step = p.progress.step;
      },
    });
    // running past the helpers' start: products split by now
    for (const t0 = Date.now(); step < 200 && Date.now() - t0 < 60_000; ) await new Promise((r) => setTimeout(r, 20));
    assert.ok(step >= 200, `running (step ${step})`);
    const sent = Date.now();
    cancel.cancel();
    const outcome = await pending;
    process.stdout.write(`# cancel latency with a team: ${Date.now() - sent} ms\n`);
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.results!.runs[0].stopReason, 'cancelled');
  } finally {
    pool.dispose();
  }
});
