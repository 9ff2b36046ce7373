import type { Locator, Page } from '@playwright/test';
import { expect, test, type Parley } from './fixtures';
import {
  converse,
  damageHistory,
  download,
  ECHO_END,
  importFile,
  openMenu,
  RESTART_ONLY_IN_BROWSER_SHELL,
  toasts,
} from './support/history-helpers';

/**
 * Nothing lost: a crash in the middle of an answer, and a history file
 * damaged between two runs. Real mock API, real SQLite, real shell process.
 */

test('a crash mid-answer keeps the question and the partial answer; Continue finishes it', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  test.setTimeout(120_000);
  await parley.sendMessage('Write at length ::mock long tokens=3000 rate=200');
  const streaming = parley.lastAnswer().locator('.message-text');
  await expect.poll(async () => (await streaming.innerText()).length).toBeGreaterThan(400);
  // Longer than the 250 ms save interval, so what is on screen is also on disk.
  await page.waitForTimeout(600);

  await parley.restart({ kill: true });
  await expect(page.getByRole('status', { name: 'Interrupted answers' })).toContainText(
    '1 answer was interrupted when Parley last closed',
  );
  // A new conversation is titled after its first message at once.
  await parley.conversation(/^Write at length/).click();
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText('Write at length');
  const interrupted = parley.log.getByRole('article', { name: 'Claude, interrupted' });
  await expect(interrupted).toBeVisible();
  const partial = (await interrupted.locator('.message-text').innerText()).trimEnd();
  expect(partial.length).toBeGreaterThan(100);
  const flat = (text: string | null): string => (text ?? '').replace(/\s+/g, '');
  const lastBlock = flat(await interrupted.locator('.markdown > :last-child').textContent());
  const shown = flat(await interrupted.locator('.message-text').textContent());
  const settled = shown.slice(0, shown.length - lastBlock.length);
  await expect(interrupted.getByRole('button', { name: 'Retry', exact: true })).toBeVisible();
  const resume = interrupted.getByRole('button', { name: 'Continue', exact: true });
  await expect(resume).toBeVisible();
  await parley.capture('interrupted');
  await parley.expectAccessible('interrupted answer');

  await resume.click();
  const answer = parley.log.getByRole('article', { name: 'Claude' });
  await expect(answer).toContainText('done.', { timeout: 60_000 });
  await expect(parley.log.getByRole('group', { name: 'Answer attempts' })).toContainText(
    'Attempt 2 of 2',
  );
  // Markdown: the block the crash cut short may render differently once finished (an
  // unclosed **, half a table), so everything before it must match. Text content, not
  // innerText: a long answer's off-screen blocks are not rendered (content-visibility).
  const whole = flat(await answer.locator('.message-text').textContent());
  expect(settled.length).toBeGreaterThan(50);
  expect(whole.startsWith(settled)).toBe(true);
  await expect(parley.log.getByRole('article', { name: 'You' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Dismiss' }).first().click();
  await expect(page.getByRole('status', { name: 'Interrupted answers' })).toHaveCount(0);
});

test('quitting mid-answer: the next start says the answer was interrupted, not stopped by you', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  test.setTimeout(90_000);
  await parley.sendMessage('Explain slowly ::mock long tokens=3000 rate=200');
  const streaming = parley.lastAnswer().locator('.message-text');
  await expect.poll(async () => (await streaming.innerText()).length).toBeGreaterThan(200);

  // A clean quit this time (SIGTERM: the services close as the app does), not a kill.
  await parley.restart();
  await expect(page.getByRole('status', { name: 'Interrupted answers' })).toContainText(
    '1 answer was interrupted when Parley last closed',
  );
  await parley.conversation(/^Explain slowly/).click();
  const interrupted = parley.log.getByRole('article', { name: 'Claude, interrupted' });
  await expect(interrupted).toBeVisible();
  expect((await interrupted.locator('.message-text').innerText()).length).toBeGreaterThan(200);
  await expect(parley.log).not.toContainText('You stopped this answer');
  await expect(interrupted.getByRole('button', { name: 'Continue', exact: true })).toBeVisible();
});

/** A conversation, a backup of it (an import makes one first), then damage and a restart. */
async function damageAfterBackup(page: Page, parley: Parley, title: string): Promise<Locator> {
  await converse(parley, title);
  // Importing the conversation's own export is enough to make a backup.
  const menu = await openMenu(parley, title);
  const json = await download(page, () =>
    menu.getByRole('menuitem', { name: 'Export as JSON' }).click(),
  );
  await importFile(parley, json.path);
  await expect(toasts(page)).toContainText('1 skipped as duplicates');
  await parley.restart({ beforeStart: () => damageHistory(parley.dataDir) });
  return page.getByRole('alert', { name: 'History damaged' });
}

test('a damaged history is moved aside; the backup, offered until restored, comes back with what was written since', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const title = 'Precious notes about the moon';
  const alert = await damageAfterBackup(page, parley, title);
  await expect(alert).toContainText('started with an empty history');
  await expect(alert).toContainText(parley.dataDir);
  await expect(parley.sidebar.getByText('Your conversations will appear here.')).toBeVisible();
  await parley.capture('history-damaged');
  await parley.expectAccessible('damaged history');

  // Written before choosing, and a restart in between: the offer is still there.
  const since = 'Notes written after the damage';
  await converse(parley, since);
  await parley.restart();
  await expect(alert).toContainText('what you have written since is kept');

  await alert.getByRole('button', { name: 'Restore backup' }).click();
  await expect(alert).toHaveCount(0);
  await expect(toasts(page)).toContainText('restored from the backup of');
  await expect(toasts(page)).toContainText('The conversation you had before restoring is kept.');
  await parley.conversation(title).click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  await parley.conversation(since).click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
});

test('declining the restore keeps the current history, and the offer is not made again', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const alert = await damageAfterBackup(page, parley, 'An old conversation');
  await converse(parley, 'A fresh start');
  await alert.getByRole('button', { name: 'Keep current history' }).click();
  await expect(alert).toHaveCount(0);
  await parley.restart();
  await expect(parley.conversation('A fresh start')).toBeVisible();
  await expect(alert).toHaveCount(0);
  await expect(parley.conversation('An old conversation')).toHaveCount(0);
});
