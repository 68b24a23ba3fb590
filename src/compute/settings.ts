// The settings a shell lays over an experiment before it runs (spec §2 `compute`, `record`): the
// CLI's --backend (always wins), VS Code's lnnLab.defaultBackend (only where the file leaves
// compute.backend unset, read from the document as written) and lnnLab.recordLimit. Applied once
// per prepared experiment — the file's, and every sweep point's — here and nowhere else.
import { recordSchedule } from '../core/dynamics/schedule';
import type { Prepared } from '../core/lab';
import type { Backend } from '../core/types';

export interface RunSettings {
  /** Overrides compute.backend whatever the file says (`lnn-lab run --backend`). */
  backend?: Backend;
  /** compute.backend when the file leaves it unset (`lnnLab.defaultBackend`); "auto" changes nothing. */
  defaultBackend?: Backend;
  /** At most this many records per run: a larger `record.every` is chosen (0 or unset: no limit). */
  recordLimit?: number;
  /** At most this many worker threads (`--threads`, `lnnLab.threads`); 0 or unset: the machine's. */
  threads?: number;
  /** The memory budget in bytes (`lnnLab.memoryBudget`, LNN_LAB_MEMORY_BUDGET; spec §5.7); unset: a fraction of the machine's. */
  memoryBudget?: number;
}

const BACKENDS: readonly Backend[] = ['auto', 'webgl', 'wasm', 'cpu', 'js'];

/** A backend name from a flag or a setting, or an error that names it. */
export function parseBackend(value: string | undefined, from: string): Backend | undefined {
  if (value === undefined || value === '') return undefined;
  if ((BACKENDS as readonly string[]).includes(value)) return value as Backend;
  throw new Error(`${from}: "${value}" is not a backend (one of ${BACKENDS.join(', ')})`);
}

/** Whether the document as written sets compute.backend. */
function fileSetsBackend(raw: unknown): boolean {
  const compute = (raw as { compute?: { backend?: unknown } } | null | undefined)?.compute;
  return compute !== undefined && compute !== null && typeof compute === 'object' && compute.backend !== undefined;
}

/** Lays the settings over a prepared experiment (in place); returns what changed, for the log. */
export function applyRunSettings(prepared: Prepared, settings: RunSettings): string[] {
  const exp = prepared.experiment;
  const notes: string[] = [];
  if (!exp) return notes;
  if (settings.backend) {
    if (settings.backend !== exp.compute.backend) notes.push(`compute.backend ${exp.compute.backend} → ${settings.backend} (--backend)`);
    exp.compute = { ...exp.compute, backend: settings.backend };
  } else if (settings.defaultBackend && settings.defaultBackend !== 'auto' && !fileSetsBackend(prepared.raw)) {
    exp.compute = { ...exp.compute, backend: settings.defaultBackend };
    notes.push(`compute.backend unset: lnnLab.defaultBackend "${settings.defaultBackend}"`);
  }
  const limit = settings.recordLimit ?? 0;
  if (limit > 0 && recordSchedule(exp.record, exp.optimizer.steps).count > limit) {
    if ('every' in exp.record) {
      const every = Math.ceil(exp.optimizer.steps / Math.max(1, limit - 1));
      notes.push(`record.every ${exp.record.every} → ${every} (lnnLab.recordLimit ${limit})`);
      exp.record = { every };
    } else {
      notes.push(`record.points ${exp.record.points} → ${limit} (lnnLab.recordLimit ${limit})`);
      exp.record = { points: Math.max(2, limit), spacing: 'log' };
    }
  }
  return notes;
}
