import { describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../../src/main/ipc/handlers';
import { createAppServices } from '../../../src/main/services/app-services';
import { systemClock } from '../../../src/main/services/clock';
import { BIN_KEEP_MS } from '../../../src/main/services/history/bin-emptier';
import { unavailableSecretBackend } from '../../../src/main/services/secret-backend';
import { MODEL, mock, rid, start, useSessionHarness } from './session-harness';

useSessionHarness();

describe('history handlers', () => {
  it('will not restore a backup while an answer is being written, so none of it is lost', async () => {
    const { s, events } = await start();
    const earlier = rid();
    const first = s.session.send({
      requestId: earlier,
      conversationId: null,
      text: 'hello',
      model: MODEL,
    });
    if (!first.ok) throw new Error('send failed');
    await s.engine.settled(earlier);
    expect(await s.backups.backupNow()).toMatchObject({ created: true });

    const requestId = rid();
    const sent = s.session.send({
      requestId,
      conversationId: null,
      text: 'essay ::mock long tokens=1500 rate=1500',
      model: MODEL,
    });
    if (!sent.ok) throw new Error('send failed');
    await expect
      .poll(() => events.some((e) => e.type === 'delta' && e.requestId === requestId))
      .toBe(true);
    const handlers = createIpcHandlers(s);
    const refused = await handlers.restoreNewestBackup({});
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/still answering/);

    await s.engine.settled(requestId);
    expect(s.history.getMessage(sent.value.assistantMessage.id)?.status).toBe('complete');
    // Once it has finished, the backup can be restored (the newer conversation is moved aside).
    expect(await handlers.restoreNewestBackup({})).toMatchObject({ ok: true });
    expect(s.history.getMessage(sent.value.assistantMessage.id)).toBeNull();
    expect(s.history.getMessage(first.value.assistantMessage.id)?.status).toBe('complete');
  });

  it('a deleted conversation is restorable for a day, then gone for good, messages and search entries too', async () => {
    const { s, dataDir } = await start();
    const send = async (text: string) => {
      const requestId = rid();
      const sent = s.session.send({ requestId, conversationId: null, text, model: MODEL });
      if (!sent.ok) throw new Error('send failed');
      await s.engine.settled(requestId);
      return sent.value;
    };
    const binned = await send('my secret plans for the surprise party');
    const kept = await send('a shopping list');
    const handlers = createIpcHandlers(s);
    expect(await handlers.deleteConversation({ id: binned.conversation.id })).toMatchObject({
      ok: true,
    });
    await s.dispose();

    // The same history, opened again half a day later and two days later.
    const openAt = (offsetMs: number) =>
      createAppServices({
        dataDir,
        secretBackend: unavailableSecretBackend,
        env: { ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: 'sk-ant-session-test-key' },
        emit: () => undefined,
        openExternal: async () => undefined,
        backupsEnabled: false,
        clock: { ...systemClock, now: () => Date.now() + offsetMs },
      });
    const soon = await openAt(BIN_KEEP_MS / 2);
    expect(
      await createIpcHandlers(soon).restoreConversation({ id: binned.conversation.id }),
    ).toMatchObject({
      ok: true,
    });
    await createIpcHandlers(soon).deleteConversation({ id: binned.conversation.id });
    await soon.dispose();

    const later = await openAt(2 * BIN_KEEP_MS);
    try {
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
    } finally {
      await later.dispose();
    }
  });
});
