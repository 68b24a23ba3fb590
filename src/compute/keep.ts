// Keep (issue 13): a live preview's results, drawn but never written, saved as a run saves them —
// the results file claimed (checked, locked; a lock another run holds is said, not broken), the
// finished results it replaces moved into the history, then written atomically with spec §5.3's
// stamp. The one other writer of NAME.results.json beside runJob's saves (job.ts).
import { writeFileAtomic } from '../core/io';
import { stampResults } from '../core/results/results';
import type { Results } from '../core/types';
import { claimResultsFile } from './claim';

export interface Kept {
  /** The results file written. */
  savedTo: string;
  /** Where the results it replaced went (the history), or null when there were none. */
  previous: string | null;
}

/**
 * Writes `results` to `out` (the experiment's NAME.results.json) through the claim: throws
 * ResultsPathError (one line) when the path cannot be written or another run holds its lock.
 * `complete` stays what the results say (a cancelled preview is kept as incomplete).
 */
export async function keepResults(out: string, experimentPath: string | null, results: Results): Promise<Kept> {
  const claim = await claimResultsFile(out, experimentPath);
  try {
    const previous = await claim.keepPrevious();
    await writeFileAtomic(out, JSON.stringify(stampResults(results, results.complete !== false)));
    return { savedTo: out, previous };
  } finally {
    await claim.release();
  }
}
