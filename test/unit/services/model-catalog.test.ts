import { describe, expect, it } from 'vitest';
import { sortModels } from '../../../src/main/services/model-catalog';
import type { ModelSummary } from '../../../src/shared/ipc';

function model(
  id: string,
  createdAt: string,
  lifecycle: ModelSummary['lifecycle'] = 'active',
): ModelSummary {
  return { id, displayName: id, lifecycle, createdAt, maxOutputTokens: null };
}

describe('sortModels: the picker order', () => {
  it('puts a deprecated model after every active one, however new it is', () => {
    const input = [
      model('claude-old-active', '2024-01-01T00:00:00Z'),
      model('claude-new-deprecated', '2026-12-01T00:00:00Z', 'deprecated'),
      model('claude-new-active', '2026-06-01T00:00:00Z'),
      model('claude-older-deprecated', '2025-01-01T00:00:00Z', 'deprecated'),
    ];
    expect(sortModels(input).map((m) => m.id)).toEqual([
      'claude-new-active',
      'claude-old-active',
      'claude-new-deprecated',
      'claude-older-deprecated',
    ]);
    // The caller's list is left as it was.
    expect(input[0]?.id).toBe('claude-old-active');
  });

  it('orders models released the same day by id, so the order never flickers between loads', () => {
    const day = '2026-06-01T00:00:00Z';
    const a = [model('claude-b', day), model('claude-a', day)];
    expect(sortModels(a).map((m) => m.id)).toEqual(['claude-a', 'claude-b']);
    expect(sortModels([...a].reverse()).map((m) => m.id)).toEqual(['claude-a', 'claude-b']);
  });
});
