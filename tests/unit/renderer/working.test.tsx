/** @jest-environment jsdom */
/** Signing from the selected screen: startSigning, job updates by phase, progress, cancel, unsubscribe. */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { useOptionsStore } from '../../../src-renderer/store/options';
import {
  HANDLE_A,
  HANDLE_B,
  JOB_ID,
  fileEntry,
  installFakeSigex,
  job,
  missingKeys,
  registeredFile,
  resetRenderer,
  setFiles,
  renderApp,
  type FakeSigex,
} from './harness';

let fake: FakeSigex;

beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
});

afterEach(() => expect(missingKeys).toEqual([]));

const file = (status: 'pending' | 'signing' | 'uploading' | 'registering', progress?: { sent: number; total: number }) => ({
  handle: HANDLE_A,
  name: 'act.pdf',
  size: 1000,
  status,
  ...(progress ? { progress } : {}),
});

describe('working screen', () => {
  it('follows the job from connecting to success', async () => {
    await renderApp();
    setFiles([fileEntry('act.pdf')]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('sign-ncalayer'));
    });
    expect(fake.startSigning).toHaveBeenCalledWith({
      handles: [HANDLE_A],
      method: 'ncalayer',
      options: useOptionsStore.getState().options,
    });

    fake.emit(job({ phase: 'connecting', files: [file('pending')] }));
    expect(screen.getByTestId('working')).toHaveTextContent('Connecting to NCALayer...');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();

    fake.emit(job({ phase: 'signing', files: [file('signing')] }));
    // The phase text lives in a polite live region, so screen readers hear each step.
    expect(screen.getByText('Choose a key and enter the PIN in the NCALayer window')).toHaveAttribute('role', 'status');

    fake.emit(job({ phase: 'registering', cancellable: false, files: [file('uploading', { sent: 250, total: 1000 })] }));
    expect(screen.getByTestId('working')).toHaveTextContent('Registering in SIGEX');
    const bar = screen.getByRole('progressbar', { name: 'Upload to SIGEX' });
    expect(bar).toHaveAttribute('value', '250');
    expect(bar).toHaveAttribute('max', '1000');
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();

    fake.emit(job({ phase: 'saving', cancellable: false, files: [registeredFile({ handle: HANDLE_A })] }));
    expect(screen.getByTestId('working')).toHaveTextContent('Saving the signed copy');

    fake.emit(job({ phase: 'done', cancellable: false, files: [registeredFile({ handle: HANDLE_A })] }));
    expect(screen.getByTestId('success')).toHaveTextContent('File act.pdf has been successfully signed.');
  });

  it('updates that arrive before startSigning resolves are not lost', async () => {
    let resolve: (v: { jobId: string }) => void = () => undefined;
    fake.startSigning.mockImplementation(() => new Promise((r) => (resolve = r)));
    await renderApp();
    setFiles([fileEntry('act.pdf')]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('sign-ncalayer'));
    });
    fake.emit(job({ phase: 'signing', files: [file('signing')] }));
    await act(async () => resolve({ jobId: JOB_ID }));
    expect(screen.getByTestId('working')).toHaveTextContent('Choose a key and enter the PIN in the NCALayer window');
  });

  it('cancel asks main; a cancelled job returns to the selected file with a notice', async () => {
    await renderApp();
    setFiles([fileEntry('act.pdf')]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('sign-ncalayer'));
    });
    fake.emit(job({ phase: 'signing', files: [file('signing')] }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    });
    expect(fake.cancelSigning).toHaveBeenCalledWith(JOB_ID);
    fake.emit(job({ phase: 'cancelled', cancellable: false, error: { kind: 'cancelled', message: 'x' }, files: [] }));
    expect(screen.getByText('Signing was cancelled. You can start it again.')).toBeInTheDocument();
    expect(screen.getByTestId('sign-ncalayer')).toBeEnabled();
  });

  it('names the file and shows each long step with its share, rate and time left', async () => {
    await renderApp();
    setFiles([fileEntry('act.pdf')]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('sign-ncalayer'));
    });
    const mb = 1024 * 1024;
    fake.emit(
      job({ phase: 'connecting', files: [file('pending')], activity: { step: 'hashing', fileName: 'act.pdf', done: 0, total: 800 * mb } }),
    );
    expect(screen.getByTestId('working-subject')).toHaveTextContent('Signing act.pdf');
    expect(screen.getByRole('progressbar', { name: 'Reading act.pdf' })).toHaveAttribute('value', '0');
    expect(screen.getByText('Preparing the files...')).toHaveAttribute('role', 'status');

    fake.emit(
      job({
        phase: 'signing',
        files: [file('signing')],
        activity: { step: 'sending', fileName: 'act.pdf', done: 200 * mb, total: 800 * mb, bytesPerSecond: 100 * mb, secondsLeft: 6 },
      }),
    );
    const bar = screen.getByRole('progressbar', { name: 'Sending act.pdf to NCALayer' });
    expect(bar).toHaveAttribute('value', String(200 * mb));
    expect(bar).toHaveAttribute('max', String(800 * mb));
    expect(screen.getByTestId('activity-figures')).toHaveTextContent('25% · 100 MB/s · about 6 s left');

    // Waiting for the PIN: no bar, the phase text says what to do.
    fake.emit(job({ phase: 'signing', files: [file('signing')], activity: { step: 'pin', done: 800 * mb, total: 800 * mb } }));
    expect(screen.queryByTestId('activity')).not.toBeInTheDocument();
    expect(screen.getByText('Choose a key and enter the PIN in the NCALayer window')).toBeInTheDocument();

    fake.emit(
      job({
        phase: 'registering',
        cancellable: false,
        files: [file('uploading', { sent: 80 * mb, total: 800 * mb })],
        activity: { step: 'uploading', fileName: 'act.pdf', done: 80 * mb, total: 800 * mb, bytesPerSecond: 4 * mb, secondsLeft: 180 },
      }),
    );
    expect(screen.getByTestId('activity')).toHaveTextContent('Uploading act.pdf to SIGEX');
    expect(screen.getByTestId('activity-figures')).toHaveTextContent('10% · 4 MB/s · about 3 min left');
    // One upload bar (over all files), not a second one for the step.
    expect(screen.getAllByRole('progressbar')).toHaveLength(1);
  });

  it('a batch says how many files it signs', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf'), fileEntry('b.pdf', HANDLE_B)]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('sign-ncalayer'));
    });
    fake.emit(
      job({
        phase: 'registering',
        cancellable: false,
        files: [
          { handle: HANDLE_A, name: 'a.pdf', size: 10, status: 'saving' },
          { handle: HANDLE_B, name: 'b.pdf', size: 10, status: 'signed' },
        ],
      }),
    );
    expect(screen.getByTestId('working-subject')).toHaveTextContent('Signing 2 files');
    expect(screen.getByText('Signed, waiting to be sent')).toBeInTheDocument();
    // The file still waiting counts: the bar is half way, not full.
    const bar = screen.getByRole('progressbar', { name: 'Upload to SIGEX' });
    expect(bar).toHaveAttribute('value', '10');
    expect(bar).toHaveAttribute('max', '20');
  });

  it('unsubscribes from job updates on unmount', async () => {
    const { unmount } = await renderApp();
    expect(fake.listeners.size).toBe(1);
    unmount();
    expect(fake.listeners.size).toBe(0);
  });
});
