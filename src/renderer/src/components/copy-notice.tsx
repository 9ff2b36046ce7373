import type { ReactNode } from 'react';
import { CloseIcon } from './icons';

/**
 * Said when the clipboard refused a copy (no permission, window not
 * focused), so a Copy button never claims a success that did not happen.
 * The alert region stays mounted, so the message is announced when it appears.
 */
export function CopyNotice({
  shown,
  onDismiss,
}: {
  shown: boolean;
  onDismiss: () => void;
}): ReactNode {
  return (
    <div role="alert" className="copy-notice-region">
      {shown ? (
        <div className="copy-notice">
          <p>Couldn’t copy to the clipboard. Select the text and press Ctrl+C instead.</p>
          <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss">
            <CloseIcon />
          </button>
        </div>
      ) : null}
    </div>
  );
}
