import { expect, test, type Parley } from './fixtures';
import {
  ECHO_END,
  newConversation,
  RESTART_ONLY_IN_BROWSER_SHELL,
} from './support/history-helpers';

/** The model picker: the person's choice is what the next message goes to, start after start. */

/** The model the newest message request named. */
function sentModel(parley: Parley): string | undefined {
  const body = parley.mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body;
  return (body as { model?: string } | undefined)?.model;
}

test('the chosen model is remembered across a reload and used', async ({ page, parley }) => {
  const picker = page.getByRole('combobox', { name: 'Model', exact: true });
  await expect(picker).toBeEnabled();
  await picker.selectOption({ label: 'Claude Haiku 4.5' });
  await page.reload();
  await expect(picker).toHaveValue('claude-haiku-4-5');
  await parley.sendMessage('Which model?');
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  await expect(parley.lastAnswer()).toContainText('Claude Haiku 4.5');
  expect(sentModel(parley)).toBe('claude-haiku-4-5');
});

test('the chosen model is remembered when the app is closed and opened again', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const picker = page.getByRole('combobox', { name: 'Model', exact: true });
  await expect(picker).toBeEnabled();
  // The newest model is the default: only memory can bring back an older one.
  await expect(picker).toHaveValue('claude-sonnet-5-5');
  await picker.selectOption({ label: 'Claude Opus 4.1' });
  await parley.sendMessage('Before closing, which model?');
  await expect(parley.lastAnswer()).toContainText('Claude Opus 4.1');
  await expect(parley.send).toBeVisible();
  expect(sentModel(parley)).toBe('claude-opus-4-1');

  // A new main process: nothing survives but what was saved.
  await parley.restart();
  await expect(picker).toBeEnabled();
  await expect(picker).toHaveValue('claude-opus-4-1');
  await newConversation(page);
  await parley.sendMessage('After opening again, which model?');
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  await expect(parley.lastAnswer()).toContainText('Claude Opus 4.1');
  expect(sentModel(parley)).toBe('claude-opus-4-1');
});
