import {
  closesFence,
  fenceOpener,
  isAtxHeading,
  isBlank,
  isListItem,
  indentOf,
  type FenceOpener,
} from './line-syntax';
import { ownString } from './own-string';

/**
 * Splits a streamed markdown answer into top-level blocks, incrementally.
 *
 * Why: re-parsing and re-rendering the whole answer on every delta makes a
 * long answer quadratic. Everything before the last safe block boundary can
 * never change again, so it is parsed and rendered once; only the tail after
 * it is re-parsed per delta. The splitter keeps its scan position between
 * updates, so each update looks only at the lines that arrived since the last
 * one: the cost of a delta does not grow with the answer.
 *
 * Boundaries are decided on complete lines only, from what came before them,
 * so the blocks are the same however the text was chunked.
 */

/** A top-level block; `start` is its offset in the text and its stable identity. */
export interface MarkdownBlock {
  readonly start: number;
  readonly text: string;
}

/** A code fence still open at the end of the text. */
export interface OpenFence {
  readonly opener: FenceOpener;
  /** True when the fence starts the tail block, so the whole tail is this code block. */
  readonly topLevel: boolean;
  /** Offset of the first line of code (just after the opener line). */
  readonly contentStart: number;
  /** Offsets where code segments start; all but the last segment are complete. */
  readonly segmentStarts: readonly number[];
}

export interface BlockSnapshot {
  /** Finished blocks in groups; full groups never change identity again. */
  readonly groups: readonly (readonly MarkdownBlock[])[];
  /** The unfinished tail (possibly empty), re-parsed on every update. */
  readonly tail: MarkdownBlock;
  readonly openFence: OpenFence | null;
  /** The text this snapshot describes. */
  readonly text: string;
}

/** Finished blocks per group: bounds React's per-update reconciliation work. */
export const GROUP_SIZE = 32;
/** Lines per highlighted segment of a code block that is still streaming. */
export const SEGMENT_LINES = 24;

interface FenceState {
  readonly opener: FenceOpener;
  readonly topLevel: boolean;
  readonly contentStart: number;
  readonly segmentStarts: number[];
  lines: number;
}

export class BlockSplitter {
  private text = '';
  /** Start of the first line not yet scanned (always a line start). */
  private scan = 0;
  private blockStart = 0;
  private blockHasContent = false;
  private blockIsList = false;
  private pendingBlank = false;
  private fence: FenceState | null = null;
  private fullGroups: (readonly MarkdownBlock[])[] = [];
  private openGroup: MarkdownBlock[] = [];
  private groupsChanged = true;
  private last: BlockSnapshot | null = null;
  private scanned = 0;
  /** Everything before this offset is known to hold no unscanned newline. */
  private searched = 0;
  /** Times a text that did not continue the last one made the splitter start over. */
  private starts = 0;

  /** Bumped whenever the splitter starts over (a text that does not continue the last one). */
  get restarts(): number {
    return this.starts;
  }

  /**
   * Characters examined line by line since the last reset: each character of
   * a streamed answer is scanned once, which the tests and benchmark check.
   * (The prefix check in update() is a memcmp-speed comparison, of the same
   * order as the copy the JavaScript engine makes to flatten a grown string.)
   */
  get scannedChars(): number {
    return this.scanned;
  }

  /**
   * Feeds the whole text so far. When it extends the previous text only the
   * new lines are scanned; any other text starts the split over.
   */
  update(text: string): BlockSnapshot {
    if (this.last && text === this.last.text) return this.last;
    if (!text.startsWith(this.text)) {
      this.reset();
      this.starts += 1;
    }
    this.text = text;
    let newline = text.indexOf('\n', Math.max(this.scan, this.searched));
    while (newline !== -1) {
      this.scanned += newline + 1 - this.scan;
      this.scanLine(this.scan, newline);
      this.scan = newline + 1;
      newline = text.indexOf('\n', this.scan);
    }
    // The unfinished last line has no newline so far: next time, search only what is new.
    this.searched = text.length;
    if (
      this.pendingBlank &&
      this.scan < text.length &&
      startsBlockForSure(text, this.scan, this.blockIsList)
    ) {
      this.commit(this.scan);
    }
    this.last = this.snapshot();
    return this.last;
  }

