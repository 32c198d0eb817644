/** @jest-environment jsdom */
/** Home: the drop zone lists dropped files; keyboard opens the chooser; one file -> the seed sentence. */
import '@testing-library/jest-dom';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { useFilesStore } from '../../../src-renderer/store/files';
import { useOptionsStore } from '../../../src-renderer/store/options';
import {
  HANDLE_A,
  HANDLE_B,
  dataTransfer,
  fileEntry,
  installFakeSigex,
  missingKeys,
  resetRenderer,
  renderApp,
  type FakeSigex,
} from './harness';

let fake: FakeSigex;

beforeEach(async () => {
  fake = installFakeSigex();
  await resetRenderer('en');
});

afterEach(() => expect(missingKeys).toEqual([]));

describe('home screen', () => {
  it('shows the drop zone, reachable by keyboard, and a status bar', async () => {
    await renderApp();
    const zone = screen.getByTestId('dropzone');
    expect(zone).toHaveTextContent('Drop files here');
    expect(screen.getByTestId('choose-files')).toHaveTextContent('Choose files');
    expect(zone).toHaveAttribute('tabindex', '0');
    expect(zone).toHaveAccessibleName('Drop files here or press Enter to choose files');
    expect(screen.getByTestId('status-bar')).toHaveTextContent('NCALayer 1.4');
    expect(screen.getByTestId('status-bar')).toHaveTextContent('online');
  });

  it('Enter and Space on the zone open the file chooser', async () => {
    await renderApp();
    const zone = screen.getByTestId('dropzone');
    zone.focus();
    await act(async () => {
      fireEvent.keyDown(zone, { key: 'Enter' });
    });
    await act(async () => {
      fireEvent.keyDown(zone, { key: ' ' });
    });
    expect(fake.chooseFiles).toHaveBeenCalledTimes(2);
  });

  it('dropping files sends them to main and lists them with name, size and a remove button', async () => {
    fake.addDroppedFiles.mockResolvedValue([
      fileEntry('invoice.pdf', HANDLE_A, 1536),
      fileEntry('contract.docx', HANDLE_B, 3 * 1024 * 1024),
    ]);
    await renderApp();
    const files = [new File(['x'], 'invoice.pdf'), new File(['y'], 'contract.docx')];
    await act(async () => {
      fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: dataTransfer(files) });
    });
    expect(fake.addDroppedFiles).toHaveBeenCalledWith(files);

    const rows = screen.getAllByTestId('file-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('invoice.pdf');
    expect(rows[0]).toHaveTextContent('1.5 KB');
    expect(rows[1]).toHaveTextContent('contract.docx');
    expect(rows[1]).toHaveTextContent('3 MB');
    expect(screen.getByText('Files selected for signing: 2')).toBeInTheDocument();
    expect(screen.getByTestId('sign-ncalayer')).toHaveTextContent('Sign all with NCALayer');
    expect(screen.getByTestId('sign-qr')).toBeEnabled();

    await act(async () => {
      fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: 'Remove invoice.pdf from the list' }));
    });
    expect(fake.releaseFiles).toHaveBeenCalledWith([HANDLE_A]);
    // One file left: the single-file sentence replaces the list.
    expect(screen.queryByTestId('file-row')).not.toBeInTheDocument();
    expect(screen.getByText('You have selected file contract.docx for signing.')).toBeInTheDocument();
  });

  it('files from the command line or Explorer join the list: at start and on each arrival', async () => {
    let announce: () => void = () => undefined;
    fake.onFilesOpened.mockImplementation((l: () => void) => {
      announce = l;
      return () => undefined;
    });
    fake.takeOpenedFiles
      .mockResolvedValueOnce({ files: [fileEntry('from-argv.pdf', HANDLE_A)], errors: [] })
      .mockResolvedValueOnce({ files: [fileEntry('sent-to.pdf', HANDLE_B)], errors: [] });
    await renderApp();
    expect(screen.getByText('You have selected file from-argv.pdf for signing.')).toBeInTheDocument();
    await act(async () => announce());
    const rows = screen.getAllByTestId('file-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('from-argv.pdf'), expect.stringContaining('sent-to.pdf')]);
    expect(fake.takeOpenedFiles).toHaveBeenCalledTimes(2);
  });

  it('one file: the seed sentence, collapsed advanced settings, both sign buttons', async () => {
    fake.chooseFiles.mockResolvedValue([fileEntry('act.pdf')]);
    await renderApp();
    await act(async () => {
      fireEvent.click(screen.getByTestId('dropzone'));
    });
    expect(screen.getByText('You have selected file act.pdf for signing.')).toBeInTheDocument();
    expect(screen.queryByTestId('file-row')).not.toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: 'Advanced settings' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('advanced-panel')).not.toBeInTheDocument();
    await act(async () => {
      fireEvent.click(toggle);
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('advanced-panel')).toBeInTheDocument();
    expect(screen.getByTestId('sign-ncalayer')).toHaveTextContent('Sign with NCALayer');
    expect(screen.getByTestId('sign-qr')).toHaveTextContent('Sign with eGov mobile (QR)');

    await act(async () => {
      fireEvent.click(screen.getByTestId('start-over'));
    });
    expect(fake.releaseFiles).toHaveBeenCalledWith([expect.stringMatching(/^fh_/)]);
    expect(screen.getByTestId('dropzone')).toBeInTheDocument();
  });

  it('a list marks already-signed files and leaves them out of the signing', async () => {
    fake.addDroppedFiles.mockResolvedValue([fileEntry('a.pdf', HANDLE_A), fileEntry('b-SigexIdXYZ123.pdf', HANDLE_B, 10, 'XYZ123')]);
    await renderApp();
    await act(async () => {
      fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: dataTransfer([new File(['x'], 'a.pdf'), new File(['y'], 'b.pdf')]) });
    });
    const rows = screen.getAllByTestId('file-row');
    expect(rows[1]).toHaveTextContent('Already signed');
    expect(rows[1]).toHaveTextContent('SIGEX identifier in the name: XYZ123');
    await act(async () => {
      fireEvent.click(screen.getByTestId('sign-ncalayer'));
    });
    expect(fake.startSigning).toHaveBeenCalledWith({
      handles: [HANDLE_A],
      method: 'ncalayer',
      options: useOptionsStore.getState().options,
    });
  });

  it('more than 100 dropped files: the first 100 go to main, with a notice', async () => {
    fake.addDroppedFiles.mockImplementation(async (files) => files.map((f, i) => fileEntry(f.name, `fh_${String(i).padStart(24, '0')}`)));
    await renderApp();
    const many = Array.from({ length: 101 }, (_, i) => new File(['x'], `f${i}.pdf`));
    await act(async () => {
      fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: dataTransfer(many) });
    });
    expect(fake.addDroppedFiles.mock.calls[0]?.[0]).toHaveLength(100);
    expect(useFilesStore.getState().files).toHaveLength(100);
    expect(screen.getByText('At most 100 files can be signed at once. Only the first 100 were added.')).toBeInTheDocument();
  });
});
