// JSON pointer ↔ source range in the experiment text (spec §3: every diagnostic has a `path`).
// Pure: the extension turns offsets into vscode Ranges, the CLI prints `file:line:col`.
import { parseTree, type Node } from 'jsonc-parser';
import { nestingBeyond } from './parse';
import { parsePointer } from './pointer';

export interface SourceRange {
  /** 0-based offset of the value (or of the nearest existing ancestor). */
  offset: number;
  length: number;
  /** 1-based line and column of `offset` (columns in UTF-16 code units). */
  line: number;
  col: number;
  /** Where the pointer's property key is, when the value sits under a key (for a tighter underline). */
  key?: { offset: number; length: number };
  /** false when the pointer does not exist and the range is its nearest existing ancestor's. */
  exact: boolean;
}

/** 1-based line and column of a 0-based offset. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}

function child(node: Node, segment: string | number): Node | undefined {
  if (node.type === 'object') {
    const key = String(segment);
    // the last property of a duplicated key wins, as in JSON.parse
    const props = (node.children ?? []).filter((p) => p.children?.[0]?.value === key);
    return props.length ? props[props.length - 1] : undefined;
  }
  if (node.type === 'array' && typeof segment === 'number') return node.children?.[segment];
  return undefined;
}

/**
 * The source range of the value at a JSON pointer. A pointer to a missing property maps to its
 * nearest existing ancestor (its parent object for a missing required field); the root, and any
 * text that does not parse to a value, map to offset 0.
 */
export function locate(text: string, pointer: string): SourceRange {
  // a text nested too deep is not parsed (the parser recurses): its range is where it gets too deep
  const deep = nestingBeyond(text);
  if (deep >= 0) return { offset: deep, length: 1, ...lineColAt(text, deep), exact: pointer === '' };
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return { offset: 0, length: 0, ...lineColAt(text, 0), exact: pointer === '' };
  let node: Node = root;
  let keyNode: Node | undefined;
  let exact = true;
  for (const segment of parsePointer(pointer)) {
    const next = child(node, segment);
    if (!next) {
      exact = false;
      break;
    }
    if (next.type === 'property') {
      keyNode = next.children?.[0];
      const value = next.children?.[1];
      if (!value) {
        exact = false;
        break;
      }
      node = value;
    } else {
      keyNode = undefined;
      node = next;
    }
  }
  const range: SourceRange = { offset: node.offset, length: node.length, ...lineColAt(text, node.offset), exact };
  if (keyNode && node !== root) range.key = { offset: keyNode.offset, length: keyNode.length };
  return range;
}
