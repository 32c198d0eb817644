/** @jest-environment jsdom */
/** Errors: formatted text, OCSP/TSP hint only for those, retry / start over, NCALayer missing, queued. */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { DEFAULT_DOCUMENT_SETTINGS, type ErrorView } from '../../../src-main/ipc/contract';
import { useAppStore } from '../../../src-renderer/store/app';
import { useJobsStore } from '../../../src-renderer/store/jobs';
import { HANDLE_A, installFakeSigex, job, missingKeys, resetRenderer, showJob, renderApp, type FakeSigex } from './harness';

let fake: FakeSigex;

beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
});

afterEach(() => expect(missingKeys).toEqual([]));

const HINT =
  'The problem may be related to third-party services, such as OCSP or TSP services of NCA RK. You can check their current status on the external services status page.';

function failedWith(error: ErrorView, method: 'ncalayer' | 'qr' = 'ncalayer') {
  showJob(
    job({
      method,
      phase: 'failed',
      cancellable: false,
      files: [{ handle: HANDLE_A, name: 'act.pdf', size: 10, status: 'failed', error }],
    }),
  );
}

describe('error screen', () => {
  it.each(['OCSP server problem', 'TSP server problem'])('%s: message, description and the status-page hint', async (sigexKey) => {
    await renderApp();
    failedWith({ kind: 'sigex-error', message: 'x', sigexKey });
    const panel = screen.getByTestId('error');
    expect(screen.getByRole('alert')).toHaveTextContent('This is usually temporary. Try again in a few minutes.');
    expect(panel).toHaveTextContent(HINT);
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'External services status page' }));
    });
    expect(fake.openExternal).toHaveBeenCalledWith('https://sigex.kz/status/');
  });

  it.each<ErrorView>([
    { kind: 'sigex-error', message: 'x', sigexKey: 'Signature does not correspond to the document' },
    { kind: 'network', message: 'x' },
    { kind: 'ncalayer-error', message: 'x', code: 'SIGNING_FAILURE' },
  ])('no hint for $kind $sigexKey', async (error) => {
    await renderApp();
    failedWith(error);
    expect(screen.getByTestId('error')).not.toHaveTextContent(HINT);
    expect(screen.queryByTestId('nca-services-hint')).not.toBeInTheDocument();
  });

  it('[Try again] restarts the same signing, [Start over] goes home', async () => {
    await renderApp();
    failedWith({ kind: 'sigex-error', message: 'x', sigexKey: 'Request rate limit reached' });
    expect(screen.getByRole('alert')).toHaveTextContent('Too many requests to SIGEX in a short time.');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    });
    expect(fake.startSigning).toHaveBeenCalledWith(expect.objectContaining({ handles: [HANDLE_A], method: 'ncalayer' }));
    failedWith({ kind: 'network', message: 'x' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    });
    expect(screen.getByTestId('dropzone')).toBeInTheDocument();
  });

  it.each(['qr-expired', 'qr-declined'] as const)('%s offers a new QR code', async (kind) => {
    await renderApp();
    failedWith({ kind, message: 'x' }, 'qr');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'New QR code' }));
    });
    expect(fake.startSigning).toHaveBeenCalledWith(expect.objectContaining({ method: 'qr' }));
  });

  it('a queued file says it will be registered automatically', async () => {
    await renderApp();
    showJob(job({ phase: 'done', cancellable: false, files: [{ handle: HANDLE_A, name: 'act.pdf', size: 10, status: 'queued' }] }));
    expect(screen.getByTestId('queued')).toHaveTextContent('The job was queued and the document will be registered automatically');
  });

  it('new recipients refused in main: the addresses are named, and no "Try again" (main would not ask again)', async () => {
    fake.startSigning.mockRejectedValue({
      kind: 'recipients-not-confirmed',
      message: 'not confirmed',
      params: { emails: 'attacker@evil.example', reason: 'refused' },
    });
    await renderApp();
    await act(async () => {
      await useJobsStore.getState().start({
        handles: [HANDLE_A],
        method: 'ncalayer',
        options: { emails: ['attacker@evil.example'], settings: DEFAULT_DOCUMENT_SETTINGS },
      });
    });
    expect(screen.getByTestId('error')).toHaveTextContent('Recipients not confirmed');
    expect(screen.getByTestId('error')).toHaveTextContent('the new e-mail recipients attacker@evil.example were not confirmed');
    expect(screen.queryByTestId('try-again')).toBeNull();
    expect(screen.getByTestId('start-over')).toHaveClass('btn-primary');
  });

  it('startSigning refused: shown as an error', async () => {
    fake.startSigning.mockRejectedValue({ kind: 'invalid-input', message: 'bad handle' });
    await renderApp();
    await act(async () => {
      await useJobsStore.getState().start({
        handles: [HANDLE_A],
        method: 'ncalayer',
        options: {
          emails: [],
          settings: DEFAULT_DOCUMENT_SETTINGS,
        },
      });
    });
    expect(screen.getByTestId('error')).toHaveTextContent('Some of the data is not valid.');
  });
});

describe('NCALayer not detected', () => {
  const notRunning = () =>
    showJob(
      job({
        phase: 'failed',
        cancellable: false,
        error: { kind: 'ncalayer-not-running', message: 'ECONNREFUSED' },
        files: [{ handle: HANDLE_A, name: 'act.pdf', size: 10, status: 'failed' }],
      }),
    );

  it('speaks as a desktop app (what to check, where to get help), with the install link, retry and eGov instead', async () => {
    await renderApp();
    notRunning();
    const panel = screen.getByTestId('ncalayer-missing');
    expect(panel).toHaveTextContent(
      'Signing with NCALayer is not available because NCALayer could not be detected on your computer. If it is not installed, install it from the NCA RK portal https://ncl.pki.gov.kz/ (the button below). If it is installed, start it, wait until its icon appears next to the clock and press “Retry”. If it is still not detected, use “Copy diagnostics” in Settings and send the text to whoever supports your computer.',
    );
    // Not the web page's "our portal displays this error, contact our technical support" (issue 13 item 3).
    expect(panel).not.toHaveTextContent('our portal');
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Install NCALayer from ncl.pki.gov.kz' }));
    });
    expect(fake.openExternal).toHaveBeenCalledWith('https://ncl.pki.gov.kz/');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign with eGov mobile instead' }));
    });
    expect(fake.startSigning).toHaveBeenLastCalledWith(expect.objectContaining({ handles: [HANDLE_A], method: 'qr' }));
  });

  it('[Retry] tries NCALayer again', async () => {
    await renderApp();
    notRunning();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    });
    expect(fake.startSigning).toHaveBeenLastCalledWith(expect.objectContaining({ method: 'ncalayer' }));
  });

  it('an untrusted certificate gets its own text and a way to settings', async () => {
    await renderApp();
    showJob(
      job({ phase: 'failed', cancellable: false, error: { kind: 'ncalayer-untrusted', message: 'SELF_SIGNED_CERT_IN_CHAIN' }, files: [] }),
    );
    const panel = screen.getByTestId('ncalayer-missing');
    expect(panel).toHaveTextContent('NCALayer certificate is not trusted');
    expect(panel).toHaveTextContent('its certificate is not trusted');
    expect(panel).not.toHaveTextContent('could not be detected');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    });
    expect(useAppStore.getState().view).toBe('settings');
  });
});
