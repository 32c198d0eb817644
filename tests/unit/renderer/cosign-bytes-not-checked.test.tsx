/** @jest-environment jsdom */
/**
 * Co-signing with a signature whose digest the app cannot compute (e.g. GOST 34.311-95 of an
 * old key): the card and the several-files list say the bytes were not checked by the app,
 * in ru / kk / en, as the signing result screen does; a checked signature says nothing.
 */
import '@testing-library/jest-dom';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { BytesCheckView, CosignOutcome } from '../../../src-main/ipc/contract';
import { DocumentCardSection } from '../../../src-renderer/components/DocumentCardSection';
import { Outcome } from '../../../src-renderer/components/MultiCosignScreen';
import { DOC_ID, HANDLE_A, documentCard, fileEntry, installFakeSigex, resetRenderer, type FakeSigex } from './harness';

const OID = '1.2.398.3.10.1.3.1';
const NOT_CHECKED: BytesCheckView = { checked: false, digestOid: OID };

const card = documentCard;

const CARD_TEXT = {
  en: `The app did not check by itself that your signature covers exactly this file: it cannot compute the signature's digest algorithm (${OID}).`,
  ru: `Приложение само не проверило, что ваша подпись относится именно к этому файлу: оно не умеет вычислять хэш по алгоритму подписи (${OID}).`,
  kk: `Қолтаңбаңыздың дәл осы файлға қойылғанын қолданба өзі тексерген жоқ: ол қолтаңбаның хэштеу алгоритмін (${OID}) есептей алмайды.`,
} as const;
const LIST_TEXT = {
  en: `bytes not checked by the app (digest ${OID})`,
  ru: `приложение не проверило байты файла (хэш ${OID})`,
  kk: `файл байттарын қолданба тексерген жоқ (хэш ${OID})`,
} as const;

let fake: FakeSigex;

async function cosignOnCard(outcome: CosignOutcome): Promise<void> {
  fake.checkDocument.mockResolvedValue(card(1));
  fake.cosign.mockResolvedValue([outcome]);
  render(<DocumentCardSection file={fileEntry(`act-SigexId${DOC_ID}.pdf`, HANDLE_A, 10, DOC_ID)} />);
  await act(async () => undefined);
  fireEvent.click(screen.getByTestId('add-my-signature'));
  await act(async () => undefined);
}

const outcome = (o: Partial<CosignOutcome>): CosignOutcome => ({
  file: '/w/x',
  status: 'cosigned',
  documentId: DOC_ID,
  card: card(2),
  ...o,
});

test.each(['en', 'ru', 'kk'] as const)('the card says "bytes not checked" after my signature was added (%s)', async (lang) => {
  fake = installFakeSigex();
  await resetRenderer(lang);
  await cosignOnCard(outcome({ bytesCheck: NOT_CHECKED }));
  expect(screen.getByTestId('cosign-added')).toBeInTheDocument();
  expect(screen.getByTestId('cosign-bytes-not-checked')).toHaveTextContent(CARD_TEXT[lang]);
  cleanup();
  render(<Outcome o={outcome({ bytesCheck: NOT_CHECKED })} />);
  expect(screen.getByTestId('multi-bytes-not-checked')).toHaveTextContent(LIST_TEXT[lang]);
});

test('queued with an unknown digest says it too; a checked signature, or a failed one, does not', async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
  await cosignOnCard(outcome({ status: 'queued', bytesCheck: NOT_CHECKED }));
  expect(screen.getByTestId('cosign-queued')).toBeInTheDocument();
  expect(screen.getByTestId('cosign-bytes-not-checked')).toBeInTheDocument();
  cleanup();
  await cosignOnCard(outcome({ bytesCheck: { checked: true, digest: 'sha256' } }));
  expect(screen.getByTestId('cosign-added')).toBeInTheDocument();
  expect(screen.queryByTestId('cosign-bytes-not-checked')).toBeNull();
  cleanup();
  render(<Outcome o={outcome({ bytesCheck: { checked: true, digest: 'streebog512' } })} />);
  expect(screen.queryByTestId('multi-bytes-not-checked')).toBeNull();
  cleanup();
  render(<Outcome o={outcome({ status: 'failed', error: { kind: 'sigex-error', message: 'x' }, bytesCheck: NOT_CHECKED })} />);
  expect(screen.queryByTestId('multi-bytes-not-checked')).toBeNull();
});
