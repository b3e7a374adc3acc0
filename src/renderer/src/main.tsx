import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './App';
import { applyLanguage } from './i18n';
import { toastError } from './store/toasts';
import './styles.css';

/** Applies the saved language before the first paint, so an English user never sees French flash by. */
async function boot(): Promise<void> {
  let failure: unknown = null;
  try {
    const settings = await api.invoke('settings.get', {});
    await applyLanguage(settings.language);
  } catch (error) {
    failure = error;
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  if (failure) toastError(failure);
}

// A file dropped outside the Démos screen must not make the browser open it in place of the app
// (losing an unsaved form). The Démos screen handles its own drops; elsewhere a drop does nothing.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
}

void boot();
