import type { VaultStatus } from '../../../electron/ipc/contract';
import { useVaultStatus } from './useVaultStatus';

function describe(status: VaultStatus): string {
  switch (status.state) {
    case 'none':
      return 'No vault is open.';
    case 'locked':
      return `The vault at ${status.path ?? 'an unknown folder'} is locked.`;
    case 'unlocked': {
      const counts = status.counts;
      const summary = counts ? ` ${counts.conversations.toLocaleString()} conversations, ${counts.messages.toLocaleString()} messages.` : '';
      return `The vault at ${status.path ?? 'an unknown folder'} is unlocked.${summary}`;
    }
  }
}

/** The one screen of this build: the app's name and the vault's status. The full UI comes later. */
export function App() {
  const view = useVaultStatus();
  return (
    <main className="app">
      <h1>Locket</h1>
      <p className="status" role="status">
        {view.kind === 'loading' && 'Checking the vault…'}
        {view.kind === 'ready' && describe(view.status)}
        {view.kind === 'failed' && `Could not reach the vault: ${view.message}`}
      </p>
    </main>
  );
}
