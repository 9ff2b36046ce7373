import type { Locator } from '@playwright/test';
import { expect, test, type Parley } from './fixtures';
import {
  converse,
  newConversation,
  newConversationButton,
  toasts,
} from './support/history-helpers';

/**
 * Keyboard focus where the page changes under it: the sidebar's menu
 * actions, toasts that would go before they can be reached, and the
 * Settings dialog's modes. Focus must never fall back to <body>, where the
 * next Tab starts again from the top of the window.
 */

function menuButton(parley: Parley, title: string): Locator {
  return parley.sidebar.getByRole('button', { name: `More actions for ${title}`, exact: true });
}

/** Opens a conversation's ⋯ menu and picks `item`, from the keyboard only. */
async function pick(parley: Parley, title: string, item: string): Promise<void> {
  const { page } = parley;
  await menuButton(parley, title).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: `Actions for ${title}` });
  const wanted = menu.getByRole('menuitem', { name: item, exact: true });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  for (let n = 0; n < 8 && !(await wanted.evaluate((el) => el === document.activeElement)); n++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(wanted).toBeFocused();
  await page.keyboard.press('Enter');
}

/** Presses Tab until `target` has focus, as someone reaching for it would. */
async function tabTo(parley: Parley, target: Locator): Promise<void> {
  for (let n = 0; n < 40; n++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await parley.page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('focus stays with the conversation after Pin, Unpin, Archive and Delete from its menu', async ({
  page,
  parley,
}) => {
  await converse(parley, 'First of three');
  await newConversation(page);
  await converse(parley, 'Second of three');
  await newConversation(page);
  await converse(parley, 'Third of three');
  await newConversation(page);
  const pinned = parley.sidebar.getByRole('region', { name: 'Pinned' });

  // Pinned: focus is on its ⋯ button, now in the Pinned section, and Tab goes on from there.
  await pick(parley, 'Second of three', 'Pin');
  await expect(
    pinned.getByRole('button', { name: 'More actions for Second of three' }),
  ).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(parley.conversation('Third of three')).toBeFocused();

  // Unpinned: back among the others, still focused.
  await pick(parley, 'Second of three', 'Unpin');
  await expect(pinned).toHaveCount(0);
  await expect(menuButton(parley, 'Second of three')).toBeFocused();

  // Deleted: focus moves to the next conversation, and the toast's Undo is a few Tabs away.
  await pick(parley, 'Second of three', 'Delete');
  await expect(parley.conversation('Second of three')).toHaveCount(0);
  await expect(menuButton(parley, 'First of three')).toBeFocused();
  const undo = toasts(page).getByRole('button', { name: 'Undo' });
  await tabTo(parley, undo);
  await page.keyboard.press('Enter');
  await expect(parley.conversation('Second of three')).toBeVisible();
  // Undone: focus is on the conversation brought back, not lost with the toast.
  await expect(menuButton(parley, 'Second of three')).toBeFocused();

  // Archived (and so hidden) while it was last: focus moves to the one before it.
  await pick(parley, 'First of three', 'Archive');
  await expect(parley.conversation('First of three')).toHaveCount(0);
  await expect(menuButton(parley, 'Second of three')).toBeFocused();

  // Archived while archived conversations are shown: it stays, and so does focus.
  await parley.sidebar.getByRole('checkbox', { name: 'Show archived' }).check();
  await pick(parley, 'Third of three', 'Archive');
  await expect(parley.conversation('Third of three')).toContainText('Archived');
  await expect(menuButton(parley, 'Third of three')).toBeFocused();

  // The last one deleted: focus goes to "New conversation".
  await parley.sidebar.getByRole('checkbox', { name: 'Show archived' }).uncheck();
  await pick(parley, 'Second of three', 'Delete');
  await expect(parley.sidebar.getByText('Your conversations will appear here.')).toBeVisible();
  await expect(newConversationButton(page)).toBeFocused();
});

test('a toast stays while the pointer is on it or focus is in it, and goes after they leave', async ({
  page,
  parley,
}) => {
  await converse(parley, 'Delete me, then think twice');
  await newConversation(page);
  await converse(parley, 'Delete me as well');
  await newConversation(page);
  // Toasts time out on the page's clock, which the test moves on instead of waiting.
  await page.clock.install();
  const toast = (title: string): Locator =>
    toasts(page)
      .locator('.toast')
      .filter({ hasText: `Deleted “${title}”` });
  /** Time enough for a toast the clock has dismissed to leave the page. */
  const settle = (): Promise<void> => page.waitForTimeout(400);

  // Under the pointer: it stays however long the pointer does, and goes after it leaves.
  await pick(parley, 'Delete me, then think twice', 'Delete');
  const first = toast('Delete me, then think twice');
  await expect(first).toBeVisible();
  await first.hover();
  await page.clock.fastForward('00:30');
  await settle();
  await expect(first).toBeVisible();
  await page.mouse.move(5, 5);
  await page.clock.fastForward('00:11');
  await expect(first).toBeHidden();

  // Focus in it: it stays while the Undo button is found and pressed.
  await pick(parley, 'Delete me as well', 'Delete');
  const second = toast('Delete me as well');
  await expect(second).toBeVisible();
  await second.getByRole('button', { name: 'Undo' }).focus();
  await page.clock.fastForward('00:30');
  await settle();
  await expect(second).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(second.getByRole('button', { name: 'Dismiss' })).toBeFocused();
  await page.clock.fastForward('00:30');
  await settle();
  await expect(second).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(second).toBeHidden();
  await expect(parley.conversation('Delete me as well')).toBeVisible();

  // Focus gone from it: it goes by itself again.
  await pick(parley, 'Delete me as well', 'Delete');
  await expect(second).toBeVisible();
  await second.getByRole('button', { name: 'Dismiss' }).focus();
  await parley.composer.focus();
  await page.clock.fastForward('00:11');
  await expect(second).toBeHidden();
});

test.describe('Settings', () => {
  test.use({ apiKey: null });

  test('focus follows the key section from mode to mode, and the removal question is read out', async ({
    page,
  }) => {
    await page.getByLabel('Anthropic API key').fill('sk-ant-e2e-good-key-1357');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const replace = dialog.getByRole('button', { name: 'Replace key' });
    const remove = dialog.getByRole('button', { name: 'Remove key' });

    // Replace, then Cancel: back to "Replace key".
    await replace.focus();
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('textbox', { name: 'Anthropic API key' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect(replace).toBeFocused();

    // Remove key: focus goes to the safe answer, which carries the question.
    await remove.focus();
    await page.keyboard.press('Enter');
    const keep = dialog.getByRole('button', { name: 'Keep key' });
    await expect(keep).toBeFocused();
    await expect(keep).toHaveAccessibleDescription(/Remove this key from Parley\?/);
    await expect(
      dialog.getByRole('button', { name: 'Remove', exact: true }),
    ).toHaveAccessibleDescription(/Remove this key from Parley\?/);
    await page.keyboard.press('Enter');
    await expect(remove).toBeFocused();

    // Replaced for real: back to "Replace key" once the new key is saved.
    await replace.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('sk-ant-e2e-good-key-2468');
    await page.keyboard.press('Enter');
    await expect(dialog).toContainText('…2468');
    await expect(replace).toBeFocused();
  });
});

test('Retry, Continue and Jump to latest leave focus in the message box once they go', async ({
  page,
  parley,
}) => {
  const pressFromKeyboard = async (button: Locator): Promise<void> => {
    await tabTo(parley, button);
    await page.keyboard.press('Enter');
    await expect(button).toHaveCount(0);
    await expect(parley.composer).toBeFocused();
  };

  await parley.sendMessage('Break once ::mock mid-stream-error after=5 times=1');
  const broken = parley.log.getByRole('article', { name: 'Claude, interrupted' });
  await pressFromKeyboard(broken.getByRole('button', { name: 'Retry', exact: true }));
  await expect(parley.send).toBeVisible();

  await parley.sendMessage('Break again ::mock mid-stream-error after=5 times=1');
  await pressFromKeyboard(broken.getByRole('button', { name: 'Continue', exact: true }));
  await expect(parley.send).toBeVisible();

  await parley.sendMessage('Write at length ::mock long tokens=3000 rate=150');
  const scroller = page.locator('.message-scroll');
  await expect
    .poll(() => scroller.evaluate((el) => el.scrollHeight - el.clientHeight))
    .toBeGreaterThan(400);
  await scroller.hover();
  await page.mouse.wheel(0, -400);
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();
  // Escape in the box, where focus went, stops the answer.
  await jump.focus();
  await page.keyboard.press('Enter');
  await expect(jump).toBeHidden();
  await expect(parley.composer).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(parley.send).toBeVisible();
});
