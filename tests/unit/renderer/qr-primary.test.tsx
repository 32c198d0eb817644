/** @jest-environment jsdom */
/**
 * Issue 13 items 2 and 3: when the status bar already knows NCALayer is absent, eGov QR is the
 * primary action (no detour through the "not detected" panel); a file too large for QR says
 * why the QR button is unavailable before it is clicked.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { QR_MAX_FILE_BYTES } from '../../../src-main/ipc/contract';
import { useConnectionStore } from '../../../src-renderer/store/connection';
import { useFilesStore } from '../../../src-renderer/store/files';
import { fileEntry, HANDLE_A, installFakeSigex, missingKeys, renderApp, resetRenderer, type FakeSigex } from './harness';

let fake: FakeSigex;
beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
});
afterEach(() => expect(missingKeys).toEqual([]));

const ncalayer = (state: 'ok' | 'not-running') =>
  act(() =>
    useConnectionStore.setState({
      status: {
        ncalayer: state === 'ok' ? { state, service: 'NCALayer', version: '1.4' } : { state },
        sigex: { state: 'ok' },
      } as never,
    }),
  );

test('NCALayer running: "Sign with NCALayer" is the primary button', async () => {
  await renderApp();
  ncalayer('ok');
  act(() => useFilesStore.setState({ files: [fileEntry('a.pdf')] }));
  expect(screen.getByTestId('sign-ncalayer')).toHaveClass('btn-primary');
  expect(screen.getByTestId('sign-qr')).not.toHaveClass('btn-primary');
  expect(screen.queryByTestId('nca-absent-hint')).not.toBeInTheDocument();
});

test('NCALayer known absent: eGov QR is primary, first, and the hint says what to do; QR starts directly', async () => {
  await renderApp();
  ncalayer('not-running');
  act(() => useFilesStore.setState({ files: [fileEntry('a.pdf')] }));
  expect(screen.getByTestId('sign-qr')).toHaveClass('btn-primary');
  expect(screen.getByTestId('sign-ncalayer')).not.toHaveClass('btn-primary');
  expect(screen.getByTestId('nca-absent-hint')).toHaveTextContent('NCALayer is not running on this computer.');
  await act(async () => fireEvent.click(screen.getByTestId('sign-qr')));
  expect(fake.startSigning).toHaveBeenCalledWith(expect.objectContaining({ method: 'qr', handles: [HANDLE_A] }));
});

test('a file too large for QR: the QR button is unavailable and says why before any click', async () => {
  await renderApp();
  ncalayer('not-running');
  act(() => useFilesStore.setState({ files: [fileEntry('scan.pdf', HANDLE_A, QR_MAX_FILE_BYTES + 1)] }));
  const qr = screen.getByTestId('sign-qr');
  expect(qr).toBeDisabled();
  expect(qr).toHaveAccessibleDescription(/up to 10 MB each and 20 MB together; sign these files with NCALayer/);
  // with QR unavailable, NCALayer stays the primary way
  expect(screen.getByTestId('sign-ncalayer')).toHaveClass('btn-primary');
});
