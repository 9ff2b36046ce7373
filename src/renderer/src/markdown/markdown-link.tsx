import type { MouseEvent, ReactNode } from 'react';
import { useMarkdownActions } from './markdown-actions';
import { safeExternalUrl } from './safe-url';

/**
 * A link from model output. It never navigates the app's window: a click is
 * handed to the chat view (`onOpenLink`), which shows the target and asks
 * main to open it in the system browser. The anchor's href is only ever the
 * validated, normalised URL, and it is shown on hover. A link whose target is
 * not allowed keeps its text but loses its target entirely.
 */
export function MarkdownLink({ url, children }: { url: string; children: ReactNode }): ReactNode {
  const { openLink } = useMarkdownActions();
  const href = safeExternalUrl(url);
  if (href === null) {
    return (
      <span className="md-link-blocked" title="Link removed: only web and email links are shown">
        {children}
      </span>
    );
  }
  return (
    <a
      className="md-link"
      href={href}
      title={href}
      rel="noreferrer noopener"
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault();
        openLink(href);
      }}
    >
      {children}
    </a>
  );
}

/**
 * Images are never loaded (a remote image is a tracking beacon and the CSP
 * forbids it anyway): `![alt](url)` becomes "🖼 alt" with the address shown,
 * as a link the person may choose to open.
 */
export function MarkdownImage({
  url,
  alt,
  inLink,
}: {
  url: string;
  alt: string;
  /**
   * Inside a link's text an image cannot be a link itself (anchors do not
   * nest), and shows no address: the link goes to its own, and an address
   * shown beside it would be a false visible target (a badge pointing one
   * way, the link another).
   */
  inLink: boolean;
}): ReactNode {
  const label = `🖼 ${alt.trim() || 'image'}`;
  const href = safeExternalUrl(url);
  if (inLink) return <span className="md-image">{label}</span>;
  if (href === null) {
    return (
      <span className="md-image md-link-blocked" title="Image link removed">
        {label}
      </span>
    );
  }
  return (
    <MarkdownLink url={href}>
      <span className="md-image">{label}</span> <span className="md-link-url">({href})</span>
    </MarkdownLink>
  );
}
