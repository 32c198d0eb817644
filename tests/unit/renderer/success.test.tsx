/** @jest-environment jsdom */
/** Success: the seed texts in order, the three e-mail outcomes, certificate e-mail, links, copy, names. */
import '@testing-library/jest-dom';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { EmailOutcome } from '../../../src-main/ipc/contract';
import {
  DOC_ID,
  HANDLE_A,
  HANDLE_B,
  JOB_ID,
  installFakeSigex,
  job,
  missingKeys,
  registeredFile,
  resetRenderer,
  showJob,
  renderApp,
  type FakeSigex,
} from './harness';

let fake: FakeSigex;
const writeText = jest.fn(async (_: string) => undefined);

beforeEach(async () => {
  fake = installFakeSigex();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  writeText.mockClear();
  await resetRenderer('en');
});

afterEach(() => expect(missingKeys).toEqual([]));

const OUTCOMES: Array<[EmailOutcome, string]> = [
  ['attached', 'Email notifications have been sent to the specified recipients, and the signed document is attached to the notifications.'],
  [
    'not-attached',
    'Email notifications have been sent to the specified recipients, but the signed document is not attached to the notifications (file too large, or email attachment prohibited).',
  ],
  ['not-sent', 'Email notifications were not sent (either no recipients were specified, or notification sending is prohibited).'],
];

