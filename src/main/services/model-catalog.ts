import type Anthropic from '@anthropic-ai/sdk';
import type { ModelSummary } from '../../shared/ipc';

const LIFECYCLE_ORDER = { active: 0, deprecated: 1, retired: 2 } as const;

/**
 * Used for a model whose limit is unknown (the list was never loaded, or the
 * API did not say): every current Claude model can write at least this much.
 */
export const FALLBACK_MAX_OUTPUT_TOKENS = 8192;

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

function tokenLimit(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/**
 * Reads every page of `GET /v1/models` (there are only a few dozen models).
 * `pageSize` is the API's `limit`: one page holds them all today, and a test
 * asks for small pages to prove that a longer list is read to its end.
 */
export async function fetchModels(
  client: Anthropic,
  { pageSize = 100 }: { pageSize?: number } = {},
): Promise<ModelSummary[]> {
  const out: ModelSummary[] = [];
  for await (const info of client.models.list({ limit: pageSize })) {
    const raw = info as unknown as Record<string, unknown>;
    out.push({
      id: info.id,
      displayName: info.display_name,
      lifecycle: lifecycleOf(raw['lifecycle']),
      createdAt: String(info.created_at),
      maxOutputTokens: tokenLimit(raw['max_tokens']),
    });
    if (out.length >= 1000) break;
  }
  return sortModels(out.filter((m) => m.lifecycle !== 'retired'));
}

export interface ModelCatalog {
  /** The models to offer, fetched now; what the last fetch said is remembered. */
  list(client: Anthropic): Promise<ModelSummary[]>;
  /**
   * The `max_tokens` to ask for: the model's own output limit, so a long
   * answer is never cut short by a number the app made up. Falls back to
   * FALLBACK_MAX_OUTPUT_TOKENS for a model the last list did not describe.
   */
  maxOutputTokens(model: string): number;
}

export function createModelCatalog(): ModelCatalog {
  let limits = new Map<string, number>();
  return {
    async list(client) {
      const models = await fetchModels(client);
      limits = new Map(
        models.flatMap((m) => (m.maxOutputTokens === null ? [] : [[m.id, m.maxOutputTokens]])),
      );
      return models;
    },
    maxOutputTokens: (model) => limits.get(model) ?? FALLBACK_MAX_OUTPUT_TOKENS,
  };
}
