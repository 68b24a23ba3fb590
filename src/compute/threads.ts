// The one thread budget of the process: how many worker threads the compute service may keep busy
// at once (os.availableParallelism(), capped by `--threads` / `lnnLab.threads`). Everything that
// computes in parallel — models, sweep points, the baselines, and the helper threads of one model's
// large products (a gemm team: src/compute/gemmTeam.ts, lent by the pool only the threads that no
// task holds, per product) — draws from it, never on top of it.
import { availableParallelism } from 'node:os';

/** The threads a job may use: the machine's, or fewer when capped (0 or unset: no cap). */
export function threadBudget(cap?: number): number {
  const machine = Math.max(1, availableParallelism());
  return cap && cap > 0 ? Math.max(1, Math.min(machine, Math.floor(cap))) : machine;
}
