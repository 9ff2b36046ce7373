import type { Page } from '@playwright/test';

/** The browser shell's invoke for a send: where main commits the message. */
export const SEND_MESSAGE = '**/__parley/invoke/chat%3Asend-message';

/**
 * Main's answer when the disk refuses to save a message. A full or failing
 * disk is outside our control, so its answer is stood in for: the next
 * `times` sends are refused (each once `until` has resolved, to let a test
 * act while the save is on its way); later ones reach main.
 */
export async function refuseSaves(
  page: Page,
  options: { times?: number; until?: Promise<void> } = {},
): Promise<void> {
  let left = options.times ?? 1;
  await page.route(SEND_MESSAGE, async (route) => {
    if (left <= 0) return route.continue();
    left -= 1;
    await options.until;
    return route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: {
          kind: 'storage',
          message: "Parley couldn't read or write its history. Your data is unchanged; try again.",
          retryable: true,
        },
      }),
    });
  });
}
