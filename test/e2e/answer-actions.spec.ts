import { createHistoryStore } from '../../src/main/services/history/history-store';
import { expect, test } from './fixtures';
import { newConversation, RESTART_ONLY_IN_BROWSER_SHELL } from './support/history-helpers';

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

test('the attempt chosen stays chosen when its turn scrolls away and back; the arrows keep focus', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  await parley.restart({
    beforeStart: () => {
      const store = createHistoryStore({ dataDir: parley.dataDir, clock: { now: Date.now } });
      try {
        const { id } = store.createConversation({ title: 'Many attempts' });
        for (let i = 1; i <= 40; i += 1) {
          const question = store.addUserMessage(id, `Question ${i}`);
          for (let attempt = 1; attempt <= (i === 1 ? 3 : 1); attempt += 1) {
            const answer = store.startAssistantMessage(question.id, 'claude-sonnet-5-5');
            store.finishAssistantMessage(answer.id, {
              status: 'complete',
              text: `Answer ${i}, attempt ${attempt}.\n\n${'A line of filler.\n\n'.repeat(8)}`,
              stopReason: 'end_turn',
            });
          }
        }
      } finally {
        store.close();
      }
    },
  });
  await parley.conversation('Many attempts').click();
  const scroller = page.locator('.message-scroll');
  const first = parley.log.getByText('Question 1', { exact: true });
  await expect(parley.log.getByText('Question 40', { exact: true })).toBeVisible();
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(first).toBeVisible();

  const attempts = parley.log.getByRole('group', { name: 'Answer attempts' });
  await expect(attempts).toContainText('Attempt 3 of 3');
  await attempts.getByRole('button', { name: 'Previous attempt' }).focus();
  await page.keyboard.press('Enter');
  await expect(attempts).toContainText('Attempt 2 of 3');
  await expect(attempts.getByRole('button', { name: 'Previous attempt' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(attempts).toContainText('Attempt 1 of 3');
  // The first attempt has no earlier one: focus goes to the arrow that still works.
  await expect(attempts.getByRole('button', { name: 'Next attempt' })).toBeFocused();

  // Focus elsewhere (a focused turn is kept drawn), then far away: the turn is no longer drawn.
  await parley.composer.focus();
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(first).toHaveCount(0);
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(first).toBeVisible();
  await expect(attempts).toContainText('Attempt 1 of 3');
  await expect(parley.log.getByText('Answer 1, attempt 1.')).toBeVisible();
});
