import { expect, test } from './fixtures';
import {
  converse,
  download,
  ECHO_END,
  importFile,
  newConversation,
  openMenu,
  RESTART_ONLY_IN_BROWSER_SHELL,
  toasts,
} from './support/history-helpers';

/**
 * The history: it survives restarts and crashes, it is searchable, and the
 * sidebar works with the API gone. Real mock API, real SQLite, real shell.
 */

test('history survives a restart of the app', async ({ parley }) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  await converse(parley, 'Remember the lighthouse keeper');
  await converse(parley, 'And the harbour master too');
  await expect(parley.conversation('Remember the lighthouse keeper')).toBeVisible();

  await parley.restart();
  const entry = parley.conversation('Remember the lighthouse keeper');
  await expect(entry).toBeVisible();
  await expect(parley.sidebar.getByRole('heading', { name: 'Today' })).toBeVisible();
  await entry.click();
  await expect(entry).toHaveAttribute('aria-current', 'page');
  const mine = parley.log.getByRole('article', { name: 'You' });
  await expect(mine).toHaveCount(2);
  await expect(mine.first()).toContainText('Remember the lighthouse keeper');
  await expect(mine.last()).toContainText('And the harbour master too');
  await expect(parley.answers()).toHaveCount(2);
  await expect(parley.answers().first()).toContainText(ECHO_END);

  // The conversation goes on where it left off, with all of it sent along.
  await converse(parley, 'What did I ask first?');
  const body = parley.mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as {
    messages: { role: string }[];
  };
  expect(body.messages).toHaveLength(5);
});

test('search finds a word from an old conversation and opens it at that message', async ({
  page,
  parley,
}) => {
  await converse(parley, 'Plan a picnic by the river');
  await newConversation(page);
  await converse(parley, 'Tell me about the xylophonist from Bergen');
  for (let n = 1; n <= 4; n++) {
    await converse(parley, `Follow-up question number ${n} about tuning mallets and wooden bars`);
  }
  await newConversation(page);
  await converse(parley, 'Suggest a name for a grey cat');
  const target = 'Tell me about the xylophonist from Bergen';
  await expect(parley.conversation(target)).toBeVisible();

  await page.keyboard.press('Control+k');
  await expect(parley.search).toBeFocused();
  await page.keyboard.type('xylophonist');
  const results = page.getByRole('listbox', { name: 'Search results' });
  const options = results.getByRole('option');
  await expect(options.first()).toBeVisible();
  await expect(options.first()).toContainText(target);
  await expect(options.first().locator('mark').first()).toHaveText(/xylophonist/i);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await parley.capture('search-results');
  await parley.expectAccessible('search results');

  if ((await options.count()) > 1) {
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  }
  await page.keyboard.press('Enter');
  await expect(parley.log.getByRole('article', { name: 'You' }).first()).toContainText(target);
  const found = parley.log.locator('.message-highlight');
  await expect(found).toBeInViewport();
  await expect(found).toContainText(/xylophonist/i);
  // It opened at the old message, not at the end of the conversation.
  await expect(parley.log.getByRole('article', { name: 'You' }).last()).not.toBeInViewport();
  await expect(page.getByRole('button', { name: 'Jump to latest' })).toBeVisible();

  // Escape clears the search and brings the list back.
  await parley.search.focus();
  await page.keyboard.press('Escape');
  await expect(parley.search).toHaveValue('');
  await expect(results).toHaveCount(0);
  await expect(parley.conversation(target)).toHaveAttribute('aria-current', 'page');
  await expect(parley.conversation('Plan a picnic by the river')).toBeVisible();

  // Query syntax never breaks search: each shows hits or says there are none.
  for (const query of ['"unbalanced', 'picnic (', '*', '-river', 'AND OR NOT', 'zebra*']) {
    await parley.search.fill(query);
    await expect(
      page
        .getByRole('listbox', { name: 'Search results' })
        .or(parley.sidebar.getByText(/^No matches for/)),
    ).toBeVisible();
    await expect(parley.sidebar.getByText(/Search failed/)).toHaveCount(0);
  }
});

