import { expect, test } from './fixtures';
import { converse, newConversation, newConversationButton } from './support/history-helpers';

/** The sidebar on a narrow window, and the history without a key. */

test('on a narrow window the sidebar folds away and opens over the conversation', async ({
  page,
  parley,
}) => {
  await converse(parley, 'Sketch a reading list');
  await newConversation(page);
  await page.setViewportSize({ width: 640, height: 760 });
  await expect(parley.sidebar).toBeHidden();

  const toggle = page.getByRole('button', { name: 'Conversations', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(parley.sidebar).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(newConversationButton(page)).toBeFocused();
  await parley.capture('sidebar-narrow');
  await parley.expectAccessible('narrow sidebar');

  // Picking a conversation puts the sidebar away again.
  await parley.conversation('Sketch a reading list').click();
  await expect(parley.sidebar).toBeHidden();
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText(
    'Sketch a reading list',
  );

  // Ctrl+K opens it straight into the search box; Escape (with the box empty) closes it.
  await parley.composer.focus();
  await page.keyboard.press('Control+k');
  await expect(parley.search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(parley.sidebar).toBeHidden();
  await expect(toggle).toBeFocused();

  // Wide again: the sidebar is back beside the conversation.
  await page.setViewportSize({ width: 1100, height: 760 });
  await expect(parley.sidebar).toBeVisible();
});

test.describe('without a key', () => {
  test.use({ apiKey: null });

  test('past conversations can still be read; replying asks for a key', async ({
    page,
    parley,
  }) => {
    await page.getByLabel('Anthropic API key').fill('sk-ant-e2e-good-key-4242');
    await page.getByRole('button', { name: 'Save' }).click();
    await converse(parley, 'Summarise the plot of Hamlet');

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Remove key' }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.keyboard.press('Escape');

    // The open conversation stays readable, with a prompt where the composer was.
    await expect(parley.composer).toHaveCount(0);
    await expect(parley.lastAnswer()).toContainText('That is all for now.');
    await expect(page.getByRole('button', { name: 'Add key' })).toBeVisible();

    await newConversationButton(page).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
    await parley.conversation('Summarise the plot of Hamlet').click();
    await expect(parley.log.getByRole('article', { name: 'You' })).toContainText('Hamlet');
    await parley.capture('history-without-key');
    await parley.expectAccessible('history without a key');
  });
});
