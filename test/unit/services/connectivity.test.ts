import { describe, expect, it } from 'vitest';
import type { Connectivity } from '../../../src/shared/ipc';
import { createConnectivityMonitor } from '../../../src/main/services/connectivity';
import { createManualClock } from '../../support/manual-clock';

function setup(reachable: () => boolean) {
  const clock = createManualClock();
  const changes: Connectivity[] = [];
  let probes = 0;
  const monitor = createConnectivityMonitor({
    clock,
    probeIntervalMs: 2000,
    probe: async () => {
      probes++;
      return reachable();
    },
    onChange: (state) => changes.push(state),
  });
  return { clock, changes, monitor, probes: () => probes };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('connectivity monitor', () => {
  it('goes offline on a failed connection, probes, and comes back online by itself', async () => {
    let up = false;
    const { clock, changes, monitor, probes } = setup(() => up);
    monitor.reportConnectionFailure();
    expect(monitor.state()).toEqual({ online: false, cause: 'connection' });
    clock.advance(2000);
    await tick();
    expect(probes()).toBe(1);
    expect(monitor.state().online).toBe(false);
    up = true;
    clock.advance(2000);
    await tick();
    expect(monitor.state()).toEqual({ online: true, cause: null });
    expect(changes).toEqual([
      { online: false, cause: 'connection' },
      { online: true, cause: null },
    ]);
  });

  it('after a timeout, asks the host once: offline only if it does not answer', async () => {
    let up = true;
    const { clock, monitor, probes } = setup(() => up);
    monitor.verify();
    await tick();
    expect(probes()).toBe(1);
    expect(monitor.state()).toEqual({ online: true, cause: null });
    // Online, it does not keep probing.
    clock.advance(10_000);
    await tick();
    expect(probes()).toBe(1);
    up = false;
    monitor.verify();
    await tick();
    expect(monitor.state()).toEqual({ online: false, cause: 'connection' });
    up = true;
    clock.advance(2000);
    await tick();
    expect(monitor.state()).toEqual({ online: true, cause: null });
  });

  it('once disposed, a probe that was still out starts nothing', async () => {
    const { clock, monitor, probes } = setup(() => false);
    monitor.verify();
    monitor.dispose();
    await tick();
    clock.advance(10_000);
    await tick();
    expect(probes()).toBe(1);
  });

  it('trusts the OS when it says offline, and does not probe then', async () => {
    const { clock, monitor, probes } = setup(() => true);
    monitor.reportOs(false);
    monitor.reportConnectionFailure();
    clock.advance(10_000);
    await tick();
    expect(probes()).toBe(0);
    expect(monitor.state()).toEqual({ online: false, cause: 'os' });
    monitor.reportOs(true);
    expect(monitor.state()).toEqual({ online: false, cause: 'connection' });
  });

  it('releases waiters when online again, and a cancelled waiter rejects', async () => {
    const { monitor } = setup(() => true);
    monitor.reportOs(false);
    const released = monitor.waitOnline(new AbortController().signal);
    const cancelled = new AbortController();
    const rejected = monitor.waitOnline(cancelled.signal);
    cancelled.abort(new Error('cancelled'));
    await expect(rejected).rejects.toThrow('cancelled');
    monitor.reportOs(true);
    await expect(released).resolves.toBeUndefined();
  });
});
