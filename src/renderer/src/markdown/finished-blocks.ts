import type { RootContent } from 'mdast';
import type { ReactNode } from 'react';
import { parseWithDefinitions, type UsedDefinitions } from './answer-definitions';
import type { MarkdownBlock } from './block-splitter';
import { parseBlock } from './parse-block';
import { renderBlock } from './render-mdast';

/** Rendered elements per finished block: a block is parsed once, however often React asks. */
const rendered = new WeakMap<MarkdownBlock, ReactNode>();
const NO_DEFINITIONS: ReadonlyMap<string, string> = new Map();

/**
 * The last few renderings of a streaming tail, by their text without blank
 * lines at either end (which mean nothing inside one block). A block that
 * finishes has usually just been drawn as the tail from the same text; it
 * reuses that rendering instead of being parsed again in the very frame in
 * which it finishes, next to the new tail's own parse.
 */
const recentTails = new Map<string, ReactNode>();
const RECENT_TAILS = 4;
const BLANK_ENDS = /^\n+|\n+$/g;

const tailKey = (text: string): string => text.replace(BLANK_ENDS, '');

/**
 * The unfinished tail (already healed), rendered, with the definitions it
 * uses from the answer's finished blocks (AnswerDefinitions), if any.
 */
export function renderedTail(source: string, used: UsedDefinitions | null = null): ReactNode {
  // A tail drawn with definitions from elsewhere is not what its block renders to alone.
  const key = used === null ? tailKey(source) : `${tailKey(source)}\u0000${used.key}`;
  let content = recentTails.get(key);
  if (content === undefined) {
    content = renderBlock(used === null ? parseBlock(source) : parseWithDefinitions(source, used));
    recentTails.set(key, content);
    if (recentTails.size > RECENT_TAILS) {
      const oldest = recentTails.keys().next();
      if (!oldest.done) recentTails.delete(oldest.value);
    }
  }
  return content;
}

/** A finished block, rendered (prepareBlocks has already taken those the tail just drew). */
export function renderedBlock(block: MarkdownBlock): ReactNode {
  let content = rendered.get(block);
  if (content === undefined) {
    content = renderBlock(parseBlock(block.text));
    rendered.set(block, content);
  }
  return content;
}

/** Finished blocks rendered with definitions from other blocks, and which ones. */
const renderedUsing = new WeakMap<MarkdownBlock, { key: string; content: ReactNode }>();

/**
 * A finished block that uses definitions of other blocks (AnswerDefinitions),
 * rendered with them; drawn again only when it uses more of them.
 */
export function renderedBlockUsing(block: MarkdownBlock, used: UsedDefinitions): ReactNode {
  const known = renderedUsing.get(block);
  if (known?.key === used.key) return known.content;
  const content = renderBlock(parseWithDefinitions(block.text, used));
  renderedUsing.set(block, { key: used.key, content });
  return content;
}

/** Whether a finished block has its rendering (else it is still drawn as plain text). */
export function isRendered(block: MarkdownBlock): boolean {
  return rendered.has(block);
}

/**
 * How much of a burst of newly finished blocks is rendered in the update
 * that brings it, newest first (by characters, and by lines of about the
 * width of the message column, whichever is reached first). The rest is
 * drawn as plain text for now (see DeferredBlocks).
 */
export interface RenderBudget {
  readonly chars: number;
  readonly lines: number;
}

/** Characters that fit one line of the message column, for RenderBudget's line count. */
const LINE_CHARS = 90;

/** Lines `text` takes when wrapped at LINE_CHARS: a rough height, without any layout. */
export function wrappedLines(text: string): number {
  let lines = 0;
  for (let from = 0; from <= text.length;) {
    const end = text.indexOf('\n', from);
    const stop = end === -1 ? text.length : end;
    lines += Math.max(1, Math.ceil((stop - from) / LINE_CHARS));
    if (end === -1) break;
    from = end + 1;
  }
  return lines;
}

/**
 * Renders the newest finished blocks that have not been rendered yet, and
 * returns the older ones the budget left out (oldest first), which the
 * caller draws as plain text until it renders them (renderRun). A block the
 * tail has just drawn from the same text takes that rendering, whatever the
 * budget. `settled` marks blocks already dealt with (rendered or left out
 * earlier): the walk back from the end stops at the first one, so the cost
 * is that of the new blocks, not of the whole answer.
 *
 * `unplaced` holds blocks rendered for a text that has not reached the page
 * yet (a held text prepared ahead, see PrepareAhead), which the walk passes
 * as it passes new ones: the budget is that of what the next frame puts on
 * the page, not of each text. When several deltas wait for one frame, each
 * prepared in turn, the blocks rendered for the earlier ones are older
 * blocks of the burst by the time the frame comes, and mounting every
 * delta's budget in that one frame cost a few times the budget (in the
 * streaming benchmark's fast run, the frames that drew several deltas spent
 * 8 to 18 ms in React against 1 to 3 for one delta). Those beyond the budget
 * are returned with the others, to be drawn as plain text; their rendering
 * is kept, so catching up only puts it on the page. Every block drawn is
 * added to `unplaced`: the caller clears it once its text is on the page.
 */
