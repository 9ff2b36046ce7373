import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';

export type KeyCheck = 'valid' | 'rejected' | 'unreachable';

/**
 * Asks the cheapest authenticated endpoint (`GET /v1/models`) whether the
 * key works. Only a 401/403 means "rejected"; anything else that stops the
 * check (network, 5xx, 429) means we could not tell.
 */
export async function checkApiKey(
  key: string,
  options: { baseURL?: string | undefined; timeoutMs?: number },
): Promise<KeyCheck> {
  const client = new Anthropic({
    apiKey: key,
    baseURL: options.baseURL ?? null,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 10_000,
  });
  try {
    await client.models.list({ limit: 1 });
    return 'valid';
  } catch (err) {
    if (err instanceof APIError && (err.status === 401 || err.status === 403)) return 'rejected';
    if (err instanceof APIConnectionError || err instanceof APIError) return 'unreachable';
    return 'unreachable';
  }
}
