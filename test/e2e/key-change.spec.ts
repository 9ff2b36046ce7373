import { createHistoryStore } from '../../src/main/services/history/history-store';
import { expect, test } from './fixtures';
import { RESTART_ONLY_IN_BROWSER_SHELL, seedConversation } from './support/history-helpers';

/**
 * Changing the key after the chat has opened: what depended on the old key
 * (the model list) follows the new one, and the way back from "no key" to
 * the chat is clean.
 */

test.describe('a key the API rejects', () => {
  test.use({ apiKey: 'sk-ant-invalid-revoked-0000' });

  test('replaced in Settings, the model list loads again and the composer can send', async ({
    page,
    parley,
  }) => {
    const model = page.getByRole('combobox', { name: 'Model', exact: true });
    await expect(page.getByText('Your API key was rejected').first()).toBeVisible();
    await expect(model).toBeDisabled();

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Replace key' }).click();
    await dialog
      .getByRole('textbox', { name: 'Anthropic API key' })
      .fill('sk-ant-e2e-fresh-key-4321');
    await dialog.getByRole('button', { name: 'Save new key' }).click();
    await expect(dialog).toContainText('…4321');
    await page.keyboard.press('Escape');

    await expect(model).toBeEnabled();
    await expect(page.getByText('Your API key was rejected')).toHaveCount(0);
    await parley.sendMessage('Hello with the new key');
    await expect(parley.lastAnswer()).toContainText('That is all for now.', { timeout: 20_000 });
  });
});

test.describe('no key, no history', () => {
  test.use({ apiKey: null });

  test('a key removed in Settings and added again on the welcome screen opens the chat, not Settings', async ({
    page,
    parley,
  }) => {
    await page.getByLabel('Anthropic API key').fill('sk-ant-e2e-first-key-1111');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(parley.composer).toBeVisible();

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Remove key' }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();

    await page.getByLabel('Anthropic API key').fill('sk-ant-e2e-second-key-2222');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(parley.composer).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);
    await expect(parley.composer).toBeFocused();
  });
});

test.describe('no key, only archived conversations', () => {
  test.use({ apiKey: null });

  test('the history is still there to read, not hidden behind the welcome screen', async ({
    parley,
  }) => {
    test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
    const title = 'An archived trip plan';
    await parley.restart({
      beforeStart: () => {
        seedConversation(parley.dataDir, title, [
          { question: 'Where should we stop?', answer: 'At the lighthouse.' },
        ]);
        const store = createHistoryStore({ dataDir: parley.dataDir, clock: { now: Date.now } });
        try {
          const [only] = store.listConversations();
          if (only) store.setArchived(only.id, true);
        } finally {
          store.close();
        }
      },
    });
    await expect(parley.sidebar.getByRole('checkbox', { name: 'Show archived' })).toBeVisible();
    await parley.sidebar.getByRole('checkbox', { name: 'Show archived' }).check();
    await parley.conversation(title).click();
    await expect(parley.lastAnswer()).toContainText('At the lighthouse.');
  });
});