export function prepareBlocks(
  groups: readonly (readonly MarkdownBlock[])[],
  budget: RenderBudget | null = null,
  settled: (block: MarkdownBlock) => boolean = isRendered,
  unplaced: Set<MarkdownBlock> | null = null,
): MarkdownBlock[] {
  const run: MarkdownBlock[] = [];
  const left: MarkdownBlock[] = [];
  let chars = 0;
  let lines = 0;
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const group = groups[g] ?? [];
    let i = group.length - 1;
    for (; i >= 0; i -= 1) {
      const block = group[i] as MarkdownBlock;
      const ahead = unplaced?.has(block) ?? false;
      if (!ahead && settled(block)) break;
      const drawn = ahead ? undefined : recentTails.get(tailKey(block.text));
      if (drawn !== undefined) {
        rendered.set(block, drawn);
        unplaced?.add(block);
      } else if (
        budget === null ||
        run.length === 0 ||
        (chars < budget.chars && lines < budget.lines)
      ) {
        run.push(block);
        chars += block.text.length;
        if (budget !== null) lines += wrappedLines(block.text);
      } else {
        unplaced?.delete(block);
        left.push(block);
      }
    }
    if (i >= 0) break;
  }
  run.reverse();
  renderRun(run);
  for (const block of run) unplaced?.add(block);
  return left.reverse();
}

/**
 * What rendering finished blocks costs here, in ms per character: a moving
 * average over runs of at least RATE_MIN_CHARS. It starts at what the first
 * answer of a session costs, before the engine has optimised the parser,
 * which is about five times what it costs later.
 */
let msPerChar = 0.02;
const RATE_MIN_CHARS = 200;
const RATE_WEIGHT = 0.3;
/**
 * A floor for the rate (500 characters a millisecond, several times faster
 * than the parser has been measured): a coarse clock can read a run as
 * taking no time at all.
 */
const MIN_MS_PER_CHAR = 0.002;

/** About how many characters of finished blocks can be rendered in `ms`. */
export function charsRenderedWithin(ms: number): number {
  return ms / msPerChar;
}

/**
 * Renders contiguous finished blocks in one call to the parser instead of
 * one call each. Every call into the parser first assembles its grammar
 * (about 0.15 ms), which for an answer opened from history, made of dozens
 * of short blocks, costs more than the parsing itself. The blocks are
 * contiguous slices of the answer cut where markdown blocks end, so the
 * joint tree's top-level nodes fall into them one by one, and each block
 * gets exactly the nodes it would have parsed to alone. The one thing that
 * crosses blocks is a link reference definition (`[id]: url`, which `]:`
 * always marks): such a run is parsed block by block, as each block alone
 * would be (a block that uses another's definitions is drawn with them on
 * top of this, see AnswerDefinitions). Each run also updates what rendering costs here
 * (charsRenderedWithin). Blocks that already have their rendering (rendered
 * ahead for a text overtaken before its frame, see prepareBlocks) keep it:
 * they only have to be put on the page.
 */
export function renderRun(blocks: readonly MarkdownBlock[]): void {
  const run = blocks.filter((block) => !rendered.has(block));
  if (run.length === 0) return;
  const started = performance.now();
  renderJointly(run);
  const chars = run.reduce((sum, block) => sum + block.text.length, 0);
  if (chars >= RATE_MIN_CHARS) {
    const measured = (performance.now() - started) / chars;
    msPerChar = Math.max(MIN_MS_PER_CHAR, msPerChar + RATE_WEIGHT * (measured - msPerChar));
  }
}

function renderJointly(run: readonly MarkdownBlock[]): void {
  const contiguous = run.every(
    (block, i) =>
      i === 0 ||
      block.start ===
        (run[i - 1] as MarkdownBlock).start + (run[i - 1] as MarkdownBlock).text.length,
  );
  const text = run.map((block) => block.text).join('');
  if (run.length < 2 || !contiguous || text.includes(']:')) {
    for (const block of run) renderedBlock(block);
    return;
  }
  const base = (run[0] as MarkdownBlock).start;
  const parts: RootContent[][] = run.map(() => []);
  let index = 0;
  for (const child of parseBlock(text).root.children) {
    const offset = child.position?.start.offset;
    if (offset === undefined) {
      for (const block of run) renderedBlock(block);
      return;
    }
    while (index < run.length - 1 && base + offset >= (run[index + 1] as MarkdownBlock).start)
      index += 1;
    parts[index]?.push(child);
  }
  run.forEach((block, i) => {
    const root = { type: 'root' as const, children: parts[i] ?? [] };
    rendered.set(block, renderBlock({ root, definitions: NO_DEFINITIONS }));
  });
}
