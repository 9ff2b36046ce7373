import type { Route } from '@playwright/test';
import { expect, test, type Parley } from './fixtures';
import { RESTART_ONLY_IN_BROWSER_SHELL, seedConversation } from './support/history-helpers';

/**
 * Searching by keyboard, the way people do it: Ctrl+K, type, arrows, Enter.
 * The history is seeded straight into the data directory (so the specs need
 * the browser shell's restart), and the search's reply from main can be held
 * back to see the moment before it arrives.
 */

/** The bridge's searchHistory call. */
const HISTORY_SEARCH = '**/__parley/invoke/history%3Asearch';

/** Restarts on a history of these conversations (one question and answer each). */
async function restartWith(
  parley: Parley,
  conversations: ReadonlyArray<{ title: string; question: string; answer: string }>,
): Promise<void> {
  await parley.restart({
    beforeStart: () => {
      for (const { title, question, answer } of conversations)
        seedConversation(parley.dataDir, title, [{ question, answer }]);
    },
  });
  const last = conversations[conversations.length - 1];
  if (last) await expect(parley.conversation(last.title)).toBeVisible();
}

/** Ctrl+K and the query, typed once the box has focus (before, it would go to the message box). */
async function typeSearch(parley: Parley, query: string): Promise<void> {
  await parley.page.keyboard.press('Control+k');
  await expect(parley.search).toBeFocused();
  await parley.page.keyboard.type(query);
}

test('what the results show and what Enter opens always belong to the query as typed now', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  await parley.restart({
    beforeStart: () => {
      seedConversation(parley.dataDir, 'Keeping a lighthouse', [
        { question: 'How often is the lantern lit?', answer: 'Every night.' },
      ]);
      seedConversation(parley.dataDir, 'Harbour pilots', [
        { question: 'Who steers the tugboat in?', answer: 'The pilot.' },
      ]);
    },
  });
  const results = page.getByRole('listbox', { name: 'Search results' });
  const options = results.getByRole('option');
  const searching = parley.sidebar.getByRole('status').filter({ hasText: 'Searching…' });
  const question = parley.log.getByRole('article', { name: 'You' });
  await expect(parley.conversation('Harbour pilots')).toBeVisible();

  await page.keyboard.press('Control+k');
  await expect(parley.search).toBeFocused();
  await page.keyboard.type('lantern');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Keeping a lighthouse');

  // Main's answer to the next query is held back until `release`.
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = (): void => undefined;
  const asked = new Promise<void>((resolve) => (held = resolve));
  await page.route(HISTORY_SEARCH, async (route: Route) => {
    held();
    await released;
    await route.continue();
  });

  await parley.search.fill('tugboat');
  await asked;
  // Until its answer comes, the hits for "lantern" are gone, not passed off as the new ones.
  await expect(searching).toBeVisible();
  await expect(results).toHaveCount(0);
  await expect(parley.sidebar.getByText(/No matches/)).toHaveCount(0);

  // Enter before the answer opens the top hit for "tugboat" once it arrives: never the lighthouse.
  await page.keyboard.press('Enter');
  release();
  await expect(question).toContainText('Who steers the tugboat in?');
  await expect(parley.log.locator('.message-highlight')).toContainText('tugboat');
  await expect(question).toHaveCount(1);
  await expect(parley.log).not.toContainText('lantern');
  await page.unroute(HISTORY_SEARCH);
});

test('arrowing through many results keeps the highlighted one in view', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const count = 30;
  await parley.restart({
    beforeStart: () =>
      seedConversation(
        parley.dataDir,
        'Baking notes',
        Array.from({ length: count }, (_, i) => ({
          question: `Step ${i + 1}: how much marzipan goes in?`,
          answer: `About ${i + 10} grams.`,
        })),
      ),
  });
  const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
  await expect(parley.conversation('Baking notes')).toBeVisible();

  await page.keyboard.press('Control+k');
  await expect(parley.search).toBeFocused();
  await page.keyboard.type('marzipan');
  await expect(options).toHaveCount(count);
  const last = options.last();
  // Far more than the sidebar shows at once: the last ones start out of sight.
  await expect(last).not.toBeInViewport();

  for (let i = 1; i < count; i++) await page.keyboard.press('ArrowDown');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport({ ratio: 1 });
  await expect(parley.search).toBeFocused();

  for (let i = 1; i < count; i++) await page.keyboard.press('ArrowUp');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(options.first()).toBeInViewport({ ratio: 1 });
});

test('a hit in an answer taller than the view opens at the answer’s start, where the match is', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const answer = [
    'The quokka lives on Rottnest Island.',
    ...Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1} of the long answer goes on.`),
  ].join('\n\n');
  await parley.restart({
    beforeStart: () => {
      seedConversation(parley.dataDir, 'Island animals', [
        { question: 'Tell me about island animals', answer },
        { question: 'And birds?', answer: 'Many birds too.' },
      ]);
    },
  });
  await expect(parley.conversation('Island animals')).toBeVisible();
  await parley.search.fill('quokka');
  await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().click();
  await expect(parley.log.getByText('The quokka lives on Rottnest Island.')).toBeInViewport();
});

test('a word inside a Japanese or Thai sentence is found, its snippet shown as written', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  await restartWith(parley, [
    {
      title: '旅行の計画',
      question: '先週はどこへ？',
      answer: '先週、東京に行きました。桜がきれいでした。',
    },
    { title: 'ทักทาย', question: 'พูดว่าอะไรดี', answer: 'สวัสดีครับ ยินดีที่ได้รู้จักคุณ' },
  ]);
  const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
  await typeSearch(parley, '東京');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('旅行の計画');
  await expect(options.first().locator('mark')).toHaveText(['東京']);
  // The index's word breaks between characters never reach the screen.
  const snippet = (await options.first().textContent()) ?? '';
  expect(snippet).toContain('先週、東京に行きました。');
  expect(snippet).not.toContain('\u200B');

  await parley.search.fill('ยินดี');
  await expect(options).toHaveCount(1);
  await expect(options.first().locator('mark')).toHaveText(['ยินดี']);
  await page.keyboard.press('Enter');
  await expect(parley.log.locator('.message-highlight')).toContainText('ยินดีที่ได้รู้จักคุณ');
});

test('a word only in a conversation’s title finds it, above the messages', async ({
  page,
  parley,
}) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  await restartWith(parley, [
    {
      title: 'Tax return 2026',
      question: 'What can I deduct?',
      answer: 'Receipts for work tools count.',
    },
    { title: 'Garden', question: 'When is the tax office open?', answer: 'On weekdays.' },
  ]);
  const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
  await typeSearch(parley, 'tax');
  await expect(options).toHaveCount(2);
  await expect(options.first()).toContainText('In the conversation’s title');
  await expect(options.first().locator('mark')).toHaveText(['Tax']);
  await expect(options.nth(1)).toContainText('Garden');

  await page.keyboard.press('Enter');
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText(
    'What can I deduct?',
  );
});
