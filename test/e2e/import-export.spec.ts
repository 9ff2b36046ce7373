import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import {
  converse,
  download,
  ECHO_END,
  importFile,
  newConversation,
  openMenu,
  RESTART_ONLY_IN_BROWSER_SHELL,
  seedConversation,
  toasts,
} from './support/history-helpers';

/**
 * Taking the history out and bringing it back: a conversation exported as
 * Markdown or JSON, the JSON imported into a fresh history, imported again
 * (nothing doubled), and imported after the conversation was deleted;
 * several archives chosen at once, and a file too large to import.
 */

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

  // Deleted here (Undo not taken), then its export imported: it is back, with its answer.
  menu = await openMenu(parley, title);
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(parley.conversation(title)).toHaveCount(0);
  await importFile(parley, json.path);
  await expect(parley.conversation(title)).toHaveCount(1);
  await expect(
    toasts(page).getByText('Imported 1 conversation (0 skipped as duplicates)').last(),
  ).toBeVisible();
  await parley.conversation(title).click();
  await expect(parley.lastAnswer()).toContainText(ECHO_END);

  const all = await download(page, () =>
    parley.sidebar.getByRole('button', { name: 'Export all' }).click(),
  );
  expect(all.name).toMatch(/^parley-history-.*\.json$/);
  expect(all.text).toContain(title);
});

test('several archives chosen at once import together; a file over the limit is refused unread, saying why', async ({
  page,
  parley,
}, testInfo) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const titles = ['First archived topic', 'Second archived topic'];
  const exports: string[] = [];
  for (const title of titles) {
    await newConversation(page);
    await converse(parley, title);
    const menu = await openMenu(parley, title);
    const json = await download(page, () =>
      menu.getByRole('menuitem', { name: 'Export as JSON' }).click(),
    );
    exports.push(json.path);
  }

  await parley.restart({ dataDir: parley.freshDataDir() });
  await importFile(parley, exports);
  await expect(toasts(page)).toContainText('Imported 2 conversations (0 skipped as duplicates)');
  for (const title of titles) await expect(parley.conversation(title)).toHaveCount(1);

  // 201 MB (sparse, so it takes no disk): refused by its size before the window reads it.
  const big = testInfo.outputPath('huge-history.json');
  writeFileSync(big, '');
  truncateSync(big, 201 * 1024 * 1024);
  try {
    await importFile(parley, [big, exports[0]!]);
    await expect(toasts(page).getByRole('alert')).toContainText(
      'huge-history.json: That file is too large to import: archives of up to 200 MB are accepted',
    );
    await expect(toasts(page)).toContainText('Imported 0 conversations (1 skipped as duplicates)');
  } finally {
    rmSync(big, { force: true });
  }
});

test('an archive of several megabytes exports and imports whole', async ({ page, parley }) => {
  test.skip(parley.shell !== 'browser-shell', RESTART_ONLY_IN_BROWSER_SHELL);
  const title = 'A conversation of long answers';
  const long = (n: number) => `Answer ${n}: ${'A sentence of a long answer. '.repeat(60_000)}`;
  await parley.restart({
    beforeStart: () =>
      seedConversation(parley.dataDir, title, [
        { question: 'First', answer: long(1) },
        { question: 'Second', answer: long(2) },
        { question: 'Third', answer: long(3) },
      ]),
  });
  await expect(parley.conversation(title)).toBeVisible();
  const all = await download(page, () =>
    parley.sidebar.getByRole('button', { name: 'Export all' }).click(),
  );
  expect(all.text.length).toBeGreaterThan(5_000_000);

  await parley.restart({ dataDir: parley.freshDataDir() });
  await importFile(parley, all.path);
  await expect(toasts(page)).toContainText('Imported 1 conversation (0 skipped as duplicates)', {
    timeout: 20_000,
  });
  await parley.conversation(title).click();
  await expect(parley.lastAnswer()).toContainText('Answer 3: A sentence of a long answer.');
});
