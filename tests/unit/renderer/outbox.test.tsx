/** @jest-environment jsdom */
/** The queue on the main screen and the History view, against the fake window.sigex. */
import '@testing-library/jest-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { HistoryEntry, HistoryQuery, OutboxItemView } from '../../../src-main/ipc/contract';
import { installFakeSigex, missingKeys, renderApp, resetRenderer, type FakeSigex } from './harness';

let fake: FakeSigex;
beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
});
afterEach(() => expect(missingKeys).toEqual([]));

function item(over: Partial<OutboxItemView> = {}): OutboxItemView {
  return {
    id: 'rec-1',
    kind: 'register',
    name: 'contract.pdf',
    path: 'C:\\Users\\buh\\contract.pdf',
    size: 100,
    method: 'ncalayer',
    signedAt: '2026-12-04T09:00:00.000Z',
    state: 'queued',
    step: 'signed',
    reason: { kind: 'network', message: 'connect ECONNREFUSED' },
    attempts: 2,
    nextAttemptAt: Date.parse('2026-12-04T09:05:00.000Z'),
    ...over,
  };
}

describe('queue', () => {
  test('waiting files show with state, translated reason and next attempt; the status bar counts them; live updates', async () => {
    fake.listOutbox.mockResolvedValue([
      item(),
      item({ id: 'rec-2', name: 'act.pdf', state: 'working', reason: undefined, nextAttemptAt: null }),
    ]);
    await renderApp();
    const rows = await screen.findAllByTestId('outbox-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('contract.pdf')).toBeInTheDocument();
    expect(within(rows[0]!).getByTestId('outbox-state')).toHaveTextContent('Queued');
    expect(rows[0]!).toHaveTextContent('Could not connect to SIGEX. Check your internet connection.');
    expect(rows[0]!).toHaveTextContent(/at \d{2}:\d{2}:\d{2}/);
    expect(within(rows[1]!).getByTestId('outbox-state')).toHaveTextContent('Sending…');
    expect(within(rows[1]!).getByTestId('outbox-retry')).toBeDisabled();
    expect(screen.getByTestId('status-outbox')).toHaveTextContent('2 files waiting');
    // main pushes a change: one left
    fake.emitOutbox([item()]);
    expect(screen.getAllByTestId('outbox-row')).toHaveLength(1);
    expect(screen.getByTestId('status-outbox')).toHaveTextContent('1 file waiting');
    fake.emitOutbox([]);
    expect(screen.queryByTestId('outbox-panel')).not.toBeInTheDocument();
    expect(screen.queryByTestId('status-outbox')).not.toBeInTheDocument();
  });

  test('"Retry now" asks main to deliver that record', async () => {
    fake.listOutbox.mockResolvedValue([item()]);
    await renderApp();
    fireEvent.click(await screen.findByTestId('outbox-retry'));
    expect(fake.retryOutbox).toHaveBeenCalledWith('rec-1');
  });

  test('"Discard" asks first, says what is lost, and only then calls main; "Keep" changes nothing', async () => {
    fake.listOutbox.mockResolvedValue([item({ step: 'registered', documentId: 'DOC123' })]);
    await renderApp();
    fireEvent.click(await screen.findByTestId('outbox-discard'));
    const dialog = screen.getByTestId('discard-dialog');
    expect(dialog).toHaveAttribute('role', 'alertdialog');
    expect(dialog).toHaveTextContent('The signature you made for this file with your PIN will be deleted.');
    expect(dialog).toHaveTextContent('SIGEX already has this document (DOC123)');
    expect(screen.getByTestId('discard-keep')).toHaveFocus();
    expect(fake.discardOutbox).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('discard-keep'));
    expect(screen.queryByTestId('discard-dialog')).not.toBeInTheDocument();
    expect(fake.discardOutbox).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('outbox-discard'));
    await act(async () => fireEvent.click(screen.getByTestId('discard-confirm')));
    expect(fake.discardOutbox).toHaveBeenCalledWith('rec-1');
    await waitFor(() => expect(screen.queryByTestId('outbox-row')).not.toBeInTheDocument());
  });

  test('details on demand: the toggle is a button with aria-expanded', async () => {
    fake.listOutbox.mockResolvedValue([item({ step: 'registered', documentId: 'DOC123' })]);
    await renderApp();
    const toggle = await screen.findByTestId('row-details-toggle');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAccessibleName('Details: contract.pdf');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveAccessibleName('Hide details: contract.pdf');
    expect(screen.getByTestId('row-details')).toHaveTextContent('Registered as DOC123, the file is not uploaded yet');
    expect(screen.getByTestId('row-details')).toHaveTextContent('Attempts: 2');
  });
});

