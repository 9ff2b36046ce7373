import { expect, test } from './fixtures';
import { newConversation } from './support/history-helpers';

/** What the buttons under an answer do when pressed fast: one press, one request. */

const ECHO_END = 'That is all for now.';

test('a double click on Retry starts one new attempt, not two', async ({ parley }) => {
  await parley.sendMessage('Break early ::mock mid-stream-error after=3 times=1');
  const broken = parley.log.getByRole('article', { name: 'Claude, interrupted' });
  await broken.getByRole('button', { name: 'Retry', exact: true }).dblclick();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);

  const attempts = parley.log.getByRole('group', { name: 'Answer attempts' });
  await expect(attempts).toContainText('Attempt 2 of 2');
  // Settled: a second attempt would have been sent by now.
  await parley.page.waitForTimeout(500);
  await expect(attempts).toContainText('Attempt 2 of 2');
  expect(parley.mock.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(2);
});

test('Retry on an answer opened from a search hit shows the new attempt as it streams', async ({
  page,
  parley,
}) => {
  await parley.sendMessage('Essay ::mock long tokens=3000 rate=300');
  const streaming = parley.lastAnswer().locator('.message-text');
  await expect.poll(async () => (await streaming.innerText()).length).toBeGreaterThan(200);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(parley.log.getByRole('article', { name: 'Claude, stopped' })).toBeVisible();
  await newConversation(page);

  // The hit is in the stopped answer: the conversation opens on it.
  await parley.search.fill('long answer');
  const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
  await hit.click();
  const stopped = parley.log.getByRole('article', { name: 'Claude, stopped' });
  await stopped.getByRole('button', { name: 'Retry', exact: true }).click();

  const attempts = parley.log.getByRole('group', { name: 'Answer attempts' });
  await expect(attempts).toContainText('Attempt 2 of 2');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
});
