import type { ReactNode } from 'react';

export type BannerTone = 'info' | 'warning' | 'danger' | 'neutral';

/**
 * The shell every banner shares: an icon, a line of text, optional detail and
 * actions. `role` is the banner's promise to assistive tech: "alert" for what
 * needs the person now (a rate limit holding their message), "status" for
 * everything that can wait to be read.
 */
export function Banner({
  tone,
  role,
  icon,
  title,
  detail,
  actions,
  label,
  plainTitle = false,
}: {
  tone: BannerTone;
  role: 'status' | 'alert';
  icon: ReactNode;
  title: ReactNode;
  detail?: ReactNode;
  actions?: ReactNode;
  /** An accessible name, so tests and screen readers can tell banners apart. */
  label: string;
  /** Long sentences (notices) read better without the bold headline weight. */
  plainTitle?: boolean;
}): ReactNode {
  return (
    <div className={`banner banner-${tone}`} role={role} aria-label={label}>
      <span className="banner-icon">{icon}</span>
      <div className="banner-body">
        <p className={plainTitle ? 'banner-title banner-title-plain' : 'banner-title'}>{title}</p>
        {detail ? <p className="banner-detail">{detail}</p> : null}
      </div>
      {actions ? <div className="banner-actions">{actions}</div> : null}
    </div>
  );
}
