import { describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../../src/main/ipc/handlers';
import { systemClock } from '../../../src/main/services/clock';
import { BIN_KEEP_MS } from '../../../src/main/services/history/bin-emptier';
import { ask, askStreaming, mock, start, useSessionHarness } from './session-harness';

useSessionHarness();

describe('history handlers', () => {
  it('will not restore a backup while an answer is being written, so none of it is lost', async () => {
    const { s, events } = await start();
    const first = await ask(s, 'hello');
    expect(await s.backups.backupNow()).toMatchObject({ created: true });

    const { requestId, sent } = await askStreaming(
      s,
      events,
      'essay ::mock long tokens=1500 rate=1500',
    );
    const handlers = createIpcHandlers(s);
    const refused = await handlers.restoreNewestBackup({});
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/still answering/);

    await s.engine.settled(requestId);
    const answer = s.history.getMessage(sent.assistantMessage.id);
    expect(answer?.status).toBe('complete');
    // Once it has finished, the backup can be restored, and the newer conversation comes along.
    expect(await handlers.restoreNewestBackup({})).toMatchObject({
      ok: true,
      value: { keptConversations: 1, unkeptConversations: 0, recovery: null },
    });
    expect(s.history.getMessage(sent.assistantMessage.id)).toEqual(answer);
    expect(s.history.getMessage(first.assistantMessage.id)?.status).toBe('complete');
  });

  it('deleting a conversation stops the answer streaming into it; Undo brings back what had arrived', async () => {
    const { s, events } = await start();
    const { requestId, sent } = await askStreaming(
      s,
      events,
      'essay ::mock long tokens=4000 rate=800',
    );
    const handlers = createIpcHandlers(s);
    const { id } = sent.conversation;
    expect(await handlers.deleteConversation({ id })).toMatchObject({ ok: true });

    // Stopped at once, not after the five seconds the rest of the answer takes.
    await s.engine.settled(requestId);
    expect(s.engine.activeCount()).toBe(0);
    const ends = events.flatMap((e) =>
      'requestId' in e && e.requestId === requestId && (e.type === 'stopped' || e.type === 'done')
        ? [e.type]
        : [],
    );
    expect(ends).toEqual(['stopped']);

    expect(await handlers.restoreConversation({ id })).toMatchObject({ ok: true });
    const answer = s.history.getMessage(sent.assistantMessage.id);
    expect(answer?.status).toBe('stopped');
    expect(answer?.content[0]?.text.length).toBeGreaterThan(0);
  });

  it('a deleted conversation is restorable for a day, then gone for good, messages and search entries too', async () => {
    const { s, dataDir } = await start();
    const binned = await ask(s, 'my secret plans for the surprise party');
    const kept = await ask(s, 'a shopping list');
    const handlers = createIpcHandlers(s);
    expect(await handlers.deleteConversation({ id: binned.conversation.id })).toMatchObject({
      ok: true,
    });
    await s.dispose();

    // The same history, opened again half a day later and two days later.
    const openAt = async (offsetMs: number) =>
      (await start(mock.url, dataDir, { ...systemClock, now: () => Date.now() + offsetMs })).s;
    const soon = await openAt(BIN_KEEP_MS / 2);
    expect(
      await createIpcHandlers(soon).restoreConversation({ id: binned.conversation.id }),
    ).toMatchObject({
      ok: true,
    });
    await createIpcHandlers(soon).deleteConversation({ id: binned.conversation.id });
    await soon.dispose();

    // Opened two days on (the harness closes it after the test).
    const later = await openAt(2 * BIN_KEEP_MS);
    const rows = later.history
      .database()
      .prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ?')
      .get(binned.conversation.id) as { n: number };
    expect(rows.n).toBe(0);
    expect(later.history.restoreConversation(binned.conversation.id)).toBe(false);
    const indexed = later.history
      .database()
      .prepare(`SELECT count(*) AS n FROM message_fts WHERE message_fts MATCH 'surprise'`)
      .get() as { n: number };
    expect(indexed.n).toBe(0);
    expect(later.history.getConversation(kept.conversation.id)?.turns).toHaveLength(1);
  });
});
