import { describe, expect, it, vi } from 'vitest';
import { invokeContract, isPlainMessage, type InvokeMethod } from '../../../src/shared/ipc';
import type { IpcHandlers } from '../../../src/main/ipc/handlers';
import { createIpcRouter } from '../../../src/main/ipc/router';
import { createLogger } from '../../../src/main/services/logger';

/** Payloads that must never reach a service, whatever the channel. */
const malformedForAll: unknown[] = [
  undefined,
  null,
  42,
  'text',
  [],
  { unexpected: true },
  { __proto__: { polluted: true }, constructor: 'x' },
];

/** A plausible-looking but invalid payload per channel, shaped like the real one. */
const nearMisses: Record<InvokeMethod, unknown[]> = {
  getKeyStatus: [{ key: 'sk-ant-x' }],
  setKey: [
    {},
    { key: '' },
    { key: 'short' },
    { key: 12345678901 },
    { key: 'k'.repeat(600) },
    { key: 'sk-ant-valid-key-1234', extra: 1 },
  ],
  removeKey: [{ force: true }],
  listModels: [{ limit: 5 }],
  getSettings: [{ all: true }],
  setDefaultModel: [{}, { model: '' }, { model: 'claude; rm -rf /' }, { model: 7 }],
  cancelChat: [{}, { requestId: '../../etc' }],
  retryNow: [{}, { requestId: 'x'.repeat(65) }],
  resumeAnswers: [{ requestId: 'req_12345678' }],
  reportOsOnline: [{}, { online: 'yes' }],
  getStatus: [{ verbose: 1 }],
  openExternal: [{}, { url: '' }, { url: 42 }],
  sendMessage: [
    {},
    { requestId: 'req_12345678', conversationId: null, text: '   ', model: 'claude-sonnet-5-5' },
    { requestId: 'req_12345678', conversationId: '../x', text: 'hi', model: 'claude-sonnet-5-5' },
    { requestId: 'req_12345678', text: 'hi', model: 'claude-sonnet-5-5' },
    {
      requestId: 'req_12345678',
      conversationId: null,
      text: 'x'.repeat(200_001),
      model: 'claude-sonnet-5-5',
    },
  ],
  retryAnswer: [
    { requestId: 'req_12345678', userMessageId: 'm1', model: 'claude-sonnet-5-5', mode: 'again' },
    { requestId: 'req_12345678', userMessageId: '', model: 'claude-sonnet-5-5', mode: 'continue' },
  ],
  listConversations: [{ limit: 0 }, { limit: 1e9 }, { offset: -1 }, { includeArchived: 'yes' }],
  getConversation: [
    {},
    { id: 'a b' },
    { id: 'x'.repeat(65) },
    { id: 'c1', lastTurns: 0 },
    { id: 'c1', lastTurns: 2.5 },
    { id: 'c1', lastTurns: 1001 },
  ],
  renameConversation: [
    { id: 'c1' },
    { id: 'c1', title: '   ' },
    { id: 'c1', title: 't'.repeat(201) },
  ],
  setPinned: [{ id: 'c1' }, { id: 'c1', pinned: 1 }],
  setArchived: [{ id: 'c1', archived: 'no' }],
  deleteConversation: [{}, { id: "c1' OR 1=1 --" }],
  restoreConversation: [{ id: null }],
  searchHistory: [{}, { query: 5 }, { query: 'q'.repeat(501) }, { query: 'ok', limit: 0 }],
  exportConversation: [{ id: 'c1' }, { id: 'c1', format: 'html' }],
  exportAll: [{ format: 'json' }],
  importArchive: [{}, { content: '' }, { content: { format: 'parley-archive' } }],
  getHistoryStatus: [{ x: 1 }],
  restoreNewestBackup: [{ path: '/etc/passwd' }],
  dismissHistoryRecovery: [{ keep: true }],
};

