/** @jest-environment jsdom */
/**
 * Issue 13 item 8: leaving Settings with changes that are not saved asks first (Close, Escape,
 * History), in a keyboard-accessible dialog: save and leave, leave without saving, keep editing.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, screen } from '@testing-library/react';
import { type FakeSigex, installFakeSigex, missingKeys, renderApp, resetRenderer } from './harness';

let fake: FakeSigex;
afterEach(() => expect(missingKeys).toEqual([]));

async function openSettings() {
  await renderApp();
  await act(async () => {
    fireEvent.click(screen.getByTestId('open-settings'));
  });
  expect(screen.getByTestId('settings-view')).toBeInTheDocument();
}

describe('en', () => {
  beforeEach(async () => {
    fake = installFakeSigex();
    await resetRenderer('en');
  });

  test('nothing changed: Close closes at once', async () => {
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-close'));
    expect(screen.queryByTestId('settings-view')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  test('a change, then Close: the dialog asks; Escape keeps editing with the change; Tab stays inside the dialog', async () => {
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-autosave'));
    fireEvent.click(screen.getByTestId('settings-close'));
    const dialog = screen.getByRole('alertdialog', { name: 'Save the changes?' });
    expect(dialog).toHaveAccessibleDescription('You changed settings that are not saved yet.');
    const keep = screen.getByRole('button', { name: 'Keep editing' });
    expect(keep).toHaveFocus();
    // Tab from the last button goes to the first, Shift+Tab from the first back to the last.
    fireEvent.keyDown(keep, { key: 'Tab' });
    expect(screen.getByRole('button', { name: 'Save and close' })).toHaveFocus();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Save and close' }), { key: 'Tab', shiftKey: true });
    expect(keep).toHaveFocus();

    fireEvent.keyDown(keep, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByTestId('settings-view')).toBeInTheDocument();
    expect(screen.getByTestId('settings-close')).toHaveFocus();
    expect(screen.getByTestId('settings-autosave')).not.toBeChecked(); // the edit is still there

    // Escape on the view asks too; "Close without saving" leaves and saves nothing.
    fireEvent.keyDown(document.body, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Close without saving' }));
    expect(screen.queryByTestId('settings-view')).toBeNull();
    expect(fake.updateSettings).not.toHaveBeenCalled();
  });

  test('History from the status bar with a change: "Save and close" saves, then History opens', async () => {
    await openSettings();
    fireEvent.click(screen.getByTestId('settings-autosave'));
    fireEvent.click(screen.getByTestId('open-history'));
    expect(screen.getByTestId('settings-view')).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save and close' }));
    });
    expect(fake.updateSettings).toHaveBeenCalledWith({ autoSaveCopy: false });
    expect(screen.queryByTestId('settings-view')).toBeNull();
    expect(screen.getByTestId('history-view')).toBeInTheDocument();
  });

  test('"Save and close" with an address main was not allowed to change: stays in Settings and says why', async () => {
    fake.updateSettings.mockRejectedValueOnce({ kind: 'cancelled', message: 'kept' });
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-sigex-url'), { target: { value: 'https://other.example.kz' } });
    fireEvent.click(screen.getByTestId('settings-close'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save and close' }));
    });
    expect(screen.getByTestId('settings-view')).toBeInTheDocument();
    expect(screen.getByTestId('settings-status')).toHaveTextContent('The address was not changed');
  });

  test('an address main refused without asking (refused before this session): says a restart asks again', async () => {
    fake.updateSettings.mockRejectedValueOnce({ kind: 'cancelled', message: 'kept', params: { reason: 'refused-before' } });
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-sigex-url'), { target: { value: 'https://other.example.kz' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('settings-save'));
    });
    expect(screen.getByTestId('settings-status')).toHaveTextContent('Restart it to be asked again');
  });
});

test.each([
  ['ru', 'Сохранить изменения?', 'Закрыть без сохранения'],
  ['kk', 'Өзгерістерді сақтайсыз ба?', 'Сақтамай жабу'],
] as const)('%s: the dialog speaks the interface language', async (lang, title, discard) => {
  fake = installFakeSigex();
  fake.getSettings.mockResolvedValue({ ...(await fake.getSettings()), language: lang });
  await resetRenderer(lang);
  await openSettings();
  fireEvent.click(screen.getByTestId('settings-autosave'));
  fireEvent.click(screen.getByTestId('settings-close'));
  expect(screen.getByRole('alertdialog', { name: title })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: discard })).toBeInTheDocument();
});
