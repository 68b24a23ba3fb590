// A failure to build a problem, carried to loadProblem (index.ts) which turns it into a Diagnostic:
// never thrown past loadProblem (spec §3).
import type { Diagnostic, DiagnosticCode } from '../types';

export class ProblemError extends Error {
  constructor(
    readonly code: DiagnosticCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProblemError';
  }

  toDiagnostic(): Diagnostic {
    return { code: this.code, severity: 'error', message: this.message, path: this.path };
  }
}
