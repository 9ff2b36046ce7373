import type { Page } from '@playwright/test';
import { expect, test, type Parley } from './fixtures';
import { converse, newConversation } from './support/history-helpers';
import { refuseSaves, SEND_MESSAGE } from './support/refused-save';

/** Opens a conversation and waits until it is on screen: its draft is in the box from then. */
async function open(parley: Parley, title: string): Promise<void> {
  await parley.conversation(title).click();
  await expect(parley.log.getByRole('article', { name: 'You' }).first()).toContainText(title);
}

/** The two conversations the drafts specs write in. */
async function twoConversations(page: Page, parley: Parley): Promise<void> {
  await converse(parley, 'Plan a walk along the coast');
  await newConversation(page);
  await converse(parley, 'Suggest a soup for winter');
}

/**
 * What the person is writing and has not sent yet is theirs: each
 * conversation keeps its own draft, and a reload (or a renderer crash, which
 * reloads the window) or a restart brings it back.
 */

test('each conversation keeps its own draft, through a reload, until it is sent', async ({
  page,
  parley,
}) => {
  await twoConversations(page, parley);

  const coast = 'And what should I pack for the cliffs,\nif it rains?';
  const soup = 'Something with lentils';
  await open(parley, 'Plan a walk along the coast');
  await parley.composer.fill(coast);
  await open(parley, 'Suggest a soup for winter');
  await expect(parley.composer).toHaveValue('');
  // Opening a conversation from the sidebar leaves the focus where it was.
  await expect(parley.conversation('Suggest a soup for winter')).toBeFocused();
  await parley.composer.fill(soup);
  await open(parley, 'Plan a walk along the coast');
  await expect(parley.composer).toHaveValue(coast);

  await page.reload();
  await open(parley, 'Plan a walk along the coast');
  await expect(parley.composer).toHaveValue(coast);
  await open(parley, 'Suggest a soup for winter');
  await expect(parley.composer).toHaveValue(soup);

  // Sent, the draft is gone for good: not back after a reload.
  await parley.composer.press('Enter');
  await expect(parley.log.getByRole('article', { name: 'You' }).last()).toContainText(soup);
  await expect(parley.composer).toHaveValue('');
  await expect(parley.send).toBeVisible({ timeout: 20_000 });
  await page.reload();
  await open(parley, 'Suggest a soup for winter');
  await expect(parley.composer).toHaveValue('');
  await open(parley, 'Plan a walk along the coast');
  await expect(parley.composer).toHaveValue(coast);
});

test('a message being written for a new conversation survives a reload and a restart, and starts it when sent', async ({
  page,
  parley,
}) => {
  const text = 'Draft of a question about tide tables';
  await parley.composer.fill(text);
  await page.reload();
  await expect(parley.composer).toHaveValue(text);
  if (parley.shell === 'browser-shell') {
    // Quit and started again (the shell only: the fixture cannot relaunch Electron).
    await parley.restart();
    await expect(parley.composer).toHaveValue(text);
  }
  await parley.composer.press('Enter');
  await expect(parley.conversation(/^Draft of a question/)).toBeVisible();
  await expect(parley.composer).toHaveValue('');
  await newConversation(page);
  await expect(parley.composer).toHaveValue('');
});

test('a message that fails to save after its conversation was left says so when it is opened again', async ({
  page,
  parley,
}) => {
  await twoConversations(page, parley);
  await open(parley, 'Plan a walk along the coast');

  // The save is slow, then refused (the disk's answer, stood in for); meanwhile the person moves on.
  let answer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await refuseSaves(page, { until: answered });
  const text = 'Which trail has the best views?';
  await parley.composer.fill(text);
  await parley.composer.press('Enter');
  await open(parley, 'Suggest a soup for winter');
  const refused = page.waitForResponse(SEND_MESSAGE);
  answer();
  await refused;
  await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toHaveCount(0);

  await open(parley, 'Plan a walk along the coast');
  await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toContainText(
    'Your data is unchanged',
  );
  await expect(parley.composer).toHaveValue(text);
});
