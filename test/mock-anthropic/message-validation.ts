/**
 * Request validation for `/v1/messages` and `/v1/messages/count_tokens`. The mock is strict
 * where the real API is strict, so an app bug that the service would reject (no max_tokens,
 * sampling parameters under the new API version, a bad thinking budget) fails in tests too.
 */
import { badRequest, MockApiError } from './errors';
import { findModel } from './model-catalogue';

export const API_VERSIONS = ['2023-06-01', '2026-10-21'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export interface MessageParams {
  body: Record<string, unknown>;
  model: string;
  maxTokens: number;
  messages: readonly unknown[];
  stream: boolean;
  stopSequences: string[];
  thinkingEnabled: boolean;
}

const ROLES = ['user', 'assistant', 'system'];
const SAMPLING = ['temperature', 'top_p', 'top_k'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkContent(content: unknown, where: string): void {
  if (typeof content === 'string') {
    if (content.length === 0) throw badRequest(`${where}: text content blocks must be non-empty`);
    return;
  }
  if (!Array.isArray(content)) throw badRequest(`${where}: Input should be a valid string or list`);
  content.forEach((block, i) => {
    if (!isRecord(block) || typeof block['type'] !== 'string') {
      throw badRequest(`${where}.${i}.type: Field required`);
    }
    if (block['type'] === 'text' && (typeof block['text'] !== 'string' || block['text'] === '')) {
      throw badRequest(`${where}.${i}: text content blocks must be non-empty`);
    }
  });
}

function checkModel(model: unknown, maxTokens: number | null): string {
  if (typeof model !== 'string' || model === '') throw badRequest('model: Field required');
  const known = findModel(model);
  // Dated snapshots and newer ids the catalogue lacks still work, as long as they look like Claude.
  if (!known && !model.startsWith('claude-')) throw new MockApiError(404, `model: ${model}`);
  // A retired model is still listed, but is no longer served.
  if (known?.lifecycle === 'retired') throw new MockApiError(404, `model: ${model}`);
  if (known && maxTokens !== null && maxTokens > known.max_tokens) {
    throw badRequest(
      `max_tokens: ${maxTokens} > ${known.max_tokens}, which is the maximum allowed number of output tokens for ${model}`,
    );
  }
  return model;
}

function checkSampling(body: Record<string, unknown>, version: ApiVersion): void {
  for (const key of SAMPLING) {
    if (!(key in body)) continue;
    if (version === '2026-10-21') {
      throw badRequest(`${key}: This parameter is not supported in anthropic-version 2026-10-21.`);
    }
    const value = body[key];
    const max = key === 'top_k' ? Number.MAX_SAFE_INTEGER : 1;
    if (typeof value !== 'number' || value < 0 || value > max) {
      throw badRequest(
        `${key}: Input should be a number between 0 and ${max === 1 ? 1 : 'infinity'}`,
      );
    }
  }
}

function checkThinking(thinking: unknown, maxTokens: number | null): boolean {
  if (thinking === undefined || thinking === null) return false;
  if (!isRecord(thinking)) throw badRequest('thinking: Input should be an object');
  const { type } = thinking;
  if (type === 'disabled' || type === 'adaptive') return false;
  if (type !== 'enabled')
    throw badRequest("thinking.type: Input should be 'enabled', 'adaptive' or 'disabled'");
  const budget = thinking['budget_tokens'];
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1024) {
    throw badRequest(
      'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
    );
  }
  if (maxTokens !== null && budget >= maxTokens) {
    throw badRequest('`max_tokens` must be greater than `thinking.budget_tokens`.');
  }
  return true;
}

/** `countOnly` is the count_tokens shape: no `max_tokens`, no `stream`. */
export function validateMessageBody(
  raw: unknown,
  version: ApiVersion,
  countOnly = false,
): MessageParams {
  if (!isRecord(raw)) throw badRequest('The request body must be a JSON object.');
  let maxTokens: number | null = null;
  if (!countOnly) {
    const value = raw['max_tokens'];
    if (value === undefined) throw badRequest('max_tokens: Field required');
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw badRequest('max_tokens: Input should be an integer greater than or equal to 1');
    }
    maxTokens = value;
  }
  const model = checkModel(raw['model'], maxTokens);
  const messages = raw['messages'];
  if (messages === undefined) throw badRequest('messages: Field required');
  if (!Array.isArray(messages) || messages.length === 0) {
    throw badRequest('messages: List should have at least 1 item after validation, not 0');
  }
  messages.forEach((message, i) => {
    if (!isRecord(message) || !ROLES.includes(String(message['role']))) {
      throw badRequest(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
    checkContent(message['content'], `messages.${i}.content`);
  });
  checkSampling(raw, version);
  const stream = raw['stream'] ?? false;
  if (typeof stream !== 'boolean') throw badRequest('stream: Input should be a valid boolean');
  const stops = raw['stop_sequences'] ?? [];
  if (!Array.isArray(stops) || !stops.every((s): s is string => typeof s === 'string')) {
    throw badRequest('stop_sequences: Input should be a valid list of strings');
  }
  return {
    body: raw,
    model,
    maxTokens: maxTokens ?? 0,
    messages,
    stream: countOnly ? false : stream,
    stopSequences: stops,
    thinkingEnabled: checkThinking(raw['thinking'], maxTokens),
  };
}
