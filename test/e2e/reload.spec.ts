import { expect, test } from './fixtures';
import { ECHO_END } from './support/history-helpers';

/**
 * A window reloaded while Claude is answering: main keeps streaming, and the
 * window follows the answer again (resumeAnswers), live and stoppable.
 */

test('a window reloaded mid-answer follows it again: the rest arrives live, nothing missed or doubled', async ({
  page,
  parley,
}) => {
  await parley.sendMessage('Tell me about tide pools ::mock echo chunks=60 delay-ms=120');
  await expect(parley.lastAnswer()).toContainText('You wrote');
  await page.reload();
  await parley.conversation(/tide pools/).click();
  const answer = parley.lastAnswer();
  // Streaming here again, not "answering in the background" until it ends, and stoppable.
  await expect(answer).toHaveAttribute('aria-busy', 'true');
  await expect(parley.stop).toBeVisible();
  await expect(answer).not.toContainText('in the background');
  const before = (await answer.innerText()).length;
  await expect.poll(async () => (await answer.innerText()).length).toBeGreaterThan(before);
  // Drawn live from the snapshot and the deltas after it, mid-stream.
  const live = words(await answer.innerText());
  await expect(parley.stop).toBeVisible();
  await expect(answer).toContainText(ECHO_END);
  await expect(parley.send).toBeVisible();
  // What was drawn live is the start of what history kept: no delta missed or doubled.
  await page.reload();
  await parley.conversation(/tide pools/).click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  const kept = words(await parley.lastAnswer().innerText());
  expect(kept.startsWith(live)).toBe(true);
  expect(kept.split('You wrote')).toHaveLength(2);
});

/** Text as words, for comparing what a streaming and a settled answer show. */
function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

test('an answer followed again after a reload can be stopped', async ({ page, parley }) => {
  await parley.sendMessage('Ramble about rock pools ::mock echo chunks=60 delay-ms=150');
  await expect(parley.lastAnswer()).toContainText('You wrote');
  await page.reload();
  await parley.conversation(/rock pools/).click();
  await parley.stop.click();
  await expect(parley.log.getByRole('article', { name: 'Claude, stopped' })).toBeVisible();
  const kept = await parley.lastAnswer().innerText();
  expect(kept).toContain('You wrote');
  expect(kept).not.toContain(ECHO_END);
  await page.waitForTimeout(800);
  expect(await parley.lastAnswer().innerText()).toBe(kept);
  await expect(parley.send).toBeVisible();
});
