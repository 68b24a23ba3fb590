// History in the lab panel (issue 13): the finished results that runs replaced, which the job layer
// keeps in .lnn-lab/history/NAME/ beside the results (src/compute/claim.ts historyFolder), listed
// for the experiment shown — newest first, each with its time and the experiment fields that differ
// from the results saved now — for the panel to list and overlay (Compare).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { historyFolder } from '../compute/claim';
import { readResultsFile } from '../compute/resultsFile';
import type { Results } from '../core/types';
import { experimentDiff } from '../shared/experimentDiff';
import type { HistoryEntry } from '../shared/messages';

/** The history of the results file `out`, newest first; `current` (the results saved now) is what each entry is compared with. */
export async function listHistory(out: string, current: Results | null, log: (s: string) => void = () => undefined): Promise<HistoryEntry[]> {
  const folder = historyFolder(out);
  const names = await readdir(folder).catch(() => [] as string[]);
  const entries: HistoryEntry[] = [];
  for (const name of names.filter((n) => n.endsWith('.results.json')).sort().reverse()) {
    const file = join(folder, name);
    try {
      const info = await stat(file);
      if (!info.isFile()) continue;
      const kept = await readResultsFile(file);
      entries.push({
        file,
        time: typeof kept.createdAt === 'string' ? kept.createdAt : new Date(info.mtimeMs).toISOString(),
        changed: current ? experimentDiff(kept.experiment, current.experiment) : [],
        complete: typeof kept.complete === 'boolean' ? kept.complete : null,
      });
    } catch (e) {
      log(`lab: history: cannot read ${file}: ${(e as Error).message}`);
    }
  }
  return entries;
}
