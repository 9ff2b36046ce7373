import { expect, test } from './fixtures';
import { refuseSaves } from './support/refused-save';

/** The conversation itself: sending, streaming, stopping, and failures mid-answer. */

const ECHO_END = 'That is all for now.';

test('a message is shown at once and the answer streams in', async ({ page, parley }) => {
  await expect(page.getByRole('heading', { name: 'What’s on your mind?' })).toBeVisible();
  await expect(parley.send).toBeDisabled();
  await parley.capture('empty');
  await parley.expectAccessible('empty chat');

  await parley.sendMessage('Tell me about parleys ::mock echo delay-ms=120');
  const mine = parley.log.getByRole('article', { name: 'You' });
  await expect(mine).toContainText('Tell me about parleys');
  await expect(parley.composer).toHaveValue('');

  // Mid-stream: some text, not all of it, and a Stop button instead of Send.
  await expect(parley.lastAnswer()).toContainText('You wrote');
  await expect(parley.stop).toBeVisible();
  await parley.capture('streaming');
  await parley.expectAccessible('streaming');

  await expect(parley.lastAnswer()).toContainText(ECHO_END, { timeout: 30_000 });
  await expect(parley.send).toBeVisible();
  await expect(parley.stop).toHaveCount(0);
  await parley.capture('answered');

  // The second message carries the whole conversation so far.
  await parley.sendMessage('And a follow-up');
  await expect(parley.answers()).toHaveCount(2);
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  const last = parley.mock.requests.filter((r) => r.path === '/v1/messages').at(-1);
  const body = last?.body as { messages: { role: string; content: string }[] };
  expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  expect(body.messages[2]?.content).toBe('And a follow-up');
});

test('until the first words arrive the answer shows that Claude is answering, and no empty box', async ({
  parley,
}) => {
  // Claude has started (the stream is open) but waits two seconds before its first words.
  await parley.sendMessage('Hello ::mock stall after=0 seconds=2');
  const answer = parley.lastAnswer();
  await expect(answer.getByText('Claude is answering…')).toBeAttached();
  await expect(answer.locator('.typing-dots')).toBeVisible();
  // The body is ready for the text (built while waiting) but not on screen, nor read out.
  await expect(answer.locator('[data-shown-chars]')).toBeAttached();
  await expect(answer.locator('[data-shown-chars]')).toBeHidden();
  await expect(answer).toHaveAccessibleName('Claude');

  await expect(answer).toContainText('You wrote', { timeout: 10_000 });
  await expect(answer.locator('[data-shown-chars]')).toBeVisible();
  await expect(answer.locator('.typing-dots')).toHaveCount(0);
  await expect(answer).toContainText(ECHO_END, { timeout: 30_000 });
});

test('an answer streaming in an open conversation is not held up by re-reading it: the conversation is read once it ends, the list once per change', async ({
  page,
  parley,
}) => {
  test.skip(
    parley.shell !== 'browser-shell',
    "reads are counted as the browser shell's bridge requests; Electron's IPC has none to watch",
  );
  await parley.sendMessage('First question ::mock echo');
  await expect(parley.lastAnswer()).toContainText(ECHO_END, { timeout: 30_000 });
  await expect(parley.send).toBeVisible();
  // The reads the first answer's end asks for (the list's after 50 ms) are over.
  await page.waitForTimeout(500);

  // Every read of the whole conversation, and of the sidebar's list, from now on.
  const reads: string[] = [];
  const lists: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/__parley/invoke/history%3Aget')) reads.push(request.url());
    if (request.url().includes('/__parley/invoke/history%3Alist')) lists.push(request.url());
  });
  await parley.sendMessage('Second question ::mock echo delay-ms=60');
  await expect(parley.lastAnswer()).toContainText('You wrote');
  await expect(parley.stop).toBeVisible();
  await expect(parley.lastAnswer()).toContainText(ECHO_END, { timeout: 30_000 });
  await expect(parley.send).toBeVisible();

  // Main's version is read once, after the answer ended (the send and the answer's end both
  // said the history changed, mid-stream), and what was shown stays as it was.
  await expect.poll(() => reads.length).toBe(1);
  await page.waitForTimeout(500);
  expect(reads).toHaveLength(1);
  await expect(parley.answers()).toHaveCount(2);
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  await expect(parley.log.getByRole('article', { name: 'You' })).toHaveCount(2);
  // The sidebar's list is read once for the message sent and once for the answer's end.
  expect(lists).toHaveLength(2);
});

