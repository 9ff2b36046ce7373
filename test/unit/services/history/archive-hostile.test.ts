import { describe, expect, it } from 'vitest';
import { populated, snapshot } from './archive-fixtures';

/** Files from anywhere: each must be refused with a clear message and change nothing. */
describe('import of hostile archives', () => {
  const valid = () => {
    const { store } = populated();
    return store.exportAll();
  };
  type Mutate = (archive: ReturnType<typeof valid>) => unknown;
  const hostile: Array<[string, string | Mutate]> = [
    ['not JSON', '{"format": "parley-archive",'],
    ['empty text', ''],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['a number', '42'],
    ['wrong format', (a) => ({ ...a, format: 'other' })],
    ['wrong version', (a) => ({ ...a, version: 2 })],
    ['unknown top-level key', (a) => ({ ...a, extra: true })],
    ['__proto__ key', '{"__proto__": {"polluted": true}, "format": "parley-archive"}'],
    [
      'nested __proto__',
      (a) => JSON.stringify(a).replace('"pinned":', '"__proto__":{"x":1},"pinned":'),
    ],
    [
      'constructor key',
      (a) => JSON.stringify(a).replace('"title":', '"constructor":{"prototype":{}},"title":'),
    ],
    [
      'bad id',
      (a) => {
        a.conversations[0]!.id = 'not-a-uuid';
        return a;
      },
    ],
    [
      'bad role',
      (a) => {
        (a.conversations[0]!.messages[0] as { role: string }).role = 'system';
        return a;
      },
    ],
    [
      'bad status',
      (a) => {
        (a.conversations[0]!.messages[1] as { status: string }).status = 'done';
        return a;
      },
    ],
    [
      'title too long',
      (a) => {
        a.conversations[0]!.title = 'x'.repeat(201);
        return a;
      },
    ],
    [
      'text wrong type',
      (a) => {
        (a.conversations[0]!.messages[0]!.content[0] as { text: unknown }).text = 5;
        return a;
      },
    ],
    [
      'html block type',
      (a) => {
        (a.conversations[0]!.messages[0]!.content[0] as { type: string }).type = 'html';
        return a;
      },
    ],
    [
      'answer without question',
      (a) => {
        a.conversations[0]!.messages.splice(0, 1);
        return a;
      },
    ],
    [
      'user with replyTo',
      (a) => {
        a.conversations[0]!.messages[0]!.replyTo = a.conversations[0]!.messages[1]!.id;
        return a;
      },
    ],
    [
      'duplicate message id',
      (a) => {
        a.conversations[1]!.messages[0]!.id = a.conversations[0]!.messages[0]!.id;
        return a;
      },
    ],
    [
      'duplicate conversation',
      (a) => ({ ...a, conversations: [a.conversations[0], a.conversations[0]] }),
    ],
    [
      'bad date',
      (a) => {
        a.conversations[0]!.createdAt = 'yesterday';
        return a;
      },
    ],
    [
      'negative tokens',
      (a) => {
        a.conversations[0]!.messages[2]!.usage = { inputTokens: -1, outputTokens: 0 };
        return a;
      },
    ],
    [
      'float attempt',
      (a) => {
        a.conversations[0]!.messages[1]!.attempt = 1.5;
        return a;
      },
    ],
    [
      'model with spaces',
      (a) => {
        a.conversations[0]!.model = 'claude <x>';
        return a;
      },
    ],
    ['deeply nested', '['.repeat(100_000) + ']'.repeat(100_000)],
  ];

  for (const [name, make] of hostile) {
    it(`rejects ${name} with a clear message and changes nothing`, () => {
      const { store } = populated();
      const text =
        typeof make === 'string'
          ? make
          : (() => {
              const out = make(valid());
              return typeof out === 'string' ? out : JSON.stringify(out);
            })();
      // a valid new conversation alongside the bad part must not be half-imported
      const before = snapshot(store);
      const result = store.importArchive(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('invalid-input');
        expect(result.error.message).toMatch(/Parley archive/);
      }
      expect(snapshot(store)).toEqual(before);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  }
});
