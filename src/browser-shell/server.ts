import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { appError, fail } from '../shared/app-error';
import { MAX_ARCHIVE_BYTES } from '../shared/history';
import { EVENT_CHANNEL } from '../shared/ipc-channels';
import type { ParleyEvent } from '../shared/ipc';
import type { Dispatch } from '../main/ipc/router';

const COOKIE = 'parley_shell';
/**
 * The largest request body: an archive the import takes, JSON-encoded (its
 * escapes can double it), as Electron's IPC would carry it. Anything
 * smaller turned a realistic import into "The app did not answer".
 */
const MAX_BODY = 2 * MAX_ARCHIVE_BYTES + 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BrowserShell {
  url: string;
  /** The URL to open: carries the launch token (good for as long as this shell runs; keep it private). */
  launchUrl: string;
  broadcast(event: ParleyEvent): void;
  close(): Promise<void>;
}

/**
 * Development and test host for the renderer: serves the built UI on
 * 127.0.0.1 and bridges `window.parley` to the same router the Electron shell
 * uses. A random token, exchanged for an HttpOnly same-site cookie, keeps
 * other local pages and processes from driving it. Never shipped.
 */
export async function startBrowserShell(options: {
  dispatch: Dispatch;
  rendererDir: string;
  bridgeFile: string;
  port?: number;
  token?: string;
}): Promise<BrowserShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const clients = new Set<ServerResponse>();
  let origin = '';

  const authed = (req: IncomingMessage): boolean => {
    const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
    const value = Buffer.from(cookie?.slice(COOKIE.length + 1) ?? '');
    const expected = Buffer.from(token);
    return value.length === expected.length && timingSafeEqual(value, expected);
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type = 'text/plain; charset=utf-8',
  ): void => {
    res.writeHead(status, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          reject(new Error('too large'));
          req.destroy();
        } else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const serveIndex = async (res: ServerResponse): Promise<void> => {
    const html = await readFile(join(options.rendererDir, 'index.html'), 'utf8');
    const withBridge = html.replace(
      '<head>',
      '<head>\n    <script src="/__parley/bridge.js"></script>',
    );
    send(res, 200, withBridge, TYPES['.html']);
  };

  const serveStatic = async (res: ServerResponse, pathname: string): Promise<void> => {
    const target = normalize(join(options.rendererDir, decodeURIComponent(pathname)));
    if (!target.startsWith(options.rendererDir + sep)) return send(res, 404, 'not found');
    try {
      send(res, 200, await readFile(target), TYPES[extname(target)] ?? 'application/octet-stream');
    } catch {
      send(res, 404, 'not found');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      const given = Buffer.from(url.searchParams.get('token') ?? '');
      if (given.length !== token.length || !timingSafeEqual(given, Buffer.from(token)))
        return send(res, 403, 'bad token');
      res.writeHead(302, {
        location: '/',
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      res.end();
      return;
    }
    if (!authed(req))
      return send(res, 403, 'Open the URL the browser shell printed (it carries the token).');
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html'))
      return serveIndex(res);
    if (req.method === 'GET' && url.pathname === '/__parley/bridge.js') {
      return send(res, 200, await readFile(options.bridgeFile), TYPES['.js']);
    }
    if (req.method === 'GET' && url.pathname === '/__parley/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/__parley/invoke/')) {
      if (req.headers.origin !== origin) return send(res, 403, 'cross-origin request refused');
      const channel = decodeURIComponent(url.pathname.slice('/__parley/invoke/'.length));
      let payload: unknown;
      try {
        payload = JSON.parse(await readBody(req));
      } catch {
        const error = fail(appError('invalid-input', 'Invalid request: the body is not JSON.'));
        return send(res, 200, JSON.stringify(error), TYPES['.json']);
      }
      const result = await options.dispatch(channel, payload);
      return send(res, 200, JSON.stringify(result), TYPES['.json']);
    }
    if (req.method === 'GET') return serveStatic(res, url.pathname);
    send(res, 405, 'method not allowed');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    launchUrl: `${origin}/?token=${token}`,
    broadcast(event) {
      const frame = `event: ${EVENT_CHANNEL}\ndata: ${JSON.stringify(event)}\n\n`;
      for (const client of clients) client.write(frame);
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of clients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
