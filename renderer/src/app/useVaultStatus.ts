import { useCallback, useEffect, useState } from 'react';
import type { VaultStatus } from '../../../electron/ipc/contract';
import { onLocketEvent, request } from '../services/locket';

export type VaultStatusView = { kind: 'loading' } | { kind: 'ready'; status: VaultStatus } | { kind: 'failed'; message: string };

/** The vault's status from the core, refreshed whenever the vault locks. */
export function useVaultStatus(): VaultStatusView {
  const [view, setView] = useState<VaultStatusView>({ kind: 'loading' });

  const refresh = useCallback(() => {
    request('vault.status', undefined).then(
      (status) => setView({ kind: 'ready', status }),
      (error: unknown) => setView({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  useEffect(() => {
    refresh();
    try {
      return onLocketEvent('vault.locked', refresh);
    } catch {
      // No bridge: refresh() already reported it.
      return undefined;
    }
  }, [refresh]);

  return view;
}
