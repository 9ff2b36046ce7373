import type { Connectivity } from '../../shared/ipc';
import type { Clock } from './clock';

/**
 * One answer to "are we online?", from two witnesses: the OS flag (which can
 * lie "online" behind a dead Wi-Fi) and our own failed connections (which
 * know nothing until we try). While offline because of failures it probes the
 * API host, so a waiting message goes out as soon as the host answers again.
 */
export interface ConnectivityMonitor {
  state(): Connectivity;
  reportOs(online: boolean): Connectivity;
  reportConnectionFailure(): void;
  reportConnectionSuccess(): void;
  /**
   * A request timed out: a slow API or a dead network look the same to it.
   * Probes the host once, now; only if that fails is the connection down.
   */
  verify(): void;
  /** Resolves when online; rejects with the signal's reason on abort. */
  waitOnline(signal: AbortSignal): Promise<void>;
  dispose(): void;
}

export function createConnectivityMonitor(deps: {
  clock: Clock;
  /** True when the API host answered anything at all. */
  probe: () => Promise<boolean>;
  probeIntervalMs?: number;
  onChange: (state: Connectivity) => void;
}): ConnectivityMonitor {
  const interval = deps.probeIntervalMs ?? 2000;
  let osOnline = true;
  let connectionDown = false;
  let timer: unknown = null;
  let probing = false;
  // A probe still out when the monitor is disposed must not start the loop again.
  let disposed = false;
  const waiters = new Set<() => void>();

  const state = (): Connectivity => {
    if (!osOnline) return { online: false, cause: 'os' };
    if (connectionDown) return { online: false, cause: 'connection' };
    return { online: true, cause: null };
  };

  const update = (change: () => void): void => {
    const before = state();
    change();
    const after = state();
    if (before.online !== after.online || before.cause !== after.cause) {
      deps.onChange(after);
      if (after.online) {
        for (const wake of [...waiters]) wake();
      }
    }
    schedule();
  };

  const schedule = (): void => {
    const wanted = osOnline && connectionDown && !disposed;
    if (!wanted && timer !== null) {
      deps.clock.clearTimeout(timer);
      timer = null;
    }
    if (wanted && timer === null && !probing) {
      timer = deps.clock.setTimeout(() => {
        timer = null;
        void runProbe();
      }, interval);
    }
  };

  /** Asks the host once, `probing` meanwhile; a probe that throws says "unreachable". */
  const probeOnce = async (): Promise<boolean> => {
    probing = true;
    try {
      return await deps.probe();
    } catch {
      return false;
    } finally {
      probing = false;
    }
  };

  const runProbe = async (): Promise<void> => {
    if (await probeOnce()) update(() => (connectionDown = false));
    else schedule();
  };

  return {
    state,
    reportOs(online) {
      update(() => {
        osOnline = online;
      });
      return state();
    },
    reportConnectionFailure() {
      update(() => (connectionDown = true));
    },
    reportConnectionSuccess() {
      update(() => (connectionDown = false));
    },
    verify() {
      if (probing || connectionDown || !osOnline) return;
      void probeOnce().then((reachable) => {
        if (disposed) return;
        if (reachable) schedule();
        else update(() => (connectionDown = true));
      });
    },
    waitOnline(signal) {
      if (state().online) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const wake = (): void => {
          waiters.delete(wake);
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          waiters.delete(wake);
          reject(signal.reason);
        };
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        waiters.add(wake);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    dispose() {
      disposed = true;
      if (timer !== null) deps.clock.clearTimeout(timer);
      timer = null;
      waiters.clear();
    },
  };
}
