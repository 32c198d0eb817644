/** @jest-environment jsdom */
/** The language switcher re-renders at once, persists through updateSettings, sets <html lang>. */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { pickLanguage } from '../../../src-renderer/i18n';
import { installFakeSigex, missingKeys, resetRenderer, renderApp, type FakeSigex } from './harness';

let fake: FakeSigex;

beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
});

afterEach(() => expect(missingKeys).toEqual([]));

describe('language switcher', () => {
  it.each([
    ['ru', 'Перетащите файлы сюда', 'Настройки'],
    ['kk', 'Файлдарды осында сүйреп әкеліңіз', 'Баптаулар'],
  ] as const)('%s: calls updateSettings and re-renders', async (lang, dropText, settingsText) => {
    await renderApp();
    expect(screen.getByTestId('dropzone')).toHaveTextContent('Drop files here');
    expect(screen.getByTestId(`lang-en`)).toHaveAttribute('aria-pressed', 'true');

    await act(async () => {
      fireEvent.click(screen.getByTestId(`lang-${lang}`));
    });
    expect(fake.updateSettings).toHaveBeenCalledWith({ language: lang });
    expect(screen.getByTestId('dropzone')).toHaveTextContent(dropText);
    expect(screen.getByTestId('open-settings')).toHaveTextContent(settingsText);
    expect(screen.getByTestId(`lang-${lang}`)).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'false');
    expect(document.documentElement.lang).toBe(lang);
  });

  it('clicking the current language does nothing', async () => {
    await renderApp();
    await act(async () => {
      fireEvent.click(screen.getByTestId('lang-en'));
    });
    expect(fake.updateSettings).not.toHaveBeenCalled();
  });

  it('a failed save still switches the language on screen', async () => {
    fake.updateSettings.mockRejectedValue(new Error('disk'));
    await renderApp();
    await act(async () => {
      fireEvent.click(screen.getByTestId('lang-ru'));
    });
    expect(screen.getByTestId('dropzone')).toHaveTextContent('Перетащите файлы сюда');
    expect(fake.log).toHaveBeenCalledWith('warn', expect.stringContaining('could not save the language'));
  });

  it('the saved language wins over the system one; Russian is the fallback', async () => {
    expect(pickLanguage('kk', 'en')).toBe('kk');
    expect(pickLanguage(null, 'en')).toBe('en');
    expect(pickLanguage(null, undefined)).toBe('ru');
  });
});

describe('status bar', () => {
  it('re-checks the connection on demand and on window focus (not more often than every 5 s)', async () => {
    fake.checkConnection.mockResolvedValue({ ncalayer: { state: 'not-running' }, sigex: { state: 'offline' } });
    await renderApp();
    expect(fake.checkConnection).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('status-bar')).toHaveTextContent('not detected');
    expect(screen.getByTestId('status-bar')).toHaveTextContent('offline');

    await act(async () => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(fake.checkConnection).toHaveBeenCalledTimes(1);

    fake.checkConnection.mockResolvedValue({
      ncalayer: { state: 'ok', service: 'KAZTOKEN desktop', version: '2.1' },
      sigex: { state: 'ok' },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Check connection' }));
    });
    expect(fake.checkConnection).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('status-bar')).toHaveTextContent('KAZTOKEN desktop 2.1');
    expect(screen.getByTestId('status-bar')).toHaveTextContent('online');
  });

  it('shows an untrusted NCALayer certificate', async () => {
    fake.checkConnection.mockResolvedValue({ ncalayer: { state: 'untrusted' }, sigex: { state: 'ok' } });
    await renderApp();
    expect(screen.getByTestId('status-bar')).toHaveTextContent('NCALayer certificate is not trusted');
  });

  it('the settings button opens the settings view', async () => {
    await renderApp();
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-settings'));
    });
    expect(screen.queryByTestId('dropzone')).not.toBeInTheDocument();
  });
});
