import type { HistoryStore } from '../../../../src/main/services/history/history-store';
import { addExchange, freshStore } from './history-test-helpers';

/** A small history with attempts, errors, flags and a binned conversation. */
export function populated() {
  const ctx = freshStore();
  const { store, clock } = ctx;
  const conv = store.createConversation({ title: 'Tides', model: 'claude-a' });
  const { userId } = addExchange(
    store,
    conv.id,
    'Why are there two tides a day?',
    'Because of the **Moon** and inertia.',
  );
  const second = store.startAssistantMessage(userId, 'claude-b');
  store.finishAssistantMessage(second.id, {
    status: 'error',
    text: 'Partial',
    error: { kind: 'overloaded', message: 'Overloaded', retryable: true },
    usage: { inputTokens: 10, outputTokens: 2 },
    apiRequestId: 'req_abc',
  });
  clock.advance(1000);
  const other = store.createConversation({ title: 'Other' });
  addExchange(store, other.id, 'hello', 'hi there');
  store.setPinned(other.id, true);
  store.setArchived(other.id, true);
  const binned = store.createConversation({ title: 'Binned' });
  store.deleteConversation(binned.id);
  return { ...ctx, conv, other, userId };
}

/** Every observable row, for "nothing changed" checks. */
export function snapshot(store: HistoryStore): unknown {
  const db = store.database();
  return {
    conversations: db.prepare('SELECT * FROM conversations ORDER BY id').all(),
    messages: db.prepare('SELECT * FROM messages ORDER BY n').all(),
  };
}
