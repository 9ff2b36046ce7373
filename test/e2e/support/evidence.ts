import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOT_DIR = join(root, 'test-results/screenshots');

const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

/**
 * Screenshots of one state in both themes, for people to look at (not
 * compared pixel by pixel: fonts differ between machines). Taken back to
 * back so a state that lasts only seconds, like a retry countdown, is caught
 * in both.
 */
export async function screenshotBothThemes(
  page: Page,
  name: string,
  prefix: string,
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await settle(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${prefix}${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Lets the page restyle and paint after a theme switch: without this,
 * headless Chromium sometimes captures text still painted in the old theme's
 * colour (the computed style is already right).
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        document.body.getBoundingClientRect();
        requestAnimationFrame(() => requestAnimationFrame(() => done()));
      }),
  );
}

interface Finding {
  scheme: Scheme;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * axe-core on the current screen in both themes (contrast differs between
 * them); serious and critical findings fail the test, listed so the fix is
 * obvious from the failure message alone.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const findings: Finding[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    // Same as for screenshots: let the theme switch land before colours are measured.
    await settle(page);
    const results = await new AxeBuilder({ page }).analyze();
    for (const v of results.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      findings.push({
        scheme,
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(findings, `accessibility violations on the ${screen} screen`).toEqual([]);
}
