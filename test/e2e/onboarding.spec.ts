import { SESSION_ONLY_NOTICE, UNVERIFIED_NOTICE } from '../../src/renderer/src/lib/key-text';
import { expect, test } from './fixtures';

/** First start without a key: the welcome screen, saving a key, and what can go wrong. */
test.describe('key onboarding', () => {
  test.use({ apiKey: null });

  test('a good key is saved and opens the chat; Settings shows only its last four characters', async ({
    page,
    parley,
  }) => {
    await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
    const field = page.getByLabel('Anthropic API key');
    await expect(field).toHaveAttribute('type', 'password');
    // The test shell runs without a keychain, so the welcome screen says where the key will live.
    await expect(page.getByText(SESSION_ONLY_NOTICE)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await parley.capture('onboarding');
    await parley.expectAccessible('onboarding');

    await field.fill('  sk-ant-e2e-good-key-9a7b\n');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(parley.composer).toBeVisible();
    await expect(parley.composer).toBeFocused();
    await expect(page.getByRole('status', { name: 'Key notice' })).toContainText(
      SESSION_ONLY_NOTICE,
    );

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('…9a7b');
    await expect(dialog).toContainText('This session only');
    await expect(dialog).not.toContainText('good-key');
    await parley.capture('settings');
    await parley.expectAccessible('settings');

    await dialog.getByRole('button', { name: 'Remove key' }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
  });

  test('a rejected key gets its own clear message and is not saved', async ({ page }) => {
    const field = page.getByLabel('Anthropic API key');
    await field.fill('sk-ant-invalid-e2e-0000');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('Anthropic didn’t accept this key');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    // Focus is back on the key, to correct it, not lost with the disabled Save.
    await expect(field).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
  });

  test('a key too short to be real is refused before it is checked', async ({ page }) => {
    await page.getByLabel('Anthropic API key').fill('sk-ant');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('too short');
  });

  test.describe('while the API is unreachable', () => {
    test.use({ apiReachable: false });

    test('the key is saved unchecked and the person is told so', async ({ page, parley }) => {
      await page.getByLabel('Anthropic API key').fill('sk-ant-e2e-offline-5678');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(parley.composer).toBeVisible();
      await expect(page.getByText(UNVERIFIED_NOTICE)).toBeVisible();
    });
  });
});

test.describe('key from the environment', () => {
  test('Settings names the environment as the source and offers no removal', async ({ page }) => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toContainText('ANTHROPIC_API_KEY environment variable');
    await expect(dialog).toContainText('…0000');
    await expect(dialog.getByRole('button', { name: 'Remove key' })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Replace key' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
  });
});
