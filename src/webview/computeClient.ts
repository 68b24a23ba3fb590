// The page's side of the compute worker (computeWorker.ts, inlined in this bundle by esbuild.mjs
// and started from a Blob URL — VS Code webviews load workers only from blob: or data: URIs). It
// starts the worker once (its WebGL probe answers the host's `ready`), hands it a compute, mirrors
// the records it streams, and cancels: the worker stops at the engine's next advance, and when it
// has not answered within the grace (100 ms) the page terminates it and returns the runs recorded
// so far, marked cancelled (a fresh worker starts for the next compute).
import workerSource from 'compute-worker-source';
import type { Progress } from '../core/dynamics/run';
import type { RunResult } from '../core/types';
import type { FromComputeWorker, ToComputeWorker, WebglProbe } from '../shared/messages';
import { appendRun } from '../shared/runSlice';
import type { Wire } from '../shared/wire';

/** How long a cancelled worker has to answer before it is terminated (ms); tests may lengthen it. */
export const cancelGrace = { ms: 100 };

export interface ComputeHooks {
  signal: AbortSignal;
  /** Records of model `modelIndex` from index `from` on, as the worker posted them. */
  onRecords(modelIndex: number, from: number, slice: RunResult): void;
  onProgress(p: Progress): void;
  /** After each model, the runs so far. */
  onRun(runs: RunResult[]): void;
}

interface Job {
  jobId: number;
  hooks: ComputeHooks;
  runs: RunResult[];
  /** The model running now, as mirrored from its slices, and when its first slice came. */
  live: Map<number, { run: RunResult; since: number }>;
  settle(outcome: { runs: RunResult[] } | { error: Error }): void;
}

interface Started {
  worker: Worker;
  probed: Promise<WebglProbe>;
}

/** What tests (and devtools) can see of the compute: that it lives in a worker, when its messages were posted, how cancels ended. */
export const computeStats = {
  workersStarted: 0,
  workersTerminated: 0,
  /** postedAt of the last records/progress messages of the last job (at most POSTED_KEPT; worker clock, ms since the epoch). */
  postedAt: [] as number[],
  /** How the last cancel ended: the worker answered, or it was terminated; and after how many ms. */
  lastCancel: null as null | { how: 'answered' | 'terminated'; ms: number },
};

const POSTED_KEPT = 1000;
const notePosted = (at: number) => {
  computeStats.postedAt.push(at);
  if (computeStats.postedAt.length > POSTED_KEPT) computeStats.postedAt.splice(0, computeStats.postedAt.length - POSTED_KEPT);
};

let started: Started | null = null;
let job: Job | null = null;

function start(): Started {
  if (started) return started;
  let worker: Worker;
  try {
    const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    worker = new Worker(url, { name: 'lnn-lab-compute' });
    // the worker has read its script once it runs; the URL is not needed after
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    const detail = `the compute worker could not start (${e instanceof Error ? e.message : String(e)})`;
    return { worker: null as unknown as Worker, probed: Promise.resolve({ ok: false, detail }) };
  }
  computeStats.workersStarted++;
  let answer: (p: WebglProbe) => void = () => undefined;
  const probed = new Promise<WebglProbe>((resolve) => (answer = resolve));
  worker.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as FromComputeWorker;
    if (m.type === 'probed') answer(m.webgl);
    else receive(m);
  });
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    const reason = `the compute worker failed: ${e.message || 'error'}`;
    answer({ ok: false, detail: reason });
    stop();
    job?.settle({ error: new Error(reason) });
  });
  started = { worker, probed };
  return started;
}

/** Terminates the worker; the next compute starts a fresh one. */
function stop(): void {
  if (!started) return;
  started.worker?.terminate();
  computeStats.workersTerminated++;
  started = null;
}

function receive(m: Exclude<FromComputeWorker, { type: 'probed' }>): void {
  const j = job;
  if (!j || m.jobId !== j.jobId) return;
  switch (m.type) {
    case 'records': {
      notePosted(m.postedAt);
      const cur = j.live.get(m.modelIndex);
      j.live.set(m.modelIndex, { run: appendRun(cur?.run, m.run, m.from), since: cur?.since ?? performance.now() });
      j.hooks.onRecords(m.modelIndex, m.from, m.run);
      return;
    }
    case 'progress':
      notePosted(m.postedAt);
      j.hooks.onProgress(m.progress);
      return;
    case 'modelDone':
      j.live.delete(m.modelIndex);
      j.runs[m.modelIndex] = m.run;
      j.hooks.onRun([...j.runs]);
      return;
    case 'done':
      j.settle({ runs: [...j.runs] });
      return;
    case 'failed':
      j.settle({ error: new Error(m.reason) });
      return;
  }
}

/** Whether tfjs WebGL initialises in the compute worker (starting it if need be). */
export function probeWebgl(): Promise<WebglProbe> {
  return start().probed;
}

/** The runs so far: those done, and the one running cut at its last record, marked cancelled. */
function cancelledRuns(j: Job): RunResult[] {
  const runs = [...j.runs];
  for (const [i, { run, since }] of j.live) {
    runs[i] = { ...run, stopReason: 'cancelled', stoppedAt: run.steps.at(-1) ?? 0, wallMs: performance.now() - since };
  }
  return runs.filter((r) => r !== undefined);
}

/** A new compute replaces one still running: that one ends now, as cancelled, with its worker. */
function endCurrent(): void {
  const old = job;
  if (!old) return;
  stop();
  old.settle({ runs: cancelledRuns(old) });
}

/** A worker with WebGL and no job, started if need be (again, if it went or another compute took it while it probed). */
async function idleWorker(): Promise<Worker> {
  for (let attempt = 0; attempt < 3; attempt++) {
    endCurrent();
    const s = start();
    const probe = await s.probed;
    if (!probe.ok) throw new Error(probe.detail);
    if (started === s && !job) return s.worker;
  }
  throw new Error('the compute worker was replaced while it started');
}

/** Runs every model of `input` (core/lab.ts PackedModels on the wire) in the compute worker. */
export async function computeInWorker(jobId: number, input: Wire, hooks: ComputeHooks): Promise<RunResult[]> {
  const worker = await idleWorker();
  if (hooks.signal.aborted) return [];
  computeStats.postedAt = [];
  return new Promise<RunResult[]>((resolve, reject) => {
    let timer = 0;
    let cancelledAt = 0;
    const j: Job = {
      jobId,
      hooks,
      runs: [],
      live: new Map(),
      settle: (outcome) => {
        if (job !== j) return;
        job = null;
        window.clearTimeout(timer);
        hooks.signal.removeEventListener('abort', onAbort);
        if (cancelledAt && 'runs' in outcome) computeStats.lastCancel ??= { how: 'answered', ms: performance.now() - cancelledAt };
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.runs);
      },
    };
    const onAbort = () => {
      cancelledAt = performance.now();
      computeStats.lastCancel = null;
      post(worker, { type: 'cancel', jobId });
      timer = window.setTimeout(() => {
        if (job !== j) return;
        // mid-advance: the worker cannot answer before its engine returns, so it goes
        stop();
        computeStats.lastCancel = { how: 'terminated', ms: performance.now() - cancelledAt };
        j.settle({ runs: cancelledRuns(j) });
      }, cancelGrace.ms);
    };
    job = j;
    post(worker, { type: 'compute', jobId, input });
    hooks.signal.addEventListener('abort', onAbort, { once: true });
  });
}

const post = (worker: Worker, m: ToComputeWorker) => worker.postMessage(m);
