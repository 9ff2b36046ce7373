import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../shared/ipc';
import { parley } from '../lib/parley';

const initial: AppStatus = { connectivity: { online: true, cause: null }, rateLimit: null };

/**
 * App-wide connectivity and rate-limit state. Main is the judge of "online"
 * (it also sees failed connections); the renderer contributes what only it
 * can see, the OS's online flag, at start and on every change.
 */
export function useAppStatus(): AppStatus {
  const [status, setStatus] = useState<AppStatus>(initial);

  useEffect(() => {
    let alive = true;
    // Events are newer than the answer to getStatus(); never let the latter overwrite them.
    let heardConnectivity = false;
    let heardRateLimit = false;
    const api = parley();
    const unsubscribe = api.onEvent((event) => {
      if (event.type === 'connectivity') {
        heardConnectivity = true;
        setStatus((s) => ({ ...s, connectivity: event.connectivity }));
      } else if (event.type === 'rate-limit') {
        heardRateLimit = true;
        setStatus((s) => ({ ...s, rateLimit: event.snapshot }));
      }
    });
    void api.getStatus().then((result) => {
      if (!alive || !result.ok) return;
      setStatus((s) => ({
        connectivity: heardConnectivity ? s.connectivity : result.value.connectivity,
        rateLimit: heardRateLimit ? s.rateLimit : result.value.rateLimit,
      }));
    });
    const report = (): void => {
      void api.reportOsOnline({ online: navigator.onLine }).then((result) => {
        if (!alive || !result.ok) return;
        heardConnectivity = true;
        setStatus((s) => ({ ...s, connectivity: result.value }));
      });
    };
    report();
    window.addEventListener('online', report);
    window.addEventListener('offline', report);
    return () => {
      alive = false;
      unsubscribe();
      window.removeEventListener('online', report);
      window.removeEventListener('offline', report);
    };
  }, []);

  return status;
}
