/**
 * Dispatches a request to its endpoint after the gates every `/v1` request passes on the real
 * service: authentication (Bearer or x-api-key), then the `anthropic-version` header. Every
 * request is recorded first, so tests can assert on what a client really sent, even when it
 * was rejected.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, MockApiError } from './errors';
import { commonHeaders, flattenHeaders, readBody, sendError, sendJson } from './http-io';
import { newRequestId } from './ids';
import { handleCountTokens, handleCreateMessage } from './messages-handler';
import { API_VERSIONS } from './message-validation';
import type { ApiVersion } from './message-validation';
import { getModel, listModels } from './model-catalogue';
import type { MockState, RecordedRequest } from './mock-state';
import type { RouteContext } from './route-context';

type Handler = (ctx: RouteContext) => void | Promise<void>;

function route(method: string, path: string): Handler | null {
  if (method === 'POST' && path === '/v1/messages') return handleCreateMessage;
  if (method === 'POST' && path === '/v1/messages/count_tokens') return handleCountTokens;
  if (method === 'GET' && path === '/v1/models') {
    return (ctx) =>
      sendJson(
        ctx.res,
        200,
        listModels(ctx.url.searchParams),
        commonHeaders(ctx.state, ctx.requestId),
      );
  }
  const model = /^\/v1\/models\/([^/]+)$/.exec(path);
  if (method === 'GET' && model?.[1]) {
    const id = decodeURIComponent(model[1]);
    return (ctx) => sendJson(ctx.res, 200, getModel(id), commonHeaders(ctx.state, ctx.requestId));
  }
  return null;
}

function authenticate(req: IncomingMessage): void {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const header = req.headers['x-api-key'];
  const key = bearer ?? (Array.isArray(header) ? header[0] : header);
  if (!key) throw new MockApiError(401, 'x-api-key header is required');
  if (key.toLowerCase().includes('invalid')) throw new MockApiError(401, 'invalid x-api-key');
}

function apiVersion(req: IncomingMessage): ApiVersion {
  const value = req.headers['anthropic-version'];
  if (value === undefined) throw badRequest('anthropic-version: header is required');
  const known = API_VERSIONS.find((v) => v === value);
  if (!known) throw badRequest(`anthropic-version: "${String(value)}" is not a valid version`);
  return known;
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

async function handle(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const requestId = newRequestId();
  try {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const method = req.method ?? 'GET';
    const { text, tooLarge } = await readBody(req, state.maxRequestBytes);
    const parsed = parseBody(text);
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flattenHeaders(req),
      body: parsed.ok ? parsed.value : text,
      requestId,
      receivedAt: state.clock(),
      sentEvents: [],
    };
    state.requests.push(recorded);
    if (method === 'GET' && url.pathname === '/') {
      sendJson(res, 200, { ok: true }, commonHeaders(state, requestId));
      return;
    }
    if (tooLarge) throw new MockApiError(413);
    const handler = route(method, url.pathname);
    if (!handler) throw new MockApiError(404, `${method} ${url.pathname} not found`);
    authenticate(req);
    const version = apiVersion(req);
    if (!parsed.ok)
      throw badRequest('There was an error parsing the body of your request: invalid JSON.');
    await handler({
      state,
      req,
      res,
      url,
      body: parsed.value,
      requestId,
      version,
      signal,
      recorded,
    });
  } catch (error) {
    if (!(error instanceof MockApiError)) console.error('mock-anthropic: handler failed', error);
    sendError(res, state, requestId, error instanceof MockApiError ? error : new MockApiError(500));
  }
}

/** The `request` listener; it tracks each request so `close()` can abort it. */
export function createRequestListener(
  state: MockState,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const controller = new AbortController();
    const untrack = state.track(controller);
    res.on('close', () => {
      controller.abort();
      untrack();
    });
    void handle(state, req, res, controller.signal);
  };
}