test('the sidebar works with the API down: browse, open, search, rename, pin', async ({
  page,
  parley,
}) => {
  await converse(parley, 'Plan the garden party');
  await newConversation(page);
  await converse(parley, 'Draft a packing list');
  await expect(parley.conversation('Plan the garden party')).toBeVisible();
  await expect(parley.conversation('Draft a packing list')).toBeVisible();

  await parley.mock.stop();
  const requests = parley.mock.requests.length;

  await parley.conversation('Plan the garden party').click();
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText(
    'Plan the garden party',
  );
  await expect(parley.lastAnswer()).toContainText(ECHO_END);

  await parley.search.fill('packing');
  await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().click();
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText(
    'Draft a packing list',
  );
  await parley.search.fill('');
  await expect(parley.conversation('Draft a packing list')).toHaveAttribute('aria-current', 'page');

  // Rename: Escape cancels, Enter saves.
  let menu = await openMenu(parley, 'Draft a packing list');
  await menu.getByRole('menuitem', { name: 'Rename' }).click();
  const field = parley.sidebar.getByRole('textbox', { name: 'Conversation title' });
  await expect(field).toBeFocused();
  await field.fill('Never mind');
  await field.press('Escape');
  await expect(parley.conversation('Draft a packing list')).toBeVisible();
  menu = await openMenu(parley, 'Draft a packing list');
  await menu.getByRole('menuitem', { name: 'Rename' }).click();
  await field.fill('Packing for Iceland');
  await field.press('Enter');
  await expect(parley.conversation('Packing for Iceland')).toBeVisible();

  menu = await openMenu(parley, 'Packing for Iceland');
  await menu.getByRole('menuitem', { name: 'Pin' }).click();
  const pinned = parley.sidebar.getByRole('region', { name: 'Pinned' });
  await expect(pinned.getByRole('button', { name: 'Packing for Iceland' }).first()).toBeVisible();
  await expect(page.locator('.conversation-group').first()).toHaveAttribute(
    'aria-labelledby',
    'group-pinned',
  );

  // None of it needed the API.
  expect(parley.mock.requests.length).toBe(requests);
  menu = await openMenu(parley, 'Plan the garden party');
  await parley.capture('sidebar-menu');
  await parley.expectAccessible('sidebar with menu');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await parley.capture('sidebar');
  await parley.expectAccessible('sidebar');
});

test('delete offers Undo; archive hides until "Show archived"', async ({ page, parley }) => {
  await converse(parley, 'Keep this one safe');
  await newConversation(page);
  await converse(parley, 'Something to archive');

  let menu = await openMenu(parley, 'Keep this one safe');
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(parley.conversation('Keep this one safe')).toHaveCount(0);
  const toast = toasts(page).getByText('Deleted “Keep this one safe”');
  await expect(toast).toBeVisible();
  await toasts(page).getByRole('button', { name: 'Undo' }).click();
  await expect(parley.conversation('Keep this one safe')).toBeVisible();
  await parley.conversation('Keep this one safe').click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);

  menu = await openMenu(parley, 'Something to archive');
  await menu.getByRole('menuitem', { name: 'Archive' }).click();
  await expect(parley.conversation('Something to archive')).toHaveCount(0);
  await parley.sidebar.getByRole('checkbox', { name: 'Show archived' }).check();
  const archived = parley.conversation('Something to archive');
  await expect(archived).toBeVisible();
  await expect(archived).toContainText('Archived');
  menu = await openMenu(parley, 'Something to archive');
  await menu.getByRole('menuitem', { name: 'Unarchive' }).click();
  await parley.sidebar.getByRole('checkbox', { name: 'Show archived' }).uncheck();
  await expect(parley.conversation('Something to archive')).toBeVisible();
});

test('export as Markdown and JSON; the JSON imports into a fresh history', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  await converse(parley, 'Explain tidal locking briefly');
  const title = 'Explain tidal locking briefly';

  let menu = await openMenu(parley, title);
  const markdown = await download(page, () =>
    menu.getByRole('menuitem', { name: 'Export as Markdown' }).click(),
  );
  expect(markdown.name).toMatch(/\.md$/);
  expect(markdown.text).toContain(`# ${title}`);
  expect(markdown.text).toContain('## You');
  expect(markdown.text).toContain('## Claude');
  expect(markdown.text).toContain(ECHO_END);

  menu = await openMenu(parley, title);
  const json = await download(page, () =>
    menu.getByRole('menuitem', { name: 'Export as JSON' }).click(),
  );
  expect(json.name).toMatch(/\.json$/);
  expect(JSON.parse(json.text)).toMatchObject({ format: 'parley-archive' });

  await parley.restart({ dataDir: parley.freshDataDir() });
  await expect(parley.sidebar.getByText('Your conversations will appear here.')).toBeVisible();

  // A file that is not an archive changes nothing and says why.
  await importFile(parley, markdown.path);
  await expect(toasts(page).getByRole('alert')).not.toBeEmpty();
  await expect(parley.sidebar.getByText('Your conversations will appear here.')).toBeVisible();

  await importFile(parley, json.path);
  await expect(toasts(page)).toContainText('Imported 1 conversation (0 skipped as duplicates)');
  await parley.conversation(title).click();
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText(title);
  await expect(parley.lastAnswer()).toContainText(ECHO_END);

  await importFile(parley, json.path);
  await expect(toasts(page)).toContainText('Imported 0 conversations (1 skipped as duplicates)');
  await expect(parley.conversation(title)).toHaveCount(1);

  const all = await download(page, () =>
    parley.sidebar.getByRole('button', { name: 'Export all' }).click(),
  );
  expect(all.name).toMatch(/^parley-history-.*\.json$/);
  expect(all.text).toContain(title);
});
