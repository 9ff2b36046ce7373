import { describe, expect, it } from 'vitest';
import { importSummary } from '../../../src/renderer/src/hooks/use-history-actions';

describe('the import toast', () => {
  it('says how many conversations came in and how many were already here', () => {
    expect(importSummary(1, 0, 0)).toBe('Imported 1 conversation (0 skipped as duplicates)');
    expect(importSummary(0, 2, 0)).toBe('Imported 0 conversations (2 skipped as duplicates)');
  });

  it('says when new messages went into conversations already here, instead of "0 imported" alone', () => {
    expect(importSummary(0, 1, 3)).toBe(
      'Imported 0 conversations, and 3 new messages into ones already here (1 skipped as duplicates)',
    );
    expect(importSummary(2, 1, 1)).toBe(
      'Imported 2 conversations, and 1 new message into ones already here (1 skipped as duplicates)',
    );
  });
});