describe('history', () => {
  const entries: HistoryEntry[] = [
    {
      id: 'h2',
      kind: 'register',
      name: 'Договор.pdf',
      path: 'C:\\docs\\Договор.pdf',
      size: 10,
      sha256: 'ab',
      signedAt: '2026-12-03T10:00:00.000Z',
      registeredAt: '2026-12-03T10:00:05.000Z',
      signer: { name: 'АЙТБАЕВ МАРАТ', iin: '850515300125' },
      documentId: 'DOCNEW',
      documentUrl: 'https://sigex.kz/en/show/?id=DOCNEW',
      copyPath: 'C:\\docs\\Договор-SigexIdDOCNEW.pdf',
      method: 'ncalayer',
    },
    {
      id: 'h1',
      kind: 'register',
      name: 'old.pdf',
      path: 'C:\\docs\\old.pdf',
      size: 10,
      sha256: 'cd',
      signedAt: '2026-11-01T10:00:00.000Z',
      registeredAt: '2026-11-01T10:00:05.000Z',
      documentId: 'DOCOLD',
      documentUrl: 'https://sigex.kz/en/show/?id=DOCOLD',
      method: 'qr',
    },
  ];
  /** A fake history that filters like the core does (text in name / id / signer, dates). */
  function serve(q: HistoryQuery) {
    const text = q.text?.toLowerCase();
    const hits = entries.filter(
      (e) =>
        (!text || [e.name, e.documentId, e.signer?.name ?? '', e.signer?.iin ?? ''].some((v) => v.toLowerCase().includes(text))) &&
        (!q.since || e.registeredAt >= q.since) &&
        (!q.until || e.registeredAt.slice(0, 10) <= q.until),
    );
    return Promise.resolve({ entries: hits, total: hits.length });
  }

  async function openHistory() {
    fake.queryHistory.mockImplementation(serve);
    await renderApp();
    fireEvent.click(screen.getByTestId('open-history'));
    await screen.findByTestId('history-view');
  }

  test('opens from the status bar, lists newest first, search and date filters go to main', async () => {
    await openHistory();
    expect((await screen.findAllByTestId('history-id')).map((e) => e.textContent)).toEqual(['DOCNEW', 'DOCOLD']);
    expect(screen.getByTestId('history-search')).toHaveFocus();
    fireEvent.change(screen.getByTestId('history-search'), { target: { value: 'айтбаев' } });
    await waitFor(() => expect(screen.getAllByTestId('history-id').map((e) => e.textContent)).toEqual(['DOCNEW']));
    expect(fake.queryHistory).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'айтбаев' }));
    fireEvent.change(screen.getByTestId('history-search'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('history-until'), { target: { value: '2026-11-30' } });
    await waitFor(() => expect(screen.getAllByTestId('history-id').map((e) => e.textContent)).toEqual(['DOCOLD']));
    expect(fake.queryHistory).toHaveBeenLastCalledWith(expect.objectContaining({ until: '2026-11-30' }));
    fireEvent.change(screen.getByTestId('history-search'), { target: { value: 'nothing like this' } });
    expect(await screen.findByTestId('history-empty')).toHaveTextContent('No documents match the search.');
  });

  test('row actions: open the page, show the copy, save again (with its error), copy the id', async () => {
    const writeText = jest.fn(async (_: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fake.saveHistoryCopy.mockRejectedValueOnce({ kind: 'file-changed', message: 'changed', params: { name: 'Договор.pdf' } });
    await openHistory();
    const rows = await screen.findAllByTestId('history-row');
    fireEvent.click(within(rows[0]!).getByTestId('row-details-toggle'));
    const details = screen.getByTestId('history-details');
    fireEvent.click(within(details).getByTestId('history-open-page'));
    expect(fake.openExternal).toHaveBeenCalledWith('https://sigex.kz/en/show/?id=DOCNEW');
    fireEvent.click(within(details).getByTestId('history-show-copy'));
    expect(fake.showHistoryCopy).toHaveBeenCalledWith('h2');
    fireEvent.click(within(details).getByTestId('history-save-again'));
    expect(await within(details).findByTestId('history-note')).toHaveTextContent(
      'The file was changed after it had been selected or signed.',
    );
    expect(fake.saveHistoryCopy).toHaveBeenCalledWith('h2');
    await act(async () => fireEvent.click(within(details).getByRole('button', { name: /Copy ID/ })));
    expect(writeText).toHaveBeenCalledWith('DOCNEW');
  });

  test('Esc and Back return to the main screen', async () => {
    await openHistory();
    fireEvent.keyDown(screen.getByTestId('history-search'), { key: 'Escape' });
    expect(screen.queryByTestId('history-view')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('open-history'));
    fireEvent.click(await screen.findByTestId('history-back'));
    expect(screen.queryByTestId('history-view')).not.toBeInTheDocument();
  });
});
