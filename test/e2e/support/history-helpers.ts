import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { createHistoryStore } from '../../../src/main/services/history/history-store';
import type { Parley } from '../fixtures';

/** How every echo answer from the mock ends. */
export const ECHO_END = 'That is all for now.';

export const RESTART_ONLY_IN_BROWSER_SHELL =
  'restarting the app mid-test needs the browser shell (the Electron window handle changes)';

/**
 * Sends a message and waits for its whole answer. The message list renders
 * only the turns near the viewport, so the new turn is recognised by its
 * text rather than by counting messages.
 */
export async function converse(parley: Parley, text: string): Promise<void> {
  await parley.sendMessage(text);
  await expect(parley.log.getByRole('article', { name: 'You' }).last()).toContainText(text);
  await expect(parley.lastAnswer()).toContainText(ECHO_END, { timeout: 20_000 });
  await expect(parley.send).toBeVisible();
}

/**
 * Writes a conversation straight into the history in `dataDir`, as the app
 * would have, while no app runs on it: conversations far longer than a test
 * could converse.
 */
export function seedConversation(
  dataDir: string,
  title: string,
  turns: readonly { question: string; answer: string }[],
): void {
  const store = createHistoryStore({ dataDir, clock: { now: () => Date.now() } });
  try {
    const conversation = store.createConversation({ title, model: 'claude-sonnet-4-5' });
    for (const turn of turns) {
      const user = store.addUserMessage(conversation.id, turn.question);
      const answer = store.startAssistantMessage(user.id, 'claude-sonnet-4-5');
      store.finishAssistantMessage(answer.id, {
        status: 'complete',
        text: turn.answer,
        stopReason: 'end_turn',
      });
    }
  } finally {
    store.close();
  }
}

/** The sidebar's "New conversation" button (a conversation may be titled that too, until named). */
export function newConversationButton(page: Page): Locator {
  return page.locator('.sidebar-top').getByRole('button', { name: 'New conversation' });
}

export async function newConversation(page: Page): Promise<void> {
  await newConversationButton(page).click();
  await expect(page.getByRole('heading', { name: 'What’s on your mind?' })).toBeVisible();
}

/** Opens a conversation's menu in the sidebar and returns it. */
export async function openMenu(parley: Parley, title: string): Promise<Locator> {
  await parley.sidebar.getByRole('button', { name: `More actions for ${title}` }).click();
  const menu = parley.page.getByRole('menu', { name: `Actions for ${title}` });
  await expect(menu).toBeVisible();
  return menu;
}

/** Runs `action`, which should start a download, and returns the saved file's name and text. */
export async function download(
  page: Page,
  action: () => Promise<void>,
): Promise<{ name: string; text: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  const path = await savedPath(file);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

async function savedPath(file: Download): Promise<string> {
  const path = await file.path();
  if (!path) throw new Error(`download failed: ${await file.failure()}`);
  return path;
}

/** Picks `path` (or several files at once) in the file chooser that "Import…" opens. */
export async function importFile(parley: Parley, path: string | string[]): Promise<void> {
  const [chooser] = await Promise.all([
    parley.page.waitForEvent('filechooser'),
    parley.sidebar.getByRole('button', { name: 'Import…' }).click(),
  ]);
  await chooser.setFiles(path);
}

/** Overwrites the history database with bytes SQLite cannot read. */
export function damageHistory(dataDir: string): void {
  const file = join(dataDir, 'history.sqlite3');
  writeFileSync(file, Buffer.alloc(16_384, 'not a database '));
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
}

/** The toast region's polite list, where "Deleted …", "Imported …" and the like appear. */
export function toasts(page: Page): Locator {
  return page.getByRole('region', { name: 'Notifications' });
}
