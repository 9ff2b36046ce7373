import { expect, test } from './fixtures';
import { converse } from './support/history-helpers';

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
