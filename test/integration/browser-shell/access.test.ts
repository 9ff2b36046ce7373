import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserShell, type BrowserShell } from '../../../src/browser-shell/server';
import { createIpcHandlers } from '../../../src/main/ipc/handlers';
import { createIpcRouter } from '../../../src/main/ipc/router';
import { createAppServices, type AppServices } from '../../../src/main/services/app-services';
import { unavailableSecretBackend } from '../../../src/main/services/secret-backend';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';

/**
 * The browser shell serves the app's whole IPC surface over HTTP on
 * loopback, where any other local page or process can reach it. What keeps
 * them out (src/browser-shell/server.ts): a random launch token, traded
 * for an HttpOnly SameSite=Strict cookie, and an Origin check on every invoke.
 * SameSite alone is not enough: a page on another loopback port is the same
 * *site*, so its requests carry the cookie; only the Origin tells it apart.
 *
 * Everything here is real and spoken over real HTTP: the shell's server, the
 * app's services and IPC router on a throwaway data directory, and the mock
 * Anthropic API they are pointed at. Only the renderer is a copy of the app's
 * own index.html (the built bundle is not needed to test who gets in).
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const REFUSED_PAGE = 'Open the URL the browser shell printed (it carries the token).';
const BRIDGE_SOURCE = 'window.__bridgeLoaded = true;\n';
const SECRET_BESIDE_RENDERER = 'not for the browser';
/** A valid request another page would like to slip in; the tests show it is refused only for who sends it. */
const FORGED_MODEL = 'claude-forged-by-another-page';

let mock: MockAnthropic;
let services: AppServices;
let shell: BrowserShell;
let workDir: string;
/** Links main was asked to open: what a hostile page would try to make Parley do. */
const opened: string[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'parley-shell-access-'));
  const rendererDir = join(workDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  copyFileSync(join(root, 'src/renderer/index.html'), join(rendererDir, 'index.html'));
  writeFileSync(join(rendererDir, 'assets/app.js'), 'console.log("app");\n');
  writeFileSync(join(workDir, 'secret.txt'), SECRET_BESIDE_RENDERER);
  const bridgeFile = join(workDir, 'bridge.js');
  writeFileSync(bridgeFile, BRIDGE_SOURCE);

  mock = await startMockAnthropic();
  services = await createAppServices({
    dataDir: join(workDir, 'data'),
    secretBackend: unavailableSecretBackend,
    env: { ANTHROPIC_BASE_URL: mock.url },
    emit: () => undefined,
    openExternal: async (url) => {
      opened.push(url);
    },
    backupsEnabled: false,
  });
  shell = await startBrowserShell({
    dispatch: createIpcRouter(createIpcHandlers(services), services.log),
    rendererDir,
    bridgeFile,
  });
});

