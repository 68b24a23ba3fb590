// Diagnostics printed like a compiler's: `file:line:col: severity code: message`.
import { locate } from '../core/experiment/index';
import type { Diagnostic } from '../core/types';

export function formatDiagnostic(file: string, text: string, d: Diagnostic): string {
  const at = locate(text, d.path);
  const limit = d.limit !== undefined ? ` [limit ${d.limit}]` : '';
  return `${file}:${at.line}:${at.col}: ${d.severity} ${d.code}: ${d.message}${limit}`;
}
