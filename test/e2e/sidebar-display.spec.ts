import { createHistoryStore } from '../../src/main/services/history/history-store';
import { expect, test } from './fixtures';
import { converse, RESTART_ONLY_IN_BROWSER_SHELL } from './support/history-helpers';

/**
 * How the sidebar shows what it lists: days that follow the calendar while
 * the window stays open (the page's clock is moved, the clock being outside
 * our control; main's is not), and titles in their own writing direction.
 */

test('left open overnight, today’s conversations move under Yesterday at midnight', async ({
  page,
  parley,
}) => {
  await page.clock.install();
  await page.reload();
  await converse(parley, 'A question late in the evening');
  const section = (name: string) => parley.sidebar.getByRole('region', { name });
  await expect(section('Today')).toContainText('A question late in the evening');

  await page.clock.fastForward('24:00:00');
  await expect(section('Yesterday')).toContainText('A question late in the evening');
  await expect(section('Today')).toHaveCount(0);
});

test('a Hebrew title is laid out right to left, so a long one keeps its beginning', async ({
  parley,
}) => {
  await converse(parley, 'שלום, איך מכינים חומוס בבית?');
  const title = parley.conversation(/חומוס/).locator('.conversation-title');
  await expect(title).toHaveCSS('direction', 'rtl');
});

test('"Show more" is offered only when there is more, and shows the rest', async ({ parley }) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const seed = (count: number) => () => {
    const store = createHistoryStore({ dataDir: parley.dataDir, clock: { now: Date.now } });
    try {
      for (let i = store.listConversations({ limit: 500 }).length; i < count; i += 1) {
        const { id } = store.createConversation({ title: `Conversation ${i + 1}` });
        store.addUserMessage(id, `Question ${i + 1}`);
      }
    } finally {
      store.close();
    }
  };
  const list = parley.sidebar.getByRole('navigation', { name: 'Conversations' });
  const more = parley.sidebar.getByRole('button', { name: 'Show more' });

  // Exactly one page: nothing more to show, so no button that would load nothing.
  await parley.restart({ beforeStart: seed(100) });
  await expect(list.getByRole('listitem')).toHaveCount(100);
  await expect(more).toHaveCount(0);

  await parley.restart({ beforeStart: seed(101) });
  await expect(list.getByRole('listitem')).toHaveCount(100);
  await more.click();
  await expect(list.getByRole('listitem')).toHaveCount(101);
  await expect(more).toHaveCount(0);
});
