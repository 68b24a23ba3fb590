// The diagnostic codes of spec §3: severity, path and the paper condition each one speaks for,
// plus the thresholds the conditions use. The static checks (static.ts) build from this table.
import type { Diagnostic, DiagnosticCode, Severity } from '../types';

export interface CodeInfo {
  /** The severities the code can take (first: the usual one). */
  severity: readonly Severity[];
  /** The JSON pointer it is reported at (`j` a model index). */
  path: string;
  /** The condition, in the paper's words (spec §3). */
  condition: string;
}

export const PATHS = {
  stepSize: '/optimizer/stepSize',
  steps: '/optimizer/steps',
  data: '/data',
  initDelta: '/init/delta',
  initScale: '/init/scale',
  modelWidth: (j: number) => `/models/${j}/width`,
  record: '/record',
} as const;

export const THRESHOLDS = {
  /** RK4's stability interval on the negative real axis, −2.785…: flow diverges for h·ρ beyond it. */
  rk4RealAxis: 2.78,
  /** σ_i, σ_{i+1} with relative gap (σ_i − σ_{i+1})/σ_i below this are one degenerate pair. */
  degenerateGap: 1e-9,
  /** Δxy above this: Assumption 1 is far from holding (warning). */
  commutativityWarning: 0.1,
  /** Δxy above this: Thm 1–3 are approximate (info). */
  commutativityInfo: 1e-6,
  /** λ w0/σ above this at the last learnable component: phase transitions overlap. */
  notVanishingRatio: 1e-2,
} as const;

export const CODES: Record<DiagnosticCode, CodeInfo> = {
  schema: { severity: ['error'], path: 'the offending value', condition: 'the file does not match the schema' },
  'stepSize.diverges': {
    severity: ['error'],
    path: PATHS.stepSize,
    condition:
      'gd: η·max_i ρ_i ≥ 2 for some model (depth 1 also η ≥ 2/λmax(Σx)); flow: η·max_i ρ_i ≥ 2.78; completion depth 1: η ≥ 2|Ω| (gd), 2.78|Ω| (flow); or a run diverged',
  },
  'stepSize.stability': { severity: ['warning'], path: PATHS.stepSize, condition: 'gd, depth ≥ 2: η ≥ 1/(2σ1) (GBL Thm 3, Cor. 3)' },
  'stepSize.eigengap': {
    severity: ['warning'],
    path: PATHS.stepSize,
    condition:
      'gd, depth ≥ 2: some i < r_xy has η ≥ 2(σ_i − σ_{i+1})/σ_i² or η ≥ (σ_i − σ_{i+1})/(2σ_{i+1}²) (GBL Cor. 3); degenerate pairs are left to spectrum.degenerate',
  },
  'spectrum.degenerate': { severity: ['warning'], path: PATHS.data, condition: 'σ_i = σ_{i+1} (relative gap < 1e-9)' },
  'assumption.commutativity': { severity: ['info', 'warning'], path: PATHS.data, condition: 'Δxy above 1e-6 (info) or 0.1 (warning)' },
  'init.notVanishing': { severity: ['info'], path: PATHS.initDelta, condition: 'λ w0/σ above 1e-2 at the last learnable component' },
  'steps.horizon': {
    severity: ['warning'],
    path: PATHS.steps,
    condition: 'for some model of depth ≥ 2 the predicted phase step of the last learnable component lies beyond steps',
  },
  'width.rankConstrained': { severity: ['info'], path: '/models/j/width', condition: 'width < min(d, p)' },
  'record.coarse': {
    severity: ['info'],
    path: PATHS.record,
    condition: 'the first record after step 0 comes after the first predicted phase step of a model of depth ≥ 2: the first transition is not sampled (spec §5.4 log-spaced records sample it)',
  },
  'data.file': {
    severity: ['error', 'info'],
    path: 'the file field, e.g. /data/x',
    condition:
      'a data file is missing, unreadable, not a regular file (a FIFO, a device, a directory, under /dev /proc /sys), too large, a gzip bomb, of unknown format or of inconsistent shape (error); Restricted Mode: no data file is read (info, at /data)',
  },
  'data.moments': { severity: ['error', 'warning'], path: PATHS.data, condition: 'Σx not symmetric or not PSD (error); Σxy not in range(Σx) or some λ_i ≤ 0 (warning)' },
  'data.mask': { severity: ['error', 'warning'], path: PATHS.data, condition: 'completion mask of the wrong shape or empty (error); a row or column unobserved (warning)' },
  'budget.memory': {
    severity: ['error'],
    path: 'the field that sets the size, e.g. /data/d, /models/j/width, /record/every',
    condition: 'the estimated peak memory of the runs that would run at once exceeds the memory budget (spec §5.7; diagnostics/budget.ts)',
  },
  'budget.time': {
    severity: ['warning', 'error'],
    path: '/optimizer/steps (the runs), the field that sets the size (preparing)',
    condition: 'the runs would take longer than 10 min at the engine\'s measured speed (warning); preparing the data and theory would take longer than 30 s (error: refused before starting)',
  },
};

export function makeDiagnostic(
  code: DiagnosticCode,
  message: string,
  path: string,
  options: { limit?: number; severity?: Severity } = {},
): Diagnostic {
  const d: Diagnostic = { code, severity: options.severity ?? CODES[code].severity[0], message, path };
  if (options.limit !== undefined) d.limit = options.limit;
  return d;
}

/** `run` refuses a file only on `schema`, `data.file` or budget (spec §5.7) errors (spec §3). */
export function refusesRun(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error' && (d.code === 'schema' || d.code === 'data.file' || d.code === 'budget.memory' || d.code === 'budget.time'));
}
