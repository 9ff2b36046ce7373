/**
 * What the person is writing, per conversation, kept in the window's own
 * storage (localStorage: on disk, per app origin) so that a reload, a
 * renderer crash, a quit, switching conversations or removing the key does
 * not lose a word not yet sent. Main never sees a draft: it is not history
 * until it is sent. Storage that is full or unavailable still keeps drafts
 * for as long as the window lives.
 */

/** The draft of a conversation not started yet (the "New conversation" screen). */
export const NEW_CONVERSATION_DRAFT = 'new';

const PREFIX = 'parley.draft.';
/** Drafts kept at most; the least recently written go first (their conversations may be gone). */
export const MAX_DRAFTS = 100;

interface StoredDraft {
  text: string;
  at: number;
}

export interface Drafts {
  read(key: string): string;
  /** An empty text removes the draft. */
  write(key: string, text: string): void;
}

export function createDrafts(storage: Storage | null, now: () => number = Date.now): Drafts {
  const parse = (raw: string | null): StoredDraft | null => {
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null) return null;
      const { text, at } = value as Partial<StoredDraft>;
      return typeof text === 'string' && typeof at === 'number' ? { text, at } : null;
    } catch {
      return null;
    }
  };

  /** Makes room for one more by forgetting the oldest drafts. */
  const prune = (store: Storage): void => {
    const drafts: Array<{ name: string; at: number }> = [];
    for (let i = 0; i < store.length; i += 1) {
      const name = store.key(i);
      if (name?.startsWith(PREFIX)) drafts.push({ name, at: parse(store.getItem(name))?.at ?? 0 });
    }
    if (drafts.length < MAX_DRAFTS) return;
    drafts.sort((a, b) => a.at - b.at);
    for (const { name } of drafts.slice(0, drafts.length - MAX_DRAFTS + 1)) store.removeItem(name);
  };

  // This window's drafts, whatever storage did with them: a write it refused is still read back.
  const written = new Map<string, string>();

  return {
    read(key) {
      const known = written.get(key);
      if (known !== undefined) return known;
      try {
        return parse(storage?.getItem(PREFIX + key) ?? null)?.text ?? '';
      } catch {
        return '';
      }
    },
    write(key, text) {
      written.set(key, text);
      if (!storage) return;
      const name = PREFIX + key;
      try {
        if (text === '') {
          storage.removeItem(name);
          return;
        }
        if (storage.getItem(name) === null) prune(storage);
        storage.setItem(name, JSON.stringify({ text, at: now() } satisfies StoredDraft));
      } catch {
        // Full or refused: this window still has the text. An older copy must not come back
        // after a reload in its place.
        try {
          storage.removeItem(name);
        } catch {
          // Nothing more to do: the text is on screen.
        }
      }
    },
  };
}

/** The window's storage, or null where it is refused (a sandbox without storage). */
function windowStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const drafts: Drafts = createDrafts(windowStorage());
