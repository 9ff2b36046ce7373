import { expect, test } from './fixtures';

/**
 * When streamed text reaches the screen. Every delta must be on the page by
 * the end of the first frame after it arrived: drawn in the task that
 * delivered it, or (when an earlier delta was already drawn in that frame's
 * interval) in that frame itself. Left to React's scheduler, a delta was
 * often rendered in a task of its own that ran only after the next frame,
 * so its text reached the screen a frame late.
 */

const DELTAS_ONLY_IN_BROWSER_SHELL =
  'deltas reach an Electron window over IPC, which a page script cannot time; the browser shell delivers the same events as server-sent events';

interface FrameCheck {
  received: number;
  shown: number;
}

test('each streamed delta is on the page by the end of the next frame', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', DELTAS_ONLY_IN_BROWSER_SHELL);
  await page.addInitScript(() => {
    const w = window as unknown as {
      __frameChecks: FrameCheck[];
      __received: number;
      scheduler?: { postTask(cb: () => void, o: { priority: string }): Promise<unknown> };
    };
    w.__frameChecks = [];
    w.__received = 0;
    // Count the answer's characters as the bridge delivers main's events (messages of their
    // channel), before the app sees them.
    const nativeAdd = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (
      this: EventTarget,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ): void {
      const counted =
        type === 'parley:event' && typeof listener === 'function'
          ? (event: Event): void => {
              const data = (event as MessageEvent<unknown>).data;
              if (typeof data === 'string' && data.includes('"type":"delta"')) {
                const parsed = JSON.parse(data) as { text?: unknown };
                if (typeof parsed.text === 'string') w.__received += parsed.text.length;
              }
              listener.call(this, event);
            }
          : listener;
      nativeAdd.call(this, type, counted, options);
    };
    // At each frame, note what had arrived; right after it painted, what the page shows.
    const onFrame = (): void => {
      requestAnimationFrame(onFrame);
      const received = w.__received;
      if (received === 0 || !w.scheduler) return;
      void w.scheduler.postTask(
        () => {
          const bodies = document.querySelectorAll('[role="log"] [data-shown-chars]');
          const shown = Number(bodies[bodies.length - 1]?.getAttribute('data-shown-chars') ?? 0);
          // Until main has confirmed the message (an ordinary update), the answer is not shown.
          if (shown > 0) w.__frameChecks.push({ received, shown });
        },
        { priority: 'user-blocking' },
      );
    };
    requestAnimationFrame(onFrame);
  });
  await page.reload();

  await parley.sendMessage('Write at length ::mock long tokens=3000 rate=1500');
  await expect(parley.stop).toBeVisible();
  await expect(parley.lastAnswer()).toContainText('done.', { timeout: 30_000 });
  await expect(parley.send).toBeVisible();
  const checks = await page.evaluate(
    () => (window as unknown as { __frameChecks: FrameCheck[] }).__frameChecks,
  );
  // Dozens of frames of streaming: without flushSync in useChat, several of them end late.
  expect(checks.length).toBeGreaterThan(20);
  const late = checks.filter((c) => c.shown < c.received);
  expect(late, `frames that ended without the text that had arrived before them`).toEqual([]);
});

interface BurstFrame {
  /** Plain-text runs not laid out in this frame (above the view, see PlainText). */
  skipped: number;
  /** Of those, how many were inside the message area's visible rectangle. */
  skippedInView: number;
  /** Characters of the answer on the page after the frame. */
  shown: number;
}

test('a burst is on screen in its frame, and what it leaves out of layout is never in view', async ({
  page,
  parley,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as {
      __burstFrames: BurstFrame[];
      scheduler?: { postTask(cb: () => void, o: { priority: string }): Promise<unknown> };
    };
    w.__burstFrames = [];
    // Right after each frame painted: which plain runs it left out of layout, and where.
    const onFrame = (): void => {
      requestAnimationFrame(onFrame);
      if (!w.scheduler) return;
      void w.scheduler.postTask(
        () => {
          const scroller = document.querySelector('.message-scroll');
          const bodies = document.querySelectorAll('[role="log"] [data-shown-chars]');
          const shown = Number(bodies[bodies.length - 1]?.getAttribute('data-shown-chars') ?? 0);
          if (!scroller || shown === 0) return;
          const view = scroller.getBoundingClientRect();
          const skipped = [...document.querySelectorAll('.md-plain-entering')];
          const skippedInView = skipped.filter((el) => {
            const box = el.getBoundingClientRect();
            return box.bottom > view.top && box.top < view.bottom;
          }).length;
          w.__burstFrames.push({ skipped: skipped.length, skippedInView, shown });
        },
        { priority: 'user-blocking' },
      );
    };
    requestAnimationFrame(onFrame);
  });
  await page.reload();

  // As fast as the mock can send: tens of thousands of characters a frame.
  await parley.sendMessage('Write at length ::mock long tokens=20000');
  await expect(parley.lastAnswer()).toContainText('done.', { timeout: 60_000 });
  await expect(parley.send).toBeVisible();
  const frames = await page.evaluate(
    () => (window as unknown as { __burstFrames: BurstFrame[] }).__burstFrames,
  );
  // The bursts did leave text above the view out of their frames' layout...
  expect(frames.filter((f) => f.skipped > 0).length).toBeGreaterThan(0);
  // ...and none of it was where the person could see a gap.
  const gaps = frames.filter((f) => f.skippedInView > 0);
  expect(gaps, 'frames that left text inside the view out of layout').toEqual([]);
  // All of the answer is on the page, as markdown once idle time has caught up.
  await expect(parley.lastAnswer().locator('.md-plain')).toHaveCount(0, { timeout: 30_000 });
  await expect(parley.lastAnswer().locator('pre code').first()).toBeVisible();
});
