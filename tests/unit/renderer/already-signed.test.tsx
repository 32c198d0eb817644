/** @jest-environment jsdom */
/** A file whose name carries -SigexId<id>: the seed's explanation and three options. */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { changeLanguage } from '../../../src-renderer/i18n';
import { DOC_ID, fileEntry, installFakeSigex, missingKeys, resetRenderer, setFiles, renderApp, type FakeSigex } from './harness';

let fake: FakeSigex;
const NAME = `act-SigexId${DOC_ID}.pdf`;

beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
});

afterEach(() => expect(missingKeys).toEqual([]));

async function renderWithSignedFile() {
  await renderApp();
  setFiles([fileEntry(NAME, undefined, 100, DOC_ID)]);
  await act(async () => undefined);
}

describe('already signed', () => {
  it('replaces the selected screen with the seed texts, no sign buttons', async () => {
    await renderWithSignedFile();
    const panel = screen.getByTestId('already-signed');
    expect(panel).toHaveTextContent('The selected document has already been signed and registered in SIGEX.');
    expect(panel).toHaveTextContent(
      `The name of the selected file ${NAME} contains SIGEX identifier ${DOC_ID}. This indicates that this file has most likely already been signed and registered in SIGEX.`,
    );
    expect(panel).toHaveTextContent(
      'If you want to add a signature to this already signed document, please do so on the signed document page.',
    );
    expect(panel).toHaveTextContent(
      'If you want to re-sign the document, then rename it so that the SIGEX identifier is absent from its name.',
    );
    expect(panel).toHaveTextContent('Or, if you selected the wrong file, just start over.');
    expect(screen.queryByTestId('sign-ncalayer')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sign-qr')).not.toBeInTheDocument();
  });

  it('the document page link opens the localised page through main', async () => {
    await renderWithSignedFile();
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Open the signed document page' }));
    });
    expect(fake.openExternal).toHaveBeenLastCalledWith(`https://sigex.kz/en/show/?id=${DOC_ID}`);

    await act(async () => {
      await changeLanguage('ru');
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Открыть страницу подписанного документа' }));
    });
    expect(fake.openExternal).toHaveBeenLastCalledWith(`https://sigex.kz/show/?id=${DOC_ID}`);

    await act(async () => {
      await changeLanguage('kk');
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Қол қойылған құжаттың бетін ашу' }));
    });
    expect(fake.openExternal).toHaveBeenLastCalledWith(`https://sigex.kz/kk/show/?id=${DOC_ID}`);
  });

  it('start over releases the file and returns to the drop zone', async () => {
    await renderWithSignedFile();
    await act(async () => {
      fireEvent.click(screen.getByTestId('start-over'));
    });
    expect(fake.releaseFiles).toHaveBeenCalledWith([expect.stringMatching(/^fh_/)]);
    expect(screen.queryByTestId('already-signed')).not.toBeInTheDocument();
    expect(screen.getByTestId('dropzone')).toBeInTheDocument();
  });
});
