/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { RecipientsInput, rememberRecipients } from '../../../src-renderer/components/advanced/RecipientsInput';
import { useOptionsStore } from '../../../src-renderer/store/options';
import { baseSettings, installFakeSigex, resetForTest } from './fake-sigex';

const input = () => screen.getByLabelText<HTMLInputElement>('E-mail recipients', { selector: 'input' });
const chips = () => screen.queryAllByTestId('recipient-chip').map((c) => c.textContent?.replace('×', ''));
const sentEmails = () => useOptionsStore.getState().options.emails;

function type(text: string) {
  fireEvent.change(input(), { target: { value: text } });
}

beforeEach(async () => {
  installFakeSigex();
  await resetForTest();
});

describe('RecipientsInput', () => {
  it('Enter, comma and semicolon turn the text into chips', () => {
    render(<RecipientsInput />);
    type('buh@firm.kz');
    fireEvent.keyDown(input(), { key: 'Enter' });
    type('Director@FIRM.KZ');
    fireEvent.keyDown(input(), { key: ',' });
    type('hr@firm.kz');
    fireEvent.keyDown(input(), { key: ';' });
    expect(chips()).toEqual(['buh@firm.kz', 'Director@firm.kz', 'hr@firm.kz']);
    expect(input()).toHaveValue('');
    expect(sentEmails()).toEqual(['buh@firm.kz', 'Director@firm.kz', 'hr@firm.kz']);
    expect(screen.getByText('3 / 10')).toBeInTheDocument();
  });

  it('leaving the field adds what was typed', () => {
    render(<RecipientsInput />);
    type('buh@firm.kz');
    fireEvent.blur(input());
    expect(chips()).toEqual(['buh@firm.kz']);
  });

  it('keeps an invalid entry in the field with a message', () => {
    render(<RecipientsInput />);
    type('buh@firm');
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(chips()).toEqual([]);
    expect(input()).toHaveValue('buh@firm');
    expect(input()).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('“buh@firm” is not an e-mail address.');
    expect(useOptionsStore.getState().valid).toBe(false);
    // Typing again clears the message; a valid address then goes through.
    type('buh@firm.kz');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(chips()).toEqual(['buh@firm.kz']);
    expect(useOptionsStore.getState().valid).toBe(true);
  });

  it('pasting a list (Outlook style) adds every valid address and keeps the rest', () => {
    render(<RecipientsInput />);
    fireEvent.paste(input(), { clipboardData: { getData: () => 'Иванов Иван <ivan@Firm.KZ>; p@y.kz, oops' } });
    expect(chips()).toEqual(['ivan@firm.kz', 'p@y.kz']);
    expect(input()).toHaveValue('oops');
    expect(screen.getByRole('alert')).toHaveTextContent('“oops” is not an e-mail address.');
  });

  it('Backspace in the empty field removes the last chip; the chip button removes its own', () => {
    useOptionsStore.getState().commitEmailDraft('a@x.kz, b@x.kz, c@x.kz');
    render(<RecipientsInput />);
    fireEvent.keyDown(input(), { key: 'Backspace' });
    expect(chips()).toEqual(['a@x.kz', 'b@x.kz']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove a@x.kz' }));
    expect(chips()).toEqual(['b@x.kz']);
    expect(input()).toHaveFocus();
    expect(sentEmails()).toEqual(['b@x.kz']);
  });

  it('ignores duplicates and stops at 10 recipients', () => {
    render(<RecipientsInput />);
    type(Array.from({ length: 10 }, (_, i) => `u${i}@x.kz`).join(';'));
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(chips()).toHaveLength(10);
    type('U0@X.KZ');
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(chips()).toHaveLength(10);
    expect(input()).toHaveValue('');
    type('u10@x.kz');
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(chips()).toHaveLength(10);
    expect(input()).toHaveValue('u10@x.kz');
    expect(screen.getByRole('alert')).toHaveTextContent('No more than 10 recipients.');
    expect(screen.getByText('10 / 10')).toBeInTheDocument();
  });

  it('offers recent addresses not chosen yet; picking one adds it', () => {
    useOptionsStore.getState().commitEmailDraft('a@x.kz');
    const { container } = render(<RecipientsInput recentEmails={['a@x.kz', 'chief@firm.kz']} />);
    const options = [...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual(['chief@firm.kz']);
    expect(input()).toHaveAttribute('list', container.querySelector('datalist')?.id);
    // A datalist pick arrives as a change without typing.
    type('chief@firm.kz');
    expect(chips()).toEqual(['a@x.kz', 'chief@firm.kz']);
  });
});

describe('rememberRecipients', () => {
  it('saves the used addresses first in recentEmails', async () => {
    const fake = installFakeSigex(baseSettings({ recentEmails: ['old@x.kz', 'buh@firm.kz'] }));
    let result: unknown;
    await act(async () => {
      result = await rememberRecipients(['Buh@Firm.kz', 'new@x.kz']);
    });
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ recentEmails: ['Buh@firm.kz', 'new@x.kz', 'old@x.kz'] });
    expect(result).toEqual(fake.settings());
  });

  it('does nothing without recipients and never throws', async () => {
    const fake = installFakeSigex();
    expect(await rememberRecipients([])).toBeNull();
    expect(fake.api.getSettings).not.toHaveBeenCalled();
    fake.api.updateSettings.mockRejectedValueOnce(new Error('disk full'));
    expect(await rememberRecipients(['a@x.kz'])).toBeNull();
    expect(fake.api.log).toHaveBeenCalledWith('warn', expect.stringContaining('disk full'));
  });
});
