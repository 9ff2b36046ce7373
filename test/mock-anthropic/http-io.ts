/** Reading request bodies and writing JSON answers and API errors with the common headers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './errors';
import type { MockApiError } from './errors';
import type { MockState } from './mock-state';

/** Headers every response carries: the request id and the current rate-limit picture. */
export function commonHeaders(
  state: MockState,
  requestId: string,
  error?: MockApiError,
): Record<string, string> {
  const headers: Record<string, string> = {
    'request-id': requestId,
    'anthropic-organization-id': '4f0c5d9e-7a1b-4c2d-9e8f-0a1b2c3d4e5f',
    ...state.ledger.headers(error?.extras.exhausted),
  };
  const retryAfter = error?.extras.retryAfterSeconds;
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return headers;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  state: MockState,
  requestId: string,
  error: MockApiError,
): void {
  if (res.headersSent) {
    // Too late for a status line: end the stream the way a broken upstream would.
    res.destroy();
    return;
  }
  sendJson(res, error.status, errorBody(error, requestId), commonHeaders(state, requestId, error));
}

/** Reads the whole body; past `maxBytes` it keeps draining (so the client can read our 413). */
export async function readBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxBytes) chunks.push(buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > maxBytes };
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
