import { channels } from '../../src/shared/ipc-channels';
import { expect, test } from './fixtures';

/**
 * The renderer's side of the security baseline (DESIGN.md), checked in the
 * page as it runs: the bridge offers the contract's named methods and
 * nothing else, and the CSP refuses inline and injected scripts, eval, and
 * connections to any other host.
 */

test('window.parley is the contract’s named methods, frozen, with no Node or IPC inside', async ({
  page,
}) => {
  const surface = await page.evaluate(() => {
    const api = (window as unknown as { parley: Record<string, unknown> }).parley;
    return {
      keys: Object.keys(api).sort(),
      functions: Object.values(api).every((v) => typeof v === 'function'),
      frozen: Object.isFrozen(api),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    };
  });
  expect(surface.keys).toEqual([...Object.keys(channels), 'onEvent'].sort());
  expect(surface).toMatchObject({
    functions: true,
    frozen: true,
    require: 'undefined',
    process: 'undefined',
  });
});

test('the CSP refuses an injected inline script, eval and a connection to another host', async ({
  page,
}) => {
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(e.effectiveDirective),
    );
    const w = window as unknown as { injected?: boolean; evaluated?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    // A string run as code (not from here: the inspector's own evaluation is exempt).
    (setTimeout as unknown as (code: string, ms: number) => void)('window.evaluated = true', 0);
    let fetched = true;
    try {
      await fetch('https://example.com/collect');
    } catch {
      fetched = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { injected: w.injected === true, evaluated: w.evaluated === true, fetched, violations };
  });
  expect(outcome).toMatchObject({ injected: false, evaluated: false, fetched: false });
  expect(outcome.violations).toEqual(
    expect.arrayContaining(['script-src-elem', 'script-src', 'connect-src']),
  );
});
