import type { MarkdownBlock } from './block-splitter';
import { charsRenderedWithin, renderRun } from './finished-blocks';

/** Main-thread time one idle callback may spend rendering deferred blocks. */
export const CATCH_UP_SLICE_MS = 5;
/** Time one run of blocks (one parser call) should take while catching up. */
const CATCH_UP_RUN_MS = 2;
/** However busy the main thread, deferred blocks get rendered within this long. */
const CATCH_UP_TIMEOUT_MS = 250;

interface IdleDeadline {
  timeRemaining(): number;
}
type RequestIdle = (callback: (deadline: IdleDeadline) => void) => number;
type CancelIdle = (handle: number) => void;

const browserIdle: { request: RequestIdle; cancel: CancelIdle } =
  typeof requestIdleCallback === 'function'
    ? {
        request: (callback) => requestIdleCallback(callback, { timeout: CATCH_UP_TIMEOUT_MS }),
        cancel: (handle) => cancelIdleCallback(handle),
      }
    : {
        request: (callback) =>
          setTimeout(
            () => callback({ timeRemaining: () => CATCH_UP_SLICE_MS }),
            0,
          ) as unknown as number,
        cancel: (handle) => clearTimeout(handle),
      };

/**
 * Finished blocks of a streamed answer that are drawn as plain text for now,
 * and their rendering in idle time, newest first.
 *
 * Why: when text arrives faster than it can be rendered (a fast model, a
 * stall that ends in one burst of thousands of characters), rendering all
 * of it in the frame that brings it would be a long task, and revealing it
 * in order over many frames would keep the newest text, the text the person
 * is looking at, off the screen for seconds. Instead the update that brings
 * a burst renders as many of its newest blocks as fit a few milliseconds
 * (at most about a view's worth, RenderBudget) and puts the rest on the
 * page as their plain text, which costs next to nothing: all of the text is
 * on the page at once, and it becomes markdown, nearest to the view first,
 * in slices of idle time. If the person scrolls up into a burst before
 * then, they see its text without formatting for a moment.
 */
export class DeferredBlocks {
  /** Oldest first: the newest are rendered first. */
  private readonly pending: MarkdownBlock[] = [];
  /** Each waiting block's batch: the call to add() that left it out. */
  private readonly waiting = new Map<MarkdownBlock, number>();
  /** Batches that were above the view when they were left out (see add). */
  private readonly above = new Set<number>();
  private batches = 0;
  private chars = 0;
  private handle: number | null = null;

  constructor(
    private readonly idle: { request: RequestIdle; cancel: CancelIdle } = browserIdle,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Characters drawn as plain text for now. */
  get plainChars(): number {
    return this.chars;
  }

  /** Whether `block` is drawn as plain text for now. */
  has(block: MarkdownBlock): boolean {
    return this.waiting.has(block);
  }

  /**
   * The batch `block` waits in (the call to add() that left it out): a
   * batch's blocks are drawn together, apart from other batches'.
   */
  batchOf(block: MarkdownBlock): number | undefined {
    return this.waiting.get(block);
  }

  /**
   * Whether `block` was left out by an update that drew more than a view of
   * newer text after it: in that update's frame it is above the view, when
   * the view follows the stream.
   */
  aboveView(block: MarkdownBlock): boolean {
    const batch = this.waiting.get(block);
    return batch !== undefined && this.above.has(batch);
  }

  /**
   * Blocks left out of an update's rendering (prepareBlocks): not on the
   * page nor waiting yet (some may have been rendered ahead, for a text that
   * was then overtaken before its frame), and newer than any already waiting.
   * `aboveView`: the newer text drawn after them fills more than a view.
   */
  add(blocks: readonly MarkdownBlock[], aboveView = false): void {
    if (blocks.length === 0) return;
    const batch = ++this.batches;
    if (aboveView) this.above.add(batch);
    for (const block of blocks) {
      this.pending.push(block);
      this.waiting.set(block, batch);
      this.chars += block.text.length;
    }
  }

  /**
   * Renders waiting blocks in the next idle slice, newest first, and calls
   * `rendered` when some were, for the caller to redraw them (and to
   * schedule again if any are left).
   */
  schedule(rendered: () => void): void {
    if (this.handle !== null || this.pending.length === 0) return;
    this.handle = this.idle.request((deadline) => {
      this.handle = null;
      if (this.renderSome(deadline) > 0) rendered();
    });
  }

  cancel(): void {
    if (this.handle !== null) this.idle.cancel(this.handle);
    this.handle = null;
  }

  /** Forgets every waiting block: the text they belong to was replaced. */
  clear(): void {
    this.cancel();
    this.pending.length = 0;
    this.waiting.clear();
    this.above.clear();
    this.chars = 0;
  }

  /**
   * Renders runs of waiting blocks, newest first, for about
   * CATCH_UP_SLICE_MS or what is left of the idle period; returns how many.
   * At least one run, even with no idle time left (the timeout fired), so
   * rendering always catches up.
   */
  renderSome(deadline: IdleDeadline): number {
    const started = this.now();
    let count = 0;
    do {
      const run = this.takeRun(charsRenderedWithin(CATCH_UP_RUN_MS));
      if (run.length === 0) break;
      renderRun(run);
      count += run.length;
    } while (this.now() - started < CATCH_UP_SLICE_MS && deadline.timeRemaining() > 1);
    return count;
  }

  /** The newest waiting blocks that follow one another, up to `maxChars` (at least one). */
  private takeRun(maxChars: number): MarkdownBlock[] {
    const run: MarkdownBlock[] = [];
    let chars = 0;
    for (let last = this.pending.at(-1); last !== undefined; last = this.pending.at(-1)) {
      const next = run[0];
      const follows = next === undefined || last.start + last.text.length === next.start;
      if (!follows || (run.length > 0 && chars + last.text.length > maxChars)) break;
      this.pending.pop();
      this.waiting.delete(last);
      this.chars -= last.text.length;
      run.unshift(last);
      chars += last.text.length;
    }
    return run;
  }
}
