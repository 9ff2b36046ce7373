import { expect, test } from './fixtures';
import { RESTART_ONLY_IN_BROWSER_SHELL } from './support/history-helpers';

/** The banners: rate limits, overload retries and going offline, each gone when it ends. */

const ECHO_END = 'That is all for now.';

test('a 429 names the exhausted limit, counts down, then the answer arrives', async ({
  page,
  parley,
}) => {
  await parley.sendMessage(
    'Count me down ::mock rate-limit times=1 retry-after=3 limit=input-tokens',
  );
  const banner = page.getByRole('alert', { name: 'Rate limited' });
  await expect(banner).toContainText('input tokens per minute');
  await expect(banner).toContainText(/in [1-3] s/);
  await parley.capture('rate-limited');
  await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Cancel' })).toBeVisible();

  await expect(parley.lastAnswer()).toContainText(ECHO_END, { timeout: 15_000 });
  await expect(banner).toHaveCount(0);
});

test('the rate-limit countdown is live, and "Retry now" does not wait for it', async ({
  page,
  parley,
}) => {
  await parley.sendMessage('Hurry ::mock rate-limit times=1 retry-after=40 limit=requests');
  const banner = page.getByRole('alert', { name: 'Rate limited' });
  await expect(banner).toContainText('requests per minute');
  const first = await banner.locator('.countdown').innerText();
  await expect(banner.locator('.countdown')).not.toHaveText(first, { timeout: 3000 });
  await parley.expectAccessible('rate-limit banner');

  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  await expect(banner).toHaveCount(0);
});

test('a 429 without retry-after counts down to when the exhausted limit resets', async ({
  page,
  parley,
}) => {
  await parley.sendMessage(
    'Until the reset ::mock rate-limit times=1 retry-after=none reset=40 limit=output-tokens',
  );
  const banner = page.getByRole('alert', { name: 'Rate limited' });
  await expect(banner).toContainText('output tokens per minute');
  // The bucket's reset, 40 s off (41 at most: the header rounds up to whole seconds), not a
  // one-second backoff that would already have retried into the same empty bucket.
  await expect(banner.locator('.countdown')).toContainText(/in (3\d|4[01]) s/);
  await page.waitForTimeout(1500);
  await expect(banner).toBeVisible();

  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  await expect(banner).toHaveCount(0);
});

test('"Cancel" on the rate-limit banner gives up on the message', async ({ page, parley }) => {
  await parley.sendMessage('Never mind ::mock rate-limit times=1 retry-after=40');
  const banner = page.getByRole('alert', { name: 'Rate limited' });
  await banner.getByRole('button', { name: 'Cancel' }).click();
  await expect(banner).toHaveCount(0);
  await expect(parley.lastAnswer()).toContainText('Cancelled');
  await expect(parley.send).toBeVisible();
});

test('an overloaded API shows the retries, then the answer', async ({ page, parley }) => {
  await parley.sendMessage('Busy day ::mock overloaded times=2');
  const banner = page.getByRole('status', { name: 'Retrying' });
  await expect(banner).toContainText(/Claude is overloaded — retrying \(1 of 4\) in \d+ s/);
  await parley.capture('overloaded');
  await expect(banner).toContainText(/retrying \(2 of 4\)/);
  await parley.expectAccessible('overloaded banner');
  await expect(parley.lastAnswer()).toContainText(ECHO_END, { timeout: 15_000 });
  await expect(banner).toHaveCount(0);
});

test('offline: the message waits visibly and goes out when the API is back', async ({
  page,
  parley,
}) => {
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeEnabled();
  await parley.mock.stop();

  await parley.sendMessage('Sent from a train');
  const banner = page.getByRole('status', { name: 'Offline' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('still here');
  const answer = parley.lastAnswer();
  await expect(answer).toContainText('Will send when you’re back online');
  await expect(answer.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await parley.capture('offline');
  await parley.expectAccessible('offline');

  await parley.mock.restart();
  await expect(answer).toContainText(ECHO_END, { timeout: 20_000 });
  await expect(banner).toHaveCount(0);
  await expect(parley.log.getByRole('article', { name: 'You' })).toHaveCount(1);
});

test('started without a network, the composer still sends to the model in use; the message goes out once back', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  // The list loaded once (the model was never picked by hand), then a start with the API down.
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeEnabled();
  await parley.mock.stop();
  await parley.restart();

  // The list cannot load now, so the picker is unavailable; the composer is not.
  await parley.composer.fill('Sent from a cold start on a train');
  await parley.composer.press('Enter');
  const answer = parley.lastAnswer();
  await expect(answer).toContainText('Will send when you’re back online');
  await parley.mock.restart();
  await expect(answer).toContainText(ECHO_END, { timeout: 20_000 });
});

test('offline: Cancel gives up on the waiting message, and nothing goes out once back', async ({
  page,
  parley,
}) => {
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeEnabled();
  await parley.mock.stop();
  await parley.sendMessage('Never mind this one');
  const answer = parley.lastAnswer();
  await expect(answer).toContainText('Will send when you’re back online');
  await answer.getByRole('button', { name: 'Cancel' }).click();
  await expect(answer).not.toContainText('Will send when you’re back online');

  await parley.mock.restart();
  await expect(page.getByRole('status', { name: 'Offline' })).toHaveCount(0, { timeout: 15_000 });
  // Back online for a while, and still nothing was sent.
  await page.waitForTimeout(1_000);
  expect(parley.mock.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(0);
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText(
    'Never mind this one',
  );
});
