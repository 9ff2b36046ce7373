import { describe, expect, it } from 'vitest';
import { markTerms } from '../../../../src/main/services/history/title-search';
import { addExchange, freshStore, historyAt, manualClock, openStore } from './history-test-helpers';

/**
 * Titles are searched too: a word that is only in a conversation's name
 * (renamed by the person, or imported) finds it, above the messages.
 */

describe('title search', () => {
  function history() {
    const { store, clock } = freshStore();
    const tax = store.createConversation({ title: 'Chat' });
    addExchange(store, tax.id, 'What can I deduct?', 'Receipts for work tools count.');
    store.renameConversation(tax.id, 'Tax return 2026');
    clock.advance(1000);
    const cafe = store.createConversation({ title: 'Café menus in Привет Town' });
    addExchange(store, cafe.id, 'Lunch ideas', 'Soup and bread.');
    clock.advance(1000);
    const tokyo = store.createConversation({ title: '東京旅行の計画' });
    addExchange(store, tokyo.id, 'Where to stay?', 'Near a station.');
    return { store, tax, cafe, tokyo };
  }

  it('finds a conversation by a word only in its title', () => {
    const { store, tax } = history();
    expect(store.search('tax')).toEqual([]);
    const hits = store.searchEverywhere('tax');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ conversationId: tax.id, messageId: null, role: null });
    expect(hits[0]?.snippet).toEqual([
      { text: 'Tax', match: true },
      { text: ' return 2026', match: false },
    ]);
    // Every word must be in the title; and a title hit comes before message hits.
    expect(store.searchEverywhere('tax 2026').map((h) => h.conversationId)).toEqual([tax.id]);
    expect(store.searchEverywhere('tax 2027')).toEqual([]);
    // A word in a message and not in a title: a message hit alone.
    expect(store.searchEverywhere('receipts').map((h) => h.messageId === null)).toEqual([false]);
  });

  it('folds case and Latin accents and matches any part of a word, in any script', () => {
    const { store, cafe, tokyo } = history();
    const only = (query: string) => store.searchTitles(query).map((h) => h.conversationId);
    expect(only('cafe')).toEqual([cafe.id]);
    expect(only('CAFÉ')).toEqual([cafe.id]);
    expect(only('привет')).toEqual([cafe.id]);
    expect(only('men')).toEqual([cafe.id]);
    expect(only('東京')).toEqual([tokyo.id]);
    expect(only('旅行')).toEqual([tokyo.id]);
    expect(store.searchTitles('привет')[0]?.snippet.filter((s) => s.match)).toEqual([
      { text: 'Привет', match: true },
    ]);
  });

  it('leaves out deleted conversations, and archived ones when asked to', () => {
    const { store, tax, cafe } = history();
    store.setArchived(tax.id, true);
    expect(store.searchTitles('tax').map((h) => h.conversationId)).toEqual([tax.id]);
    expect(store.searchTitles('tax', { includeArchived: false })).toEqual([]);
    store.deleteConversation(cafe.id);
    expect(store.searchTitles('cafe')).toEqual([]);
  });

  it('shows at most three titles, newest first, and only of conversations no message hit is from', () => {
    const { store, clock } = freshStore();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1000);
      const conv = store.createConversation({ title: `Garden plan ${i}` });
      addExchange(store, conv.id, 'Which plants?', 'Roses.');
      ids.push(conv.id);
    }
    clock.advance(1000);
    const tools = store.createConversation({ title: 'Tools' });
    addExchange(store, tools.id, 'What do I need for the garden?', 'A spade.');
    // Three at most, and half the list kept for the messages.
    const hits = store.searchEverywhere('garden', { limit: 3 });
    expect(hits.map((h) => [h.conversationId, h.messageId === null])).toEqual([
      [ids[4], true],
      [ids[3], true],
      [tools.id, false],
    ]);
    expect(store.searchEverywhere('garden').filter((h) => h.messageId === null)).toHaveLength(3);
    expect(store.searchEverywhere('garden', { limit: 1 }).map((h) => h.conversationId)).toEqual([
      tools.id,
    ]);
    // A title made from a message that matches too: that message's hit alone.
    const named = store.searchEverywhere('spade');
    expect(named.map((h) => h.messageId === null)).toEqual([false]);
    store.renameConversation(tools.id, 'Spade work');
    expect(store.searchEverywhere('spade').map((h) => h.messageId === null)).toEqual([false]);
  });

  it('marks each occurrence, and shows a title whose folding changes its length unmarked', () => {
    expect(markTerms('Tea for two, tea for you', ['tea'])).toEqual([
      { text: 'Tea', match: true },
      { text: ' for two, ', match: false },
      { text: 'tea', match: true },
      { text: ' for you', match: false },
    ]);
    expect(markTerms('İstanbul trip', ['trip'])).toEqual([{ text: 'İstanbul trip', match: false }]);
  });

  it('finds the titles of a history saved before version 5', () => {
    const dataDir = historyAt(4, (db) =>
      db
        .prepare(
          `INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('old', 'Ünïcode Notes', 1, 1)`,
        )
        .run(),
    );
    const store = openStore(dataDir, manualClock());
    expect(store.searchTitles('unicode').map((h) => h.conversationId)).toEqual(['old']);
  });
});