test('Enter sends, Shift+Enter adds a line, blank messages cannot be sent', async ({
  page,
  parley,
}) => {
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeEnabled();
  await parley.composer.fill('   ');
  await expect(parley.send).toBeDisabled();
  await parley.composer.press('Enter');
  await expect(parley.log.getByRole('article')).toHaveCount(0);

  await parley.composer.fill('first line');
  await parley.composer.press('Shift+Enter');
  await parley.composer.pressSequentially('second line');
  await expect(parley.composer).toHaveValue('first line\nsecond line');
  await parley.composer.press('Enter');
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText(
    'first line\nsecond line',
  );
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
});

test('Stop keeps what already arrived', async ({ parley }) => {
  await parley.sendMessage('Please ramble ::mock echo delay-ms=250');
  const answer = parley.lastAnswer();
  await expect(answer).toContainText('You wrote');
  await parley.stop.click();
  await expect(parley.log.getByRole('article', { name: 'Claude, stopped' })).toBeVisible();
  const kept = await answer.innerText();
  expect(kept).toContain('You wrote');
  expect(kept).not.toContain(ECHO_END);
  // Nothing more arrives after the stop.
  await parley.page.waitForTimeout(800);
  expect(await answer.innerText()).toBe(kept);
  await expect(parley.send).toBeVisible();
});

test('a stream that breaks keeps the partial answer and offers Retry and Continue', async ({
  page,
  parley,
}) => {
  await parley.sendMessage('Break halfway ::mock mid-stream-error after=5 times=1');
  const broken = parley.log.getByRole('article', { name: 'Claude, interrupted' });
  await expect(broken).toBeVisible();
  await expect(broken.getByRole('alert')).toContainText('cut off');
  await expect(broken.locator('.message-text')).not.toBeEmpty();
  const partial = await broken.locator('.message-text').innerText();
  const retry = broken.getByRole('button', { name: 'Retry', exact: true });
  await expect(retry).toBeVisible();
  await expect(broken.getByRole('button', { name: 'Continue', exact: true })).toBeVisible();
  await parley.capture('error');
  await parley.expectAccessible('error');

  await retry.click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  // A new attempt, not a new question; the interrupted one is still there to look at.
  await expect(parley.log.getByRole('article', { name: 'You' })).toHaveCount(1);
  const attempts = parley.log.getByRole('group', { name: 'Answer attempts' });
  await expect(attempts).toContainText('Attempt 2 of 2');
  await expect(page.getByRole('button', { name: 'Retry', exact: true })).toHaveCount(0);
  await attempts.getByRole('button', { name: 'Previous attempt' }).click();
  await expect(attempts).toContainText('Attempt 1 of 2');
  // innerText on both sides: the answer is markdown, its blocks are separated by line breaks.
  await expect(broken.locator('.message-text')).toHaveText(partial, { useInnerText: true });
  // Earlier attempts are for reading: only the newest one offers actions.
  await expect(broken.getByRole('button', { name: 'Retry', exact: true })).toHaveCount(0);
  await attempts.getByRole('button', { name: 'Next attempt' }).click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);

  const sent = parley.mock.requests.filter((r) => r.path === '/v1/messages');
  const retried = sent.at(-1)?.body as { messages: unknown[] };
  expect(retried.messages).toHaveLength(1);
});

