import type { ReactNode } from 'react';
import type { AppStatus } from '../../../shared/ipc';
import {
  deriveBanners,
  limitName,
  retryReasonText,
  type Banner as BannerState,
} from '../chat/banners';
import type { Answer } from '../chat/conversation';
import { useNow } from '../hooks/use-now';
import type { KeyNotice } from '../lib/key-text';
import { Banner } from './banner';
import { Countdown } from './countdown';
import { AlertIcon, ClockIcon, CloseIcon, InfoIcon, OfflineIcon } from './icons';

/**
 * The banners between the header and the conversation. Which ones show is
 * derived from live state on every render, so each disappears by itself when
 * its condition ends; only the key notices wait to be dismissed.
 */
export function BannerStack({
  status,
  active,
  keyNotices,
  onRetryNow,
  onCancel,
  onDismissNotice,
}: {
  status: AppStatus;
  active: Answer | undefined;
  keyNotices: readonly KeyNotice[];
  onRetryNow: (requestId: string) => void;
  onCancel: (requestId: string) => void;
  onDismissNotice: (id: KeyNotice['id']) => void;
}): ReactNode {
  // The "close to your limit" warning expires with the bucket's reset time.
  const now = useNow(status.rateLimit?.low !== undefined, 5000);
  const banners = deriveBanners({
    active,
    connectivity: status.connectivity,
    rateLimit: status.rateLimit,
    now,
  });
  if (banners.length === 0 && keyNotices.length === 0) return null;
  return (
    <div className="banner-stack">
      {banners.map((banner) => (
        <BannerView key={banner.kind} banner={banner} onRetryNow={onRetryNow} onCancel={onCancel} />
      ))}
      {keyNotices.map((notice) => (
        <Banner
          key={notice.id}
          tone="info"
          role="status"
          label="Key notice"
          plainTitle
          icon={<InfoIcon />}
          title={notice.text}
          actions={
            <button
              type="button"
              className="icon-button"
              onClick={() => onDismissNotice(notice.id)}
              title="Dismiss"
            >
              <CloseIcon />
              <span className="visually-hidden">Dismiss</span>
            </button>
          }
        />
      ))}
    </div>
  );
}

function BannerView({
  banner,
  onRetryNow,
  onCancel,
}: {
  banner: BannerState;
  onRetryNow: (requestId: string) => void;
  onCancel: (requestId: string) => void;
}): ReactNode {
  switch (banner.kind) {
    case 'rate-limited':
      return (
        <Banner
          tone="warning"
          role="alert"
          label="Rate limited"
          icon={<ClockIcon />}
          title={`Rate limited — you’ve reached your ${limitName(banner.bucket)}.`}
          detail={
            <>
              Parley will send your message again{' '}
              <Countdown until={banner.retryAt} nowText="now…" />
            </>
          }
          actions={
            <>
              <button
                type="button"
                className="button button-small"
                onClick={() => onRetryNow(banner.requestId)}
              >
                Retry now
              </button>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => onCancel(banner.requestId)}
              >
                Cancel
              </button>
            </>
          }
        />
      );
    case 'retrying':
      return (
        <Banner
          tone="warning"
          role="status"
          label="Retrying"
          icon={<AlertIcon />}
          title={
            <>
              {retryReasonText(banner.reason)} — retrying ({banner.retry} of {banner.maxRetries}){' '}
              <Countdown until={banner.retryAt} />
            </>
          }
        />
      );
    case 'offline':
      return (
        <Banner
          tone="neutral"
          role="status"
          label="Offline"
          icon={<OfflineIcon />}
          title={banner.cause === 'connection' ? 'Can’t reach Anthropic' : 'You’re offline'}
          detail="Your conversation is still here to read. Messages you send will go out when you’re back online."
        />
      );
    case 'low-limit':
      return (
        <Banner
          tone="info"
          role="status"
          label="Close to rate limit"
          icon={<InfoIcon />}
          title={`You’re close to your ${limitName(banner.bucket)}.`}
          detail="Replies may pause for a moment until it resets."
        />
      );
  }
}
