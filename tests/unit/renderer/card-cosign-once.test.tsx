/** @jest-environment jsdom */
/** After "Signature added" (or "queued") the card offers no second "Add my signature": a second click would sign again. (Found by a second reader.) */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { DocumentCardSection } from '../../../src-renderer/components/DocumentCardSection';
import { DOC_ID, HANDLE_A, documentCard, fileEntry, installFakeSigex, resetRenderer, type FakeSigex } from './harness';

let fake: FakeSigex;
beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
});

const card = documentCard;

test.each(['cosigned', 'queued'] as const)('after %s, "Add my signature" cannot start a second co-signature', async (status) => {
  fake.checkDocument.mockResolvedValue(card(1));
  fake.cosign.mockResolvedValue([{ file: '/w/x', status, documentId: DOC_ID, ...(status === 'cosigned' ? { card: card(2) } : {}) }]);
  render(<DocumentCardSection file={fileEntry(`act-SigexId${DOC_ID}.pdf`, HANDLE_A, 10, DOC_ID)} />);
  await act(async () => undefined);
  fireEvent.click(screen.getByTestId('add-my-signature'));
  await act(async () => undefined);
  expect(screen.getByTestId(status === 'cosigned' ? 'cosign-added' : 'cosign-queued')).toBeInTheDocument();
  expect(screen.queryByTestId('add-my-signature')).not.toBeInTheDocument();
  expect(screen.queryByTestId('add-my-signature-qr')).not.toBeInTheDocument();
  expect(fake.cosign).toHaveBeenCalledTimes(1);
});