  private reset(): void {
    this.text = '';
    this.scan = 0;
    this.blockStart = 0;
    this.blockHasContent = false;
    this.blockIsList = false;
    this.pendingBlank = false;
    this.fence = null;
    this.fullGroups = [];
    this.openGroup = [];
    this.groupsChanged = true;
    this.last = null;
    this.scanned = 0;
    this.searched = 0;
  }

  private scanLine(lineStart: number, lineEnd: number): void {
    const line = this.text.slice(lineStart, lineEnd);
    const fence = this.fence;
    if (fence) {
      if (closesFence(line, fence.opener, fence.topLevel)) {
        this.fence = null;
        if (fence.topLevel) this.commit(lineEnd + 1);
      } else if (fence.topLevel) {
        fence.lines += 1;
        if (fence.lines % SEGMENT_LINES === 0) fence.segmentStarts.push(lineEnd + 1);
      }
      return;
    }
    if (isBlank(line)) {
      if (this.blockHasContent) this.pendingBlank = true;
      return;
    }
    const atMargin = indentOf(line) === 0;
    const opener = fenceOpener(line);
    const heading = atMargin && isAtxHeading(line);
    if (this.blockHasContent) {
      const boundary = this.pendingBlank
        ? atMargin && !(this.blockIsList && isListItem(line))
        : atMargin && (opener !== null || heading);
      if (boundary) this.commit(lineStart);
    }
    this.pendingBlank = false;
    const firstLine = !this.blockHasContent;
    if (firstLine) {
      this.blockHasContent = true;
      this.blockIsList = isListItem(line);
    }
    if (opener) {
      const topLevel = firstLine && opener.indent <= 3;
      this.fence = {
        opener,
        topLevel,
        contentStart: lineEnd + 1,
        segmentStarts: [lineEnd + 1],
        lines: 0,
      };
    } else if (heading) {
      this.commit(lineEnd + 1);
    }
  }

  /** Closes the current block at `end`; blank-only stretches are not blocks. */
  private commit(end: number): void {
    if (this.blockHasContent) {
      const text = ownString(this.text.slice(this.blockStart, end));
      this.openGroup.push({ start: this.blockStart, text });
      if (this.openGroup.length === GROUP_SIZE) {
        this.fullGroups.push(this.openGroup);
        this.openGroup = [];
      }
      this.groupsChanged = true;
    }
    this.blockStart = end;
    this.blockHasContent = false;
    this.blockIsList = false;
    this.pendingBlank = false;
  }

  private snapshot(): BlockSnapshot {
    const previous = this.last;
    let groups = previous?.groups ?? [];
    if (this.groupsChanged || !previous) {
      groups =
        this.openGroup.length > 0
          ? [...this.fullGroups, [...this.openGroup]]
          : [...this.fullGroups];
      this.groupsChanged = false;
    }
    const tailText = this.text.slice(this.blockStart);
    const tail =
      previous && previous.tail.start === this.blockStart && previous.tail.text === tailText
        ? previous.tail
        : { start: this.blockStart, text: ownString(tailText) };
    return { groups, tail, openFence: this.openFenceSnapshot(previous), text: this.text };
  }

  private openFenceSnapshot(previous: BlockSnapshot | null): OpenFence | null {
    const fence = this.fence;
    if (!fence) return null;
    const before = previous?.openFence;
    if (
      before &&
      before.contentStart === fence.contentStart &&
      before.segmentStarts.length === fence.segmentStarts.length
    ) {
      return before;
    }
    return {
      opener: fence.opener,
      topLevel: fence.topLevel,
      contentStart: fence.contentStart,
      segmentStarts: [...fence.segmentStarts],
    };
  }
}

/**
 * After a blank line, the first character of the next line can already
 * settle the boundary: a character at the margin starts a new block unless
 * the block is a list and the line might turn out to be its next item. The
 * same boundary would be found once the line is complete, so deciding early
 * does not make the blocks depend on chunking; it just keeps the previous
 * block out of the re-parsed tail sooner (a paragraph is often one long line).
 */
function startsBlockForSure(text: string, at: number, inList: boolean): boolean {
  const c = text.charAt(at);
  if (c === ' ' || c === '\t' || c === '\r' || c === '\n') return false;
  return !inList || !/[-*+0-9]/.test(c);
}
