import { expect, test } from './fixtures';
import { converse, newConversation } from './support/history-helpers';

/**
 * What a screen reader is told while Claude answers. The conversation is
 * not a live region: its turns are mounted and unmounted as the view moves,
 * and would each be read out as new. One status says that Claude is
 * answering and how the answer ended.
 */

test('a screen reader hears that Claude is answering and how the answer ended', async ({
  page,
  parley,
}) => {
  const progress = page.getByRole('status', { name: 'Answer progress' });
  await expect(parley.log).toHaveAttribute('aria-live', 'off');

  await parley.sendMessage('Write at length ::mock long tokens=3000 rate=200');
  await expect(progress).toHaveText('Claude is answering…');
  await parley.stop.click();
  await expect(progress).toHaveText('Claude’s answer was stopped. What arrived is kept.');

  await parley.sendMessage('Hello there');
  await expect(parley.lastAnswer()).toContainText('That is all for now.');
  await expect(progress).toHaveText('Claude answered.');

  // A second answer in a row: answering, then answered, again.
  await parley.sendMessage('Once more ::mock long tokens=400 rate=200');
  await expect(progress).toHaveText('Claude is answering…');
  await expect(progress).toHaveText('Claude answered.', { timeout: 15_000 });

  // Opening a conversation, even one just answered, is not news.
  await newConversation(page);
  await expect(progress).toHaveText('');
  await converse(parley, 'A second conversation');
  await expect(progress).toHaveText('Claude answered.');
  await parley.conversation(/Write at length/).click();
  await expect(parley.log.getByRole('article', { name: 'You' }).last()).toContainText('Once more');
  await expect(progress).toHaveText('');
});
