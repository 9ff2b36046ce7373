/**
 * Line-level markdown classifiers used by the block splitter. They look at one
 * line at a time and never at the rest of the document, which is what lets the
 * splitter decide block boundaries incrementally. They only need to be right
 * in the direction of safety: a missed boundary costs a bigger tail block, a
 * false one would change how the text renders, so anything ambiguous (indented
 * lines, list continuations) is treated as "not a boundary".
 */

/** An opening code fence: ``` or ~~~ (three or more), with its info string. */
export interface FenceOpener {
  readonly char: '`' | '~';
  readonly length: number;
  /** Columns of indentation before the marker (a tab counts as four). */
  readonly indent: number;
  /** The info string, trimmed; its first word is the language. */
  readonly info: string;
}

const OPENER = /^([ \t]*)(`{3,}|~{3,})([^\r]*)\r?$/;
const CLOSER = /^([ \t]*)(`{3,}|~{3,})[ \t]*\r?$/;
const BLANK = /^[ \t]*\r?$/;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\r?$)/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|\r?$)/;

/** Columns of leading whitespace, with tabs expanded to the next multiple of four. */
export function indentOf(line: string): number {
  let columns = 0;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charCodeAt(i);
    if (c === 0x20) columns += 1;
    else if (c === 0x09) columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

export function isBlank(line: string): boolean {
  return BLANK.test(line);
}

/** A list item marker at column 0 (`- `, `* `, `+ `, `1. `, `1) `). */
export function isListItem(line: string): boolean {
  return LIST_ITEM.test(line);
}

/** An ATX heading at column 0; it is always a block of its own. */
export function isAtxHeading(line: string): boolean {
  return ATX_HEADING.test(line);
}

export function fenceOpener(line: string): FenceOpener | null {
  const match = OPENER.exec(line);
  if (!match) return null;
  const [, spaces = '', marker = '', rest = ''] = match;
  // A backtick fence's info string may not contain a backtick (that is inline code).
  if (marker.startsWith('`') && rest.includes('`')) return null;
  return {
    char: marker.startsWith('`') ? '`' : '~',
    length: marker.length,
    indent: indentOf(spaces),
    info: rest.trim(),
  };
}

/**
 * Whether `line` closes `fence`. Fences opened at the top level close only
 * with at most three spaces of indentation (as CommonMark says); fences nested
 * in list items close at any indentation, since the splitter does not track
 * container indentation and erring towards "closed" there is harmless.
 */
export function closesFence(line: string, fence: FenceOpener, topLevel: boolean): boolean {
  const match = CLOSER.exec(line);
  if (!match) return false;
  const [, spaces = '', marker = ''] = match;
  if (topLevel && indentOf(spaces) > 3) return false;
  return marker.startsWith(fence.char) && marker.length >= fence.length;
}

/** The language named by a fence's info string, or null when there is none. */
export function fenceLanguage(info: string): string | null {
  const word = info.split(/[\s{]/, 1)[0] ?? '';
  return word === '' ? null : word;
}
