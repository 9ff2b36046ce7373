import { expect, test } from './fixtures';

/**
 * The quiet warning before any 429 (DESIGN.md, failure model): when the
 * `anthropic-ratelimit-*` headers of ordinary answers show a bucket nearly
 * empty, a status banner says so, without interrupting anyone.
 *
 * The mock enforces a real limit of 11 requests per minute, so its headers
 * fall by one with every message. The warning threshold is "below a tenth of
 * the limit" (LOW_BUCKET_RATIO), so the tenth message, leaving 1 of 11, is
 * the first one that may warn; the ninth, leaving 2 of 11, must not. Nothing
 * here is scripted with a `::mock` directive: the headers are the mock's own
 * reading of its sliding window, as the real API's would be.
 */

const REQUESTS_PER_MINUTE = 11;
const MESSAGES_BEFORE_WARNING = REQUESTS_PER_MINUTE - 2;
const ECHO_END = 'That is all for now.';

test.use({ mockRequestsPerMinute: REQUESTS_PER_MINUTE });

test('a requests bucket nearly empty before any 429 shows a quiet warning naming it', async ({
  page,
  parley,
}) => {
  const warning = page.getByRole('status', { name: 'Close to rate limit' });
  // The log shows a window of recent turns, so each answer is recognised by its echo, not counted.
  const sendAndWait = async (n: number): Promise<void> => {
    await parley.sendMessage(`Question number ${n}`);
    await expect(parley.lastAnswer()).toContainText(`"Question number ${n}"`);
    await expect(parley.lastAnswer()).toContainText(ECHO_END);
    await expect(parley.stop).toHaveCount(0);
  };

  // 9 of 11 used: 2 left is still more than a tenth, so nothing is said.
  for (let n = 1; n <= MESSAGES_BEFORE_WARNING; n += 1) await sendAndWait(n);
  await expect(warning).toHaveCount(0);

  // The tenth leaves 1 of 11: the warning appears, naming the requests limit.
  await sendAndWait(MESSAGES_BEFORE_WARNING + 1);
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('You’re close to your requests per minute limit.');
  await expect(warning).toContainText('Replies may pause for a moment until it resets.');

  // Quiet: a status, never an alert (the page's empty alert live regions aside), with nothing to
  // press; the composer keeps the focus.
  await expect(page.getByRole('alert').filter({ hasText: /limit/ })).toHaveCount(0);
  await expect(page.getByRole('alert', { name: 'Rate limited' })).toHaveCount(0);
  await expect(warning.getByRole('button')).toHaveCount(0);
  await expect(parley.composer).toBeEditable();
  await expect(parley.composer).toBeFocused();
  expect(
    parley.mock.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages'),
  ).toHaveLength(MESSAGES_BEFORE_WARNING + 1);

  await parley.capture('close-to-rate-limit');
  await parley.expectAccessible('close-to-rate-limit warning');
});
