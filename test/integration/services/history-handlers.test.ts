import { describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../../src/main/ipc/handlers';
import { MODEL, rid, start, useSessionHarness } from './session-harness';

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
});
