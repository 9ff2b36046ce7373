import { appError, fail, ok, type Result } from './app-error';

const ALLOWED = new Set(['https:', 'http:', 'mailto:']);

/**
 * Links come from model output, which is untrusted: only web and mail links
 * leave the app, and only after parsing (not pattern matching) decides the
 * scheme, so `JaVaScRiPt:` and entity tricks cannot slip through.
 */
export function validateExternalUrl(raw: string): Result<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail(appError('invalid-input', 'That link is not a valid address.'));
  }
  if (!ALLOWED.has(url.protocol)) {
    return fail(
      appError(
        'invalid-input',
        `Parley only opens web and email links, not "${url.protocol}" links.`,
      ),
    );
  }
  if (url.username || url.password) {
    return fail(appError('invalid-input', 'Links with embedded credentials are not opened.'));
  }
  return ok(url.href);
}
