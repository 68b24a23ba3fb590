// Diagnostics printed like a compiler's: `file:line:col: severity code: message`. Messages quote
// what a user wrote (labels, file names): control characters (ANSI escapes) never reach the terminal.
import { locate } from '../core/experiment/index';
import type { Diagnostic } from '../core/types';
import { oneLine } from '../shared/guards';

export function formatDiagnostic(file: string, text: string, d: Diagnostic): string {
  const at = locate(text, d.path);
  const limit = d.limit !== undefined ? ` [limit ${d.limit}]` : '';
  return oneLine(`${file}:${at.line}:${at.col}: ${d.severity} ${d.code}: ${d.message}${limit}`);
}
