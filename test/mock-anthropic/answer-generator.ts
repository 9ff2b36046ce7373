/**
 * What the mock "model" says. Answers are a pure function of the request, so a test can predict
 * them and a retry gets the same words; they end the way the real service ends them (stop
 * sequences, `max_tokens`, refusals), which is what clients have to handle.
 */
import { stripDirective } from './directive';
import { longMarkdownTokens } from './long-markdown';
import type { AnswerSpec, RefusalCategory } from './scenarios';
import { groupDeltas, splitTokens, tokensForDeltas } from './tokens';
import type { Delta } from './tokens';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'refusal';

export interface BlockPlan {
  type: 'thinking' | 'text';
  deltas: Delta[];
  /** Thinking blocks only: sent as a `signature_delta` after the thinking text. */
  signature: string | null;
}

export interface StopDetails {
  type: 'refusal';
  category: RefusalCategory;
  explanation: string;
}

export interface AnswerPlan {
  blocks: BlockPlan[];
  stopReason: StopReason;
  stopSequence: string | null;
  stopDetails: StopDetails | null;
  outputTokens: number;
}

export interface AnswerRequest {
  userText: string;
  maxTokens: number;
  stopSequences: readonly string[];
  /** The request enabled extended thinking, so a real model would think first. */
  thinkingRequested: boolean;
  spec: AnswerSpec;
}

/** FNV-1a: a short stable fingerprint of the user's text to make answers vary per message. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function echoText(userText: string): string {
  const said = stripDirective(userText).replace(/`/g, "'").replace(/\s+/g, ' ');
  const excerpt =
    said.length > 200 ? `${said.slice(0, 200)}…` : said || '(nothing but a directive)';
  const words = said.split(' ').filter(Boolean);
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  return [
    '## Echo',
    '',
    `You wrote ${words.length} words: "${excerpt}"`,
    '',
    'Here is a deterministic reply from the **mock Anthropic API**:',
    '',
    `1. The first word was \`${words[0] ?? ''}\`.`,
    `2. The longest word was \`${longest}\`.`,
    `3. The message fingerprint is \`${fingerprint(userText)}\`.`,
    '',
    '```text',
    excerpt,
    '```',
    '',
    'That is all for now.',
  ].join('\n');
}

/** Pads (or cuts) a token list to the size a scenario needs, with numbered filler sentences. */
function fitTokens(tokens: string[], atLeast: number, exactly: number | null): string[] {
  const out = [...tokens];
  for (let n = 1; out.length < Math.max(atLeast, exactly ?? 0); n += 1) {
    out.push(
      ...splitTokens(
        `\n\nFiller paragraph ${n} keeps this deterministic stream going a little longer.`,
      ),
    );
  }
  return exactly === null ? out : out.slice(0, exactly);
}

function cutAtStopSequence(
  tokens: string[],
  stops: readonly string[],
): { tokens: string[]; stop: string | null } {
  const text = tokens.join('');
  let at = -1;
  let stop: string | null = null;
  for (const candidate of stops) {
    const index = candidate ? text.indexOf(candidate) : -1;
    if (index >= 0 && (at < 0 || index < at)) [at, stop] = [index, candidate];
  }
  if (stop === null) return { tokens, stop: null };
  const kept: string[] = [];
  let length = 0;
  for (const token of tokens) {
    if (length + token.length > at) {
      if (at > length) kept.push(token.slice(0, at - length));
      break;
    }
    kept.push(token);
    length += token.length;
  }
  return { tokens: kept, stop };
}

function textTokens(request: AnswerRequest): string[] {
  const { spec } = request;
  if (spec.kind === 'long') return longMarkdownTokens(spec.tokens);
  if (spec.kind === 'refusal') {
    return splitTokens(
      "I can't help with that request. This mock answer stops here with a refusal.",
    );
  }
  return fitTokens(
    splitTokens(echoText(request.userText)),
    tokensForDeltas(spec.minDeltas),
    spec.chunks === null ? null : tokensForDeltas(spec.chunks),
  );
}

function thinkingBlock(userText: string, budget: number): BlockPlan {
  const hash = fingerprint(userText);
  const thought =
    `The user wrote ${stripDirective(userText).split(/\s+/).filter(Boolean).length} words ` +
    `(fingerprint ${hash}). I should answer with a short, deterministic markdown reply that ` +
    'quotes them, lists a few facts about the message and ends with a code block.';
  return {
    type: 'thinking',
    deltas: groupDeltas(splitTokens(thought).slice(0, budget)),
    signature: Buffer.from(`mock-thinking-signature:${hash}:${'x'.repeat(48)}`).toString('base64'),
  };
}

/**
 * `verbatim`: the user's text after the directive line, sent back exactly, in
 * deltas of `chunk` characters. Lets a test feed the app any answer it likes
 * (hostile markdown, say) split at chosen boundaries.
 */
function verbatimPlan(request: AnswerRequest): AnswerPlan {
  const text = stripDirective(request.userText);
  const deltas = [];
  for (let at = 0; at < text.length; at += request.spec.chunkChars) {
    const piece = text.slice(at, at + request.spec.chunkChars);
    deltas.push({ text: piece, tokens: Math.max(1, Math.ceil(piece.length / 4)) });
  }
  return {
    blocks: deltas.length > 0 ? [{ type: 'text', deltas, signature: null }] : [],
    stopReason: 'end_turn',
    stopSequence: null,
    stopDetails: null,
    outputTokens: deltas.reduce((n, d) => n + d.tokens, 0),
  };
}

export function planAnswer(request: AnswerRequest): AnswerPlan {
  const { spec } = request;
  if (spec.kind === 'verbatim') return verbatimPlan(request);
  const blocks: BlockPlan[] = [];
  let budget = request.maxTokens;
  if (spec.thinking || request.thinkingRequested) {
    const thinking = thinkingBlock(request.userText, budget);
    budget -= thinking.deltas.reduce((n, d) => n + d.tokens, 0);
    blocks.push(thinking);
  }
  const cut = cutAtStopSequence(textTokens(request), request.stopSequences);
  let tokens = cut.tokens;
  let stopReason: StopReason = cut.stop === null ? 'end_turn' : 'stop_sequence';
  let stopSequence = cut.stop;
  const limit = spec.forceMaxTokens
    ? Math.min(budget, Math.max(1, Math.floor(tokens.length * 0.6)))
    : budget;
  if (tokens.length > limit || spec.forceMaxTokens || budget <= 0) {
    tokens = tokens.slice(0, Math.max(0, limit));
    [stopReason, stopSequence] = ['max_tokens', null];
  }
  if (tokens.length > 0)
    blocks.push({ type: 'text', deltas: groupDeltas(tokens), signature: null });
  const refused = spec.kind === 'refusal' && stopReason === 'end_turn';
  return {
    blocks,
    stopReason: refused ? 'refusal' : stopReason,
    stopSequence,
    stopDetails: refused
      ? {
          type: 'refusal',
          category: spec.refusalCategory,
          explanation: 'The mock declined this request because the refusal scenario was asked for.',
        }
      : null,
    outputTokens: blocks.reduce((n, b) => n + b.deltas.reduce((m, d) => m + d.tokens, 0), 0),
  };
}
