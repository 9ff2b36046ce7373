/**
 * Makes the unfinished tail of a streaming answer render as what it is
 * becoming, rather than as raw syntax that flashes and then disappears:
 * `**bold te` shows bold, `[docs](https://exa` shows "docs" until the link is
 * complete, a half-typed table row or list marker waits for its line to end.
 *
 * Healing only ever appends closing delimiters or holds back characters; its
 * output goes through the same parser and safe renderer as everything else,
 * and it is applied only to the tail while streaming. Once the answer (or the
 * block) is finished, the real text is rendered.
 */

/** Incomplete last lines that would flash as the wrong structure: show them once complete. */
const HOLD_BACK = [
  // Only block markers so far: "-", "1.", "##", "===" (a setext underline), ">".
  /^[ \t]*(?:>[ \t]*)*(?:[-*+=_#]+|\d{1,9}[.)]?)?[ \t]*$/,
  // A code fence opener still being typed (its language would flicker).
  /^[ \t]*(?:`{3,}|~{3,})[^`]*$/,
  /^[ \t]*`{1,2}$/,
  // A table row: rows appear whole.
  /^[ \t]{0,3}\|/,
];
const TABLE_ROW = /^[ \t]{0,3}\|/;
const LINE_PREFIX =
  /^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:#{1,6}[ \t]+)?/;
const ALNUM = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/** `inFence`: the tail ends inside a code block, where nothing is markdown. */
export function healTail(tail: string, inFence: boolean): string {
  if (inFence) return tail;
  const cut = tail.lastIndexOf('\n') + 1;
  const line = tail.slice(cut);
  const held = HOLD_BACK.some((pattern) => pattern.test(line));
  if (!held) return tail.slice(0, cut) + healLine(line);
  return dropLoneTableHeader(tail.slice(0, cut));
}

/** A header row with no delimiter row yet is not a table yet: it would show as "| a | b |". */
function dropLoneTableHeader(head: string): string {
  const end = head.length - 1;
  const start = head.lastIndexOf('\n', end - 1) + 1;
  const last = head.slice(start, end);
  if (!TABLE_ROW.test(last)) return head;
  const previous = head.slice(head.lastIndexOf('\n', start - 2) + 1, Math.max(start - 1, 0));
  return start > 0 && TABLE_ROW.test(previous) ? head : head.slice(0, start);
}

function healLine(line: string): string {
  const prefix = LINE_PREFIX.exec(line)?.[0] ?? '';
  return prefix + healInline(line.slice(prefix.length));
}

interface Opener {
  readonly marker: string;
  readonly at: number;
}

/** Closes (or drops, when nothing follows them) unmatched emphasis, code and link syntax. */
export function healInline(text: string): string {
  const openers: Opener[] = [];
  const brackets: number[] = [];
  let body = text;
  let codeCloser = '';
  for (let i = 0; i < text.length;) {
    const c = text.charAt(i);
    if (c === '\\') {
      i += 2;
    } else if (c === '`') {
      const run = runLength(text, i);
      const close = findRun(text, i + run, run);
      if (close === -1) {
        // Unclosed inline code: the rest is code. Nothing after it yet: drop the backticks.
        if (text.slice(i + run).trim() === '') body = text.slice(0, i);
        else codeCloser = '`'.repeat(run);
        break;
      }
      i = close + run;
    } else if (c === '[') {
      brackets.push(i);
      i += 1;
    } else if (c === ']') {
      const open = brackets.pop();
      if (text.charAt(i + 1) === '(' && open !== undefined) {
        const close = text.indexOf(')', i + 2);
        if (close === -1) {
          // Destination still streaming: show the link text alone until it is complete.
          const bang = open > 0 && text.charAt(open - 1) === '!' ? 1 : 0;
          body = text.slice(0, open - bang) + text.slice(open + 1, i);
          dropAfter(openers, open - bang);
          break;
        }
        i = close + 1;
      } else {
        i += 1;
      }
    } else if (c === '*' || c === '_' || c === '~') {
      const run = runLength(text, i);
      delimiters(text, i, run, openers);
      i += run;
    } else {
      i += 1;
    }
  }
  return closeEmphasis(body + codeCloser, openers, codeCloser === '');
}

function closeEmphasis(body: string, openers: Opener[], mayDrop: boolean): string {
  let out = body;
  // An opener with nothing after it ("Some **") is dropped rather than closed, or it would show as "****".
  while (mayDrop) {
    const top = openers[openers.length - 1];
    if (!top || top.at + top.marker.length < out.trimEnd().length) break;
    out = out.slice(0, top.at);
    openers.pop();
  }
  if (openers.length === 0) return out;
  // A closer must follow a non-space character to count as one.
  out = out.trimEnd();
  for (let i = openers.length - 1; i >= 0; i -= 1) out += openers[i]?.marker ?? '';
  return out;
}

function delimiters(text: string, at: number, run: number, openers: Opener[]): void {
  const c = text.charAt(at);
  const before = at > 0 ? text.charAt(at - 1) : ' ';
  const after = text.charAt(at + run);
  const canClose = !SPACE.test(before);
  // Conservative opening: not inside a word (so 2*3 and snake_case stay literal).
  const canOpen = after === '' || (!SPACE.test(after) && !ALNUM.test(before));
  if (c === '_' && ALNUM.test(after) && canClose && !canOpen) return;
  const units =
    c === '~'
      ? run === 2
        ? ['~~']
        : []
      : run === 3
        ? [c + c, c]
        : run <= 2
          ? [c.repeat(run)]
          : [];
  let offset = 0;
  for (const unit of units) {
    const top = openers[openers.length - 1];
    if (top?.marker === unit && canClose) openers.pop();
    else if (canOpen) openers.push({ marker: unit, at: at + offset });
    offset += unit.length;
  }
}

function dropAfter(openers: Opener[], position: number): void {
  while ((openers[openers.length - 1]?.at ?? -1) >= position) openers.pop();
}

function runLength(text: string, at: number): number {
  const c = text.charAt(at);
  let end = at;
  while (text.charAt(end) === c) end += 1;
  return end - at;
}

/** Start of the next run of exactly `length` backticks from `from`, or -1. */
function findRun(text: string, from: number, length: number): number {
  for (let i = text.indexOf('`', from); i !== -1;) {
    const run = runLength(text, i);
    if (run === length) return i;
    i = text.indexOf('`', i + run);
  }
  return -1;
}
