// readExperiment: text → parsed JSONC → schema + semantic checks → every default filled (spec §2).
// Never throws on bad input: problems come back as `schema` diagnostics (spec §3).
import type { Diagnostic, Experiment } from '../types';
import { applyDefaults, widthsPending, type RawExperiment } from './defaults';
import { parseExperimentText } from './parse';
import { validateExperiment } from './validate';

export interface ReadExperiment {
  /** The experiment with every default filled, or null when a `schema` error prevents it. */
  experiment: Experiment | null;
  /** The parsed document as written (best effort on syntax errors). */
  raw: unknown;
  diagnostics: Diagnostic[];
  /**
   * true for `files` data while some model's width is still undefined (d, p unknown until the
   * data is read): call finishWidths(experiment, { d, p }) after loading it.
   */
  widthsPending: boolean;
}

export function readExperiment(text: string): ReadExperiment {
  const parsed = parseExperimentText(text);
  if (parsed.diagnostics.length > 0) {
    return { experiment: null, raw: parsed.value, diagnostics: parsed.diagnostics, widthsPending: false };
  }
  const diagnostics = validateExperiment(parsed.value);
  if (diagnostics.some((d) => d.severity === 'error')) {
    return { experiment: null, raw: parsed.value, diagnostics, widthsPending: false };
  }
  const experiment = applyDefaults(parsed.value as RawExperiment);
  return { experiment, raw: parsed.value, diagnostics, widthsPending: widthsPending(experiment) };
}

export { applyDefaults, dataDims, defaultRecordEvery, finishWidths, initScale, type ProblemDims, type RawExperiment } from './defaults';
export { locate, lineColAt, type SourceRange } from './locate';
export { parseExperimentText, type SyntaxDiagnostic } from './parse';
export { fieldName, formatPointer, getAtPointer, parsePointer } from './pointer';
export { schemaDiagnostics, validateExperiment } from './validate';
export { default as experimentSchema } from './schema.json';
