import { useEffect, useState } from 'react';

function startOfToday(): number {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/**
 * The start of the local day, renewed at midnight: what "Today" and
 * "Yesterday" are reckoned from. Read once, a window left open overnight
 * kept last night's conversations under "Today" until something changed the
 * list. Checked again when the window is shown or focused, since a sleeping
 * computer's timers fire late.
 */
export function useToday(): number {
  const [today, setToday] = useState(startOfToday);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const renew = (): void => {
      setToday(startOfToday());
      if (timer !== null) clearTimeout(timer);
      const midnight = new Date(startOfToday());
      midnight.setDate(midnight.getDate() + 1);
      // A second past midnight, so the new day has begun when it fires.
      timer = setTimeout(renew, midnight.getTime() - Date.now() + 1000);
    };
    renew();
    window.addEventListener('focus', renew);
    document.addEventListener('visibilitychange', renew);
    return () => {
      if (timer !== null) clearTimeout(timer);
      window.removeEventListener('focus', renew);
      document.removeEventListener('visibilitychange', renew);
    };
  }, []);
  return today;
}
