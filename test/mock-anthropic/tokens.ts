/**
 * The mock's notion of a token. It does not need a real tokenizer: it needs counts that are
 * stable (the same text always costs the same), roughly realistic (about four characters per
 * token) and consistent between `count_tokens`, `usage` and the rate-limit headers.
 */

/** A word with its trailing whitespace, or a run of leading whitespace, counts as one token. */
export function splitTokens(text: string): string[] {
  return text.match(/\s+|\S+\s*/g) ?? [];
}

/** Deltas carry a few tokens each, in a fixed pattern, so streams have many small deltas. */
const DELTA_SIZES = [2, 3, 1, 4, 2, 3, 3, 2] as const;

export interface Delta {
  text: string;
  tokens: number;
}

function deltaSize(index: number): number {
  return DELTA_SIZES[index % DELTA_SIZES.length] ?? 2;
}

/** How many tokens the first `count` deltas hold, so callers can generate just enough text. */
export function tokensForDeltas(count: number): number {
  let total = 0;
  for (let i = 0; i < count; i += 1) total += deltaSize(i);
  return total;
}

export function groupDeltas(tokens: readonly string[]): Delta[] {
  const deltas: Delta[] = [];
  let at = 0;
  while (at < tokens.length) {
    const size = Math.min(deltaSize(deltas.length), tokens.length - at);
    deltas.push({ text: tokens.slice(at, at + size).join(''), tokens: size });
    at += size;
  }
  return deltas;
}

/** Chars / 4, rounded up: the usual rule of thumb, applied to whatever text a value holds. */
export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['text'] === 'string') return record['text'];
    if (typeof record['thinking'] === 'string') return record['thinking'];
    if (record['type'] === 'image' || record['type'] === 'document') return 'x'.repeat(6000);
    if ('content' in record) return textOf(record['content']);
    if ('input' in record) return JSON.stringify(record['input']);
  }
  return '';
}

/**
 * Input tokens of a Messages request. `count_tokens` and `usage.input_tokens` both use this,
 * so a client that pre-counts a request sees the same number in the answer's usage.
 */
export function estimateInputTokens(body: Record<string, unknown>): number {
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  let total = 8 + estimateTextTokens(textOf(body['system']));
  for (const message of messages) {
    const content =
      message && typeof message === 'object' ? (message as { content?: unknown }).content : '';
    total += 4 + estimateTextTokens(textOf(content));
  }
  if (Array.isArray(body['tools'])) total += estimateTextTokens(JSON.stringify(body['tools']));
  return total;
}
