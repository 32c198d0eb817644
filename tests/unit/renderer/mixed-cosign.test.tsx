/** @jest-environment jsdom */
/**
 * A mixed batch (a new file plus a -SigexId file): the -SigexId row links to its document page
 * and opens its document card with "Add my signature" (NCALayer or eGov QR); the QR is shown
 * until the phone fetched the data, then the outcome updates the card.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { CosignQrState, DocumentCard } from '../../../src-main/ipc/contract';
import {
  DOC_ID,
  HANDLE_A,
  HANDLE_B,
  fileEntry,
  installFakeSigex,
  missingKeys,
  renderApp,
  resetRenderer,
  setFiles,
  type FakeSigex,
} from './harness';

let fake: FakeSigex;
const SIGNED = `act-SigexId${DOC_ID}.pdf`;

const card = (signatures: number): DocumentCard => ({
  file: `/w/${SIGNED}`,
  documentId: DOC_ID,
  title: 'act.pdf',
  signaturesTotal: signatures,
  signatures: Array.from({ length: signatures }, (_, i) => ({ signId: i + 1, signer: `Signer ${i + 1}`, tsp: true, ocsp: true })),
  signaturesLimit: 0,
  restrictions: { unique: [], requirements: 0, strictRequirements: false },
  documentUrl: `https://sigex.kz/en/show/?id=${DOC_ID}`,
  sha256: 'ab',
  size: 100,
  matches: true,
});

const QR = {
  image: 'data:image/png;base64,AAAA',
  expireAt: Date.now() + 60_000,
  eGovMobileLaunchLink: 'https://m',
  eGovBusinessLaunchLink: 'https://b',
};

beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
  fake.checkDocument.mockResolvedValue(card(1));
});

afterEach(() => expect(missingKeys).toEqual([]));

async function renderMixed() {
  await renderApp();
  setFiles([fileEntry('new.pdf', HANDLE_A, 10), fileEntry(SIGNED, HANDLE_B, 100, DOC_ID)]);
  await act(async () => undefined);
}

describe('mixed batch', () => {
  it('the -SigexId row links to its document page and opens its card; the new file is still signable', async () => {
    await renderMixed();
    expect(screen.getByTestId('sign-ncalayer')).toBeEnabled();
    const rows = screen.getAllByTestId('already-signed-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent(SIGNED);
    await act(async () => {
      fireEvent.click(within(rows[0]!).getByTestId('row-document-page'));
    });
    expect(fake.openExternal).toHaveBeenLastCalledWith(`https://sigex.kz/en/show/?id=${DOC_ID}`);
    expect(fake.checkDocument).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(within(rows[0]!).getByTestId('row-card-toggle'));
    });
    expect(fake.checkDocument).toHaveBeenCalledWith(HANDLE_B);
    expect(within(rows[0]!).getByTestId('card-match')).toHaveTextContent('This file is exactly the registered document');
    fake.cosign.mockResolvedValue([{ file: `/w/${SIGNED}`, status: 'cosigned', documentId: DOC_ID, card: card(2) }]);
    await act(async () => {
      fireEvent.click(within(rows[0]!).getByTestId('add-my-signature'));
    });
    expect(fake.cosign).toHaveBeenCalledWith([HANDLE_B]);
    expect(within(rows[0]!).getAllByTestId('card-signature')).toHaveLength(2);
    expect(within(rows[0]!).getByTestId('cosign-added')).toBeInTheDocument();
  });

  it('two -SigexId rows next to a new file: my signature to both in ONE call (one NCALayer dialog), outcome per row', async () => {
    const other = 'b-SigexIdAbCdEf1234567890.pdf';
    const HANDLE_C = 'fh_cccccccccccccccccccccccc';
    await renderApp();
    setFiles([
      fileEntry('new.pdf', HANDLE_A, 10),
      fileEntry(SIGNED, HANDLE_B, 100, DOC_ID),
      fileEntry(other, HANDLE_C, 100, 'AbCdEf1234567890'),
    ]);
    await act(async () => undefined);
    expect(screen.getAllByTestId('already-signed-row')).toHaveLength(2);
    fake.cosign.mockResolvedValue([
      { file: `/w/${SIGNED}`, status: 'cosigned', documentId: DOC_ID, card: card(2) },
      { file: `/w/${other}`, status: 'queued', documentId: 'AbCdEf1234567890' },
    ]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('rows-add-signature'));
    });
    expect(fake.cosign).toHaveBeenCalledTimes(1);
    expect(fake.cosign).toHaveBeenCalledWith([HANDLE_B, HANDLE_C]);
    const rows = screen.getAllByTestId('already-signed-row');
    expect(within(rows[0]!).getByTestId('multi-outcome')).toHaveTextContent('signature added (2 in total)');
    expect(within(rows[1]!).getByTestId('multi-outcome')).toHaveTextContent('SIGEX cannot be reached now');
    expect(screen.queryByTestId('rows-add-signature')).not.toBeInTheDocument();
    expect(screen.getByTestId('sign-ncalayer')).toBeEnabled();
  });

  it('a batch without -SigexId files shows no such rows', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf', HANDLE_A, 10), fileEntry('b.pdf', HANDLE_B, 10)]);
    await act(async () => undefined);
    expect(screen.queryByTestId('already-signed-rows')).not.toBeInTheDocument();
  });
});

describe('add my signature with eGov QR', () => {
  it('shows the QR, then "waiting for eGov" once spent, then the updated card; nothing left running', async () => {
    await renderApp();
    setFiles([fileEntry(SIGNED, HANDLE_B, 100, DOC_ID)]);
    await act(async () => undefined);
    const states: Array<(s: CosignQrState) => void> = [];
    fake.cosignQrStart.mockResolvedValue({ sessionId: 'cq_session01', version: 1, qr: { ...QR, spent: false } });
    fake.cosignQrNext.mockImplementation(() => new Promise<CosignQrState>((resolve) => states.push(resolve)));
    await act(async () => {
      fireEvent.click(screen.getByTestId('add-my-signature-qr'));
    });
    expect(fake.cosignQrStart).toHaveBeenCalledWith([HANDLE_B]);
    expect(screen.getByTestId('cosign-qr')).toHaveAttribute('data-state', 'scan');
    expect(screen.getByTestId('qr-image')).toHaveAttribute('src', QR.image);
    expect(fake.cosignQrNext).toHaveBeenLastCalledWith('cq_session01', 1);
    await act(async () => states.shift()!({ sessionId: 'cq_session01', version: 2, qr: { ...QR, spent: true } }));
    expect(screen.getByTestId('cosign-qr')).toHaveAttribute('data-state', 'waiting');
    expect(screen.queryByTestId('qr-image')).not.toBeInTheDocument();
    expect(fake.cosignQrNext).toHaveBeenLastCalledWith('cq_session01', 2);
    await act(async () =>
      states.shift()!({
        sessionId: 'cq_session01',
        version: 3,
        outcomes: [{ file: `/w/${SIGNED}`, status: 'cosigned', documentId: DOC_ID, card: card(2) }],
      }),
    );
    expect(screen.queryByTestId('cosign-qr')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('card-signature')).toHaveLength(2);
    expect(screen.getByTestId('cosign-added')).toBeInTheDocument();
    expect(fake.cosign).not.toHaveBeenCalled();
  });

  it('Cancel asks main to stop; a refusal on the phone is shown as an error', async () => {
    await renderApp();
    setFiles([fileEntry(SIGNED, HANDLE_B, 100, DOC_ID)]);
    await act(async () => undefined);
    let finish: (s: CosignQrState) => void = () => undefined;
    fake.cosignQrStart.mockResolvedValue({ sessionId: 'cq_session02', version: 1, qr: { ...QR, spent: false } });
    fake.cosignQrNext.mockImplementation(() => new Promise<CosignQrState>((resolve) => (finish = resolve)));
    await act(async () => {
      fireEvent.click(screen.getByTestId('add-my-signature-qr'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('cosign-qr-cancel'));
    });
    expect(fake.cosignQrCancel).toHaveBeenCalledWith('cq_session02');
    await act(async () =>
      finish({
        sessionId: 'cq_session02',
        version: 2,
        outcomes: [{ file: `/w/${SIGNED}`, status: 'failed', error: { kind: 'qr-declined', message: 'declined' } }],
      }),
    );
    expect(screen.queryByTestId('cosign-qr')).not.toBeInTheDocument();
    expect(screen.getByTestId('card-error')).toBeInTheDocument();
    expect(screen.queryByTestId('cosign-added')).not.toBeInTheDocument();
  });
});

describe('several -SigexId files by eGov QR', () => {
  it('one QR run for all files; each file gets its outcome', async () => {
    const other = `b-SigexIdAbCdEf1234567890.pdf`;
    await renderApp();
    setFiles([fileEntry(SIGNED, HANDLE_A, 100, DOC_ID), fileEntry(other, HANDLE_B, 100, 'AbCdEf1234567890')]);
    await act(async () => undefined);
    fake.cosignQrStart.mockResolvedValue({ sessionId: 'cq_session03', version: 1, qr: { ...QR, spent: false } });
    fake.cosignQrNext.mockResolvedValue({
      sessionId: 'cq_session03',
      version: 2,
      outcomes: [
        { file: `/w/${SIGNED}`, status: 'cosigned', documentId: DOC_ID, card: card(2) },
        {
          file: `/w/${other}`,
          status: 'failed',
          error: { kind: 'sigex-error', message: '', sigexKey: 'Document signatures limit reached' },
        },
      ],
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('multi-add-signature-qr'));
    });
    expect(fake.cosignQrStart).toHaveBeenCalledWith([HANDLE_A, HANDLE_B]);
    const outcomes = screen.getAllByTestId('multi-outcome');
    expect(outcomes[0]).toHaveTextContent('signature added (2 in total)');
    expect(outcomes[1]).toHaveTextContent('The document has reached its limit of signatures.');
    expect(fake.cosign).not.toHaveBeenCalled();
  });
});
