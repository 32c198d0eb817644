/** @jest-environment jsdom */
/**
 * Issue 13 item 9: signing through KAZTOKEN shows the seed's "Waiting for signature from
 * KAZTOKEN mobile" (not NCALayer's PIN text), the status bar says what it waits for, and a
 * failure of the signing service gets the seed's KAZTOKEN mobile text.
 */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import type { FileJobView } from '../../../src-main/ipc/contract';
import {
  HANDLE_A,
  HANDLE_B,
  type FakeSigex,
  fileEntry,
  installFakeSigex,
  job,
  missingKeys,
  renderApp,
  resetRenderer,
  setFiles,
  showJob,
} from './harness';

let fake: FakeSigex;
afterEach(() => expect(missingKeys).toEqual([]));

const signing = (name: string, handle = HANDLE_A): FileJobView => ({ handle, name, size: 10, status: 'signing' });
const KAZTOKEN_DESKTOP = {
  ncalayer: { state: 'ok' as const, service: 'KAZTOKEN desktop' as const, version: '2.3.1' },
  sigex: { state: 'ok' as const },
};

describe('en', () => {
  beforeEach(async () => {
    fake = installFakeSigex();
    await resetRenderer('en');
  });

  test('KAZTOKEN desktop in the status check: the PIN step waits for KAZTOKEN mobile, named in the status bar', async () => {
    fake.checkConnection.mockResolvedValue(KAZTOKEN_DESKTOP);
    await renderApp();
    expect(screen.getByTestId('status-ncalayer')).toHaveTextContent('KAZTOKEN desktop 2.3.1');
    setFiles([fileEntry('Contract.pdf')]);
    showJob(job({ phase: 'signing', files: [signing('Contract.pdf')] }));
    const panel = screen.getByTestId('kaztoken-waiting');
    expect(panel).toHaveTextContent('Waiting for signature from KAZTOKEN mobile');
    expect(panel).toHaveTextContent('Open KAZTOKEN mobile on your phone and confirm the signing there.');
    expect(screen.getByTestId('kaztoken-what')).toHaveTextContent('Contract.pdf');
    expect(screen.queryByTestId('working')).toBeNull();
    expect(screen.getByTestId('status-kaztoken')).toHaveTextContent('waiting for KAZTOKEN mobile');
  });

  test('NCALayer named the KAZTOKEN storage (job.kaztoken): the same state; several files are counted', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf'), fileEntry('b.pdf', HANDLE_B)]);
    showJob(job({ phase: 'signing', kaztoken: true, files: [signing('a.pdf'), signing('b.pdf', HANDLE_B)] }));
    expect(screen.getByTestId('kaztoken-waiting')).toHaveTextContent('Waiting for signature from KAZTOKEN mobile');
    expect(screen.getByTestId('kaztoken-what')).toHaveTextContent('Files to sign: 2');
  });

  test('plain NCALayer: the NCALayer screen, no KAZTOKEN text', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf')]);
    showJob(job({ phase: 'signing', files: [signing('a.pdf')] }));
    expect(screen.queryByTestId('kaztoken-waiting')).toBeNull();
    expect(screen.getByTestId('working')).toBeInTheDocument();
    expect(screen.queryByTestId('status-kaztoken')).toBeNull();
  });

  test('KAZTOKEN mobile did not answer: the error says what to do about KAZTOKEN mobile', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf')]);
    showJob(
      job({
        phase: 'failed',
        kaztoken: true,
        cancellable: false,
        files: [{ handle: HANDLE_A, name: 'a.pdf', size: 10, status: 'failed', error: { kind: 'ncalayer-closed', message: 'closed' } }],
      }),
    );
    expect(screen.getByTestId('kaztoken-not-available')).toHaveTextContent(
      'Signing with KAZTOKEN mobile is not available because KAZTOKEN mobile could not be detected on your mobile device.',
    );
  });
});

test.each([
  ['ru', 'Ожидание подписи из KAZTOKEN mobile', 'ожидание KAZTOKEN mobile'],
  ['kk', 'KAZTOKEN mobile-дан қолтаңба күтілуде', 'KAZTOKEN mobile күтілуде'],
] as const)('%s: the KAZTOKEN waiting texts', async (lang, waiting, statusBar) => {
  fake = installFakeSigex();
  fake.checkConnection.mockResolvedValue(KAZTOKEN_DESKTOP);
  await resetRenderer(lang);
  await renderApp();
  setFiles([fileEntry('a.pdf')]);
  showJob(job({ phase: 'signing', files: [signing('a.pdf')] }));
  expect(screen.getByTestId('kaztoken-waiting')).toHaveTextContent(waiting);
  expect(screen.getByTestId('status-kaztoken')).toHaveTextContent(statusBar);
});
