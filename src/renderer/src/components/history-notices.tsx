import { memo, type ReactNode } from 'react';
import type { HistoryStatusState, Restored } from '../hooks/use-history-status';
import { errorText } from '../lib/parley';
import { Banner } from './banner';
import { AlertIcon, CloseIcon, InfoIcon } from './icons';

/**
 * What the history went through at start: a damaged file moved aside (an
 * alert, with the newest backup on offer at every start until restored or
 * declined) and answers left unfinished by a crash or quit (said once,
 * until dismissed).
 */
export const HistoryNotices = memo(function HistoryNotices({
  status,
  onRestored,
}: {
  status: HistoryStatusState;
  onRestored: (restored: Restored) => void;
}): ReactNode {
  const { recovery, interrupted } = status;
  if (!recovery && interrupted === 0) return null;
  const restore = (): void => {
    void status.restoreBackup().then((restored) => {
      if (restored) onRestored(restored);
    });
  };
  return (
    <div className="banner-stack">
      {recovery ? (
        <Banner
          tone="danger"
          role="alert"
          label="History damaged"
          icon={<AlertIcon />}
          title="Your history file was damaged, so Parley started with an empty history."
          detail={
            <>
              The damaged file was moved aside, untouched, to <code>{recovery.movedTo}</code>.
              {recovery.newestBackup
                ? ' You can restore the newest backup; what you have written since is kept.'
                : ' No backup was found.'}
              {status.restoreError ? (
                <span className="banner-error"> {errorText(status.restoreError)}</span>
              ) : null}
            </>
          }
          actions={
            recovery.newestBackup ? (
              <>
                <button
                  type="button"
                  className="button button-small"
                  onClick={restore}
                  disabled={status.restoring}
                >
                  {status.restoring ? 'Restoring…' : 'Restore backup'}
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={status.dismissRecovery}
                  disabled={status.restoring}
                >
                  Keep current history
                </button>
              </>
            ) : (
              <button
                type="button"
                className="icon-button"
                onClick={status.dismissRecovery}
                aria-label="Dismiss"
              >
                <CloseIcon />
              </button>
            )
          }
        />
      ) : null}
      {interrupted > 0 ? (
        <Banner
          tone="info"
          role="status"
          label="Interrupted answers"
          plainTitle
          icon={<InfoIcon />}
          title={
            interrupted === 1
              ? '1 answer was interrupted when Parley last closed. Open its conversation to retry or continue it.'
              : `${interrupted} answers were interrupted when Parley last closed. Open their conversations to retry or continue them.`
          }
          actions={
            <button
              type="button"
              className="icon-button"
              onClick={status.dismissInterrupted}
              aria-label="Dismiss"
            >
              <CloseIcon />
            </button>
          }
        />
      ) : null}
    </div>
  );
});
