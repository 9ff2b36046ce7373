import { describe, expect, it } from 'vitest';
import { populated, snapshot } from './archive-fixtures';
import { freshStore, manualClock, openStore, tempDir } from './history-test-helpers';

describe('export', () => {
  it('exports one conversation as markdown showing the latest attempt', () => {
    const { store, conv } = populated();
    const md = store.exportConversationMarkdown(conv.id);
    expect(md).toBe(
      [
        '# Tides',
        '',
        '_Exported from Parley on 2025-01-15_',
        '',
        '## You',
        '',
        'Why are there two tides a day?',
        '',
        '## Claude (claude-b, error, attempt 2 of 2)',
        '',
        'Partial',
        '',
      ].join('\n'),
    );
    expect(store.exportConversationMarkdown('missing')).toBeNull();
  });

  it('exports lossless JSON archives, without binned conversations', () => {
    const { store, conv, other } = populated();
    const one = store.exportConversationJson(conv.id);
    expect(one).toMatchObject({
      format: 'parley-archive',
      version: 1,
      exportedAt: expect.any(String),
    });
    expect(one?.conversations).toHaveLength(1);
    expect(one?.conversations[0]?.messages.map((m) => [m.role, m.attempt, m.status])).toEqual([
      ['user', 1, 'complete'],
      ['assistant', 1, 'complete'],
      ['assistant', 2, 'error'],
    ]);
    expect(one?.conversations[0]?.messages[2]).toMatchObject({
      usage: { inputTokens: 10, outputTokens: 2 },
      apiRequestId: 'req_abc',
      error: { kind: 'overloaded' },
    });
    const all = store.exportAll();
    expect(all.conversations.map((c) => c.id)).toEqual([conv.id, other.id]);
    expect(all.conversations[1]).toMatchObject({ pinned: true, archived: true });
  });
});

describe('import', () => {
  it('round-trips an export into an empty history', () => {
    const { store: source } = populated();
    const archive = source.exportAll();
    const { store: target } = freshStore();
    const result = target.importArchive(JSON.stringify(archive));
    expect(result).toEqual({
      ok: true,
      value: {
        imported: { conversations: 2, messages: 5 },
        skipped: { conversations: 0, messages: 0 },
        merged: { messages: 0 },
      },
    });
    expect(target.exportAll().conversations).toEqual(archive.conversations);
    expect(target.search('inertia')).toHaveLength(1);
  });

  it('merges without overwriting: existing ids are skipped and counted', () => {
    const { store, conv, userId } = populated();
    const archive = store.exportAll();
    store.renameConversation(conv.id, 'Renamed locally');
    const before = snapshot(store);
    const again = store.importArchive(JSON.stringify(archive));
    expect(again).toEqual({
      ok: true,
      value: {
        imported: { conversations: 0, messages: 0 },
        skipped: { conversations: 2, messages: 5 },
        merged: { messages: 0 },
      },
    });
    expect(snapshot(store)).toEqual(before);

    // a new answer in a known conversation is added to it
    const local = store.startAssistantMessage(userId, 'claude-c'); // attempt 3, only here
    const first = archive.conversations[0]!;
    const extra = {
      ...first.messages[1]!,
      id: '99999999-9999-4999-8999-999999999999',
      attempt: 3, // taken locally: gets the next free attempt number
      status: 'streaming' as const,
    };
    const withNew = {
      ...archive,
      conversations: [{ ...first, messages: [...first.messages, extra] }],
    };
    const merged = store.importArchive(JSON.stringify(withNew));
    expect(merged).toMatchObject({
      ok: true,
      value: { imported: { conversations: 0, messages: 1 }, merged: { messages: 1 } },
    });
    expect(store.getMessage(extra.id)).toMatchObject({ attempt: 4, status: 'interrupted' });
    expect(store.getMessage(local.id)?.attempt).toBe(3);
    expect(store.getConversation(conv.id)?.title).toBe('Renamed locally');
  });

  it('brings back a conversation deleted here (still in the bin) that the archive has', () => {
    const { store, conv, other } = populated();
    const archive = store.exportAll();
    store.deleteConversation(conv.id);
    expect(store.listConversations({ includeArchived: true }).map((c) => c.id)).toEqual([other.id]);
    const result = store.importArchive(JSON.stringify(archive));
    expect(result).toEqual({
      ok: true,
      value: {
        imported: { conversations: 1, messages: 0 },
        skipped: { conversations: 1, messages: 5 },
        merged: { messages: 0 },
      },
    });
    expect(store.listConversations({ includeArchived: true }).map((c) => c.id)).toContain(conv.id);
    expect(store.getConversation(conv.id)?.turns).toHaveLength(1);
    expect(store.search('tides').some((hit) => hit.conversationId === conv.id)).toBe(true);
  });

  it('rejects oversized and non-string input', () => {
    const { store: source } = populated();
    const text = JSON.stringify(source.exportAll());
    const limited = openStore(tempDir(), manualClock(), { maxArchiveBytes: text.length - 1 });
    expect(limited.importArchive(text)).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(limited.importArchive(123)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(limited.listConversations({ includeArchived: true })).toEqual([]);
  });

  it('is all or nothing when a write fails mid-import', () => {
    const { store: source } = populated();
    const archive = source.exportAll();
    const { store } = freshStore();
    // a trigger that fails on the last message makes the transaction roll back
    const lastId = archive.conversations[1]!.messages[1]!.id;
    store.database()
      .exec(`CREATE TRIGGER fail_last BEFORE INSERT ON messages WHEN new.id = '${lastId}'
      BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const result = store.importArchive(JSON.stringify(archive));
    expect(result).toMatchObject({ ok: false, error: { kind: 'storage' } });
    expect(store.listConversations({ includeArchived: true })).toEqual([]);
  });
});