function spyHandlers(): { handlers: IpcHandlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    Object.keys(invokeContract).map((method) => [
      method,
      vi.fn(async () => {
        calls.push(method);
        return { ok: true, value: null };
      }),
    ]),
  ) as unknown as IpcHandlers;
  return { handlers, calls };
}

const log = createLogger({ file: null, secrets: () => [] });

describe('IPC router', () => {
  for (const [method, { channel }] of Object.entries(invokeContract)) {
    it(`rejects malformed payloads on ${channel} with a typed error before any service runs`, async () => {
      const { handlers, calls } = spyHandlers();
      const dispatch = createIpcRouter(handlers, log);
      for (const payload of [...malformedForAll, ...nearMisses[method as InvokeMethod]]) {
        const result = await dispatch(channel, payload);
        expect(result, JSON.stringify(payload)).toMatchObject({
          ok: false,
          error: { kind: 'invalid-input', retryable: false },
        });
        // Either the validator's words (a bug or a hostile page) or words written for the person.
        if (!result.ok && !isPlainMessage(result.error.message))
          expect(result.error.message).toMatch(/^Invalid request/);
      }
      expect(calls).toEqual([]);
    });
  }

  it('refuses what a person can do by mistake in words meant for them', async () => {
    const { handlers, calls } = spyHandlers();
    const dispatch = createIpcRouter(handlers, log);
    const message = async (channel: string, payload: unknown) => {
      const result = await dispatch(channel, payload);
      return result.ok ? null : result.error.message;
    };
    const send = { requestId: 'request-0001', conversationId: null, model: 'claude-test' };
    expect(await message('chat:send-message', { ...send, text: 'x'.repeat(200_001) })).toBe(
      'This message is too long to send: Parley sends up to 200,000 characters at a time.',
    );
    expect(await message('chat:send-message', { ...send, text: ' \n ' })).toBe(
      'The message is empty.',
    );
    expect(await message('history:search', { query: 'q'.repeat(501) })).toBe(
      'Search for at most 500 characters.',
    );
    expect(await message('history:import', { content: '' })).toBe('That file is empty.');
    expect(
      await message('history:rename', {
        id: '11111111-1111-4111-8111-111111111111',
        title: '\u200b',
      }),
    ).toBe('A title cannot be empty.');
    expect(calls).toEqual([]);
  });

  it('rejects channels outside the contract', async () => {
    const { handlers, calls } = spyHandlers();
    const dispatch = createIpcRouter(handlers, log);
    for (const channel of ['key:get-raw', '', 42, null, '__proto__', 'constructor']) {
      expect(await dispatch(channel, {})).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('passes a valid payload through and turns a thrown exception into a value', async () => {
    const { handlers } = spyHandlers();
    handlers.getStatus = vi.fn(async () => {
      throw new Error('boom with sk-ant-secret-material');
    });
    const dispatch = createIpcRouter(handlers, log);
    expect(await dispatch('key:status', {})).toEqual({ ok: true, value: null });
    const thrown = await dispatch('status:get', {});
    expect(thrown).toMatchObject({ ok: false, error: { kind: 'internal', retryable: true } });
    expect(JSON.stringify(thrown)).not.toContain('sk-ant');
  });

  it('lets a read of the newest turns through, and the whole conversation without it', async () => {
    const { handlers } = spyHandlers();
    const dispatch = createIpcRouter(handlers, log);
    await dispatch('history:get', { id: 'c1', lastTurns: 40 });
    await dispatch('history:get', { id: 'c1' });
    expect(handlers.getConversation).toHaveBeenNthCalledWith(1, { id: 'c1', lastTurns: 40 });
    expect(handlers.getConversation).toHaveBeenNthCalledWith(2, { id: 'c1' });
  });

  it('trims the key before it reaches the key service', async () => {
    const { handlers } = spyHandlers();
    const dispatch = createIpcRouter(handlers, log);
    await dispatch('key:set', { key: '  sk-ant-api03-abcdefgh  ' });
    expect(handlers.setKey).toHaveBeenCalledWith({ key: 'sk-ant-api03-abcdefgh' });
  });
});
