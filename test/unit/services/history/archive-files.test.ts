import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../../src/main/services/history/history-store';
import type { ParleyArchive } from '../../../../src/main/services/history/archive-schema';
import { addExchange, manualClock, openStore, tempDir } from './history-test-helpers';

/**
 * "Export all" of a history larger than one import takes: several files,
 * each within the limit, that import back to the same history. Real SQLite;
 * the limit is lowered so a few kilobytes stand in for 200 MB.
 */

const clock = manualClock();

/** Conversations of mixed scripts: UTF-8 bytes outnumber characters, as the limit must count. */
function fill(store: HistoryStore, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const conv = store.createConversation({ title: `Topic ${i} — ünïcödé 漢字` });
    addExchange(
      store,
      conv.id,
      `Question ${i}: ${'Grüße 🌊 '.repeat(30)}`,
      `${'答え '.repeat(200)}`,
    );
  }
}

function historyOf(count: number, maxArchiveBytes?: number) {
  const dataDir = tempDir();
  const first = openStore(dataDir, clock);
  fill(first, count);
  const whole = JSON.stringify(first.exportAll());
  first.close();
  const limit = maxArchiveBytes ?? Buffer.byteLength(whole);
  return { store: openStore(dataDir, clock, { maxArchiveBytes: limit }), whole, limit };
}

const byId = (archive: ParleyArchive) =>
  [...archive.conversations].sort((a, b) => a.id.localeCompare(b.id));

describe('export all, in files an import takes', () => {
  it('is one file, exactly the archive, while the history fits', () => {
    const { store, whole } = historyOf(5);
    const files = store.exportAllFiles();
    expect(files).toEqual([whole]);
  });

  it('is an empty archive for an empty history', () => {
    const store = openStore(tempDir(), clock);
    const [only, ...rest] = store.exportAllFiles();
    expect(rest).toEqual([]);
    expect(JSON.parse(only!)).toMatchObject({ format: 'parley-archive', conversations: [] });
  });

  it('splits a larger history between conversations, each file within the limit in bytes, and they import back whole', () => {
    const whole = historyOf(12).whole;
    const limit = Math.floor(Buffer.byteLength(whole) / 3);
    const source = historyOf(12, limit).store;
    const files = source.exportAllFiles();
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(limit);
      expect(JSON.parse(file)).toMatchObject({ format: 'parley-archive', version: 1 });
    }

    // In any order: each file holds whole conversations.
    const target = openStore(tempDir(), clock, { maxArchiveBytes: limit });
    for (const file of [...files].reverse()) {
      expect(target.importArchive(file)).toMatchObject({ ok: true });
    }
    expect(byId(target.exportAll())).toEqual(byId(source.exportAll()));
    // One file of the whole would have been refused by the same limit.
    expect(target.importArchive(JSON.stringify(source.exportAll()))).toMatchObject({
      ok: false,
      error: { kind: 'too-large' },
    });
  });

  it('gives a conversation larger than a whole file a file of its own, which the import refuses saying why', () => {
    const { store } = historyOf(3, 2_000);
    const files = store.exportAllFiles();
    expect(files).toHaveLength(3);
    const target = openStore(tempDir(), clock, { maxArchiveBytes: 2_000 });
    const refused = target.importArchive(files[0]);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/archives of up to 1 MB/);
  });
});
