import type Anthropic from '@anthropic-ai/sdk';
import type { ModelSummary } from '../../shared/ipc';

const LIFECYCLE_ORDER = { active: 0, deprecated: 1, retired: 2 } as const;

/** Active models first, then newest first, so the default choice is a sensible one. */
export function sortModels(models: ModelSummary[]): ModelSummary[] {
  return [...models].sort(
    (a, b) =>
      LIFECYCLE_ORDER[a.lifecycle] - LIFECYCLE_ORDER[b.lifecycle] ||
      b.createdAt.localeCompare(a.createdAt) ||
      a.id.localeCompare(b.id),
  );
}

function lifecycleOf(value: unknown): ModelSummary['lifecycle'] {
  return value === 'deprecated' || value === 'retired' ? value : 'active';
}

/** Reads every page of `GET /v1/models` (there are only a few dozen models). */
export async function fetchModels(client: Anthropic): Promise<ModelSummary[]> {
  const out: ModelSummary[] = [];
  for await (const info of client.models.list({ limit: 100 })) {
    const raw = info as unknown as Record<string, unknown>;
    out.push({
      id: info.id,
      displayName: info.display_name,
      lifecycle: lifecycleOf(raw['lifecycle']),
      createdAt: String(info.created_at),
    });
    if (out.length >= 1000) break;
  }
  return sortModels(out.filter((m) => m.lifecycle !== 'retired'));
}
