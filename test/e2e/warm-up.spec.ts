import { expect, test } from './fixtures';

/**
 * The first answer of a session must not be the one that makes the page
 * find its fonts. The first time a page lays out text in a face at a size it
 * has not used, Chromium on Linux asks the browser process for it and waits
 * (a synchronous round trip), so the warm-up lays out what a first message
 * shows, in the app's own boxes, while the app is idle
 * (components/first-answer-layout). Here every face and size of the text
 * that sending a first message and streaming its answer add to the page, at
 * any moment, must be among those the warm-up laid out before it was sent.
 */

interface FontsSeen {
  /** Faces and sizes of the warm-up's text, read just before it was removed; null until then. */
  warmed: string[] | null;
  /** Faces and sizes of the page's text when the message is sent (laid out already), once it is. */
  inUse: string[] | null;
  /** Faces and sizes of text added to the page since, each with an element that showed it first. */
  added: Record<string, string>;
}

test('the warm-up lays out every face and size a first message and its answer show, before it is sent', async ({
  page,
  parley,
}) => {
  await page.addInitScript(() => {
    const seen: FontsSeen = { warmed: null, inUse: null, added: {} };
    (window as unknown as { __fontsSeen: FontsSeen; __fontsInUse: () => void }).__fontsSeen = seen;
    const textFonts = (root: Node, note: (font: string, element: Element) => void): void => {
      const visit = (text: Node): void => {
        const element = text.parentElement;
        if (!element?.isConnected || (text.textContent ?? '').trim() === '') return;
        const style = getComputedStyle(element);
        note(
          `${style.fontFamily} ${style.fontSize} ${style.fontWeight} ${style.fontStyle}`,
          element,
        );
      };
      if (root.nodeType === Node.TEXT_NODE) visit(root);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) visit(text);
    };
    // From now on, text added to the page is what the first message brings.
    (window as unknown as { __fontsInUse: () => void }).__fontsInUse = () => {
      const inUse = new Set<string>();
      textFonts(document.body, (font) => inUse.add(font));
      seen.inUse = [...inUse];
    };
    // The warm-up removes what it laid out once done: read it just before.
    const remove = Element.prototype.remove;
    Element.prototype.remove = function (this: Element): void {
      if (this instanceof HTMLElement && this.dataset['warmUp'] !== undefined) {
        const warmed = new Set(seen.warmed);
        textFonts(this, (font) => warmed.add(font));
        seen.warmed = [...warmed];
      }
      remove.call(this);
    };
    new MutationObserver((records) => {
      for (const record of records) {
        const nodes = record.type === 'characterData' ? [record.target] : [...record.addedNodes];
        for (const node of nodes) {
          const element = node instanceof Element ? node : node.parentElement;
          if (seen.inUse === null || !element || element.closest('[data-warm-up]')) continue;
          textFonts(node, (font, shown) => {
            seen.added[font] ??= `<${shown.tagName.toLowerCase()} class="${shown.className}">`;
          });
        }
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.reload();
  const fontsSeen = (): Promise<FontsSeen> =>
    page.evaluate(() => (window as unknown as { __fontsSeen: FontsSeen }).__fontsSeen);
  await expect.poll(async () => (await fontsSeen()).warmed !== null).toBe(true);

  await page.evaluate(() => (window as unknown as { __fontsInUse: () => void }).__fontsInUse());
  await parley.sendMessage('Write at length ::mock long tokens=3000');
  await expect(parley.lastAnswer()).toContainText('done.', { timeout: 30_000 });
  await expect(parley.send).toBeVisible();

  const { warmed, inUse, added } = await fontsSeen();
  // The page really showed several faces and sizes: text, headings, code, tables, buttons.
  expect(Object.keys(added).length).toBeGreaterThanOrEqual(8);
  const known = new Set([...(warmed ?? []), ...(inUse ?? [])]);
  const notWarmed = Object.entries(added).filter(([font]) => !known.has(font));
  expect(notWarmed, 'faces and sizes the first answer had to find for itself').toEqual([]);
});
