// Where a run's results go (pure): NAME.results.json beside NAME.lnn.json, as the CLI does, or in
// the `lnnLab.resultsFolder` setting (relative to the workspace folder, else to the experiment).
import { basename, dirname, isAbsolute, join } from 'node:path';

export function resultsName(experimentPath: string): string {
  return basename(experimentPath).replace(/(\.lnn)?\.jsonc?$/, '') + '.results.json';
}

export function resultsPathFor(experimentPath: string, resultsFolder: string | undefined, workspaceFolder: string | undefined): string {
  const folder = (resultsFolder ?? '').trim();
  if (!folder) return join(dirname(experimentPath), resultsName(experimentPath));
  const base = isAbsolute(folder) ? folder : join(workspaceFolder ?? dirname(experimentPath), folder);
  return join(base, resultsName(experimentPath));
}
