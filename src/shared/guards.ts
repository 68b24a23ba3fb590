// Run-time guards for what crosses a trust boundary (issue 12): a type guard per message type the
// webview sends the extension host (messages.ts FromWebview) — a compromised or buggy page is
// hostile input — export file names reduced to a base name, and control characters stripped
// from user-written text bound for a terminal or the output channel. Pure: no vscode, no Node.
import { checkResults } from '../core/results/check';
import type { RunResult } from '../core/types';
import type { CommandMessage, CompareHistoryMessage, ComputedMessage, ComputeFailedMessage, EditMessage, ExportMessage, FromWebview, ReadyMessage } from './messages';

type Guard<T> = (m: unknown) => m is T;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isString = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export const isReadyMessage: Guard<ReadyMessage> = (m): m is ReadyMessage =>
  isObject(m) && m.type === 'ready' && isObject(m.webgl) && typeof m.webgl.ok === 'boolean' && isString(m.webgl.detail, 2000);

export const isComputeFailedMessage: Guard<ComputeFailedMessage> = (m): m is ComputeFailedMessage =>
  isObject(m) && m.type === 'computeFailed' && isInt(m.jobId) && isString(m.reason, 10_000);

/** Export payloads larger than this (base64 characters) are refused: a chart's PNG is a few MB. */
export const MAX_EXPORT_BASE64 = 256 * 2 ** 20;
const EXPORT_EXTENSIONS = new Set(['png', 'svg', 'csv', 'json']);

export const isExportMessage: Guard<ExportMessage> = (m): m is ExportMessage =>
  isObject(m) &&
  m.type === 'export' &&
  isString(m.fileName, 1000) &&
  typeof m.base64 === 'string' &&
  m.base64.length <= MAX_EXPORT_BASE64 &&
  /^[A-Za-z0-9+/]*={0,2}$/.test(m.base64.slice(-4)); // a cheap look at the end; Buffer.from ignores the rest's junk

const COMMANDS = new Set<CommandMessage['command']>(['rerun', 'cancel', 'compare', 'openResults', 'keep', 'liveOn', 'liveOff', 'exportReport']);

export const isCommandMessage: Guard<CommandMessage> = (m): m is CommandMessage =>
  isObject(m) && m.type === 'command' && typeof m.command === 'string' && COMMANDS.has(m.command as CommandMessage['command']);

/** A slider's edit: a JSON pointer of plain segments (names or indices, at most 8) and a finite number. */
export const isEditMessage: Guard<EditMessage> = (m): m is EditMessage =>
  isObject(m) && m.type === 'edit' && isString(m.path, 200) && /^(\/[A-Za-z0-9_]{1,64}){1,8}$/.test(m.path) && typeof m.value === 'number' && Number.isFinite(m.value);

/** A history entry to compare: a path (the host accepts only those it listed). */
export const isCompareHistoryMessage: Guard<CompareHistoryMessage> = (m): m is CompareHistoryMessage => isObject(m) && m.type === 'compareHistory' && isString(m.file, 4096);

const isNumberArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'number');
const isNullableNumberArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => x === null || typeof x === 'number');
const isRows = (v: unknown, row: (r: unknown) => boolean): boolean => Array.isArray(v) && v.every(row);

/** Why a run from the webview is not a RunResult (spec §4 shape), or [] when it is. */
export function runProblems(run: unknown, at = 'run'): string[] {
  if (!isObject(run)) return [`${at}: not an object`];
  const errors: string[] = [];
  if (!isString(run.label, 1000)) errors.push(`${at}/label: not a string`);
  if (!isInt(run.depth) || (run.depth as number) < 1) errors.push(`${at}/depth: not a positive integer`);
  if (!isInt(run.width) || (run.width as number) < 1) errors.push(`${at}/width: not a positive integer`);
  if (typeof run.wallMs !== 'number') errors.push(`${at}/wallMs: not a number`);
  if (typeof run.backend !== 'string' || typeof run.precision !== 'string' || typeof run.method !== 'string') errors.push(`${at}: backend, precision and method must be strings`);
  if (!isNumberArray(run.steps) || !isNumberArray(run.loss) || !isNumberArray(run.excessLoss) || !isNumberArray(run.nuclearNorm)) {
    errors.push(`${at}: steps, loss, excessLoss and nuclearNorm must be arrays of numbers`);
  }
  if (!isRows(run.singularValues, isNumberArray)) errors.push(`${at}/singularValues: not rows of numbers`);
  for (const name of ['reducedRankDistance', 'componentValues'] as const) {
    if (run[name] !== null && !isRows(run[name], isNumberArray)) errors.push(`${at}/${name}: not rows of numbers`);
  }
  for (const name of ['scalarTheory', 'closedForm'] as const) {
    if (run[name] !== null && !isRows(run[name], isNullableNumberArray)) errors.push(`${at}/${name}: not rows of numbers`);
  }
  if (run.reconstructionError !== null && !isNullableNumberArray(run.reconstructionError)) errors.push(`${at}/reconstructionError: not numbers`);
  if (errors.length) return errors;
  // the shape spec §4 asks of a run (core/results/check.ts), on results that hold just this run:
  // its own sizes stand in for min(d, p) and r_xy, so every record must agree with the first
  const r = run as unknown as RunResult;
  const m = r.singularValues[0]?.length ?? 0;
  const rxy = r.componentValues?.[0]?.length ?? (r.reducedRankDistance?.[0]?.length ?? 1) - 1;
  const wrapped = {
    format: 'lnn-lab.results/1',
    experiment: {},
    problem: { d: m, p: m },
    theory: { sigma: new Array(Math.max(0, rxy)).fill(0) },
    diagnostics: [],
    runs: [r],
  };
  return checkResults(wrapped).map((e) => e.replace(/^runs\/0/, at));
}

