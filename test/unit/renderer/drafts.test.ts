// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createDrafts, MAX_DRAFTS } from '../../../src/renderer/src/lib/drafts';

describe('drafts (what is written and not sent yet)', () => {
  beforeEach(() => localStorage.clear());

  it('keeps a draft per conversation; an empty one is removed', () => {
    const drafts = createDrafts(localStorage);
    drafts.write('a', 'half a thought\nand a second line');
    drafts.write('b', 'another');
    // A window opened later (a reload) reads what this one wrote.
    const later = createDrafts(localStorage);
    expect(later.read('a')).toBe('half a thought\nand a second line');
    expect(later.read('b')).toBe('another');
    later.write('a', '');
    expect(createDrafts(localStorage).read('a')).toBe('');
    expect(localStorage.length).toBe(1);
  });

  it('forgets the least recently written drafts past its limit, never the one being written', () => {
    let clock = 0;
    const drafts = createDrafts(localStorage, () => (clock += 1));
    for (let i = 0; i < MAX_DRAFTS; i += 1) drafts.write(`c${i}`, `draft ${i}`);
    drafts.write('c0', 'draft 0, written again');
    drafts.write('newest', 'just now');
    expect(localStorage.length).toBe(MAX_DRAFTS);
    const later = createDrafts(localStorage);
    expect(later.read('newest')).toBe('just now');
    expect(later.read('c0')).toBe('draft 0, written again');
    // c1 was the oldest write left.
    expect(later.read('c1')).toBe('');
    expect(later.read('c2')).toBe('draft 2');
  });

  it('reads a damaged entry as no draft, and leaves other storage alone', () => {
    localStorage.setItem('parley.draft.x', '{not json');
    localStorage.setItem('other-app-setting', 'kept');
    const drafts = createDrafts(localStorage);
    expect(drafts.read('x')).toBe('');
    drafts.write('x', 'fresh');
    expect(drafts.read('x')).toBe('fresh');
    expect(localStorage.getItem('other-app-setting')).toBe('kept');
  });

  it('storage that refuses a write (full): the window keeps the text, and no older copy comes back', () => {
    createDrafts(localStorage).write('a', 'an older draft');
    // The one thing not real here: the browser's quota running out.
    const full = new Proxy(localStorage, {
      get(target, property) {
        if (property === 'setItem')
          return () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          };
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const drafts = createDrafts(full);
    drafts.write('a', 'the newer text');
    expect(drafts.read('a')).toBe('the newer text');
    expect(createDrafts(localStorage).read('a')).toBe('');
  });

  it('without storage, drafts last as long as the window', () => {
    const drafts = createDrafts(null);
    drafts.write('a', 'text');
    expect(drafts.read('a')).toBe('text');
    expect(createDrafts(null).read('a')).toBe('');
  });
});
