/** @jest-environment jsdom */
/**
 * Issue 13 item 9: the seed's states not shown before. Beside the NCALayer choice, the
 * selection screen says eGov mobile / eGov Business can scan a QR code too; in a mixed batch,
 * a file skipped because its name carries a SIGEX id gets a row with its document page.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, screen, within } from '@testing-library/react';
import {
  DOC_ID,
  HANDLE_A,
  HANDLE_B,
  type FakeSigex,
  fileEntry,
  installFakeSigex,
  job,
  missingKeys,
  registeredFile,
  renderApp,
  resetRenderer,
  setFiles,
  showJob,
} from './harness';

let fake: FakeSigex;
afterEach(() => expect(missingKeys).toEqual([]));

const HANDLE_C = 'fh_cccccccccccccccccccccccc';
const OLD_ID = 'lQsqLBaS4nQAIIMm';

describe('en', () => {
  beforeEach(async () => {
    fake = installFakeSigex();
    await resetRenderer('en');
  });

  test('NCALayer is the main way: the QR button is described by the seed\'s "You can also scan..." line', async () => {
    await renderApp();
    setFiles([fileEntry('act.pdf')]);
    const line = screen.getByTestId('also-qr');
    expect(line).toHaveTextContent(
      'You can also scan a QR code with eGov mobile or eGov Business apps: “Sign with eGov mobile (QR)” shows it.',
    );
    expect(screen.getByTestId('sign-qr')).toHaveAccessibleDescription(line.textContent ?? '');
  });

  test('NCALayer known absent (QR already first): no "also" line', async () => {
    fake.checkConnection.mockResolvedValue({ ncalayer: { state: 'not-running' }, sigex: { state: 'ok' } });
    await renderApp();
    setFiles([fileEntry('act.pdf')]);
    expect(screen.queryByTestId('also-qr')).toBeNull();
  });

  test('mixed batch: the already-signed file has a row with its id and document page; its details say why it was skipped', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf'), fileEntry('b.pdf', HANDLE_B), fileEntry(`old-SigexId${OLD_ID}.pdf`, HANDLE_C, 100, OLD_ID)]);
    showJob(
      job({
        phase: 'done',
        cancellable: false,
        files: [
          registeredFile({ handle: HANDLE_A, name: 'a.pdf' }),
          registeredFile({ handle: HANDLE_B, name: 'b.pdf', documentId: `${DOC_ID}2` }),
        ],
      }),
    );
    const rows = screen.getAllByTestId('file-row');
    expect(rows).toHaveLength(3);
    const old = rows[2]!;
    expect(old).toHaveTextContent(`old-SigexId${OLD_ID}.pdf`);
    expect(old).toHaveTextContent('Already signed');
    const link = within(old).getByTestId('document-page');
    expect(link).toHaveAttribute('href', `https://sigex.kz/en/show/?id=${OLD_ID}`);
    await act(async () => {
      fireEvent.click(link);
    });
    expect(fake.openExternal).toHaveBeenCalledWith(`https://sigex.kz/en/show/?id=${OLD_ID}`);
    fireEvent.click(within(old).getByTestId('row-details-toggle'));
    expect(screen.getByTestId('row-details')).toHaveTextContent(
      `Not signed again: the file name carries the SIGEX identifier ${OLD_ID}. To add your signature to this document, open its document page.`,
    );
  });

  test('one new file and one already signed: both accounted for in one table', async () => {
    await renderApp();
    setFiles([fileEntry('a.pdf'), fileEntry(`old-SigexId${OLD_ID}.pdf`, HANDLE_C, 100, OLD_ID)]);
    showJob(job({ phase: 'done', cancellable: false, files: [registeredFile({ handle: HANDLE_A, name: 'a.pdf' })] }));
    expect(screen.getAllByTestId('file-row')).toHaveLength(2);
    expect(within(screen.getAllByTestId('file-row')[1]!).getByTestId('document-page')).toHaveAttribute(
      'href',
      `https://sigex.kz/en/show/?id=${OLD_ID}`,
    );
  });
});

test.each([
  [
    'ru',
    'Также вы можете отсканировать QR-код в приложении eGov mobile или eGov Business: его покажет кнопка «Подписать в eGov mobile (QR)».',
  ],
  [
    'kk',
    'Сондай-ақ QR кодты eGov mobile немесе eGov Business қосымшасымен сканерлей аласыз: оны «eGov mobile арқылы қол қою (QR)» батырмасы көрсетеді.',
  ],
] as const)('%s: the "You can also scan" line', async (lang, text) => {
  fake = installFakeSigex();
  await resetRenderer(lang);
  await renderApp();
  setFiles([fileEntry('act.pdf')]);
  expect(screen.getByTestId('also-qr')).toHaveTextContent(text);
});
