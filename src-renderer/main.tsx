/**
 * Renderer entry: make sure `window.sigex` exists (the web shim in a browser), load what the
 * first screen needs (app info, settings), set up i18n in the user's language, render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n, pickLanguage } from './i18n';
import { initOptionsFromSettings } from './store/options';
import { useAppStore } from './store/app';
import { useSettingsStore } from './store/settings';
import './styles.css';

async function bootstrap(): Promise<void> {
  if (!('sigex' in window)) {
    const { installWebShim } = await import('./web-shim');
    await installWebShim();
  }
  const [info, settings] = await Promise.all([window.sigex.getAppInfo(), window.sigex.getSettings()]);
  useAppStore.getState().setInfo(info);
  useSettingsStore.getState().setSettings(settings);
  initOptionsFromSettings(settings);
  await initI18n(pickLanguage(settings.language, info.systemLanguage));

  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

/** Nothing rendered yet and no i18n: a plain trilingual line is all we can show. */
function showFatal(e: unknown): void {
  const root = document.getElementById('root');
  if (root) {
    const p = document.createElement('p');
    p.className = 'fatal';
    p.setAttribute('role', 'alert');
    p.textContent = 'Не удалось запустить приложение. Қосымшаны іске қосу мүмкін болмады. The application could not start.';
    root.replaceChildren(p);
  }
  try {
    void window.sigex?.log(
      'error',
      `renderer bootstrap failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`
        .replace(/[\r\n\u2028\u2029]+/g, ' | ')
        .slice(0, 2000),
    );
  } catch {
    // No bridge at all: the message on screen is all there is.
  }
}

bootstrap().catch(showFatal);
