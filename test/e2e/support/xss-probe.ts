import type { Page } from '@playwright/test';

/**
 * Watches a page for any sign that hostile markdown got further than text:
 * JS dialogs, calls to the functions payloads reach for, CSP violations
 * (an inline script or handler that made it into the DOM is blocked by the
 * CSP, and the block is reported), and requests to anything but loopback.
 * Installed before the app's own scripts run.
 */
export interface XssProbe {
  /** Dialogs the page opened (alert, confirm, prompt, beforeunload). */
  readonly dialogs: string[];
  /** Every request URL the page made. */
  readonly requests: string[];
  /** What the in-page traps recorded, read fresh from the page. */
  traps(): Promise<TrapReport>;
}

export interface TrapReport {
  pwned: unknown;
  calls: string[];
  violations: string[];
}

interface TrapWindow {
  __pwned?: unknown;
  __xssCalls?: string[];
  __xssViolations?: string[];
}

/** Runs in the page before anything else: the traps themselves. */
function installTraps(): void {
  const w = window as unknown as TrapWindow & Record<string, unknown>;
  const calls: string[] = [];
  const violations: string[] = [];
  Object.defineProperty(w, '__xssCalls', { value: calls, configurable: false });
  Object.defineProperty(w, '__xssViolations', { value: violations, configurable: false });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    w[name] = (...args: unknown[]) => {
      calls.push(`${name}(${args.map(String).join(', ')})`);
      w.__pwned = name;
      return null;
    };
  }
  w['open'] = (...args: unknown[]) => {
    calls.push(`open(${String(args[0])})`);
    w.__pwned = 'open';
    return null;
  };
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
  });
}

export async function installXssProbe(page: Page): Promise<XssProbe> {
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(installTraps);
  return {
    dialogs,
    requests,
    traps: () =>
      page.evaluate(() => {
        const w = window as unknown as TrapWindow;
        return {
          pwned: w.__pwned,
          calls: [...(w.__xssCalls ?? [])],
          violations: [...(w.__xssViolations ?? [])],
        };
      }),
  };
}

/** Request URLs whose host is not loopback (data: and blob: have no host and count too). */
export function nonLoopback(urls: readonly string[]): string[] {
  return urls.filter((raw) => {
    try {
      const url = new URL(raw);
      return !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    } catch {
      return true;
    }
  });
}

/**
 * Everything in the live DOM that would let markup act: on* attributes,
 * script-capable URLs in any URL attribute, and elements that have no place
 * in a message. Returns a description of each finding (empty when clean).
 */
export function domFindings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const urlAttributes = new Set([
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'srcdoc',
      'data',
      'poster',
      'background',
      'cite',
      'srcset',
    ]);
    const badScheme = /^(javascript|data|vbscript|file):/i;
    const findings: string[] = [];
    const describe = (el: Element): string =>
      `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} class="${el.getAttribute('class') ?? ''}">`;
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) findings.push(`${describe(el)} has ${name}`);
        const local = attr.localName.toLowerCase();
        // Browsers ignore control characters and spaces inside a scheme; so must the check.
        const value = [...attr.value].filter((ch) => ch.charCodeAt(0) > 0x20).join('');
        if ((urlAttributes.has(name) || urlAttributes.has(local)) && badScheme.test(value)) {
          findings.push(`${describe(el)} has ${name}="${attr.value.slice(0, 60)}"`);
        }
      }
    }
    const log = document.querySelector('[role="log"]');
    const forbiddenInLog =
      'script, iframe, frame, object, embed, applet, base, meta, link, style, form, img, ' +
      'video, audio, source, math, svg script, svg foreignObject, svg animate, svg set, template';
    for (const el of log?.querySelectorAll(forbiddenInLog) ?? []) {
      findings.push(`${describe(el)} inside the message list`);
    }
    for (const el of document.querySelectorAll('.markdown svg, .markdown input:not([disabled])')) {
      findings.push(`${describe(el)} inside rendered markdown`);
    }
    return findings;
  });
}