export const isComputedMessage: Guard<ComputedMessage> = (m): m is ComputedMessage =>
  isObject(m) && m.type === 'computed' && isInt(m.jobId) && typeof m.final === 'boolean' && Array.isArray(m.runs) && m.runs.every((r, j) => runProblems(r, `runs/${j}`).length === 0);

const GUARDS: { [K in FromWebview['type']]: Guard<Extract<FromWebview, { type: K }>> } = {
  ready: isReadyMessage,
  computed: isComputedMessage,
  computeFailed: isComputeFailedMessage,
  export: isExportMessage,
  command: isCommandMessage,
  edit: isEditMessage,
  compareHistory: isCompareHistoryMessage,
};

/** The message as a FromWebview, or null (with why) when it is not one: a message of an unknown type or a bad shape. */
export function checkFromWebview(m: unknown): { message: FromWebview; problem: null } | { message: null; problem: string } {
  if (!isObject(m) || typeof m.type !== 'string' || !Object.prototype.hasOwnProperty.call(GUARDS, m.type)) {
    return { message: null, problem: `unknown message type ${isObject(m) ? JSON.stringify(String(m.type)).slice(0, 80) : typeof m}` };
  }
  const guard = GUARDS[m.type as FromWebview['type']] as Guard<FromWebview>;
  if (guard(m)) return { message: m, problem: null };
  if (m.type === 'computed' && Array.isArray(m.runs)) {
    const first = (m.runs as unknown[]).map((r, j) => runProblems(r, `runs/${j}`)).find((e) => e.length > 0);
    if (first) return { message: null, problem: `a "computed" message with a malformed run: ${first.slice(0, 3).join('; ')}` };
  }
  return { message: null, problem: `a malformed "${m.type}" message` };
}

/**
 * An export's file name from the webview, reduced to a plain base name: no folders (`../../.bashrc`
 * → `.bashrc` → `bashrc`), no leading dots, no control or reserved characters, an extension the
 * lab exports. Falls back to `lnn-lab-export.EXT`.
 */
export function safeExportName(fileName: string): string {
  const base = stripControl(fileName).split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 200);
  const m = /^(.*)\.([A-Za-z0-9]+)$/.exec(clean);
  const stem = (m ? m[1] : clean) || 'lnn-lab-export';
  const ext = m && EXPORT_EXTENSIONS.has(m[2].toLowerCase()) ? m[2].toLowerCase() : 'png';
  return `${stem}.${ext}`;
}

/** The extension of an export name (after safeExportName: one of png, svg, csv, json). */
export const exportExtension = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

// ---------------------------------------------------------------- text for terminals and logs

/** ANSI/VT escape sequences (CSI, OSC, and two-character escapes). */
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
/** C0 and C1 controls but tab and newline, DEL, and the bidirectional overrides (Trojan Source). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text with escape sequences removed and other control characters shown as "?" (tab and newline kept). */
export function stripControl(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '?');
}

/** One line for a terminal: stripControl, and newlines and tabs as spaces. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/[\n\t]/g, ' ');
}

/** An output channel (or anything with append/appendLine/replace) whose text is passed through stripControl. */
export function withoutControls<T extends { append(value: string): void; appendLine(value: string): void }>(channel: T): T {
  return new Proxy(channel, {
    get(target, prop) {
      if (prop === 'append' || prop === 'appendLine' || prop === 'replace') {
        return (value: string) => (target as unknown as Record<string, (v: string) => void>)[prop as string](stripControl(String(value)));
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
