import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../mock-anthropic/server';
import {
  createEngineHarness,
  last,
  mock,
  useEngineMock,
  type EngineHarness,
} from '../../support/engine-harness';

/**
 * The chat engine when the API cannot be reached, or is slow: a message waits
 * visibly for the network and goes out by itself, and a timeout is told apart
 * from a dead network. Real HTTP throughout; only the OS online flag is set
 * by hand.
 */

let h: EngineHarness;
useEngineMock();

describe('chat engine when the API is unreachable or slow', () => {
  it('waits visibly while offline and sends by itself when the host answers again', async () => {
    const spare = await startMockAnthropic();
    const port = spare.port;
    await spare.close();
    h = createEngineHarness({ baseURL: `http://127.0.0.1:${port}`, probeIntervalMs: 100 });
    const requestId = 'req_offline_then_back';
    h.engine.start({
      requestId,
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: 'sent while offline' }],
    });
    await expect
      .poll(() => h.events.some((e) => e.type === 'waiting-online'), { timeout: 5000 })
      .toBe(true);
    expect(h.connectivity.state()).toEqual({ online: false, cause: 'connection' });
    const back = await startMockAnthropic({ port });
    try {
      await h.engine.settled(requestId);
      expect(last(h.events)?.type).toBe('done');
      expect(h.connectivity.state().online).toBe(true);
      expect(back.requests.some((r) => r.path === '/v1/messages')).toBe(true);
    } finally {
      await back.close();
    }
  });

  it('a message sent while the OS reports offline waits without trying, and can be cancelled', async () => {
    h = createEngineHarness({ baseURL: mock.url });
    h.connectivity.reportOs(false);
    const requestId = 'req_os_offline_cancel';
    h.engine.start({
      requestId,
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: 'hello' }],
    });
    await expect.poll(() => h.events.some((e) => e.type === 'waiting-online')).toBe(true);
    expect(mock.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(0);
    h.engine.cancel(requestId);
    await h.engine.settled(requestId);
    expect(last(h.events)).toEqual({ type: 'stopped', requestId, partial: false });
  });

  /** A loopback host that answers only what `answer` does; stopped after `use`. */
  async function withHost(
    answer: RequestListener,
    use: (baseURL: string) => Promise<void>,
  ): Promise<void> {
    const host = createServer(answer);
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      await use(`http://127.0.0.1:${(host.address() as AddressInfo).port}`);
    } finally {
      host.closeAllConnections();
      await new Promise((resolve) => host.close(resolve));
    }
  }

  it('a request the API is slow to answer times out and is retried as a timeout, not reported offline', async () => {
    // The host answers (the connectivity probe gets its reply) but never answers the request.
    const slow: RequestListener = (req, res) => {
      if (req.method === 'GET') res.end('up');
    };
    await withHost(slow, async (baseURL) => {
      h = createEngineHarness({ baseURL, timeoutMs: 300 });
      const events = await h.ask('hello');
      const retries = events.filter((e) => e.type === 'retrying');
      expect(retries.length).toBeGreaterThan(0);
      expect(retries.every((e) => e.type === 'retrying' && e.reason === 'timeout')).toBe(true);
      expect(events.some((e) => e.type === 'waiting-online')).toBe(false);
      expect(last(events)).toMatchObject({ type: 'error', error: { kind: 'timeout' } });
      expect(h.connectivity.state()).toEqual({ online: true, cause: null });
    });
  });

  it('a host that answers nothing at all after a timeout is reported offline, and the message waits', async () => {
    // Takes connections and says nothing to anything, the probe included: as good as gone.
    await withHost(
      () => undefined,
      async (baseURL) => {
        h = createEngineHarness({ baseURL, timeoutMs: 300, holdWaits: true });
        const requestId = 'req_timeout_dead_host';
        void h.ask('hello', requestId);
        // During the wait before the second attempt, the host is asked and does not answer.
        await expect
          .poll(() => h.connectivity.state(), { timeout: 10_000 })
          .toEqual({ online: false, cause: 'connection' });
        expect(h.events.filter((e) => e.type === 'retrying')).toMatchObject([
          { reason: 'timeout' },
        ]);
        h.engine.retryNow(requestId);
        await expect.poll(() => h.events.some((e) => e.type === 'waiting-online')).toBe(true);
        h.engine.cancel(requestId);
        await h.engine.settled(requestId);
        expect(last(h.events)).toMatchObject({ type: 'stopped', partial: false });
      },
    );
  });
});
