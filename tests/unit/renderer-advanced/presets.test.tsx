/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { DEFAULT_DOCUMENT_SETTINGS, type SettingsView, type SignOptions } from '../../../src-main/ipc/contract';
import { PresetBar, initOptionsFromSettings } from '../../../src-renderer/components/advanced/PresetBar';
import { useOptionsStore } from '../../../src-renderer/store/options';
import { baseSettings, installFakeSigex, resetForTest, type FakeSigex } from './fake-sigex';

const DEFAULTS: SignOptions = { emails: ['buh@firm.kz'], settings: { ...DEFAULT_DOCUMENT_SETTINGS, signaturesLimit: 2 } };
const CONTRACTS: SignOptions = { emails: ['legal@firm.kz'], settings: { ...DEFAULT_DOCUMENT_SETTINGS, private: true, unique: ['bin'] } };
const ACTS: SignOptions = { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS, signaturesLimit: 5 } };

let fake: FakeSigex;

/** Holds the settings like the app's settings store does. */
function Harness({ initial }: { initial: SettingsView }) {
  const [settings, setSettings] = useState(initial);
  return <PresetBar settings={settings} onSettingsChange={setSettings} />;
}

function setup() {
  const initial = baseSettings({
    defaultOptions: DEFAULTS,
    presets: [
      { name: 'Contracts', options: CONTRACTS },
      { name: 'Acts', options: ACTS },
    ],
  });
  fake = installFakeSigex(initial);
  initOptionsFromSettings(initial);
  render(<Harness initial={initial} />);
}

const select = () => screen.getByTestId<HTMLSelectElement>('preset-select');
const options = () => useOptionsStore.getState().options;

beforeEach(async () => {
  await resetForTest();
});

describe('PresetBar', () => {
  it('starts from the default options and loads presets into the form', () => {
    setup();
    expect(options()).toEqual(DEFAULTS);
    expect(select()).toHaveDisplayValue('Default');
    fireEvent.change(select(), { target: { value: 'Contracts' } });
    expect(options()).toEqual(CONTRACTS);
    expect(select()).toHaveDisplayValue('Contracts');
    fireEvent.change(select(), { target: { value: '__default' } });
    expect(options()).toEqual(DEFAULTS);
  });

  it('shows "changed" once the form differs from every preset', () => {
    setup();
    act(() => useOptionsStore.getState().setLimit('9'));
    expect(select()).toHaveDisplayValue('Changed (not saved)');
  });

  it('saves the form as the default, and reset() returns to it', async () => {
    setup();
    act(() => useOptionsStore.getState().setFlag('uniqueIin', true));
    const expected = { ...DEFAULTS, settings: { ...DEFAULTS.settings, unique: ['iin'] } };
    await act(async () => fireEvent.click(screen.getByTestId('save-default')));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ defaultOptions: expected });
    expect(screen.getByTestId('preset-status')).toHaveTextContent('Saved as the default settings for new files.');
    expect(select()).toHaveDisplayValue('Default');
    act(() => useOptionsStore.getState().loadFrom(ACTS));
    act(() => useOptionsStore.getState().reset());
    expect(options()).toEqual(expected);
  });

  it('saves a new preset under a name', async () => {
    setup();
    act(() => useOptionsStore.getState().setLimit('7'));
    fireEvent.click(screen.getByTestId('save-preset'));
    const name = screen.getByLabelText('Preset name');
    expect(name).toHaveFocus();
    fireEvent.change(name, { target: { value: '  Invoices  ' } });
    await act(async () => fireEvent.submit(name));
    const saved = { ...DEFAULTS, settings: { ...DEFAULTS.settings, signaturesLimit: 7 } };
    expect(fake.api.updateSettings).toHaveBeenCalledWith({
      presets: [
        { name: 'Contracts', options: CONTRACTS },
        { name: 'Acts', options: ACTS },
        { name: 'Invoices', options: saved },
      ],
    });
    expect(screen.getByTestId('preset-status')).toHaveTextContent('Preset “Invoices” saved.');
    expect(select()).toHaveDisplayValue('Invoices');
  });

  it('asks before replacing a preset with the same name', async () => {
    setup();
    fireEvent.change(select(), { target: { value: 'Acts' } });
    act(() => useOptionsStore.getState().setFlag('private', true));
    fireEvent.click(screen.getByTestId('save-preset'));
    fireEvent.change(screen.getByLabelText('Preset name'), { target: { value: 'Contracts' } });
    fireEvent.submit(screen.getByLabelText('Preset name'));
    expect(screen.getByText('A preset named “Contracts” already exists. Replace it?')).toBeInTheDocument();
    expect(fake.api.updateSettings).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Replace' })));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({
      presets: [
        { name: 'Contracts', options: { ...ACTS, settings: { ...ACTS.settings, private: true } } },
        { name: 'Acts', options: ACTS },
      ],
    });
  });

  it('deletes the selected preset after confirmation', async () => {
    setup();
    fireEvent.change(select(), { target: { value: 'Contracts' } });
    fireEvent.click(screen.getByTestId('delete-preset'));
    expect(screen.getByText('Delete preset “Contracts”?')).toBeInTheDocument();
    await act(async () => fireEvent.click(screen.getByTestId('confirm-yes')));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ presets: [{ name: 'Acts', options: ACTS }] });
    expect(screen.queryByRole('option', { name: 'Contracts' })).toBeNull();
  });

  it('does not save invalid options', () => {
    setup();
    act(() => useOptionsStore.getState().setLimit('many'));
    fireEvent.click(screen.getByTestId('save-default'));
    expect(screen.getByTestId('preset-status')).toHaveTextContent('Correct the highlighted fields before saving.');
    expect(fake.api.updateSettings).not.toHaveBeenCalled();
  });

  it('shows why saving failed', async () => {
    setup();
    fake.api.updateSettings.mockRejectedValueOnce({ kind: 'invalid-input', message: 'presets: too big' });
    await act(async () => fireEvent.click(screen.getByTestId('save-default')));
    expect(screen.getByTestId('preset-status')).toHaveTextContent('Could not save: Some of the data is not valid.');
  });
});
