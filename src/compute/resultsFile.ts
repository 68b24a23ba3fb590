// Reading a results file, for every shell that opens one (Open Results, the panel's restore,
// `lnn-lab report`): parsed and checked by the core (checkResults) before anything draws it.
import { readFile } from 'node:fs/promises';
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

export async function readResultsFile(path: string): Promise<Results> {
  return parseResults(await readFile(path, 'utf8'));
}
