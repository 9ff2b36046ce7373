import { describe, expect, it } from 'vitest';
import { validateExternalUrl } from '../../../src/shared/external-url';

describe('external links from model output', () => {
  it.each(['https://example.com/a?b=c', 'http://example.com', 'mailto:someone@example.com'])(
    'opens %s',
    (url) => {
      expect(validateExternalUrl(url).ok).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'chrome://settings',
    'https://user:pass@example.com',
    'not a url',
  ])('refuses %s with a reason', (url) => {
    const result = validateExternalUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-input');
  });
});
