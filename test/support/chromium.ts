/**
 * How Debian's Chromium is launched for e2e tests and benchmarks. Browsers
 * cannot be downloaded here, so Playwright is pointed at the system binary;
 * the flags keep a headless run quiet (no background requests, no updates)
 * and make it work as root in a container (no sandbox, no GPU).
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
