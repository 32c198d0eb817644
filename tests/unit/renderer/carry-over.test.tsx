/** @jest-environment jsdom */
/**
 * Issue 13 item 1: the previous document's recipients, limit and restricted access never carry
 * over silently to the next selection, and with "Advanced settings" collapsed a one-line
 * summary shows everything that is not the plain default.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { DEFAULT_DOCUMENT_SETTINGS } from '../../../src-main/ipc/contract';
import { useFilesStore } from '../../../src-renderer/store/files';
import { useOptionsStore } from '../../../src-renderer/store/options';
import { HANDLE_B, fileEntry, installFakeSigex, job, missingKeys, registeredFile, renderApp, resetRenderer, showJob } from './harness';

beforeEach(async () => {
  installFakeSigex();
  await resetRenderer('en');
});
afterEach(() => expect(missingKeys).toEqual([]));

const select = (name: string, handle?: string) => act(() => useFilesStore.setState({ files: [fileEntry(name, handle)] }));

test('collapsed advanced settings: the summary names every non-default choice', async () => {
  await renderApp();
  select('a.pdf');
  expect(screen.getByTestId('options-summary')).toHaveTextContent('This document: default settings');
  act(() =>
    useOptionsStore.getState().loadFrom({
      emails: ['buh@example.kz', 'director@example.kz'],
      settings: { ...DEFAULT_DOCUMENT_SETTINGS, signaturesLimit: 3, private: true },
    }),
  );
  expect(screen.getByTestId('options-summary')).toHaveTextContent('This document: 2 recipients · limit 3 · restricted access');
});

test('"Sign another file" after a document with recipients, a limit and restricted access: the next file starts from the defaults', async () => {
  await renderApp();
  select('first.pdf');
  act(() =>
    useOptionsStore.getState().loadFrom({
      emails: ['counterparty@example.kz'],
      settings: { ...DEFAULT_DOCUMENT_SETTINGS, signaturesLimit: 2, private: true },
    }),
  );
  showJob(job({ phase: 'done', cancellable: false, files: [registeredFile()] }));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Sign another file' }));
  });
  select('second.pdf', HANDLE_B);
  expect(screen.getByTestId('options-summary')).toHaveTextContent('This document: default settings');
  expect(screen.queryAllByTestId('recipient-chip')).toHaveLength(0);
  expect(useOptionsStore.getState().options).toEqual({ emails: [], settings: DEFAULT_DOCUMENT_SETTINGS });
});

test('"Start over" on the selection screen drops the settings with the files', async () => {
  await renderApp();
  select('first.pdf');
  act(() => useOptionsStore.getState().loadFrom({ emails: ['x@example.kz'], settings: { ...DEFAULT_DOCUMENT_SETTINGS } }));
  fireEvent.click(screen.getByTestId('start-over'));
  select('second.pdf', HANDLE_B);
  expect(screen.getByTestId('options-summary')).toHaveTextContent('default settings');
});
