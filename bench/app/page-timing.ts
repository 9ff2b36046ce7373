import type { Page } from 'playwright-core';

/**
 * In-page timings for the long-conversation benchmark. Each function runs
 * in the page (page.evaluate), so it is self-contained.
 */

export interface OpenTiming {
  /** Click -> the last message's element is inside the scroller's viewport. */
  visibleMs: number;
  /** Click -> the frame showing it has been painted. */
  paintedMs: number;
  /**
   * The round trip of the getConversation that opened it (bridge HTTP +
   * SQLite + JSON: the newest turns), from Resource Timing.
   */
  fetchMs: number;
  /** Click -> the rest of the conversation has been read too (the log is no longer busy). */
  loadedMs: number;
}

/**
 * Clicks the conversation's entry in the sidebar and times it until its end
 * is on screen, and until all of it has been read.
 */
export function timeOpen(page: Page, title: string, lastMessageId: string): Promise<OpenTiming> {
  return page.evaluate(
    ({ title, lastMessageId }) =>
      new Promise<OpenTiming>((resolve, reject) => {
        const button = [...document.querySelectorAll<HTMLElement>('.conversation-open')].find((b) =>
          (b.textContent ?? '').includes(title),
        );
        if (!button) {
          reject(new Error(`no sidebar entry "${title}"`));
          return;
        }
        performance.clearResourceTimings();
        let done = false;
        const t0 = performance.now();
        const check = (): void => {
          if (done) return;
          const target = document.querySelector(`[data-message-id="${CSS.escape(lastMessageId)}"]`);
          const scroller = document.querySelector('.message-scroll');
          if (!target || !scroller) return;
          const r = target.getBoundingClientRect();
          const s = scroller.getBoundingClientRect();
          if (r.height === 0 || r.bottom <= s.top || r.top >= s.bottom) return;
          done = true;
          observer.disconnect();
          const visibleMs = performance.now() - t0;
          requestAnimationFrame(() =>
            setTimeout(() => {
              const paintedMs = performance.now() - t0;
              const loaded = (): void => {
                if (document.querySelector('[role="log"][aria-busy="true"]')) {
                  setTimeout(loaded, 5);
                  return;
                }
                const fetch = performance
                  .getEntriesByType('resource')
                  .find((e) => e.name.endsWith('/history%3Aget'));
                resolve({
                  visibleMs,
                  paintedMs,
                  fetchMs: fetch ? fetch.duration : Number.NaN,
                  loadedMs: performance.now() - t0,
                });
              };
              loaded();
            }, 0),
          );
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        // Scrolling to the end changes no DOM; look again on every frame too.
        const poll = (): void => {
          check();
          if (!done) requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
        button.click();
        setTimeout(() => {
          if (!done) reject(new Error('the conversation did not open within 30 s'));
        }, 30_000);
      }),
    { title, lastMessageId },
  );
}

interface FrameWindow {
  __frames?: { times: number[]; running: boolean };
}

/** Starts recording every animation frame's timestamp. */
export function startFrameRecorder(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as FrameWindow;
    const state = { times: [] as number[], running: true };
    w.__frames = state;
    const tick = (time: number): void => {
      if (!state.running) return;
      state.times.push(time);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as FrameWindow;
    const state = w.__frames;
    if (!state) return [];
    state.running = false;
    return state.times;
  });
}

/** The scroller's position after the next frame. */
export function scrollState(page: Page): Promise<{ top: number; height: number; client: number }> {
  return page.evaluate(
    () =>
      new Promise<{ top: number; height: number; client: number }>((resolve) =>
        requestAnimationFrame(() => {
          const el = document.querySelector('.message-scroll');
          resolve({
            top: el?.scrollTop ?? 0,
            height: el?.scrollHeight ?? 0,
            client: el?.clientHeight ?? 0,
          });
        }),
      ),
  );
}
