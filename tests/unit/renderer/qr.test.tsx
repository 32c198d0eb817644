/** @jest-environment jsdom */
/** QR signing: image, countdown (mm:ss, every second), deep links as text, spent -> waiting, expiry. */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import type { QrView } from '../../../src-main/ipc/contract';
import { HANDLE_A, installFakeSigex, job, missingKeys, resetRenderer, showJob, renderApp, type FakeSigex } from './harness';

let fake: FakeSigex;
const NOW = new Date('2026-11-28T10:00:00Z').getTime();
const writeText = jest.fn(async (_: string) => undefined);

const qr = (over: Partial<QrView> = {}): QrView => ({
  image: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
  expireAt: NOW + 125_000,
  eGovMobileLaunchLink: 'https://m.egov.kz/mobileSign/?link=abc',
  eGovBusinessLaunchLink: 'https://egovbusiness.page.link/?link=abc',
  spent: false,
  ...over,
});

const qrJob = (q: QrView | undefined, phase: 'qr-scan' | 'qr-waiting' = 'qr-scan') =>
  job({ method: 'qr', phase, ...(q ? { qr: q } : {}), files: [{ handle: HANDLE_A, name: 'act.pdf', size: 10, status: 'pending' }] });

beforeEach(async () => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['queueMicrotask', 'nextTick'] });
  fake = installFakeSigex();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  await resetRenderer('en');
});

afterEach(() => {
  jest.useRealTimers();
  expect(missingKeys).toEqual([]);
});

describe('QR panel', () => {
  it('shows the code, the instruction, and a countdown that ticks every second', async () => {
    await renderApp();
    showJob(qrJob(qr()));
    const panel = screen.getByTestId('qr');
    expect(panel).toHaveTextContent('Scan this QR code with eGov mobile or eGov Business apps.');
    const img = screen.getByTestId('qr-image');
    expect(img).toHaveAttribute('src', qr().image);
    expect(img).toHaveAccessibleName('QR code for signing with eGov mobile or eGov Business');
    expect(screen.getByTestId('qr-countdown')).toHaveTextContent('02:05');
    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId('qr-countdown')).toHaveTextContent('02:04');
    act(() => {
      jest.advanceTimersByTime(64_000);
    });
    expect(screen.getByTestId('qr-countdown')).toHaveTextContent('01:00');
  });

  it('shows the deep links as text with the warning, copyable, never opened', async () => {
    await renderApp();
    showJob(qrJob(qr()));
    expect(screen.getByTestId('qr')).toHaveTextContent(
      "Deep links for mobile devices: for eGov mobile (individual), for eGov Business (legal entity). They won't work on computers and laptops!",
    );
    expect(screen.getByText(qr().eGovMobileLaunchLink)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /egov/i })).not.toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy the link for eGov Business (legal entity)' }));
    });
    expect(writeText).toHaveBeenCalledWith(qr().eGovBusinessLaunchLink);
    expect(fake.openExternal).not.toHaveBeenCalled();
  });

  it('once spent, hides the code and waits for the signature from eGov', async () => {
    await renderApp();
    showJob(qrJob(qr()));
    expect(screen.getByTestId('qr-image')).toBeInTheDocument();
    fake.emit(qrJob(qr({ spent: true }), 'qr-waiting'));
    expect(screen.queryByTestId('qr-image')).not.toBeInTheDocument();
    expect(screen.queryByTestId('qr-countdown')).not.toBeInTheDocument();
    expect(screen.getByTestId('qr')).toHaveTextContent('Waiting for signature from eGov');
  });

  it('when time runs out: no code, "expired" and a new QR code button that starts again', async () => {
    await renderApp();
    showJob(qrJob(qr({ expireAt: NOW + 2000 })));
    act(() => {
      jest.advanceTimersByTime(2000);
    });
    expect(screen.queryByTestId('qr-image')).not.toBeInTheDocument();
    expect(screen.getByTestId('qr')).toHaveTextContent('The QR code has expired.');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'New QR code' }));
    });
    expect(fake.cancelSigning).toHaveBeenCalled();
    expect(fake.startSigning).toHaveBeenCalledWith(expect.objectContaining({ method: 'qr', handles: [HANDLE_A] }));
  });

  it('cancel while the code is shown', async () => {
    await renderApp();
    showJob(qrJob(qr()));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    });
    expect(fake.cancelSigning).toHaveBeenCalledWith('job_test0001');
  });

  it('after the signature: the registering screen replaces the QR', async () => {
    await renderApp();
    showJob(qrJob(qr({ spent: true }), 'qr-waiting'));
    fake.emit(
      job({
        method: 'qr',
        phase: 'registering',
        cancellable: false,
        files: [{ handle: HANDLE_A, name: 'act.pdf', size: 10, status: 'uploading', progress: { sent: 5, total: 10 } }],
      }),
    );
    expect(screen.getByTestId('working')).toHaveTextContent('Registering in SIGEX');
    expect(screen.queryByTestId('qr')).not.toBeInTheDocument();
  });
});
