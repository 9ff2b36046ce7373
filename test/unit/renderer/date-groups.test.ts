import { describe, expect, it } from 'vitest';
import { groupConversations } from '../../../src/renderer/src/chat/date-groups';
import type { ConversationSummary } from '../../../src/shared/history';

const NOW = new Date(2030, 5, 15, 14, 0, 0).getTime();

function at(id: string, date: Date, pinned = false): ConversationSummary {
  const time = date.getTime();
  return {
    id,
    title: id,
    model: null,
    createdAt: time,
    updatedAt: time,
    pinned,
    archived: false,
    preview: '',
  };
}

describe('groupConversations', () => {
  it('puts pinned first, then Today, Yesterday, 7 and 30 days, then months', () => {
    const items = [
      at('pinned-old', new Date(2029, 0, 3), true),
      at('today', new Date(2030, 5, 15, 0, 5)),
      at('yesterday', new Date(2030, 5, 14, 23, 59)),
      at('week', new Date(2030, 5, 9)),
      at('month', new Date(2030, 4, 20)),
      at('march', new Date(2030, 2, 2)),
      at('march-2', new Date(2030, 2, 1)),
      at('last-year', new Date(2029, 11, 24)),
    ];
    const groups = groupConversations(items, NOW);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id)])).toEqual([
      ['pinned', ['pinned-old']],
      ['today', ['today']],
      ['yesterday', ['yesterday']],
      ['week', ['week']],
      ['month', ['month']],
      ['2030-3', ['march', 'march-2']],
      ['2029-12', ['last-year']],
    ]);
    expect(groups.map((g) => g.label).slice(0, 5)).toEqual([
      'Pinned',
      'Today',
      'Yesterday',
      'Previous 7 days',
      'Previous 30 days',
    ]);
    // The current year's months need no year; earlier ones do.
    expect(groups[5]?.label).not.toMatch(/2030/);
    expect(groups[6]?.label).toMatch(/2029/);
  });

  it('returns nothing for no conversations', () => {
    expect(groupConversations([], NOW)).toEqual([]);
  });
});
