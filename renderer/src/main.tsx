import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { holdIdleLock, openExternally, saveMediaCopy } from './services/host';
import { locketClient } from './services/locket';
import { localPreferences } from './services/preferences';
import { systemLanguages, systemPrefersDark } from './services/system';
import { createAppStore, startAppStore, type AppStore } from './store/app-store';
import { StoreProvider } from './store/StoreProvider';
import './app/app.css';
import './components/components.css';

const store = createAppStore({
  client: locketClient,
  preferences: localPreferences,
  systemLanguages: systemLanguages(),
  systemPrefersDark: systemPrefersDark(),
  openExternally,
  holdIdleLock,
  saveMediaCopy,
});

function Root({ appStore }: { appStore: AppStore }) {
  useEffect(() => startAppStore(appStore, locketClient), [appStore]);
  return (
    <StoreProvider store={appStore}>
      <App />
    </StoreProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Root appStore={store} />
  </StrictMode>,
);
