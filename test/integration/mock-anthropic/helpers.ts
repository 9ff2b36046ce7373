/** Shared set-up for the mock's tests: a real SDK client pointed at a running mock. */
import Anthropic from '@anthropic-ai/sdk';
import type { ClientOptions } from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { MockAnthropic } from '../../mock-anthropic/server';

export const MODEL = 'claude-haiku-4-5';

export function clientFor(mock: MockAnthropic, options: ClientOptions = {}): Anthropic {
  return new Anthropic({ apiKey: 'sk-ant-test-key', baseURL: mock.url, maxRetries: 0, ...options });
}

/** A one-message request; the text usually carries a `::mock` directive. */
export function ask(
  text: string,
  extra: Partial<MessageCreateParamsNonStreaming> = {},
): MessageCreateParamsNonStreaming {
  return { model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: text }], ...extra };
}

/** Raw HTTP for what the SDK will not send (missing key, old version, malformed bodies). */
export function rawPost(
  mock: MockAnthropic,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'sk-ant-test-key',
      'anthropic-version': '2023-06-01',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The text of an answer's text blocks, joined as they were streamed. */
export function textOf(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

/** Resolves with what a promise rejected with, and fails the test if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
