/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { withCheckDigit } from '../../../src-main/core/iin';
import { AdvancedSettings } from '../../../src-renderer/components/advanced/AdvancedSettings';
import { changeLanguage } from '../../../src-renderer/i18n';
import { useOptionsStore } from '../../../src-renderer/store/options';
import { installFakeSigex, resetForTest, type FakeSigex } from './fake-sigex';

const IIN = withCheckDigit('88050330002') as string; // 880503300026
const BIN = withCheckDigit('12034000125') as string;
const wrongDigit = (v: string) => v.slice(0, 11) + String((Number(v[11]) + 1) % 10);
const settings = () => useOptionsStore.getState().options.settings;

let fake: FakeSigex;

beforeEach(async () => {
  fake = installFakeSigex();
  await resetForTest();
});

/** Renders the panel and lets the authorities request settle. */
async function renderPanel() {
  const view = render(<AdvancedSettings />);
  await act(async () => undefined);
  return view;
}

describe('AdvancedSettings', () => {
  it("shows the SIGEX page's explanation under each control", async () => {
    await renderPanel();
    for (const sentence of [
      'Allows limiting the possible number of signatures under the document, 0 - unlimited.',
      'Only those who signed the documents with restricted access can get information about signatures under such documents (both individuals and legal entities - depending on organization settings).',
      'In this case, one person can put only one signature under the document (either as an individual or as a representative of a legal entity).',
      'In this case, only one representative of each legal entity can put a signature under the document.',
      'In this case, signature requirements will also apply to the first signature being registered now.',
      'If specified, any added signature must satisfy one of the requirements.',
      'Allow providing access to the document and data in the archive.',
    ]) {
      expect(screen.getByText(sentence)).toBeInTheDocument();
    }
    // The explanation is tied to its control for screen readers.
    expect(screen.getByTestId('private-checkbox')).toHaveAccessibleDescription(expect.stringContaining('Only those who signed'));
    expect(screen.getByTestId('limit-input')).toHaveAccessibleDescription(expect.stringContaining('0 - unlimited'));
  });

  it('shows the explanations in Russian too', async () => {
    await act(async () => changeLanguage('ru'));
    await renderPanel();
    expect(screen.getByText('Позволяет ограничить возможное количество подписей под документом, 0 - без ограничений.')).toBeInTheDocument();
    expect(screen.getByLabelText('Ограниченный доступ')).toBe(screen.getByTestId('private-checkbox'));
  });

  it('maps the simple controls to the request settings', async () => {
    await renderPanel();
    expect(screen.getByTestId('switch-private-checkbox')).toBeDisabled();
    fireEvent.change(screen.getByTestId('limit-input'), { target: { value: '3' } });
    expect(screen.getByTestId('switch-private-checkbox')).toBeEnabled();
    fireEvent.click(screen.getByTestId('switch-private-checkbox'));
    fireEvent.click(screen.getByTestId('private-checkbox'));
    fireEvent.click(screen.getByTestId('unique-iin-checkbox'));
    fireEvent.click(screen.getByTestId('unique-bin-checkbox'));
    expect(settings()).toEqual({
      private: true,
      signaturesLimit: 3,
      switchToPrivateAfterLimitReached: true,
      unique: ['iin', 'bin'],
      strictSignersRequirements: false,
      signersRequirements: [],
      documentAccess: [],
    });
    // Back to unlimited: the switch is disabled and not sent.
    fireEvent.change(screen.getByTestId('limit-input'), { target: { value: '0' } });
    expect(screen.getByTestId('switch-private-checkbox')).toBeDisabled();
    expect(screen.getByTestId('switch-private-checkbox')).not.toBeChecked();
    expect(settings().switchToPrivateAfterLimitReached).toBe(false);
  });

  it('explains an invalid limit', async () => {
    await renderPanel();
    fireEvent.change(screen.getByTestId('limit-input'), { target: { value: '2.5' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number: 0 or more.');
    expect(screen.getByTestId('limit-input')).toHaveAttribute('aria-invalid', 'true');
    expect(useOptionsStore.getState().valid).toBe(false);
    // An emptied field means 0 once the user leaves it.
    fireEvent.change(screen.getByTestId('limit-input'), { target: { value: '' } });
    fireEvent.blur(screen.getByTestId('limit-input'));
    expect(screen.getByTestId('limit-input')).toHaveValue('0');
    expect(useOptionsStore.getState().valid).toBe(true);
  });

  it('edits signer requirements: IIN/BIN with check digit, authorities from SIGEX, CA', async () => {
    await renderPanel();
    expect(fake.api.getSigexConsts).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('strict-checkbox')).toBeDisabled();

    fireEvent.click(screen.getByTestId('add-requirement'));
    const row = screen.getByTestId('requirement-row');
    const iin = within(row).getByTestId('requirement-iin');
    expect(iin).toHaveFocus();
    // An empty row sends nothing.
    expect(settings().signersRequirements).toEqual([]);

    // Pasted with the prefix and spaces: normalised.
    fireEvent.change(iin, { target: { value: `IIN ${IIN.slice(0, 6)} ${IIN.slice(6)}` } });
    expect(iin).toHaveValue(IIN);
    // A wrong check digit is reported at once, on that field.
    fireEvent.change(within(row).getByTestId('requirement-bin'), { target: { value: wrongDigit(BIN) } });
    expect(within(row).getByRole('alert')).toHaveTextContent(
      'This BIN does not exist (the check digit does not match): check it for a typo.',
    );
    expect(useOptionsStore.getState().valid).toBe(false);
    fireEvent.change(within(row).getByTestId('requirement-bin'), { target: { value: BIN } });
    expect(within(row).queryByRole('alert')).toBeNull();

    // Authorities: names come from SIGEX in the current language.
    const picker = within(row).getByTestId('requirement-authorities');
    expect(picker).toHaveTextContent('Any');
    fireEvent.click(within(picker).getByLabelText('CEO (from SIGEX)'));
    expect(picker).toHaveTextContent('Selected: 1');
    fireEvent.change(within(row).getByTestId('requirement-ca'), { target: { value: 'nca' } });

    expect(settings().signersRequirements).toEqual([
      { iin: `IIN${IIN}`, bin: `BIN${BIN}`, authorities: ['1.2.398.3.3.4.1.2.1'], ca: 'nca' },
    ]);
    expect(useOptionsStore.getState().valid).toBe(true);
  });

  it('reports a short IIN only after leaving the field', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId('add-requirement'));
    const iin = screen.getByTestId('requirement-iin');
    fireEvent.change(iin, { target: { value: '88050' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.blur(iin);
    expect(screen.getByRole('alert')).toHaveTextContent('An IIN has 12 digits; entered: 5.');
  });

  it('strict needs a requirement and warns about the own certificate', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId('add-requirement'));
    expect(screen.getByTestId('strict-checkbox')).toBeDisabled();
    fireEvent.change(screen.getByTestId('requirement-ca'), { target: { value: 'nca' } });
    expect(screen.getByTestId('strict-checkbox')).toBeEnabled();
    // The first complete requirement turns strict on by itself.
    expect(screen.getByTestId('strict-checkbox')).toBeChecked();
    expect(screen.getByTestId('strict-warning')).toHaveTextContent(
      'Your own certificate must satisfy one of the requirements, otherwise SIGEX will refuse to register the document.',
    );
    expect(settings().strictSignersRequirements).toBe(true);
    // Removing the last requirement: strict is no longer sent.
    fireEvent.click(screen.getByRole('button', { name: 'Remove requirement 1' }));
    expect(screen.queryByTestId('requirement-row')).toBeNull();
    expect(screen.getByTestId('add-requirement')).toHaveFocus();
    expect(settings().strictSignersRequirements).toBe(false);
  });

  it('issue 13 item 8: strict turns on as soon as a requirement row is valid (not before), the hint says so, and the user can turn it off', async () => {
    await renderPanel();
    expect(screen.getByTestId('strict-checkbox').closest('.adv-field')).toHaveTextContent(
      'Turns on by itself as soon as a requirement above is filled in correctly; you can turn it off.',
    );
    fireEvent.click(screen.getByTestId('add-requirement'));
    const iin = within(screen.getByTestId('requirement-row')).getByTestId('requirement-iin');
    fireEvent.change(iin, { target: { value: IIN.slice(0, 5) } });
    expect(screen.getByTestId('strict-checkbox')).not.toBeChecked(); // a half-typed IIN is not a requirement yet
    fireEvent.change(iin, { target: { value: wrongDigit(IIN) } });
    expect(screen.getByTestId('strict-checkbox')).not.toBeChecked(); // nor a wrong one
    fireEvent.change(iin, { target: { value: IIN } });
    expect(screen.getByTestId('strict-checkbox')).toBeChecked();
    expect(settings().strictSignersRequirements).toBe(true);
    expect(screen.getByTestId('strict-auto')).toHaveTextContent('On by itself once a requirement is added.');
    // Turned off by the user: further edits of the requirements leave it off.
    fireEvent.click(screen.getByTestId('strict-checkbox'));
    fireEvent.change(within(screen.getByTestId('requirement-row')).getByTestId('requirement-bin'), { target: { value: BIN } });
    fireEvent.click(screen.getByTestId('add-requirement'));
    expect(screen.getByTestId('strict-checkbox')).not.toBeChecked();
    expect(settings().strictSignersRequirements).toBe(false);
  });

  it('falls back to the bundled NCA list when SIGEX consts cannot be loaded', async () => {
    fake.api.getSigexConsts.mockRejectedValueOnce(new Error('offline'));
    await renderPanel();
    fireEvent.click(screen.getByTestId('add-requirement'));
    expect(screen.getByText('Could not load the list from SIGEX: showing the standard NCA RK list.')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Person with authority to sign financial documents'));
    expect(settings().signersRequirements).toEqual([{ authorities: ['1.2.398.3.3.4.1.2.3'] }]);
    // Loaded once: a second panel does not ask again.
    await renderPanel();
    expect(fake.api.getSigexConsts).toHaveBeenCalledTimes(1);
  });

  it('edits the archive access list', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId('add-access'));
    fireEvent.click(screen.getByTestId('add-access'));
    const [first, second] = screen.getAllByTestId('access-iin');
    expect(second).toHaveFocus();
    fireEvent.change(first!, { target: { value: IIN } });
    expect(settings().documentAccess).toEqual([{ iin: `IIN${IIN}` }]);
    fireEvent.change(second!, { target: { value: wrongDigit(IIN) } });
    expect(screen.getByRole('alert')).toHaveTextContent('This IIN does not exist');
    expect(useOptionsStore.getState().valid).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Remove IIN 2' }));
    expect(useOptionsStore.getState().valid).toBe(true);
  });

  it('shows options loaded from a preset', async () => {
    useOptionsStore.getState().loadFrom({
      emails: [],
      settings: {
        private: true,
        signaturesLimit: 2,
        switchToPrivateAfterLimitReached: true,
        unique: ['bin'],
        strictSignersRequirements: true,
        signersRequirements: [{ bin: `BIN${BIN}`, authorities: ['1.2.398.3.3.4.9'] }],
        documentAccess: [{ iin: `IIN${IIN}` }],
      },
    });
    await renderPanel();
    expect(screen.getByTestId('limit-input')).toHaveValue('2');
    expect(screen.getByTestId('switch-private-checkbox')).toBeChecked();
    expect(screen.getByTestId('unique-bin-checkbox')).toBeChecked();
    expect(screen.getByTestId('unique-iin-checkbox')).not.toBeChecked();
    expect(screen.getByTestId('strict-checkbox')).toBeChecked();
    expect(screen.getByTestId('requirement-bin')).toHaveValue(BIN);
    // An OID SIGEX does not list stays visible (and selected).
    expect(screen.getByLabelText('Other (1.2.398.3.3.4.9)')).toBeChecked();
    expect(screen.getByTestId('access-iin')).toHaveValue(IIN);
  });
});
