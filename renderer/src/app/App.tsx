import { useEffect } from 'react';
import { DemoScreen } from '../features/vault/DemoScreen';
import { CreateVaultScreen } from '../features/vault/CreateVaultScreen';
import { RecoverScreen } from '../features/vault/RecoverScreen';
import { RecoveryCodeScreen } from '../features/vault/RecoveryCodeScreen';
import { UnlockScreen } from '../features/vault/UnlockScreen';
import { selectVaultError, selectVaultScreen } from '../features/vault/vault-slice';
import { WelcomeScreen } from '../features/vault/WelcomeScreen';
import { useI18n } from '../i18n/useI18n';
import { useAppStore } from '../store/useAppStore';
import { AppShell } from './AppShell';
import { useAppearance } from './useAppearance';

/** Chooses the screen from the vault's state: the forms before a vault is open, then the app itself. */
export function App() {
  useAppearance();
  useNoDropNavigation();
  const screen = useAppStore(selectVaultScreen);
  switch (screen) {
    case 'loading':
      return <div className="splash" aria-busy="true" />;
    case 'unavailable':
      return <Unavailable />;
    case 'welcome':
      return <WelcomeScreen />;
    case 'create':
      return <CreateVaultScreen />;
    case 'recovery-code':
      return <RecoveryCodeScreen />;
    case 'unlock':
      return <UnlockScreen key="unlock" />;
    case 'recover':
      return <RecoverScreen />;
    case 'demo':
      return <DemoScreen />;
    case 'unlocked':
      return <AppShell />;
  }
}

function Unavailable() {
  const t = useI18n();
  const error = useAppStore(selectVaultError);
  return (
    <main className="splash">
      <div className="auth-card">
        <h1 className="auth-title">{t.t('unavailable.title')}</h1>
        <p>{t.t('unavailable.text')}</p>
        {error && <p className="notice-detail">{error.message}</p>}
      </div>
    </main>
  );
}

/** A file dropped anywhere must never replace the app's page; the import screen handles drops itself. */
function useNoDropNavigation(): void {
  useEffect(() => {
    const stop = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);
}
