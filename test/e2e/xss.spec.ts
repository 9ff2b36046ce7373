import { xssCorpus, type XssCase } from '../unit/renderer/markdown/xss-corpus';
import { expect, test, type Parley } from './fixtures';
import { domFindings, installXssProbe, nonLoopback, type XssProbe } from './support/xss-probe';

/**
 * Hostile markdown streamed into the real app (browser shell, real
 * Chromium, the mock API sending it back verbatim): whatever the payload and
 * wherever a delta boundary falls, it must end up as text. After every
 * answer the live DOM is searched for handlers and script URLs, and at the
 * end the page must not have run a single trap, opened a dialog, violated
 * its CSP or asked anything but loopback for a byte.
 */

test.describe.configure({ mode: 'serial' });

/** Payloads streamed alone, one character per delta: every boundary is a delta boundary. */
const ONE_BY_ONE = [
  'svg animate href',
  'iframe srcdoc',
  'img onerror quoted',
  'anchor javascript',
  'inline link, all entities',
  'autolink, mixed case',
  'fence info injection',
  'unfinished angle link',
];
const BATCH_SIZE = 12;
const BATCH_CHUNKS = [2, 3, 5, 7, 11, 17];

/** A payload that opens a code fence would turn the rest of its batch into code: alone. */
const opensFence = (c: XssCase): boolean => /```|~~~/.test(c.markdown);

let sent = 0;

/**
 * Sends `payload` for the mock to stream back verbatim and waits for the
 * whole answer. The list is windowed (old turns leave the DOM), so the new
 * turn is recognised by a tag on the directive line, which the mock ignores.
 */
async function streamVerbatim(parley: Parley, payload: string, chunk: number): Promise<void> {
  sent += 1;
  const tag = `xss-${sent}`;
  await parley.sendMessage(`::mock verbatim chunk=${chunk} tag=${tag}\n${payload}`);
  await expect(parley.log.getByRole('article', { name: 'You' }).last()).toContainText(tag);
  const answer = parley.lastAnswer();
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  // And all of it is drawn as markdown (a burst's older blocks are rendered in idle time).
  await expect(answer.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(answer).toHaveAccessibleName('Claude');
  await expect(parley.send).toBeVisible();
}

async function expectClean(parley: Parley, probe: XssProbe, what: string): Promise<void> {
  expect(await domFindings(parley.page), `DOM after ${what}`).toEqual([]);
  expect(probe.dialogs, `dialogs after ${what}`).toEqual([]);
}

async function expectNothingRan(probe: XssProbe): Promise<void> {
  const traps = await probe.traps();
  expect(traps.pwned).toBeUndefined();
  expect(traps.calls).toEqual([]);
  expect(traps.violations).toEqual([]);
  expect(probe.dialogs).toEqual([]);
  expect(nonLoopback(probe.requests)).toEqual([]);
  expect(probe.requests.length).toBeGreaterThan(0);
}

test('the corpus has enough hostile payloads to mean something', () => {
  expect(xssCorpus.length).toBeGreaterThanOrEqual(100);
  for (const name of ONE_BY_ONE) expect(xssCorpus.map((c) => c.name)).toContain(name);
});

test('hostile payloads streamed one character per delta stay text', async ({ parley }) => {
  test.setTimeout(120_000);
  const probe = await installXssProbe(parley.page);
  await parley.page.reload();
  for (const name of ONE_BY_ONE) {
    const payload = xssCorpus.find((c) => c.name === name);
    if (!payload) throw new Error(`no payload named ${name}`);
    await streamVerbatim(parley, payload.markdown, 1);
    await expectClean(parley, probe, name);
  }
  await expectNothingRan(probe);
});

test('every payload in the corpus, streamed in batches, stays text', async ({ parley }) => {
  test.setTimeout(240_000);
  const probe = await installXssProbe(parley.page);
  await parley.page.reload();
  const alone = xssCorpus.filter(opensFence);
  const batched = xssCorpus.filter((c) => !opensFence(c));
  const messages: { name: string; text: string }[] = alone.map((c) => ({
    name: c.name,
    text: c.markdown,
  }));
  for (let at = 0; at < batched.length; at += BATCH_SIZE) {
    const batch = batched.slice(at, at + BATCH_SIZE);
    messages.push({
      name: `batch ${at / BATCH_SIZE + 1} (${batch.map((c) => c.name).join('; ')})`,
      text: batch.map((c) => c.markdown).join('\n\n'),
    });
  }
  let streamed = 0;
  for (const [index, message] of messages.entries()) {
    const chunk = BATCH_CHUNKS[index % BATCH_CHUNKS.length] ?? 3;
    await streamVerbatim(parley, message.text, chunk);
    await expectClean(parley, probe, message.name);
    streamed += 1;
  }
  expect(streamed).toBe(messages.length);
  await expectNothingRan(probe);
});

test('a safe link asks first and shows its target; a javascript: link is only text', async ({
  page,
  parley,
}) => {
  const probe = await installXssProbe(page);
  await page.reload();
  const shownUrl = 'https://example.com/docs/streaming?topic=deltas#part-2';
  await streamVerbatim(
    parley,
    `See [the streaming guide](${shownUrl}) or [click me](javascript:alert(1)) for more.`,
    4,
  );
  const answer = parley.lastAnswer();
  await expect(answer.getByRole('link')).toHaveCount(1);
  await expect(answer.locator('a[href^="javascript" i], [href*="javascript:" i]')).toHaveCount(0);
  const blocked = answer.getByText('click me', { exact: true });
  await expect(blocked).toBeVisible();
  expect(await blocked.evaluate((el) => el.closest('a') === null && !el.hasAttribute('href'))).toBe(
    true,
  );
  // Clicking the blocked text does nothing at all.
  await blocked.click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const link = answer.getByRole('link', { name: 'the streaming guide' });
  await expect(link).toHaveAttribute('href', shownUrl);
  const startUrl = page.url();
  await link.click();
  const dialog = page.getByRole('dialog', { name: 'Open in your browser?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(shownUrl);
  await parley.capture('link-confirm');
  await parley.expectAccessible('link confirmation');

  // Escape (or Cancel) opens nothing.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await link.click();
  await expect(dialog).toBeVisible();
  const opened = page.waitForRequest((request) => request.url().includes('open-external'));
  await dialog.getByRole('button', { name: 'Open in browser' }).click();
  const request = await opened;
  expect(request.postDataJSON()).toEqual({ url: shownUrl });
  await expect(dialog).toBeHidden();
  // The app itself never navigated, and nothing was fetched from the link's host.
  expect(page.url()).toBe(startUrl);
  await expectNothingRan(probe);
});

test('references whose definitions come blocks later are links once those arrive, checked the same way', async ({
  page,
  parley,
}) => {
  const probe = await installXssProbe(page);
  await page.reload();
  const docs = 'https://example.com/docs/streaming';
  await streamVerbatim(
    parley,
    [
      'Read [the guide][guide] first, then [the FAQ][faq]; skip [this][evil].',
      '',
      '- a step',
      '- another',
      '',
      `[guide]: ${docs}`,
      '[faq]: https://example.com/faq',
      '[evil]: javascript:alert(1)',
    ].join('\n'),
    3,
  );
  const answer = parley.lastAnswer();
  await expect(answer.getByRole('link')).toHaveCount(2);
  await expect(answer.getByRole('link', { name: 'the FAQ' })).toHaveAttribute(
    'href',
    'https://example.com/faq',
  );
  await expect(answer.locator('[href*="javascript:" i]')).toHaveCount(0);
  await expect(answer.getByText('[guide]')).toHaveCount(0);
  const link = answer.getByRole('link', { name: 'the guide' });
  await link.click();
  const dialog = page.getByRole('dialog', { name: 'Open in your browser?' });
  await expect(dialog).toContainText(docs);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expectClean(parley, probe, 'references');
  await expectNothingRan(probe);
});
