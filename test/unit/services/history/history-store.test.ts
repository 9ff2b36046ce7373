import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HistoryError } from '../../../../src/main/services/history/history-error';
import { addExchange, freshStore, manualClock, openStore, tempDir } from './history-test-helpers';

describe('history store: conversations', () => {
  it('opens history.sqlite3 in WAL mode with FULL sync and foreign keys', () => {
    const { store } = freshStore();
    const db = store.database();
    expect(store.file.endsWith('history.sqlite3')).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(store.recovery).toBeNull();
  });

  it('creates conversations with uuid ids and lists newest first, pinned on top', () => {
    const { store, clock } = freshStore();
    const a = store.createConversation({ title: 'First', model: 'claude-a' });
    clock.advance(1000);
    const b = store.createConversation({ title: 'Second' });
    clock.advance(1000);
    const c = store.createConversation();
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.title).toBe('New conversation');
    expect(store.listConversations().map((x) => x.id)).toEqual([c.id, b.id, a.id]);

    expect(store.setPinned(a.id, true)).toBe(true);
    const listed = store.listConversations();
    expect(listed.map((x) => x.id)).toEqual([a.id, c.id, b.id]);
    expect(listed[0]).toMatchObject({
      title: 'First',
      model: 'claude-a',
      pinned: true,
      archived: false,
    });

    clock.advance(1000);
    store.addUserMessage(b.id, 'bump b to the top of the unpinned ones');
    expect(store.listConversations().map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    expect(store.listConversations()[1]?.preview).toBe('bump b to the top of the unpinned ones');
  });

  it('pages with limit and offset', () => {
    const { store, clock } = freshStore();
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      ids.unshift(store.createConversation({ title: `c${i}` }).id);
      clock.advance(10);
    }
    const page1 = store.listConversations({ limit: 3 });
    const page2 = store.listConversations({ limit: 3, offset: 3 });
    const page3 = store.listConversations({ limit: 3, offset: 6 });
    expect([...page1, ...page2, ...page3].map((x) => x.id)).toEqual(ids);
  });

  it('renames, archives (hidden unless asked for) and unpins', () => {
    const { store, clock } = freshStore();
    const conv = store.createConversation();
    expect(store.renameConversation(conv.id, '  Trip   planning \n ')).toBe(true);
    expect(store.getConversation(conv.id)?.title).toBe('Trip planning');
    expect(store.renameConversation('00000000-0000-4000-8000-000000000000', 'x')).toBe(false);

    // Renamed, an older conversation keeps its place (and its day) in the list.
    clock.advance(3 * 24 * 60 * 60 * 1000);
    const newer = store.createConversation({ title: 'Newer' });
    const updatedAt = store.getConversation(conv.id)?.updatedAt;
    expect(store.renameConversation(conv.id, 'Trip planning, v2')).toBe(true);
    expect(store.listConversations().map((c) => c.id)).toEqual([newer.id, conv.id]);
    expect(store.getConversation(conv.id)?.updatedAt).toBe(updatedAt);
    store.deleteConversation(newer.id);

    expect(store.setArchived(conv.id, true)).toBe(true);
    expect(store.listConversations()).toHaveLength(0);
    expect(store.listConversations({ includeArchived: true })[0]).toMatchObject({ archived: true });
    store.setArchived(conv.id, false);
    expect(store.listConversations()).toHaveLength(1);
  });

  it('soft-deletes with undo, then purges only old deletions', () => {
    const { store, clock } = freshStore();
    const keep = store.createConversation({ title: 'keep' });
    const gone = store.createConversation({ title: 'gone' });
    const { answerId } = addExchange(store, gone.id, 'question', 'answer');

    const token = store.deleteConversation(gone.id);
    expect(token).toEqual({ conversationId: gone.id, deletedAt: clock.now() });
    expect(store.deleteConversation(gone.id)).toBeNull();
    expect(store.getConversation(gone.id)).toBeNull();
    expect(store.listConversations({ includeArchived: true }).map((c) => c.id)).toEqual([keep.id]);
    expect(store.search('answer')).toHaveLength(0);

    expect(store.restoreConversation(gone.id)).toBe(true);
    expect(store.getConversation(gone.id)?.turns).toHaveLength(1);
    expect(store.search('answer')).toHaveLength(1);

    store.deleteConversation(gone.id);
    clock.advance(60_000);
    expect(store.purgeDeleted({ olderThanMs: 120_000 })).toBe(0);
    clock.advance(120_000);
    expect(store.purgeDeleted({ olderThanMs: 120_000 })).toBe(1);
    expect(store.restoreConversation(gone.id)).toBe(false);
    expect(store.getMessage(answerId)).toBeNull();
    const fts = store
      .database()
      .prepare(`SELECT count(*) AS n FROM message_fts WHERE message_fts MATCH 'answer'`)
      .get() as { n: number };
    expect(fts.n).toBe(0);
    expect(store.getConversation(keep.id)).not.toBeNull();
  });
});

