// Reading a results file, for every shell that opens one (Open Results, the panel's restore,
// `lnn-lab report`): parsed and checked by the core (checkResults) before anything draws it.
import { readDataFile } from '../core/io';
import { checkResults } from '../core/results/check';
import type { Results } from '../core/types';

/** Whether a text is a results file (its format field), rather than an experiment. */
export function looksLikeResults(text: string): boolean {
  try {
    return (JSON.parse(text) as { format?: unknown })?.format === 'lnn-lab.results/1';
  } catch {
    return false;
  }
}

/** The results in a text, or an error naming what is wrong (the first problems checkResults finds). */
export function parseResults(text: string): Results {
  const value: unknown = JSON.parse(text);
  const problems = checkResults(value);
  if (problems.length) throw new Error(`not a valid results file: ${problems.slice(0, 5).join('; ')}`);
  return value as Results;
}

/** At most this many bytes in a results file read back (a long run with many records is tens of MB). */
export const MAX_RESULTS_BYTES = 2 ** 30;

export async function readResultsFile(path: string): Promise<Results> {
  // read as data files are (io.ts): a FIFO, a device or a directory is refused at once, never waited on
  return parseResults(new TextDecoder('utf-8').decode(await readDataFile(path, MAX_RESULTS_BYTES)));
}
