import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

describe('mock-api CLI', () => {
  it('prints one line with the chosen URL, serves, and stops on SIGTERM', async () => {
    const child = spawn(
      tsx,
      ['test/mock-anthropic/cli.ts', '--port', '0', '--requests-per-minute', '1'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await expect.poll(() => stdout, { timeout: 10_000 }).toContain('\n');
    const url = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[0] ?? '';
    expect(url).not.toBe('');
    expect(url.endsWith(':0')).toBe(false);

    expect(await (await fetch(`${url}/`)).json()).toEqual({ ok: true });
    const post = (): Promise<Response> =>
      fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: {
          'x-api-key': 'k',
          'anthropic-version': '2023-06-01',
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          model: 'claude-haiku-4-5',
          max_tokens: 50,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });
});