describe('history store: messages', () => {
  it('commits the user message before returning (visible to another connection)', () => {
    const { store } = freshStore();
    const conv = store.createConversation();
    const user = store.addUserMessage(conv.id, 'Is this saved before the request leaves?');
    const other = new Database(store.file, { readonly: true });
    try {
      const row = other
        .prepare('SELECT role, status, content FROM messages WHERE id = ?')
        .get(user.id);
      expect(row).toEqual({
        role: 'user',
        status: 'complete',
        content: JSON.stringify([
          { type: 'text', text: 'Is this saved before the request leaves?' },
        ]),
      });
    } finally {
      other.close();
    }
  });

  it('refuses messages for unknown or deleted conversations', () => {
    const { store } = freshStore();
    expect(() => store.addUserMessage('nope', 'x')).toThrow(HistoryError);
    const conv = store.createConversation();
    const user = store.addUserMessage(conv.id, 'hello');
    store.deleteConversation(conv.id);
    expect(() => store.addUserMessage(conv.id, 'x')).toThrow(/no longer exists/);
    expect(() => store.startAssistantMessage(user.id, 'm')).toThrow(HistoryError);
    expect(() => store.startAssistantMessage('missing', 'm')).toThrow(HistoryError);
  });

  it('streams an answer: pending -> streaming -> complete only through finish', () => {
    const { store, clock } = freshStore();
    const conv = store.createConversation();
    const user = store.addUserMessage(conv.id, 'Tell me a story');
    const answer = store.startAssistantMessage(user.id, 'claude-x');
    expect(answer).toMatchObject({
      status: 'pending',
      role: 'assistant',
      replyTo: user.id,
      attempt: 1,
      model: 'claude-x',
      text: '',
    });

    expect(store.saveAssistantProgress(answer.id, 'Once')).toBe(true);
    expect(store.getMessage(answer.id)).toMatchObject({ status: 'streaming', text: 'Once' });
    expect(store.search('once')).toHaveLength(0); // not indexed while streaming

    clock.advance(500);
    const done = store.finishAssistantMessage(answer.id, {
      status: 'complete',
      text: 'Once upon a time.',
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 5 },
      apiRequestId: 'req_123',
    });
    expect(done).toBe(true);
    expect(store.getMessage(answer.id)).toMatchObject({
      status: 'complete',
      text: 'Once upon a time.',
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 5 },
      apiRequestId: 'req_123',
      error: null,
      updatedAt: clock.now(),
    });
    expect(store.search('once')).toHaveLength(1);

    // settled answers cannot be overwritten by late saves or a second finish
    expect(store.saveAssistantProgress(answer.id, 'late')).toBe(false);
    expect(store.finishAssistantMessage(answer.id, { status: 'error' })).toBe(false);
    expect(store.getMessage(answer.id)?.text).toBe('Once upon a time.');
    expect(store.getConversation(conv.id)?.updatedAt).toBe(clock.now());
  });

  it('keeps the saved text when finishing without text, and records errors', () => {
    const { store } = freshStore();
    const conv = store.createConversation();
    const user = store.addUserMessage(conv.id, 'q');
    const answer = store.startAssistantMessage(user.id, 'm');
    store.saveAssistantProgress(answer.id, 'partial answer');
    store.finishAssistantMessage(answer.id, {
      status: 'error',
      error: { kind: 'overloaded', message: 'Busy', retryable: true, partial: true },
    });
    expect(store.getMessage(answer.id)).toMatchObject({
      status: 'error',
      text: 'partial answer',
      error: { kind: 'overloaded', message: 'Busy', retryable: true, partial: true },
    });
  });

  it('regenerating keeps every earlier attempt; the latest is last', () => {
    const { store } = freshStore();
    const conv = store.createConversation();
    const { userId, answerId } = addExchange(store, conv.id, 'Name a colour', 'Blue');
    const second = store.startAssistantMessage(userId, 'm');
    store.finishAssistantMessage(second.id, { status: 'stopped', text: 'Gre' });
    const third = store.startAssistantMessage(userId, 'm');
    store.finishAssistantMessage(third.id, { status: 'complete', text: 'Red' });
    expect([second.attempt, third.attempt]).toEqual([2, 3]);

    const detail = store.getConversation(conv.id);
    expect(detail?.turns).toHaveLength(1);
    expect(detail?.turns[0]?.user.text).toBe('Name a colour');
    expect(detail?.turns[0]?.answers.map((a) => [a.id, a.text, a.status])).toEqual([
      [answerId, 'Blue', 'complete'],
      [second.id, 'Gre', 'stopped'],
      [third.id, 'Red', 'complete'],
    ]);
  });

  it('returns turns in order for a multi-turn conversation', () => {
    const { store, clock } = freshStore();
    const conv = store.createConversation();
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1);
      addExchange(store, conv.id, `question ${i}`, `answer ${i}`);
    }
    const unanswered = store.addUserMessage(conv.id, 'still waiting');
    const turns = store.getConversation(conv.id)?.turns ?? [];
    expect(turns.map((t) => t.user.text)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `question ${i}`).concat('still waiting'),
    );
    expect(turns.map((t) => t.answers[0]?.text ?? null)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `answer ${i}`).concat(null as never),
    );
    expect(turns[5]?.user.id).toBe(unanswered.id);
  });

  it('reads only the newest turns of a long conversation when asked, with every attempt', () => {
    const { store, clock } = freshStore();
    const conv = store.createConversation();
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      clock.advance(1);
      ids.push(addExchange(store, conv.id, `question ${i}`, `answer ${i}`).userId);
    }
    // A second attempt at a recent question, and one at an old question: both written last.
    const recentRetry = store.startAssistantMessage(ids[27] ?? '', 'm');
    store.finishAssistantMessage(recentRetry.id, { status: 'complete', text: 'answer 27, again' });
    const oldRetry = store.startAssistantMessage(ids[3] ?? '', 'm');
    store.finishAssistantMessage(oldRetry.id, { status: 'complete', text: 'answer 3, again' });

    const newest = store.getConversation(conv.id, { lastTurns: 4 });
    expect(newest?.title).toBe(conv.title);
    expect(newest?.earlierTurns).toBe(26);
    expect(newest?.turns.map((t) => t.user.text)).toEqual(
      [26, 27, 28, 29].map((i) => `question ${i}`),
    );
    expect(newest?.turns[1]?.answers.map((a) => a.text)).toEqual(['answer 27', 'answer 27, again']);
    expect(newest?.turns.flatMap((t) => t.answers.map((a) => a.text))).not.toContain(
      'answer 3, again',
    );

    // The whole conversation, as before, when it asks for more turns than there are or none.
    const all = store.getConversation(conv.id);
    expect(all?.turns).toHaveLength(30);
    expect(all?.earlierTurns).toBeUndefined();
    expect(store.getConversation(conv.id, { lastTurns: 100 })?.turns).toEqual(all?.turns);
    expect(store.getConversation(conv.id, { lastTurns: 100 })?.earlierTurns).toBe(0);
    const empty = store.createConversation();
    expect(store.getConversation(empty.id, { lastTurns: 4 })).toMatchObject({
      turns: [],
      earlierTurns: 0,
    });
  });

  it('marks unfinished answers interrupted on reopen, keeping their text searchable', () => {
    const dataDir = tempDir();
    const clock = manualClock();
    const first = openStore(dataDir, clock);
    const conv = first.createConversation();
    const user = first.addUserMessage(conv.id, 'q');
    const streaming = first.startAssistantMessage(user.id, 'm');
    first.saveAssistantProgress(streaming.id, 'half an answer about zebras');
    const user2 = first.addUserMessage(conv.id, 'q2');
    const pending = first.startAssistantMessage(user2.id, 'm');
    first.close();

    const second = openStore(dataDir, clock);
    expect(second.interruptedAtOpen).toBe(2);
    expect(second.getMessage(streaming.id)).toMatchObject({
      status: 'interrupted',
      text: 'half an answer about zebras',
    });
    expect(second.getMessage(pending.id)?.status).toBe('interrupted');
    expect(second.search('zebras')).toHaveLength(1);
    expect(second.markUnfinishedInterrupted()).toBe(0);
    expect(second.finishAssistantMessage(streaming.id, { status: 'complete' })).toBe(false);
  });

  it('rejects text beyond the size limit', () => {
    const { store } = freshStore();
    const conv = store.createConversation();
    expect(() => store.addUserMessage(conv.id, 'x'.repeat(2_000_001))).toThrow(/too long/);
  });
});
