// Parse the experiment text as JSONC (comments and trailing commas allowed, spec §2). Syntax
// errors become `schema` diagnostics (spec §3) with a best-effort path and the offending range.
import { getLocation, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Diagnostic } from '../types';
import { lineColAt } from './locate';
import { formatPointer } from './pointer';

/** A diagnostic that also knows its exact source range (syntax errors have no JSON value to point at). */
export interface SyntaxDiagnostic extends Diagnostic {
  offset: number;
  length: number;
}

export interface ParseOutcome {
  /** The parsed value (best effort when there are syntax errors), undefined for empty text. */
  value: unknown;
  diagnostics: SyntaxDiagnostic[];
}

const PLAIN: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name (in double quotes) is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace } is expected',
  CloseBracketExpected: 'a closing bracket ] is expected',
  EndOfFileExpected: 'the file should end here',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

function syntaxDiagnostic(text: string, e: ParseError): SyntaxDiagnostic {
  const name = printParseErrorCode(e.error);
  let path = '';
  try {
    // best effort: the pointer of the value being read where the error was met
    const segments = getLocation(text, e.offset).path.filter((s) => s !== '');
    path = formatPointer(segments);
  } catch {
    path = '';
  }
  const { line, col } = lineColAt(text, e.offset);
  return {
    code: 'schema',
    severity: 'error',
    message:
      e.offset >= text.trimEnd().length
        ? `JSON syntax error: the file ends early (line ${line}, column ${col}): ${PLAIN[name] ?? name}`
        : `JSON syntax error at line ${line}, column ${col}: ${PLAIN[name] ?? name}`,
    path,
    offset: e.offset,
    length: e.length,
  };
}

export function parseExperimentText(text: string): ParseOutcome {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  // one diagnostic per place: a truncated file reports every unclosed brace at the same offset
  const seen = new Set<number>();
  const diagnostics = errors
    .filter((e) => (seen.has(e.offset) ? false : (seen.add(e.offset), true)))
    .map((e) => syntaxDiagnostic(text, e));
  if (errors.length === 0 && value === undefined) {
    diagnostics.push({
      code: 'schema',
      severity: 'error',
      message: 'the file is empty: an experiment is a JSON object with data, models and optimizer',
      path: '',
      offset: 0,
      length: 0,
    });
  }
  return { value, diagnostics };
}
