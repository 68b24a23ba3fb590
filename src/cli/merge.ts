// `lnn-lab merge OUT PARTS…`: the shard files of one sweep (lnn-lab run FILE --shard i/n on as many
// machines as there are shards) assembled into the results a single run gives (spec §5.3), written
// atomically to OUT under its lock (the previous results into the history, as `run` does). Parts of
// another experiment are refused, naming the file (nothing written, exit 1). Missing points are
// named (index, values, the shard that runs them); OUT is then still written, marked
// `complete: false`, and the exit code is 1 — run the missing shards and merge again, or
// `lnn-lab run FILE --out OUT`, which resumes OUT and runs only the missing points.
import { readTextFileSync, writeFileAtomic } from '../core/io';
import { stampResults } from '../core/results/results';
import { mergeSweepParts, type SweepPart } from '../core/sweep/merge';
import { shownValue } from '../core/sweep/points';
import { claimResultsFile } from '../compute/claim';
import { JobError } from '../compute/errors';
import { resolve } from 'node:path';

/** Results files can be large (every point's thinned runs): read at most this much per part. */
const MAX_PART_BYTES = 2 ** 29;

export interface MergeReport {
  code: number;
  /** Lines for stderr. */
  lines: string[];
}

/** Merges the parts into OUT; the exit code: 0 the whole sweep, 1 refused or points missing. */
export async function mergeFiles(out: string, files: readonly string[]): Promise<MergeReport> {
  const lines: string[] = [];
  const parts: SweepPart[] = [];
  for (const file of files) {
    let results: unknown;
    try {
      results = JSON.parse(readTextFileSync(file, MAX_PART_BYTES));
    } catch (e) {
      lines.push(`${file}: cannot read it as results (${(e as Error).message})`);
      continue;
    }
    parts.push({ name: file, results });
  }
  if (lines.length) return { code: 1, lines: [...lines, 'nothing merged'] };
  const merged = mergeSweepParts(parts);
  if (!merged.results) return { code: 1, lines: [...merged.refused, 'nothing merged'] };
  const shards = parts.flatMap((p) => ((p.results as { shard?: { count: number } }).shard ? [(p.results as { shard: { count: number } }).shard.count] : []));
  const count = shards.length && shards.every((n) => n === shards[0]) ? shards[0] : null;
  for (const m of merged.missing) {
    lines.push(`missing point ${m.index} (${m.values.map(shownValue).join(', ')})${count ? `: shard ${m.index % count}/${count} runs it` : ''}`);
  }
  try {
    const claim = await claimResultsFile(resolve(out), null);
    try {
      const previous = await claim.keepPrevious();
      await writeFileAtomic(resolve(out), JSON.stringify(stampResults(merged.results, merged.complete)));
      if (previous) lines.push(`the previous results were kept in ${previous}`);
    } finally {
      await claim.release();
    }
  } catch (e) {
    if (!(e instanceof JobError)) throw e;
    return { code: 1, lines: [...lines, e.message] };
  }
  const total = merged.results.sweep!.points.length + merged.missing.length;
  lines.push(
    merged.complete
      ? `merged ${parts.length} part(s): all ${total} points, written to ${out}`
      : `merged ${parts.length} part(s): ${merged.results.sweep!.points.length} of ${total} points, written to ${out} (complete: false)${merged.missing.length === 0 ? ': no part holds the last point\'s full runs' : ''}`,
  );
  return { code: merged.complete ? 0 : 1, lines };
}
