import { validateExternalUrl } from '../../../shared/external-url';

/**
 * The only gate a URL from model output passes through before it reaches an
 * attribute: the shared allowlist (https, http, mailto, decided by `new URL`,
 * so no casing, entity, whitespace or percent-encoding trick survives), and
 * nothing relative, since a relative link would resolve against the app's own
 * origin. Returns the normalised URL, or null when the link must not exist.
 */
export function safeExternalUrl(raw: string): string | null {
  const result = validateExternalUrl(raw);
  return result.ok ? result.value : null;
}