describe('success screen', () => {
  it.each(OUTCOMES)('e-mail outcome %s shows its own sentence only', async (outcome, sentence) => {
    await renderApp();
    showJob(job({ phase: 'done', cancellable: false, files: [registeredFile({ emailOutcome: outcome })] }));
    const panel = screen.getByTestId('success');
    expect(panel).toHaveTextContent(sentence);
    for (const [other, text] of OUTCOMES) if (other !== outcome) expect(panel).not.toHaveTextContent(text);
  });

  it('the verify page link says what to drop there: the saved copy, else the signed file', async () => {
    await renderApp();
    showJob(job({ phase: 'done', cancellable: false, files: [registeredFile()] }));
    expect(screen.getByTestId('verify-hint')).toHaveTextContent(`drop act-SigexId${DOC_ID}.pdf there to see its signatures`);
    showJob(
      job({ phase: 'done', cancellable: false, files: [registeredFile({ copy: { name: `act-SigexId${DOC_ID}.pdf`, saved: false } })] }),
    );
    expect(screen.getByTestId('verify-hint')).toHaveTextContent('drop act.pdf there to see its signatures');
  });

  it('shows the seed texts in order, the id, links, saved copy and the certificate e-mail notice', async () => {
    await renderApp();
    showJob(
      job({ phase: 'done', cancellable: false, files: [registeredFile({ emailOutcome: 'attached', certificateEmail: 'buh@firma.kz' })] }),
    );
    const panel = screen.getByTestId('success');
    const text = panel.textContent ?? '';
    const order = [
      'File act.pdf has been successfully signed.',
      'Your signature has been verified and registered in SIGEX.',
      OUTCOMES[0]?.[1] as string,
      'Your certificate (registration certificate) contains the following email address: buh@firma.kz, the service will send document signing notifications to this address.',
      'You can change the address in settings (login required).',
      'Document page',
      'Verify page',
      `Saved: act-SigexId${DOC_ID}.pdf`,
    ];
    let at = -1;
    for (const piece of order) {
      const next = text.indexOf(piece);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    expect(screen.getByTestId('document-id')).toHaveTextContent(DOC_ID);
    expect(screen.getByTestId('copy-saved')).toHaveTextContent(`Saved: act-SigexId${DOC_ID}.pdf`);
    expect(panel).not.toHaveTextContent('We recommend saving a copy');
    // the copy was saved automatically: the manual rename block is not shown (issue 13 item 6)
    expect(screen.queryByTestId('rename-manually')).not.toBeInTheDocument();

    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Document page' }));
    });
    expect(fake.openExternal).toHaveBeenLastCalledWith(`https://sigex.kz/en/show/?id=${DOC_ID}`);
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Verify page' }));
    });
    expect(fake.openExternal).toHaveBeenLastCalledWith('https://sigex.kz/en/verify/');
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Open SIGEX settings' }));
    });
    expect(fake.openExternal).toHaveBeenLastCalledWith('https://sigex.kz/en/settings/');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Open folder' }));
    });
    expect(fake.showCopy).toHaveBeenCalledWith({ jobId: JOB_ID, handle: HANDLE_A });
  });

  it('no certificate e-mail: no notice', async () => {
    await renderApp();
    showJob(job({ phase: 'done', cancellable: false, files: [registeredFile()] }));
    expect(screen.queryByTestId('certificate-email')).not.toBeInTheDocument();
    expect(screen.getByTestId('success')).not.toHaveTextContent('You can change the address in settings');
  });

  it('copy not saved: the recommendation and [Save copy], which asks main and shows the result', async () => {
    await renderApp();
    showJob(
      job({ phase: 'done', cancellable: false, files: [registeredFile({ copy: { name: `act-SigexId${DOC_ID}.pdf`, saved: false } })] }),
    );
    const panel = screen.getByTestId('success');
    expect(panel).toHaveTextContent(
      'We recommend saving a copy of the signed file with the SIGEX identifier. This will simplify finding the signed document page in the SIGEX service in the future.',
    );
    expect(screen.queryByTestId('copy-saved')).not.toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save copy' }));
    });
    expect(fake.saveCopy).toHaveBeenCalledWith({ jobId: JOB_ID, handle: HANDLE_A });
    expect(screen.getByTestId('copy-saved')).toHaveTextContent(`Saved: act-SigexId${DOC_ID}.pdf`);
  });

  it('copy failed: the error is shown with [Save copy] to try again', async () => {
    await renderApp();
    showJob(
      job({
        phase: 'done',
        cancellable: false,
        files: [
          registeredFile({
            copy: { name: 'x.pdf', saved: false, error: { kind: 'disk-full', message: 'ENOSPC', params: { name: 'x.pdf' } } },
          }),
        ],
      }),
    );
    const alert = within(screen.getByTestId('success')).getByRole('alert');
    expect(alert).toHaveTextContent('The signed copy could not be saved.');
    expect(alert).toHaveTextContent('There is not enough free disk space.');
    expect(screen.getByRole('button', { name: 'Save copy' })).toBeInTheDocument();
  });

  it('no copy saved: the manual rename names are shown, and copied to the clipboard', async () => {
    await renderApp();
    showJob(
      job({ phase: 'done', cancellable: false, files: [registeredFile({ copy: { name: `act-SigexId${DOC_ID}.pdf`, saved: false } })] }),
    );
    expect(screen.getByTestId('rename-manually')).toHaveTextContent('You can also manually rename the file as follows:');
    expect(screen.getByText(`act-SigexId${DOC_ID}.pdf`, { selector: 'code' })).toBeInTheDocument();
    const button = screen.getByRole('button', { name: `Copy the name act-SigexId${DOC_ID}` });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(writeText).toHaveBeenCalledWith(`act-SigexId${DOC_ID}`);
    expect(button).toHaveTextContent('Copied');
  });

  it('[Sign another file] releases the files and returns home', async () => {
    await renderApp();
    showJob(job({ phase: 'done', cancellable: false, files: [registeredFile()] }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign another file' }));
    });
    expect(screen.getByTestId('dropzone')).toBeInTheDocument();
  });

  it('a batch gets a row per file with its outcome and links', async () => {
    await renderApp();
    showJob(
      job({
        phase: 'done',
        cancellable: false,
        files: [
          registeredFile(),
          {
            handle: HANDLE_B,
            name: 'b.pdf',
            size: 5,
            status: 'failed',
            error: { kind: 'sigex-error', message: 'x', sigexKey: 'Access denied' },
          },
        ],
      }),
    );
    const rows = screen.getAllByTestId('file-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Signed and registered');
    expect(within(rows[0] as HTMLElement).getByTestId('document-id')).toHaveTextContent(DOC_ID);
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Document page' })).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Access to the document is denied.');
    expect(screen.getByText('Signed and registered: 1 of 2')).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try the failed files again' }));
    });
    expect(fake.startSigning).toHaveBeenCalledWith(expect.objectContaining({ handles: [HANDLE_B], method: 'ncalayer' }));
  });

  it('a batch is compact: one e-mail sentence and one "Open folder" when all files share them, details on demand, "Sign other files"', async () => {
    await renderApp();
    showJob(
      job({
        phase: 'done',
        cancellable: false,
        files: [
          registeredFile({ emailOutcome: 'attached' }),
          registeredFile({ handle: HANDLE_B, name: 'b.pdf', documentId: 'DOCB', emailOutcome: 'attached' }),
        ],
      }),
    );
    expect(screen.getAllByTestId('email-outcome')).toHaveLength(1);
    expect(screen.getAllByText(OUTCOMES[0]![1])).toHaveLength(1);
    expect(screen.queryAllByTestId('open-folder')).toHaveLength(0); // per-row buttons only on demand
    await act(async () => fireEvent.click(screen.getByTestId('open-shared-folder')));
    expect(fake.showCopy).toHaveBeenCalledTimes(1);
    fireEvent.click(within(screen.getAllByTestId('file-row')[1] as HTMLElement).getByTestId('row-details-toggle'));
    expect(within(screen.getByTestId('row-details')).getByTestId('copy-saved')).toBeInTheDocument();
    expect(screen.getAllByText(OUTCOMES[0]![1])).toHaveLength(1); // not repeated in the opened row
    expect(screen.getByTestId('sign-another')).toHaveTextContent('Sign other files');
  });

  it('says when the app could not itself check that the signature covers the file (unknown digest), in each language', async () => {
    const oid = '1.2.398.3.10.1.3.1';
    const expected = {
      en: `The app did not check by itself that the signature covers exactly this file: it cannot compute the signature's digest algorithm (${oid}).`,
      ru: `Приложение само не проверило, что подпись относится именно к этому файлу: оно не умеет вычислять хэш по алгоритму подписи (${oid}).`,
      kk: `Қолтаңбаның дәл осы файлға қойылғанын қолданба өзі тексерген жоқ: ол қолтаңбаның хэштеу алгоритмін (${oid}) есептей алмайды.`,
    } as const;
    for (const lang of ['en', 'ru', 'kk'] as const) {
      cleanup();
      await resetRenderer(lang);
      await renderApp();
      showJob(job({ phase: 'done', cancellable: false, files: [registeredFile({ bytesCheck: { checked: false, digestOid: oid } })] }));
      expect(screen.getByTestId('bytes-not-checked')).toHaveTextContent(expected[lang]);
    }
    cleanup();
    await resetRenderer('en');
    await renderApp();
    showJob(job({ phase: 'done', cancellable: false, files: [registeredFile({ bytesCheck: { checked: true, digest: 'streebog512' } })] }));
    expect(screen.queryByTestId('bytes-not-checked')).toBeNull();
  });
});
