import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Outcome, VaultStatus } from '../../electron/ipc/contract';
import { HELD_IDLE_LOCK_MINUTES, watchForIdleLock, type PowerMonitorLike } from '../../electron/main/idle-lock';

function statusWith(state: VaultStatus['state'], autoLockMinutes: number | null): Outcome<VaultStatus> {
  return {
    ok: true,
    value: {
      state,
      path: '/v.locket',
      vaultId: null,
      formatVersion: null,
      createdAt: null,
      kdf: null,
      counts: null,
      signingKeyFingerprint: null,
      isDemo: null,
      autoLockMinutes,
    },
  };
}

function setup(status: Outcome<VaultStatus>) {
  let idleSeconds = 0;
  const monitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => idleSeconds });
  const getStatus = vi.fn(async () => status);
  const lockFor = vi.fn(async () => undefined);
  const stop = watchForIdleLock({
    powerMonitor: monitor as PowerMonitorLike,
    status: getStatus,
    lockFor,
    pollSeconds: 30,
  });
  return {
    monitor,
    getStatus,
    lockFor,
    stop,
    idleFor(seconds: number) {
      idleSeconds = seconds;
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('watchForIdleLock', () => {
  it('locks when the computer suspends and when the screen locks, saying why', () => {
    const { monitor, lockFor } = setup(statusWith('unlocked', 10));
    monitor.emit('suspend');
    monitor.emit('lock-screen');
    expect(lockFor.mock.calls).toEqual([['suspend'], ['screen-lock']]);
  });

  it('locks after the vault’s auto-lock minutes of system idle time, not before', async () => {
    const { lockFor, idleFor } = setup(statusWith('unlocked', 5));
    idleFor(5 * 60 - 1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lockFor).not.toHaveBeenCalled();
    idleFor(5 * 60);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lockFor).toHaveBeenCalledExactlyOnceWith('idle');
  });

  it('waits 30 minutes instead of a shorter auto-lock time while a recovery code is on screen', async () => {
    let isHeld = true;
    let idleSeconds = 0;
    const monitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => idleSeconds });
    const lockFor = vi.fn(async () => undefined);
    const stop = watchForIdleLock({
      powerMonitor: monitor as PowerMonitorLike,
      status: async () => statusWith('unlocked', 5),
      lockFor,
      isHeld: () => isHeld,
      pollSeconds: 30,
    });
    idleSeconds = HELD_IDLE_LOCK_MINUTES * 60 - 1;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lockFor).not.toHaveBeenCalled();
    // Sleep still locks at once.
    monitor.emit('suspend');
    expect(lockFor).toHaveBeenCalledExactlyOnceWith('suspend');
    idleSeconds = HELD_IDLE_LOCK_MINUTES * 60;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lockFor).toHaveBeenLastCalledWith('idle');
    // Once the code was confirmed, the vault's own five minutes apply again.
    isHeld = false;
    idleSeconds = 5 * 60;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lockFor).toHaveBeenCalledTimes(3);
    stop();
  });

  it('never asks the vault while the user was active in the last minute', async () => {
    const { getStatus, idleFor } = setup(statusWith('unlocked', 1));
    idleFor(59);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(getStatus).not.toHaveBeenCalled();
  });

  it('does nothing when idle locking is off (0) or the vault is not unlocked', async () => {
    for (const status of [statusWith('unlocked', 0), statusWith('locked', null), statusWith('none', null)]) {
      const { lockFor, idleFor, stop } = setup(status);
      idleFor(24 * 60 * 60);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(lockFor).not.toHaveBeenCalled();
      stop();
    }
  });

  it('stops polling and listening when stopped', async () => {
    const { monitor, lockFor, getStatus, idleFor, stop } = setup(statusWith('unlocked', 1));
    stop();
    idleFor(3600);
    monitor.emit('suspend');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(lockFor).not.toHaveBeenCalled();
    expect(getStatus).not.toHaveBeenCalled();
  });
});
