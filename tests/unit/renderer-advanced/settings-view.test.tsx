/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DEFAULT_DOCUMENT_SETTINGS, type ConnectionStatus } from '../../../src-main/ipc/contract';
import { SettingsView } from '../../../src-renderer/components/settings/SettingsView';
import { formatError } from '../../../src-shared/i18n/format-error';
import { i18next } from '../../../src-renderer/i18n';
import { APP_INFO, baseSettings, installFakeSigex, resetForTest, type FakeSigex } from './fake-sigex';

let fake: FakeSigex;

async function open(props: { onClose?: () => void; onSettingsChange?: jest.Mock } = {}) {
  const onClose = props.onClose ?? jest.fn();
  const view = render(<SettingsView onClose={onClose} onSettingsChange={props.onSettingsChange} />);
  await act(async () => undefined);
  return { ...view, onClose };
}

const byId = (id: string) => screen.getByTestId(id);

beforeEach(async () => {
  fake = installFakeSigex();
  await resetForTest();
});

describe('SettingsView', () => {
  it('shows the saved settings; focus moves in on open and back on close; Escape closes', async () => {
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    const { onClose, unmount } = await open();
    expect(screen.getByRole('heading', { name: 'Settings' })).toHaveFocus();
    expect(byId('settings-sigex-url')).toHaveValue('https://sigex.kz');
    expect(byId('settings-ncalayer-url')).toHaveValue('wss://127.0.0.1:13579/');
    expect(byId('settings-autosave')).toBeChecked();
    expect(byId('settings-language')).toHaveDisplayValue('English');
    fireEvent.keyDown(byId('settings-sigex-url'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    expect(opener).toHaveFocus();
  });

  it('validates the addresses and does not save invalid ones', async () => {
    await open();
    fireEvent.change(byId('settings-sigex-url'), { target: { value: 'http://sigex.kz' } });
    fireEvent.blur(byId('settings-sigex-url'));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Enter an address starting with https:// without a path (http:// only for 127.0.0.1 or localhost).',
    );
    fireEvent.change(byId('settings-ncalayer-url'), { target: { value: 'wss://10.0.0.5:13579/' } });
    await act(async () => fireEvent.click(byId('settings-save')));
    expect(fake.api.updateSettings).not.toHaveBeenCalled();
    expect(byId('settings-status')).toHaveTextContent('Correct the highlighted fields before saving.');
    expect(screen.getByText(/Enter a wss:\/\/ address on this computer/)).toBeInTheDocument();
    expect(byId('settings-ncalayer-url')).toHaveAttribute('aria-invalid', 'true');
  });

  it('"Copy diagnostics" puts main\'s diagnostics text on the clipboard and says so, in the UI language', async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await open();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' })));
    expect(fake.api.getDiagnostics).toHaveBeenCalledTimes(1);
    expect(writeText).toHaveBeenCalledWith('SIGEX Desktop 0.0.0-test (electron)\nLast log lines (0):\n');
    expect(byId('settings-status')).toHaveTextContent('Diagnostics copied to the clipboard.');
    // the clipboard refused: said so, nothing pretends to have worked
    writeText.mockRejectedValueOnce(new Error('denied'));
    await act(async () => fireEvent.click(byId('settings-copy-diagnostics')));
    expect(byId('settings-status')).toHaveTextContent(/^Could not copy the diagnostics: .*denied/);
    await act(async () => i18next.changeLanguage('kk'));
    expect(byId('settings-copy-diagnostics')).toHaveTextContent('Диагностиканы көшіру');
    await act(async () => i18next.changeLanguage('en'));
  });

  it('saves only what changed', async () => {
    const onSettingsChange = jest.fn();
    await open({ onSettingsChange });
    fireEvent.change(byId('settings-sigex-url'), { target: { value: '  http://127.0.0.1:8080  ' } });
    fireEvent.click(byId('settings-autosave'));
    await act(async () => fireEvent.click(byId('settings-save')));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ sigexUrl: 'http://127.0.0.1:8080', autoSaveCopy: false });
    expect(byId('settings-status')).toHaveTextContent('Settings saved.');
    expect(onSettingsChange).toHaveBeenCalledWith(fake.settings());
    // Nothing changed since: nothing to send.
    await act(async () => fireEvent.click(byId('settings-save')));
    expect(fake.api.updateSettings).toHaveBeenCalledTimes(1);
  });

  it('switches the interface language on save', async () => {
    await open();
    fireEvent.change(byId('settings-language'), { target: { value: 'kk' } });
    await act(async () => fireEvent.click(byId('settings-save')));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ language: 'kk' });
    expect(i18next.language).toBe('kk');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Баптаулар');
  });

  it('shows the error main rejects a save with', async () => {
    await open();
    fake.api.updateSettings.mockRejectedValueOnce({ kind: 'invalid-input', message: 'bad', details: 'sigexUrl' });
    fireEvent.click(byId('settings-autosave'));
    await act(async () => fireEvent.click(byId('settings-save')));
    expect(byId('settings-status')).toHaveTextContent('Could not save the settings: Some of the data is not valid.');
  });

  it('says plainly when an environment variable overrides an address (issue 13 item 8)', async () => {
    fake = installFakeSigex(baseSettings(), {
      ...APP_INFO,
      sigexUrl: 'http://127.0.0.1:4010',
      overriddenByEnv: ['sigexUrl', 'extraCaFile'],
    });
    await open();
    expect(byId('settings-sigex-url-env')).toHaveTextContent(
      'This address is set on this computer outside the app (environment variable SIGEX_URL), so the app uses http://127.0.0.1:4010. What you type here is saved, but takes effect only after that variable is removed.',
    );
    expect(screen.queryByTestId('settings-ncalayer-url-env')).toBeNull();
    expect(
      screen.getByText(
        'This file is set on this computer outside the app (environment variable NCALAYER_CA_FILE), so a file chosen here is not used while that variable is set.',
      ),
    ).toBeInTheDocument();
  });

  it('chooses and clears the extra CA file through main', async () => {
    await open();
    expect(byId('settings-extra-ca')).toHaveTextContent('Not set');
    await act(async () => fireEvent.click(byId('settings-choose-ca')));
    expect(fake.api.chooseCaFile).toHaveBeenCalled();
    expect(byId('settings-extra-ca')).toHaveTextContent('C:\\certs\\nca-root.pem');
    await act(async () => fireEvent.click(byId('settings-clear-ca')));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ clearExtraCaFile: true });
    expect(byId('settings-extra-ca')).toHaveTextContent('Not set');
  });

  it('chooses a folder for copies, keeping unsaved edits', async () => {
    await open();
    fireEvent.change(byId('settings-sigex-url'), { target: { value: 'https://test.sigex.kz' } });
    fireEvent.click(byId('settings-copy-folder'));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a folder, or save copies next to the original file.');
    await act(async () => fireEvent.click(byId('settings-choose-folder')));
    expect(byId('settings-copy-folder-path')).toHaveTextContent('C:\\Users\\buh\\Signed');
    expect(byId('settings-sigex-url')).toHaveValue('https://test.sigex.kz');
    await act(async () => fireEvent.click(byId('settings-save')));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ sigexUrl: 'https://test.sigex.kz', copyLocation: 'folder' });
  });

  it('renames and deletes presets', async () => {
    const options = { emails: [], settings: DEFAULT_DOCUMENT_SETTINGS };
    fake = installFakeSigex(
      baseSettings({
        presets: [
          { name: 'Acts', options },
          { name: 'Contracts', options },
        ],
      }),
    );
    await open();
    const [acts] = screen.getAllByTestId('settings-preset');
    fireEvent.click(within(acts!).getByRole('button', { name: 'Rename: Acts' }));
    const name = byId('settings-preset-name');
    fireEvent.change(name, { target: { value: 'Contracts' } });
    fireEvent.submit(name);
    expect(screen.getByRole('alert')).toHaveTextContent('A preset with this name already exists.');
    fireEvent.change(name, { target: { value: 'Acts 2026' } });
    await act(async () => fireEvent.submit(name));
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({
      presets: [
        { name: 'Acts 2026', options },
        { name: 'Contracts', options },
      ],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Delete: Contracts' }));
    await act(async () => fireEvent.click(byId('confirm-yes')));
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({ presets: [{ name: 'Acts 2026', options }] });
    expect(screen.getAllByTestId('settings-preset')).toHaveLength(1);
  });

  describe('Test connection', () => {
    async function test(status: ConnectionStatus) {
      fake.api.testConnection.mockResolvedValueOnce(status);
      await act(async () => fireEvent.click(byId('settings-test-connection')));
      return { ncalayer: byId('settings-ncalayer-result'), sigex: byId('settings-sigex-result') };
    }

    it('shows both services when all is well', async () => {
      await open();
      const r = await test({ ncalayer: { state: 'ok', service: 'NCALayer', version: '1.4' }, sigex: { state: 'ok', version: '3.0' } });
      expect(r.ncalayer).toHaveTextContent('NCALayer 1.4 is running.');
      expect(r.ncalayer).toHaveAttribute('data-state', 'ok');
      expect(r.sigex).toHaveTextContent('SIGEX is reachable (version 3.0).');
    });

    it('tells "not running" from "certificate not trusted", and offline from an error', async () => {
      await open();
      let r = await test({ ncalayer: { state: 'not-running' }, sigex: { state: 'offline' } });
      expect(r.ncalayer).toHaveTextContent('NCALayer is not running. Start it, or install it from https://ncl.pki.gov.kz/.');
      expect(r.sigex).toHaveTextContent('No connection to SIGEX.');
      r = await test({
        ncalayer: { state: 'untrusted' },
        sigex: { state: 'error', error: { kind: 'sigex-server', message: 'HTTP 502' } },
      });
      expect(r.ncalayer).toHaveTextContent('NCALayer certificate is not trusted. Reinstall NCALayer or choose an extra CA file above.');
      expect(r.ncalayer).toHaveAttribute('data-state', 'warn');
      expect(r.sigex).toHaveAttribute('data-state', 'bad');
      // The error is explained with the shared error texts.
      expect(r.sigex).toHaveTextContent(`SIGEX: ${formatError({ kind: 'sigex-server', message: 'HTTP 502' }, 'en').message}`);
    });

    it('names KAZTOKEN desktop when it answers instead of NCALayer', async () => {
      await open();
      const r = await test({ ncalayer: { state: 'ok', service: 'KAZTOKEN desktop', version: '2.1' }, sigex: { state: 'ok' } });
      expect(r.ncalayer).toHaveTextContent('KAZTOKEN desktop 2.1 is running.');
      expect(r.sigex).toHaveTextContent('SIGEX is reachable.');
    });

    it('issue 13 item 8: tests the addresses as typed, before Save, and saves nothing', async () => {
      await open();
      fireEvent.change(byId('settings-sigex-url'), { target: { value: ' https://sigex-test.example.kz ' } });
      fireEvent.change(byId('settings-ncalayer-url'), { target: { value: 'wss://127.0.0.1:13580/' } });
      await test({ ncalayer: { state: 'ok', service: 'NCALayer', version: '1.4' }, sigex: { state: 'ok' } });
      expect(fake.api.testConnection).toHaveBeenCalledWith({
        sigexUrl: 'https://sigex-test.example.kz',
        ncalayerUrl: 'wss://127.0.0.1:13580/',
      });
      expect(fake.api.checkConnection).not.toHaveBeenCalled();
      expect(fake.api.updateSettings).not.toHaveBeenCalled();
    });

    it('an invalid typed address is not tested: the field says what is wrong', async () => {
      await open();
      fireEvent.change(byId('settings-sigex-url'), { target: { value: 'ftp://sigex.kz' } });
      await act(async () => fireEvent.click(byId('settings-test-connection')));
      expect(fake.api.testConnection).not.toHaveBeenCalled();
      expect(byId('settings-sigex-url')).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByText('Could not test the connection: Correct the address first.')).toBeInTheDocument();
    });

    it('reports a failed check', async () => {
      await open();
      fake.api.testConnection.mockRejectedValueOnce(new Error('bridge gone'));
      await act(async () => fireEvent.click(byId('settings-test-connection')));
      expect(screen.getByText(/^Could not test the connection: /)).toBeInTheDocument();
    });
  });
});
