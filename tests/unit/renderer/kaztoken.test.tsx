/** @jest-environment jsdom */
/**
 * Issue 13 item 9: signing through KAZTOKEN desktop shows the seed's "Waiting for signature from
 * KAZTOKEN mobile" (not NCALayer's PIN text), the status bar says what it waits for, and a
 * failure of the signing service gets the seed's KAZTOKEN mobile text. When NCALayer only named
 * the KAZTOKEN storage (a USB token or the app), the words are true of both, without "mobile".
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

  test('main found KAZTOKEN desktop (job.kaztoken mobile): the same state; several files are counted', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf'), fileEntry('b.pdf', HANDLE_B)]);
    showJob(job({ phase: 'signing', kaztoken: 'mobile', files: [signing('a.pdf'), signing('b.pdf', HANDLE_B)] }));
    expect(screen.getByTestId('kaztoken-waiting')).toHaveTextContent('Waiting for signature from KAZTOKEN mobile');
    expect(screen.getByTestId('kaztoken-what')).toHaveTextContent('Files to sign: 2');
    expect(screen.getByTestId('status-kaztoken')).toHaveTextContent('waiting for KAZTOKEN mobile');
  });

  test('NCALayer named the KAZTOKEN storage (job.kaztoken token): words true of a USB token and of the app, no "KAZTOKEN mobile"', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf')]);
    showJob(job({ phase: 'signing', kaztoken: 'token', files: [signing('a.pdf')] }));
    const panel = screen.getByTestId('kaztoken-waiting');
    expect(panel).toHaveTextContent('Confirm the signature on your KAZTOKEN token or in the KAZTOKEN app');
    expect(panel).toHaveTextContent('If your KAZTOKEN token is plugged into this computer, enter its PIN in the window on this computer.');
    expect(panel).not.toHaveTextContent('KAZTOKEN mobile');
    expect(screen.getByTestId('kaztoken-what')).toHaveTextContent('a.pdf');
    expect(screen.getByTestId('status-kaztoken')).toHaveTextContent('waiting for KAZTOKEN');
    expect(screen.getByTestId('status-bar')).not.toHaveTextContent('KAZTOKEN mobile');
  });

  test('the status check found KAZTOKEN desktop: a job marked token still waits for KAZTOKEN mobile', async () => {
    fake.checkConnection.mockResolvedValue(KAZTOKEN_DESKTOP);
    await renderApp();
    setFiles([fileEntry('a.pdf')]);
    showJob(job({ phase: 'signing', kaztoken: 'token', files: [signing('a.pdf')] }));
    expect(screen.getByTestId('kaztoken-waiting')).toHaveTextContent('Waiting for signature from KAZTOKEN mobile');
  });

  test('a KAZTOKEN token failed: no KAZTOKEN mobile text on the error', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf')]);
    showJob(
      job({
        phase: 'failed',
        kaztoken: 'token',
        cancellable: false,
        files: [{ handle: HANDLE_A, name: 'a.pdf', size: 10, status: 'failed', error: { kind: 'ncalayer-closed', message: 'closed' } }],
      }),
    );
    expect(screen.getByTestId('error')).toBeInTheDocument();
    expect(screen.queryByTestId('kaztoken-not-available')).toBeNull();
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
        kaztoken: 'mobile',
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

test.each([
  ['ru', 'Подтвердите подпись на токене KAZTOKEN или в приложении KAZTOKEN', 'ожидание KAZTOKEN'],
  ['kk', 'Қолтаңбаны KAZTOKEN токенінде немесе KAZTOKEN қосымшасында растаңыз', 'KAZTOKEN күтілуде'],
] as const)('%s: the KAZTOKEN token texts', async (lang, waiting, statusBar) => {
  fake = installFakeSigex();
  await resetRenderer(lang);
  await renderApp();
  setFiles([fileEntry('a.pdf')]);
  showJob(job({ phase: 'signing', kaztoken: 'token', files: [signing('a.pdf')] }));
  expect(screen.getByTestId('kaztoken-waiting')).toHaveTextContent(waiting);
  expect(screen.getByTestId('kaztoken-waiting')).not.toHaveTextContent('mobile');
  expect(screen.getByTestId('status-kaztoken')).toHaveTextContent(statusBar);
  expect(screen.getByTestId('status-kaztoken')).not.toHaveTextContent('mobile');
});
