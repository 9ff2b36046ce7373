import { expect, test } from './fixtures';

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
