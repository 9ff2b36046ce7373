import { describe, expect, it } from 'vitest';
import {
  buildFtsQuery,
  parseSearchQuery,
} from '../../../../src/main/services/history/search-query';
import {
  toSnippetSegments,
  matchEnd,
  matchStart,
} from '../../../../src/main/services/history/search-snippet';

describe('search query builder', () => {
  it('quotes plain words and keeps phrases and prefixes', () => {
    expect(buildFtsQuery('hello world')).toBe('"hello" "world"');
    expect(buildFtsQuery('"exact phrase" other')).toBe('"exact phrase" "other"');
    expect(buildFtsQuery('data*')).toBe('"data" *');
    expect(buildFtsQuery('"new yor"*')).toBe('"new yor" *');
  });

  it('neutralises FTS5 syntax', () => {
    expect(buildFtsQuery('a AND b OR NOT c')).toBe('"a" "AND" "b" "OR" "NOT" "c"');
    expect(buildFtsQuery('NEAR(one two, 3)')).toBe('"NEAR(one" "two," "3)"');
    expect(buildFtsQuery('col:value -minus ^caret')).toBe('"col:value" "-minus" "^caret"');
    expect(buildFtsQuery('say "hi')).toBe('"say" "hi"');
    expect(buildFtsQuery('he said "a""b" ok')).toBe('"he" "said" "a" "b" "ok"');
  });

  it('returns null when nothing searchable was typed', () => {
    for (const q of ['', '   ', '"', '""', '***', '- : ^ ( )', '"  "*'])
      expect(buildFtsQuery(q)).toBeNull();
  });

  it('drops one-letter prefixes and caps the number of terms', () => {
    expect(buildFtsQuery('a*')).toBe('"a"');
    expect(parseSearchQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(
      16,
    );
  });
});

describe('snippet segments', () => {
  it('splits on the private markers and never produces markup', () => {
    expect(
      toSnippetSegments(`…the ${matchStart}quick${matchEnd} brown\n${matchStart}fox${matchEnd}…`),
    ).toEqual([
      { text: '…the ', match: false },
      { text: 'quick', match: true },
      { text: ' brown ', match: false },
      { text: 'fox', match: true },
      { text: '…', match: false },
    ]);
    expect(toSnippetSegments('<b>x</b>')).toEqual([{ text: '<b>x</b>', match: false }]);
    expect(toSnippetSegments('')).toEqual([]);
  });
});
