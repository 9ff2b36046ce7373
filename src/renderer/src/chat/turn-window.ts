import type { Turn } from './conversation';

/**
 * The arithmetic behind the virtualised message list, kept free of React and
 * the DOM so it can be unit-tested: how tall each turn is (measured once it
 * has been on screen, estimated until then), where each turn starts, which
 * turns a viewport needs and what the list renders (turns, and spacers that
 * stand in for the runs of turns it leaves out).
 *
 * Why a window at all: a 2,000-message conversation rendered whole is
 * thousands of markdown trees, tens of thousands of DOM nodes and seconds of
 * work before the first paint; only the dozen turns near the viewport are
 * ever seen at once.
 */

/** Rendered turns, `start` inclusive, `end` exclusive. */
export interface TurnRange {
  readonly start: number;
  readonly end: number;
}

export type WindowItem =
  | { readonly kind: 'turn'; readonly index: number; readonly turn: Turn }
  | { readonly kind: 'spacer'; readonly key: string; readonly height: number };

/** Guesses used until a turn has been measured; close enough that scrolling rarely jumps. */
const BASE_PX = 150;
const USER_LINE_PX = 24;
const USER_CHARS_PER_LINE = 60;
const ANSWER_LINE_PX = 26;
const ANSWER_CHARS_PER_LINE = 88;

const estimates = new WeakMap<Turn, number>();

/** A turn's likely height from the length of its text, cached per (immutable) turn object. */
export function estimateTurnHeight(turn: Turn): number {
  const cached = estimates.get(turn);
  if (cached !== undefined) return cached;
  const answer = turn.answers[turn.answers.length - 1];
  let answerChars = 0;
  for (const chunk of answer?.chunks ?? []) answerChars += chunk.length;
  const userLines = turn.userText
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / USER_CHARS_PER_LINE)), 0);
  const height =
    BASE_PX +
    userLines * USER_LINE_PX +
    Math.ceil(answerChars / ANSWER_CHARS_PER_LINE) * ANSWER_LINE_PX;
  estimates.set(turn, height);
  return height;
}

/**
 * Measured heights by turn id. A turn's height is kept after it leaves the
 * window, so the spacer that replaces it is exactly as tall as it was and
 * nothing on screen moves.
 */
export class TurnHeights {
  private readonly measured = new Map<string, number>();

  height(turn: Turn): number {
    return this.measured.get(turn.id) ?? estimateTurnHeight(turn);
  }

  /** Returns true when the height changed. */
  record(id: string, height: number): boolean {
    const rounded = Math.round(height * 100) / 100;
    if (this.measured.get(id) === rounded) return false;
    this.measured.set(id, rounded);
    return true;
  }

  /** Where each turn starts (index i) and the total height (index n). */
  offsets(turns: readonly Turn[]): Float64Array {
    const out = new Float64Array(turns.length + 1);
    for (let i = 0; i < turns.length; i += 1) {
      const turn = turns[i];
      out[i + 1] = (out[i] ?? 0) + (turn ? this.height(turn) : 0);
    }
    return out;
  }
}

/** The first index whose turn ends below `y` (offsets ascending). */
function firstEndingBelow(offsets: Float64Array, count: number, y: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid + 1] ?? 0) <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The turns that overlap [top, bottom) in list coordinates, at least one when there are any. */
export function rangeFor(offsets: Float64Array, top: number, bottom: number): TurnRange {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = Math.min(count - 1, firstEndingBelow(offsets, count, Math.max(0, top)));
  let end = start + 1;
  while (end < count && (offsets[end] ?? 0) < bottom) end += 1;
  return { start, end };
}

/** The last turns, enough of them to fill `px` (what a conversation opens with). */
export function tailRange(offsets: Float64Array, px: number): TurnRange {
  const count = offsets.length - 1;
  const total = offsets[count] ?? 0;
  return { start: rangeFor(offsets, total - px, total).start, end: count };
}

export function contains(outer: TurnRange, inner: TurnRange): boolean {
  return outer.start <= inner.start && outer.end >= inner.end;
}

/**
 * What the list renders: the turns in `range` plus any `extra` turns that
 * must stay mounted (the one holding keyboard focus, a search target), in
 * order, with one spacer for each run of turns left out.
 */
export function windowItems(
  turns: readonly Turn[],
  offsets: Float64Array,
  range: TurnRange,
  extra: readonly number[],
): WindowItem[] {
  const indices = new Set<number>();
  for (let i = Math.max(0, range.start); i < Math.min(turns.length, range.end); i += 1) {
    indices.add(i);
  }
  for (const i of extra) if (i >= 0 && i < turns.length) indices.add(i);
  const sorted = [...indices].sort((a, b) => a - b);
  const items: WindowItem[] = [];
  let next = 0;
  const gap = (until: number): void => {
    if (until <= next) return;
    const height = (offsets[until] ?? 0) - (offsets[next] ?? 0);
    items.push({ kind: 'spacer', key: `gap-${next}`, height });
  };
  for (const index of sorted) {
    const turn = turns[index];
    if (!turn) continue;
    gap(index);
    items.push({ kind: 'turn', index, turn });
    next = index + 1;
  }
  gap(turns.length);
  return items;
}