afterAll(async () => {
  await shell?.close();
  await services?.dispose();
  await mock?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** The token, read from the launch URL the shell prints, as the person's browser gets it. */
function launchToken(): string {
  const token = new URL(shell.launchUrl).searchParams.get('token');
  if (!token) throw new Error('the launch URL carries no token');
  return token;
}

/** Goes to the launch URL and returns the cookie the shell set, as a browser would keep it. */
async function signIn(): Promise<string> {
  const res = await fetch(shell.launchUrl, { redirect: 'manual' });
  const [cookie] = res.headers.getSetCookie();
  if (!cookie) throw new Error(`no cookie from the launch URL (status ${res.status})`);
  return cookie.split(';')[0] ?? '';
}

/** An invoke as the bridge sends it, from a page of `origin`. */
function invoke(
  channel: string,
  payload: unknown,
  headers: { cookie?: string; origin?: string },
): Promise<Response> {
  const sent: Record<string, string> = { 'content-type': 'application/json' };
  if (headers.cookie !== undefined) sent['cookie'] = headers.cookie;
  if (headers.origin !== undefined) sent['origin'] = headers.origin;
  return fetch(`${shell.url}/__parley/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: sent,
    body: JSON.stringify(payload),
  });
}

async function defaultModel(cookie: string): Promise<unknown> {
  const res = await invoke('settings:get', {}, { cookie, origin: shell.url });
  const body = (await res.json()) as { ok: boolean; value?: { defaultModel: unknown } };
  expect(body.ok).toBe(true);
  return body.value?.defaultModel;
}

describe('browser shell access control', () => {
  it('without the token, nothing is served: not the page, the bridge, the assets, the events or an invoke', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/__parley/bridge.js',
      '/assets/app.js',
      '/__parley/events',
    ]) {
      const res = await fetch(`${shell.url}${path}`);
      expect(res.status, path).toBe(403);
      expect(res.headers.getSetCookie(), path).toEqual([]);
      expect(await res.text(), path).toBe(REFUSED_PAGE);
    }

    const res = await invoke(
      'shell:open-external',
      { url: 'https://example.com/from-a-stranger' },
      { origin: shell.url },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(REFUSED_PAGE);
    expect(opened).toEqual([]);
  });

  it('a wrong token in the launch URL is refused and sets no cookie', async () => {
    const token = launchToken();
    const wrongSameLength = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const guess of [wrongSameLength, 'guess', '']) {
      const res = await fetch(`${shell.url}/?token=${encodeURIComponent(guess)}`, {
        redirect: 'manual',
      });
      expect(res.status, guess).toBe(403);
      expect(await res.text()).toBe('bad token');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('a wrong cookie is refused, whatever its length or name', async () => {
    const token = launchToken();
    const wrongSameLength = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const cookie of [
      `parley_shell=${wrongSameLength}`,
      `parley_shell=${token.slice(0, 8)}`,
      'parley_shell=',
      `other_cookie=${token}`,
      `parley_shell_x=${token}`,
    ]) {
      const page = await fetch(`${shell.url}/`, { headers: { cookie } });
      expect(page.status, cookie).toBe(403);
      expect(await page.text()).toBe(REFUSED_PAGE);
      const call = await invoke(
        'settings:set-default-model',
        { model: FORGED_MODEL },
        {
          cookie,
          origin: shell.url,
        },
      );
      expect(call.status, cookie).toBe(403);
      expect(await call.text()).toBe(REFUSED_PAGE);
    }
    expect(services.settings.get().defaultModel).not.toBe(FORGED_MODEL);
  });

  it('the launch URL sets an HttpOnly, same-site-only cookie, drops the token from the address, and then serves the app', async () => {
    const res = await fetch(shell.launchUrl, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const setCookies = res.headers.getSetCookie();
    expect(setCookies).toHaveLength(1);
    const attributes = (setCookies[0] ?? '').split(/;\s*/);
    expect(attributes[0]).toBe(`parley_shell=${launchToken()}`);
    expect(attributes.slice(1)).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']),
    );

    const cookie = await signIn();
    const page = await fetch(`${shell.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<title>Parley</title>');
    // The bridge comes first, so window.parley exists before the app's own script runs.
    expect(html.indexOf('<script src="/__parley/bridge.js"></script>')).toBeGreaterThan(-1);
    expect(html.indexOf('<script src="/__parley/bridge.js"></script>')).toBeLessThan(
      html.indexOf('<script type="module"'),
    );

    const bridge = await fetch(`${shell.url}/__parley/bridge.js`, { headers: { cookie } });
    expect(bridge.status).toBe(200);
    expect(await bridge.text()).toBe(BRIDGE_SOURCE);
    const asset = await fetch(`${shell.url}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('with the cookie, from the shell’s own origin, an invoke reaches the app and its events stream back', async () => {
    const cookie = await signIn();
    const set = await invoke(
      'settings:set-default-model',
      { model: 'claude-opus-4-5' },
      {
        cookie,
        origin: shell.url,
      },
    );
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({
      ok: true,
      value: { defaultModel: 'claude-opus-4-5' },
    });
    expect(await defaultModel(cookie)).toBe('claude-opus-4-5');

    const opening = await invoke(
      'shell:open-external',
      { url: 'https://docs.anthropic.com/' },
      { cookie, origin: shell.url },
    );
    expect(await opening.json()).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toEqual(['https://docs.anthropic.com/']);
    opened.length = 0;

    const controller = new AbortController();
    const events = await fetch(`${shell.url}/__parley/events`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body?.getReader();
    if (!reader) throw new Error('no event stream body');
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before "${needle}": ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(': connected');
    shell.broadcast({ type: 'connectivity', connectivity: { online: false, cause: 'os' } });
    await readUntil('"online":false');
    expect(text).toContain('event: parley:event\ndata: {"type":"connectivity"');
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it('a page on another origin is refused even with the cookie, so it can change nothing', async () => {
    const cookie = await signIn();
    const before = await defaultModel(cookie);
    const { port } = new URL(shell.url);
    // Another local dev server is the same site (SameSite lets the cookie through), not the same origin.
    for (const origin of [
      `http://127.0.0.1:${Number(port) + 1}`,
      `http://localhost:${port}`,
      'https://attacker.example',
      'null',
      undefined,
    ]) {
      const headers = origin === undefined ? { cookie } : { cookie, origin };
      const changed = await invoke('settings:set-default-model', { model: FORGED_MODEL }, headers);
      expect(changed.status, String(origin)).toBe(403);
      expect(await changed.text()).toBe('cross-origin request refused');
      const opening = await invoke(
        'shell:open-external',
        { url: 'https://attacker.example/' },
        headers,
      );
      expect(opening.status, String(origin)).toBe(403);
      await opening.body?.cancel();
    }
    expect(await defaultModel(cookie)).toBe(before);
    expect(opened).toEqual([]);

    // The same request from the shell's own page goes through: it was refused for its origin alone.
    const own = await invoke(
      'settings:set-default-model',
      { model: FORGED_MODEL },
      {
        cookie,
        origin: shell.url,
      },
    );
    expect(await own.json()).toMatchObject({ ok: true, value: { defaultModel: FORGED_MODEL } });
  });

  it('with the cookie, nothing outside the renderer folder is served', async () => {
    const cookie = await signIn();
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const res = await fetch(`${shell.url}${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain(SECRET_BESIDE_RENDERER);
    }
  });
});
