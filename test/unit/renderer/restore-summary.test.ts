import { describe, expect, it } from 'vitest';
import { restoreSummary, type Restored } from '../../../src/renderer/src/hooks/use-history-status';

const restored = (over: Partial<Restored>): Restored => ({
  recovery: null,
  interruptedAtOpen: 0,
  backupDate: '2025-01-15',
  keptConversations: 0,
  unkeptConversations: 0,
  replacedMovedTo: null,
  ...over,
});

describe('the restore toast', () => {
  it("names the backup's day, in the person's locale and not shifted by their time zone", () => {
    const text = restoreSummary(restored({}));
    expect(text).toMatch(/^Your history was restored from the backup of .*15.*\.$/);
    expect(text).toContain('2025');
  });

  it('says what was carried over from before the restore', () => {
    expect(restoreSummary(restored({ keptConversations: 1 }))).toContain(
      'The conversation you had before restoring is kept.',
    );
    expect(restoreSummary(restored({ keptConversations: 3 }))).toContain(
      'The 3 conversations you had before restoring are kept.',
    );
  });

  it('says where conversations that could not be carried over are', () => {
    const text = restoreSummary(
      restored({ unkeptConversations: 2, replacedMovedTo: '/data/replaced-2025-01-16' }),
    );
    expect(text).toContain(
      '2 conversations you had before restoring could not be added back; they are saved in /data/replaced-2025-01-16.',
    );
  });

  it('falls back to "the newest backup" when the day is unknown', () => {
    expect(restoreSummary(restored({ backupDate: '' }))).toBe(
      'Your history was restored from the newest backup.',
    );
  });
});
