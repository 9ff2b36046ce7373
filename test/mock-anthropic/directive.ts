/**
 * The control channel of the mock: `::mock NAME key=value ...` anywhere in the last user
 * message. Putting it in the message (not in a header) lets the real app, driven from its
 * chat box, pick a behaviour without any test hook in production code.
 */
import { badRequest } from './errors';

export interface Directive {
  name: string;
  params: Readonly<Record<string, string>>;
}

const PATTERN = /::mock[ \t]+([A-Za-z][\w-]*)([^\r\n]*)/;

/** The text a directive is looked for in, and the key of the attempt counters. */
export function lastUserText(messages: readonly unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i] as { role?: unknown; content?: unknown } | undefined;
    if (message?.role !== 'user') continue;
    const { content } = message;
    if (typeof content === 'string') return content;
    if (!Array.isArray(content)) return '';
    return content
      .filter(
        (b): b is { type: 'text'; text: string } =>
          b?.type === 'text' && typeof b.text === 'string',
      )
      .map((b) => b.text)
      .join('\n');
  }
  return '';
}

export function parseDirective(text: string): Directive | null {
  const match = PATTERN.exec(text);
  if (!match?.[1]) return null;
  const params: Record<string, string> = {};
  for (const word of (match[2] ?? '').trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq > 0) params[word.slice(0, eq).toLowerCase()] = word.slice(eq + 1);
  }
  return { name: match[1].toLowerCase(), params };
}

/** The user's words without the directive line, which is what the echo answer quotes. */
export function stripDirective(text: string): string {
  return text.replace(PATTERN, '').trim();
}

interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A numeric directive key; a malformed value is a 400 so a typo fails loudly, not silently. */
export function numberParam(
  directive: Directive | null,
  key: string,
  fallback: number,
  rule: NumberRule = {},
): number {
  const raw = directive?.params[key];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const { min = 0, max = Number.MAX_SAFE_INTEGER, integer = true } = rule;
  if (
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min ||
    value > max
  ) {
    throw badRequest(
      `::mock ${directive?.name ?? ''}: ${key}=${raw} is not ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`,
    );
  }
  return value;
}

export function choiceParam<T extends string>(
  directive: Directive | null,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = directive?.params[key];
  if (raw === undefined) return fallback;
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) {
    throw badRequest(`::mock ${directive?.name ?? ''}: ${key} must be one of ${choices.join('|')}`);
  }
  return found;
}
