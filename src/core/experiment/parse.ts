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

/** Deepest nesting of arrays and objects an experiment may have (its deepest field is ~4 levels; a matrix 3). */
export const MAX_NESTING = 64;
/** Longest experiment text read (characters): a moments file of d = 1000 fits many times. */
export const MAX_TEXT_LENGTH = 64 * 2 ** 20;

/**
 * The offset where the nesting of brackets first exceeds max (strings and comments skipped), or -1.
 * A linear scan with no recursion: run before the parser, whose recursion a deep file would overflow.
 */
export function nestingBeyond(text: string, max: number = MAX_NESTING): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote (escapes skipped)
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22 || s === 0x0a) break;
      }
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  return -1;
}

export function parseExperimentText(text: string): ParseOutcome {
  if (text.length > MAX_TEXT_LENGTH) {
    return {
      value: undefined,
      diagnostics: [{ code: 'schema', severity: 'error', message: `the file has ${text.length} characters, more than the ${MAX_TEXT_LENGTH} an experiment may have`, path: '', offset: 0, length: 0 }],
    };
  }
  const deep = nestingBeyond(text);
  if (deep >= 0) {
    const { line, col } = lineColAt(text, deep);
    return {
      value: undefined,
      diagnostics: [
        {
          code: 'schema',
          severity: 'error',
          message: `nested more than ${MAX_NESTING} levels deep at line ${line}, column ${col}: an experiment is a few levels of objects and arrays`,
          path: '',
          offset: deep,
          length: 1,
        },
      ],
    };
  }
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
