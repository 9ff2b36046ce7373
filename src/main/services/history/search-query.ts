import { searchTextOf } from './search-text';

/**
 * Turns whatever the person typed into a safe FTS5 MATCH expression. FTS5's
 * own syntax (quotes, parentheses, `-`, `:`, `^`, NEAR, AND/OR/NOT) would make
 * ordinary text throw or mean something else, so we never pass input through:
 * every term becomes a double-quoted string (quotes doubled), which FTS5 only
 * tokenizes. What we keep from the syntax is what people mean by it:
 *  - "two words" (balanced quotes)  -> a phrase
 *  - word*                          -> a prefix search
 *  - anything else                  -> plain words, all required
 */

export interface ParsedTerm {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

const maxQueryChars = 500;
const maxTerms = 16;
/** unicode61 makes tokens of letters, numbers and private-use characters; a mark separates them. */
const tokenChar = /[\p{L}\p{N}\p{Co}]/u;
const tokenRun = /[\p{L}\p{N}\p{Co}]+/gu;

function lastTokenLength(text: string): number {
  const tokens = text.match(tokenRun);
  return tokens?.[tokens.length - 1]?.length ?? 0;
}

/** Splits the raw query into phrases and words. Unbalanced quotes count as spaces. */
export function parseSearchQuery(input: string): ParsedTerm[] {
  const raw = input.slice(0, maxQueryChars);
  const terms: ParsedTerm[] = [];
  const pushWords = (chunk: string) => {
    for (const word of chunk.split(/\s+/)) {
      const prefix = /[\p{L}\p{N}\p{Co}\p{M}]\*+$/u.test(word);
      const text = word.replace(/\*+$/, '');
      if (tokenChar.test(text)) terms.push({ text, phrase: false, prefix });
    }
  };

  let rest = raw;
  for (;;) {
    const open = rest.indexOf('"');
    const close = open === -1 ? -1 : rest.indexOf('"', open + 1);
    if (close === -1) {
      pushWords(rest.replace(/"/g, ' '));
      break;
    }
    pushWords(rest.slice(0, open));
    const text = rest.slice(open + 1, close).trim();
    const prefix = rest[close + 1] === '*';
    if (tokenChar.test(text)) terms.push({ text, phrase: true, prefix });
    rest = rest.slice(close + (prefix ? 2 : 1));
  }
  return terms.slice(0, maxTerms);
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** One phrase of the MATCH expression: what FTS5 matches, counts and ranks by. */
export interface FtsPhrase {
  text: string;
  prefix: boolean;
}

/**
 * The phrases buildFtsQuery puts in the MATCH, in order. A prefix needs two
 * characters: a one-letter prefix would walk most of the index. Text in a
 * script written without spaces is cut into characters as the index holds
 * it (searchTextOf), so a term of several of them is a phrase. Rankers count
 * these, not the parsed terms, so they score exactly what FTS5 matched.
 */
export function ftsPhrases(input: string): FtsPhrase[] {
  return parseSearchQuery(input).map((term) => {
    const text = searchTextOf(term.text);
    return { text, prefix: term.prefix && lastTokenLength(text) >= 2 };
  });
}

/** A phrase on its own as a MATCH expression. */
export function phraseMatch(phrase: FtsPhrase): string {
  return phrase.prefix ? `${quote(phrase.text)} *` : quote(phrase.text);
}

/** The MATCH expression of the phrases (ftsPhrases), all of which a row must contain. */
export function ftsMatch(phrases: readonly FtsPhrase[]): string {
  return phrases.map(phraseMatch).join(' ');
}

/** The MATCH expression, or null when nothing searchable was typed. */
export function buildFtsQuery(input: string): string | null {
  const phrases = ftsPhrases(input);
  return phrases.length === 0 ? null : ftsMatch(phrases);
}
