import { describe, expect, it } from 'vitest';
import { fileNameFor } from '../../../src/main/ipc/history-handlers';

describe('export file names', () => {
  it('keep the letters of every script, vowel signs included', () => {
    expect(fileNameFor('हिन्दी भाषा का इतिहास', 'md')).toBe('हिन्दी-भाषा-का-इतिहास.md');
    expect(fileNameFor('ภาษาไทย', 'json')).toBe('ภาษาไทย.json');
  });

  it('drop what a file system refuses, and never end up empty', () => {
    expect(fileNameFor('a/b\\c:d*e?"f<g>h|i', 'md')).toBe('abcdefghi.md');
    expect(fileNameFor('???', 'json')).toBe('conversation.json');
  });
});
