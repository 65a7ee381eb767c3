import type { Outcome, VaultStatus } from '../ipc/contract';
import type { LockReason } from './vault-client';

/** The part of Electron's powerMonitor used here. */
export interface PowerMonitorLike {
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
  off(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
  /** Seconds since the user last touched keyboard or mouse, system-wide. */
  getSystemIdleTime(): number;
}

export interface IdleLockOptions {
  powerMonitor: PowerMonitorLike;
  status: () => Promise<Outcome<VaultStatus>>;
  lockFor: (reason: LockReason) => Promise<unknown>;
  /** Whether the renderer holds the idle lock back (a new recovery code on screen: host request 'idleLock.hold'). */
  isHeld?: () => boolean;
  pollSeconds?: number;
}

/**
 * How long the idle lock waits while a recovery code is on screen, if the vault's own auto-lock time is shorter:
 * copying a code by hand takes minutes without a keystroke, yet a computer left with its vault open still locks.
 */
export const HELD_IDLE_LOCK_MINUTES = 30;

const DEFAULT_POLL_SECONDS = 30;
// The smallest auto-lock setting is one minute, so a shorter idle time never needs the vault's status.
const MIN_AUTO_LOCK_SECONDS = 60;

/**
 * Locks the vault when the computer sleeps, when the screen locks, and after the vault's own auto-lock
 * minutes of system-wide inactivity. Returns a function that stops watching.
 */
export function watchForIdleLock({
  powerMonitor,
  status,
  lockFor,
  isHeld = () => false,
  pollSeconds = DEFAULT_POLL_SECONDS,
}: IdleLockOptions): () => void {
  const onSuspend = () => void lockFor('suspend');
  const onScreenLock = () => void lockFor('screen-lock');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('lock-screen', onScreenLock);

  let checking = false;
  async function checkIdle(): Promise<void> {
    const idleSeconds = powerMonitor.getSystemIdleTime();
    if (checking || idleSeconds < MIN_AUTO_LOCK_SECONDS) return;
    checking = true;
    try {
      const outcome = await status();
      if (!outcome.ok || outcome.value.state !== 'unlocked') return;
      const setting = outcome.value.autoLockMinutes ?? 0;
      // 0 means the user turned idle locking off.
      const minutes = setting > 0 && isHeld() ? Math.max(setting, HELD_IDLE_LOCK_MINUTES) : setting;
      if (minutes > 0 && idleSeconds >= minutes * 60) await lockFor('idle');
    } finally {
      checking = false;
    }
  }

  const timer = setInterval(() => void checkIdle(), pollSeconds * 1000);
  // The poll alone must never keep the app alive.
  timer.unref();

  return () => {
    clearInterval(timer);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('lock-screen', onScreenLock);
  };
}
