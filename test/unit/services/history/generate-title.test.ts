import { describe, expect, it } from 'vitest';
import { generateTitle } from '../../../../src/main/services/history/generate-title';

describe('generateTitle', () => {
  it('uses the first sentence of the question', () => {
    expect(generateTitle('How do I bake sourdough bread? I tried twice.', 'Sure')).toBe(
      'How do I bake sourdough bread?',
    );
    expect(generateTitle('explain closures in js.\nmore text')).toBe('Explain closures in js');
  });

  it('trims long text to about 50 chars on a word boundary', () => {
    const title = generateTitle(
      'Please write a detailed comparison between relational databases and document stores for analytics',
    );
    expect(title.length).toBeLessThanOrEqual(51);
    expect(title.endsWith('…')).toBe(true);
    expect(title).toBe('Please write a detailed comparison between…');
  });

  it('strips markdown and falls back to the answer for greetings', () => {
    expect(generateTitle('# **Rust** `lifetimes` question')).toBe('Rust lifetimes question');
    expect(generateTitle('hi', 'Hello! How can I help you today?')).toBe('Hello');
    expect(generateTitle('   ', '')).toBe('New conversation');
    expect(generateTitle('```\ncode only\n```', 'Here is what this code does.')).toBe(
      'Here is what this code does',
    );
  });

  it('never splits a surrogate pair', () => {
    const title = generateTitle('😀'.repeat(80));
    expect(title).toBe(`${'😀'.repeat(50)}…`);
  });
});
