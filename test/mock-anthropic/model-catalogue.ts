/**
 * The models the mock knows, newest first as `GET /v1/models` lists them. The set is small
 * but covers what a model picker must handle: several lines, a deprecated model (the same
 * one the SDK itself warns about) with its deprecation and retirement dates, an older active
 * model listed after it, and a retired model still listed (which no request may use).
 */
import { badRequest, MockApiError } from './errors';

export interface ModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
  lifecycle: 'active' | 'deprecated' | 'retired';
  deprecated_at: string | null;
  retires_at: string | null;
  line: 'haiku' | 'sonnet' | 'opus';
  max_input_tokens: number;
  max_tokens: number;
  capabilities: null;
}

function model(
  id: string,
  display: string,
  created: string,
  maxTokens: number,
  deprecation?: { at: string; retires: string; retired?: true },
): ModelInfo {
  const line = id.includes('haiku') ? 'haiku' : id.includes('opus') ? 'opus' : 'sonnet';
  return {
    type: 'model',
    id,
    display_name: display,
    created_at: `${created}T00:00:00Z`,
    lifecycle: deprecation?.retired ? 'retired' : deprecation ? 'deprecated' : 'active',
    deprecated_at: deprecation ? `${deprecation.at}T00:00:00Z` : null,
    retires_at: deprecation ? `${deprecation.retires}T00:00:00Z` : null,
    line,
    max_input_tokens: 200_000,
    max_tokens: maxTokens,
    capabilities: null,
  };
}

export const MODELS: readonly ModelInfo[] = [
  model('claude-sonnet-5-5', 'Claude Sonnet 5.5', '2026-09-15', 64_000),
  model('claude-opus-5-5', 'Claude Opus 5.5', '2026-08-20', 64_000),
  model('claude-opus-4-5', 'Claude Opus 4.5', '2025-11-24', 64_000),
  model('claude-haiku-4-5', 'Claude Haiku 4.5', '2025-10-15', 64_000),
  model('claude-sonnet-4-5', 'Claude Sonnet 4.5', '2025-09-29', 64_000, {
    at: '2026-05-30',
    retires: '2026-11-30',
  }),
  model('claude-opus-4-1', 'Claude Opus 4.1', '2025-08-05', 32_000),
  model('claude-3-5-sonnet-20241022', 'Claude Sonnet 3.5', '2024-10-22', 8_192, {
    at: '2025-08-13',
    retires: '2025-10-22',
    retired: true,
  }),
];

export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((m) => m.id === id);
}

export function getModel(id: string): ModelInfo {
  const found = findModel(id);
  if (!found) throw new MockApiError(404, `model: ${id}`);
  return found;
}

export interface ModelPage {
  data: ModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

function indexOf(id: string, key: string): number {
  const index = MODELS.findIndex((m) => m.id === id);
  if (index < 0) throw badRequest(`${key}: no model with id "${id}"`);
  return index;
}

/** Cursor pagination as the API does it: `after_id` pages forward, `before_id` backward. */
export function listModels(query: URLSearchParams): ModelPage {
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw badRequest('limit: Input should be an integer between 1 and 1000');
  }
  const after = query.get('after_id');
  const before = query.get('before_id');
  if (after !== null && before !== null)
    throw badRequest('Only one of after_id and before_id may be given.');
  let start: number;
  let end: number;
  if (before !== null) {
    end = indexOf(before, 'before_id');
    start = Math.max(0, end - limit);
  } else {
    start = after === null ? 0 : indexOf(after, 'after_id') + 1;
    end = Math.min(MODELS.length, start + limit);
  }
  const data = MODELS.slice(start, end);
  return {
    data,
    has_more: before !== null ? start > 0 : end < MODELS.length,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}
