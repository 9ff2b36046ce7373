import { describe, expect, it } from 'vitest';
import { freshStore } from './history-test-helpers';

/** A conversation's name as it is shown, and its place in the list as it is used. */

describe('conversation names', () => {
  it('are one line of visible text: control and format characters count as spaces', () => {
    const { store } = freshStore();
    const { id } = store.createConversation({ title: 'draft' });
    store.renameConversation(id, 'Trip\u202e plan\u0007 for\u200b\u200bMay\n\n2026');
    expect(store.getConversationSummary(id)?.title).toBe('Trip plan for May 2026');
    // Nothing visible is left: the default name, never a blank row.
    store.renameConversation(id, '\u200b\u2060\ufeff');
    expect(store.getConversationSummary(id)?.title).toBe('New conversation');
  });

  it('keep emoji sequences whole and are cut by character, never inside one', () => {
    const { store } = freshStore();
    const { id } = store.createConversation({ title: 'x' });
    store.renameConversation(id, '👩‍💻 pairing notes');
    expect(store.getConversationSummary(id)?.title).toBe('👩‍💻 pairing notes');
    store.renameConversation(id, '😀'.repeat(250));
    const cut = store.getConversationSummary(id)?.title ?? '';
    expect(Array.from(cut)).toHaveLength(200);
    expect(cut).toBe('😀'.repeat(200));
  });
});

describe('an archived conversation', () => {
  it('written in again comes back to the list, where the person is using it', () => {
    const { store } = freshStore();
    const { id } = store.createConversation({ title: 'Old project' });
    store.setArchived(id, true);
    expect(store.listConversations().map((c) => c.id)).not.toContain(id);
    store.addUserMessage(id, 'Picking this up again');
    expect(store.listConversations().map((c) => c.id)).toContain(id);
    expect(store.getConversationSummary(id)?.archived).toBe(false);
  });
});
