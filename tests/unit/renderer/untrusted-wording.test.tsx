/** @jest-environment jsdom */
/**
 * Issue 13 item 8: an untrusted NCALayer certificate is called the same in the status bar,
 * in the panel that stops the signing, and in Settings' connection test, in ru, kk and en.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { type FakeSigex, fileEntry, installFakeSigex, job, missingKeys, renderApp, resetRenderer, setFiles, showJob } from './harness';

let fake: FakeSigex;
afterEach(() => expect(missingKeys).toEqual([]));

const WORDING = {
  en: 'NCALayer certificate is not trusted',
  ru: 'Сертификату NCALayer нет доверия',
  kk: 'NCALayer сертификатына сенім жоқ',
};

describe.each(['en', 'ru', 'kk'] as const)('%s', (lang) => {
  beforeEach(async () => {
    fake = installFakeSigex();
    await resetRenderer(lang);
    fake.checkConnection.mockResolvedValue({ ncalayer: { state: 'untrusted' }, sigex: { state: 'ok' } });
    fake.testConnection.mockResolvedValue({ ncalayer: { state: 'untrusted' }, sigex: { state: 'ok' } });
  });

  test('status bar, panel and the connection test use one wording', async () => {
    await renderApp();
    const phrase = WORDING[lang];
    expect(screen.getByTestId('status-ncalayer')).toHaveTextContent(phrase);

    setFiles([fileEntry('act.pdf')]);
    showJob(job({ phase: 'failed', cancellable: false, error: { kind: 'ncalayer-untrusted', message: 'x' } }));
    expect(screen.getByTestId('ncalayer-missing').querySelector('h1')).toHaveTextContent(phrase);

    await act(async () => {
      fireEvent.click(screen.getByTestId('open-settings'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('settings-test-connection'));
    });
    expect(screen.getByTestId('settings-ncalayer-result')).toHaveTextContent(phrase);
  });
});
