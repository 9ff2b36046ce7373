import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** The composer's edges: a paste too long to send, and Escape while composing with an IME. */

/**
 * Text arriving in one input event, as a paste does (Playwright's fill types
 * it through the IME path, which takes minutes for 200,000 characters).
 */
async function paste(box: Locator, text: string): Promise<void> {
  await box.evaluate((element, value) => {
    const area = element as HTMLTextAreaElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    setValue?.call(area, value);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

test('a paste longer than one send takes is flagged while typing, and nothing is sent', async ({
  page,
  parley,
}) => {
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeEnabled();
  const send = page.getByRole('button', { name: 'Send' });
  await paste(parley.composer, `${'a long log line\n'.repeat(12_500)}!`);
  await expect(page.getByRole('status').filter({ hasText: 'characters long' })).toContainText(
    'This message is 200,001 characters long; Parley sends up to 200,000 at a time.',
  );
  await expect(send).toBeDisabled();
  await parley.composer.press('Enter');
  await expect(parley.log.getByRole('article', { name: 'You' })).toHaveCount(0);
  expect(parley.mock.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(0);

  // Trimmed to the limit, it goes.
  await parley.composer.press('Control+End');
  await parley.composer.press('Backspace');
  await expect(page.getByText('characters long')).toHaveCount(0);
  await expect(send).toBeEnabled();
});

test('Escape during IME composition leaves the answer streaming; Escape after it stops it', async ({
  page,
  parley,
}) => {
  await parley.sendMessage('A long one ::mock long tokens=4000 rate=150');
  const stop = page.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeVisible();
  // What Chromium sends for Escape pressed to cancel a conversion.
  await parley.composer.evaluate((box) => {
    box.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', isComposing: true, bubbles: true }),
    );
  });
  await page.waitForTimeout(400);
  await expect(stop).toBeVisible();
  await expect(parley.lastAnswer()).not.toContainText('You stopped this answer');

  await parley.composer.press('Escape');
  await expect(stop).toHaveCount(0);
  await expect(parley.lastAnswer()).toContainText('You stopped this answer');
});
