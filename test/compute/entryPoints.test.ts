// One experiment file with a sweep, through every entry point of the job layer — `lnn-lab run` (a
// process), `lnn-lab report`'s run, the extension's worker as the Run command and as Open Lab use
// it (dist/runWorker.js in a worker thread, as the extension host starts it), and the job layer
// on one thread and on two — gives the same results (spec §5.3: identical but for wallMs,
// createdAt and tool).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { runText } from '../../src/compute/runText';
import { resultsOf } from '../../src/cli/report';
import { nodeDataIO } from '../../src/core/io';
import { checkResults } from '../../src/core/results/check';
import type { Results } from '../../src/core/types';
import type { RunReply, RunRequest, WorkerReply } from '../../src/extension/protocol';

if (!existsSync('dist/cli.js') || !existsSync('dist/runWorker.js')) spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
const tmp = mkdtempSync(join(tmpdir(), 'lnn-entry-'));
const file = join(tmp, 'sweep.lnn.json');
writeFileSync(
  file,
  JSON.stringify({
    name: 'entry points',
    data: { kind: 'autoencoder', n: 300, d: 12, rank: 3, spectrum: [3, 1.5, 0.6], noise: 0.01 },
    models: [{ depth: 1, label: 'linear' }, { depth: 2, label: 'two-layer' }, { depth: 3, label: 'three-layer' }],
    init: { scheme: 'identity', delta: 5 },
    optimizer: { method: 'gd', stepSize: 0.02, steps: 600 },
    record: { every: 20 },
    compute: { backend: 'js' },
    sweep: { path: '/optimizer/stepSize', values: [0.02, 0.05] },
  }),
);
const text = readFileSync(file, 'utf8');

/** The results without what spec §5.3 lets differ. */
function comparable(r: Results): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !['wallMs', 'createdAt', 'tool'].includes(k)).map(([k, x]) => [k, strip(x)]));
    return v;
  };
  return strip(JSON.parse(JSON.stringify(r)));
}

/** dist/runWorker.js as the extension host runs it: one `run` request, its reply. */
function extensionWorker(request: Omit<RunRequest, 'type' | 'id'>): Promise<{ reply: RunReply; events: string[] }> {
  const worker = new Worker(resolve('dist/runWorker.js'));
  const events: string[] = [];
  return new Promise<{ reply: RunReply; events: string[] }>((done, fail) => {
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'error') fail(new Error(m.message));
      else if (m.type === 'ran') done({ reply: m, events });
      else events.push(m.type);
    });
    worker.on('error', fail);
    worker.postMessage({ ...request, type: 'run', id: 1 } satisfies RunRequest);
  }).finally(() => void worker.terminate());
}

test('run, report, the Run command, Open Lab and the job layer (one thread, two) give the same results', async () => {
  const cliOut = join(tmp, 'cli.results.json');
  const cli = spawnSync('node', [resolve('bin/lnn-lab.js'), 'run', file, '--out', cliOut, '--quiet'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const byCli = JSON.parse(readFileSync(cliOut, 'utf8')) as Results;
  assert.deepEqual(checkResults(byCli), []);
  assert.equal(byCli.complete, true);
  assert.equal(byCli.sweep!.points.length, 2);
  assert.equal(byCli.runs.length, 3);

  const serial = await runText(text, { io: nodeDataIO(file), settings: { threads: 1 } });
  const parallel = await runText(text, { io: nodeDataIO(file), settings: { threads: 2 } });
  const report = await resultsOf(file);
  const runOut = join(tmp, 'run-command.results.json');
  const runCommand = await extensionWorker({ path: file, text, out: runOut, settings: {} });
  const labOut = join(tmp, 'open-lab.results.json');
  const openLab = await extensionWorker({ path: file, text, out: labOut, settings: {}, lab: { webgl: { ok: false, detail: 'not in this test' } } });

  const expected = comparable(byCli);
  assert.deepEqual(comparable(serial), expected, 'the job layer on one thread');
  assert.deepEqual(comparable(parallel), expected, 'the job layer on two threads');
  assert.deepEqual(comparable(report!), expected, 'lnn-lab report');
  assert.deepEqual(comparable(JSON.parse(readFileSync(runOut, 'utf8')) as Results), expected, 'the Run command (the extension worker)');
  assert.deepEqual(comparable(JSON.parse(readFileSync(labOut, 'utf8')) as Results), expected, 'Open Lab (saved)');
  assert.deepEqual(comparable(openLab.reply.results!), expected, 'Open Lab (shown)');
  // Open Lab streamed the run to the panel; the Run command only its progress
  for (const e of ['started', 'records', 'sweep']) assert.ok(openLab.events.includes(e), `Open Lab streams ${e}`);
  assert.deepEqual([...new Set(runCommand.events)], ['progress']);
  // what may differ does: provenance is written
  assert.equal(byCli.tool?.name, 'lnn-lab');
  assert.equal(byCli.tool?.version, (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  assert.ok(!Number.isNaN(Date.parse(byCli.createdAt!)));
});