test('Continue keeps what arrived and asks Claude for the rest', async ({ parley }) => {
  await parley.sendMessage('Keep going ::mock mid-stream-error after=5 times=1');
  const broken = parley.log.getByRole('article', { name: 'Claude, interrupted' });
  await expect(broken.getByRole('button', { name: 'Continue', exact: true })).toBeVisible();
  const partial = (await broken.locator('.message-text').innerText()).trimEnd();
  await broken.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  const whole = await parley.lastAnswer().locator('.message-text').innerText();
  expect(whole.startsWith(partial)).toBe(true);
  await expect(parley.log.getByRole('article', { name: 'You' })).toHaveCount(1);
  // The request ends with the kept text as the start of Claude's turn.
  const body = parley.mock.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as {
    messages: { role: string; content: string }[];
  };
  expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  // What was sent is the kept markdown; what is shown is it rendered (no #, *, ` marks).
  const words = (text: string): string => text.replace(/[#*`\s]+/g, ' ').trim();
  expect(body.messages[1]?.content.startsWith('## Echo')).toBe(true);
  expect(words(body.messages[1]?.content ?? '')).toBe(words(partial));
});

test('auto-scroll follows the stream in steps until the person scrolls up', async ({
  page,
  parley,
}) => {
  await page.setViewportSize({ width: 900, height: 560 });
  await parley.sendMessage('Write at length ::mock long tokens=3000 rate=150');
  const scroller = page.locator('.message-scroll');
  const overflow = (): Promise<number> =>
    scroller.evaluate((el) => el.scrollHeight - el.clientHeight);
  /** How far the newest text ends below the bottom edge of the view (negative: above it). */
  const newestBelowView = (): Promise<number> =>
    scroller.evaluate((el) => {
      const bodies = el.querySelectorAll('[data-shown-chars]');
      const newest = bodies[bodies.length - 1];
      if (!newest) return Number.POSITIVE_INFINITY;
      return newest.getBoundingClientRect().bottom - el.getBoundingClientRect().bottom;
    });

  await expect.poll(overflow, { timeout: 20_000 }).toBeGreaterThan(400);
  // Each time the answer grows during a second and a half of streaming: where the view is,
  // how tall the answer is and where its newest text ends. Read from a ResizeObserver, which
  // runs after the app's own (that is where it follows), so it sees what is painted.
  const frames = await scroller.evaluate(
    (el) =>
      new Promise<{ top: number; height: number; below: number }[]>((resolve) => {
        const bodies = el.querySelectorAll('[data-shown-chars]');
        const body = bodies[bodies.length - 1];
        if (!body) throw new Error('no answer');
        const seen: { top: number; height: number; below: number }[] = [];
        const observer = new ResizeObserver(() => {
          const rect = body.getBoundingClientRect();
          seen.push({
            top: el.scrollTop,
            height: rect.height,
            below: rect.bottom - el.getBoundingClientRect().bottom,
          });
        });
        observer.observe(body);
        setTimeout(() => {
          observer.disconnect();
          resolve(seen);
        }, 1500);
      }),
  );
  const moves = frames.filter((f, i) => i > 0 && f.top !== frames[i - 1]?.top).length;
  // The newest text is on screen in every frame...
  expect(Math.max(...frames.map((f) => f.below))).toBeLessThanOrEqual(1);
  // ...but the view moves in steps, not with every line, so the text being read stays still.
  expect(frames.length).toBeGreaterThan(8);
  expect(moves).toBeLessThan(frames.length / 3);

  await scroller.hover();
  await page.mouse.wheel(0, -400);
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();
  // The wheel scrolls smoothly, and the button shows partway: note where the view came to rest.
  let top = await scroller.evaluate((el) => el.scrollTop);
  await expect
    .poll(
      async () => {
        const now = await scroller.evaluate((el) => el.scrollTop);
        const still = now === top;
        top = now;
        return still;
      },
      { intervals: [150] },
    )
    .toBe(true);
  await page.waitForTimeout(700);
  // The stream kept growing but the reader was left where they were.
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(top);
  await parley.capture('scrolled-up');

  await jump.click();
  await expect(jump).toBeHidden();
  await expect.poll(newestBelowView).toBeLessThanOrEqual(0);
  await parley.stop.click();
  await expect(parley.send).toBeVisible();
});

test('keyboard only: Tab reaches every control in order, Escape stops an answer', async ({
  page,
  parley,
}) => {
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeEnabled();
  await expect(parley.composer).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(parley.composer).toBeFocused();

  await page.keyboard.type('Keyboard only ::mock echo delay-ms=250');
  await page.keyboard.press('Enter');
  await expect(parley.lastAnswer()).toContainText('You wrote');
  await page.keyboard.press('Escape');
  await expect(parley.log.getByRole('article', { name: 'Claude, stopped' })).toBeVisible();
});

test('the composer clears only once the message is saved; a refused one keeps its text', async ({
  page,
  parley,
}) => {
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toBeEnabled();
  await refuseSaves(page);
  const text = 'Keep this text if saving fails';
  await parley.composer.fill(text);
  await parley.composer.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toContainText(
    'Your data is unchanged',
  );
  await expect(parley.composer).toHaveValue(text);
  await expect(parley.log.getByRole('article')).toHaveCount(0);

  // Sent again, it is saved: only then does the composer clear.
  await parley.composer.press('Enter');
  await expect(parley.composer).toHaveValue('');
  await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toHaveCount(0);
  await expect(parley.lastAnswer()).toContainText(ECHO_END);
  await expect(parley.log.getByRole('article', { name: 'You' })).toContainText(text);
});
