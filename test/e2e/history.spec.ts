import { expect, test } from './fixtures';
import {
  converse,
  ECHO_END,
  newConversation,
  openMenu,
  RESTART_ONLY_IN_BROWSER_SHELL,
  seedConversation,
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

/** The bridge's getConversation call, held back by the next test. */
const HISTORY_GET = '**/__parley/invoke/history%3Aget';

test('a long conversation opens at its end at once; the older turns follow without moving the view', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const title = 'Two hundred questions about bridges';
  const turns = Array.from({ length: 200 }, (_, i) => ({
    question: `(${i + 1}) What holds up bridge number ${i + 1}?${i === 1 ? ' Also, the zeppelin.' : ''}`,
    answer: `Bridge ${i + 1} stands on piers.\n\n- stone\n- steel\n- cable\n\nThat is bridge ${i + 1}.`,
  }));
  await parley.restart({ beforeStart: () => seedConversation(parley.dataDir, title, turns) });

  // Hold back the read of the whole conversation, so the moment before it arrives can be seen.
  let release = (): void => undefined;
  const holdFullRead = async (): Promise<void> => {
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.unroute(HISTORY_GET);
    await page.route(HISTORY_GET, async (route) => {
      const body = route.request().postDataJSON() as { lastTurns?: number };
      if (body.lastTurns === undefined) await held;
      await route.continue();
    });
  };
  await holdFullRead();

  await parley.conversation(title).click();
  const mine = parley.log.getByRole('article', { name: 'You' });
  await expect(mine.last()).toContainText('(200) What holds up bridge number 200?');
  await expect(mine.last()).toBeInViewport();
  await expect(parley.log).toHaveAttribute('aria-busy', 'true');
  // Scrolled up a little while the rest is still being read.
  await parley.log.hover();
  await page.mouse.wheel(0, -1000);
  await expect(page.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  // The first question that starts on screen now.
  const number = await parley.log.evaluate((log) => {
    const view = log.closest('.message-scroll')?.getBoundingClientRect();
    for (const article of log.querySelectorAll('article[aria-label="You"]')) {
      const box = article.getBoundingClientRect();
      if (view && box.top >= view.top && box.top < view.bottom - 100)
        return /\(\d+\)/.exec(article.textContent ?? '')?.[0] ?? null;
    }
    return null;
  });
  // One of the newest turns, which are all that has been read so far.
  expect(Number(number?.slice(1, -1))).toBeGreaterThan(160);
  const reading = mine.filter({ hasText: number ?? '' });
  await expect(reading).toBeInViewport();
  const before = await reading.boundingBox();

  release();
  await expect(parley.log).toHaveAttribute('aria-busy', 'false');
  // What the person was reading did not move, and they were not pulled back down.
  await expect(reading).toBeInViewport();
  expect((await reading.boundingBox())?.y).toBeCloseTo(before?.y ?? Number.NaN, 0);
  await expect(page.getByRole('button', { name: 'Jump to latest' })).toBeVisible();

  // All of it is there: up to the first question.
  const first = mine.filter({ hasText: '(1) What holds up bridge number 1?' });
  await expect(async () => {
    await page.locator('.message-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(first).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 10_000 });

  // A search hit deep in it opens there, not at the end.
  await newConversation(page);
  await parley.search.fill('zeppelin');
  const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
  await expect(hit).toContainText(title);
  await hit.click();
  const found = parley.log.locator('.message-highlight');
  await expect(found).toBeInViewport();
  await expect(found).toContainText('(2) What holds up bridge number 2?');

  // Opened again, and at the very top of its newest turns when the rest arrives.
  await parley.search.fill('');
  await newConversation(page);
  await holdFullRead();
  await parley.conversation(title).click();
  await expect(parley.log).toHaveAttribute('aria-busy', 'true');
  const oldestRead = mine.filter({ hasText: '(161) What holds up bridge number 161?' });
  await parley.log.hover();
  await expect(async () => {
    await page.mouse.wheel(0, -20_000);
    await expect(oldestRead).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  expect(await page.locator('.message-scroll').evaluate((el) => el.scrollTop)).toBe(0);
  const top = await oldestRead.boundingBox();
  release();
  await expect(parley.log).toHaveAttribute('aria-busy', 'false');
  await expect(oldestRead).toBeInViewport();
  expect((await oldestRead.boundingBox())?.y).toBeCloseTo(top?.y ?? Number.NaN, 0);
  await page.unroute(HISTORY_GET);
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
