/** @jest-environment jsdom */
/**
 * Issue 13 item 2: no dead ends. A refusal that the same request cannot get past offers no
 * "Try again"; a refusal caused by the document settings offers "Edit the settings", which
 * keeps the files and the settings; the requirement error says what the document requires.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { DEFAULT_DOCUMENT_SETTINGS, type ErrorView, type FileJobView } from '../../../src-main/ipc/contract';
import { useFilesStore } from '../../../src-renderer/store/files';
import { useOptionsStore } from '../../../src-renderer/store/options';
import { fileEntry, HANDLE_A, installFakeSigex, job, missingKeys, renderApp, resetRenderer, showJob } from './harness';

beforeEach(async () => {
  installFakeSigex();
  await resetRenderer('en');
});
afterEach(() => expect(missingKeys).toEqual([]));

function failedWith(error: ErrorView) {
  const file: FileJobView = { handle: HANDLE_A, name: 'contract.pdf', size: 10, status: 'failed', error };
  showJob(job({ phase: 'failed', cancellable: false, files: [file] }));
}

const requirement: ErrorView = {
  kind: 'requirements-not-met',
  message: 'x',
  params: { iin: '850515300125', bin: '-', signer: '850515300125', required: '900101300128' },
};

test('strict requirements not met: says what the document requires, no "Try again", "Edit the settings" keeps files and settings', async () => {
  await renderApp();
  act(() => useFilesStore.setState({ files: [fileEntry('contract.pdf')] }));
  act(() =>
    useOptionsStore.getState().loadFrom({
      emails: [],
      settings: { ...DEFAULT_DOCUMENT_SETTINGS, strictSignersRequirements: true, signersRequirements: [{ iin: 'IIN900101300128' }] },
    }),
  );
  failedWith(requirement);
  const panel = screen.getByTestId('error');
  expect(panel).toHaveTextContent('The document accepts signatures of: 900101300128. Your certificate: 850515300125');
  expect(screen.queryByTestId('try-again')).not.toBeInTheDocument();
  const edit = screen.getByTestId('edit-settings');
  expect(edit).toHaveClass('btn-primary');
  fireEvent.click(edit);
  // back on the selection with the same file and the same requirement
  expect(screen.queryByTestId('error')).not.toBeInTheDocument();
  expect(screen.getByText(/contract\.pdf/)).toBeInTheDocument();
  expect(screen.getByTestId('options-summary')).toHaveTextContent('signer requirements');
});

test('a SIGEX rule refusal (signature limit) offers "Edit the settings", not "Try again"', async () => {
  await renderApp();
  failedWith({ kind: 'sigex-error', message: 'x', sigexKey: 'Signatures limit reached' });
  expect(screen.queryByTestId('try-again')).not.toBeInTheDocument();
  expect(screen.getByTestId('edit-settings')).toBeInTheDocument();
});

test('a file changed after signing: neither retry nor settings help; "Choose other files" is the way on', async () => {
  await renderApp();
  failedWith({ kind: 'file-changed', message: 'x', params: { name: 'contract.pdf' } });
  expect(screen.queryByTestId('try-again')).not.toBeInTheDocument();
  expect(screen.queryByTestId('edit-settings')).not.toBeInTheDocument();
  expect(screen.getByTestId('start-over')).toHaveTextContent('Choose other files');
  expect(screen.getByTestId('start-over')).toHaveClass('btn-primary');
});

test('a network failure or an OCSP outage: "Try again" stays, as the same request may pass', async () => {
  await renderApp();
  failedWith({ kind: 'sigex-error', message: 'x', sigexKey: 'OCSP server problem' });
  expect(screen.getByTestId('try-again')).toBeInTheDocument();
  expect(screen.queryByTestId('edit-settings')).not.toBeInTheDocument();
});
