/**
 * E-mail recipients as chips. Enter, comma, semicolon, leaving the field or pasting a list
 * turns the text into chips; Backspace in the empty field removes the last one. What is not
 * a valid address stays in the field with a message. Suggestions: recently used addresses.
 */
import { useId, useRef, useState, type ChangeEvent, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_EMAIL_RECIPIENTS } from '../../../src-main/ipc/contract';
import { parseEmailList, type FieldError } from '../../lib/options-mapping';
import { useOptionsStore } from '../../store/options';
import { ErrorLine, useFieldErrorText } from './fields';
import './advanced.css';

export { rememberRecipients } from '../../store/options';

export interface RecipientsInputProps {
  /** `settings.recentEmails`: offered as suggestions. */
  recentEmails?: readonly string[];
}

export function RecipientsInput({ recentEmails = [] }: RecipientsInputProps) {
  const { t } = useTranslation('advanced');
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const emails = useOptionsStore((s) => s.form.emails);
  const draft = useOptionsStore((s) => s.form.emailDraft);
  const { setEmailDraft, commitEmailDraft, removeEmail, removeLastEmail } = useOptionsStore.getState();
  const [error, setError] = useState<FieldError | null>(null);
  const errorText = useFieldErrorText(error);

  const chosen = new Set(emails.map((e) => e.toLowerCase()));
  const suggestions = recentEmails.filter((e) => !chosen.has(e.toLowerCase()));

  const commit = (text?: string) => setError(commitEmailDraft(text));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
      if (draft.trim() === '') {
        // An empty Enter is not ours to swallow (the form may use it); separators are.
        if (e.key !== 'Enter') e.preventDefault();
        return;
      }
      e.preventDefault();
      commit();
    } else if (e.key === 'Backspace' && draft === '' && emails.length > 0) {
      e.preventDefault();
      removeLastEmail();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    // A single fragment is pasted as text; a list becomes chips at once.
    if (!/[,;\n<]/.test(text) && parseEmailList(text).length < 2) return;
    e.preventDefault();
    const input = e.currentTarget;
    const start = input.selectionStart ?? draft.length;
    const end = input.selectionEnd ?? draft.length;
    commit(draft.slice(0, start) + text + draft.slice(end));
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.target.value;
    setError(null);
    // Picking a suggestion from the list (no typing involved) adds it straight away.
    const inputType = (e.nativeEvent as Partial<InputEvent>).inputType;
    if ((inputType === undefined || inputType === 'insertReplacementText') && suggestions.includes(value)) {
      commit(value);
      return;
    }
    // A separator that reached the value (typed faster than a re-render, IME, autofill)
    // still splits it into chips, exactly as the keydown path does.
    if (/[,;]/.test(value)) {
      commit(value);
      return;
    }
    setEmailDraft(value);
  };

  const remove = (email: string) => {
    removeEmail(email);
    inputRef.current?.focus();
  };

  const describedBy = [`${id}-hint`, errorText ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <div className="adv-recipients" data-testid="recipients-input">
      <label htmlFor={`${id}-input`} className="adv-label">
        {t('recipients.label')}
      </label>
      <div className={error ? 'adv-chips adv-chips-invalid' : 'adv-chips'} onClick={() => inputRef.current?.focus()}>
        {emails.length > 0 && (
          <ul className="adv-chip-list" aria-label={t('recipients.label')}>
            {emails.map((email) => (
              <li key={email} className="adv-chip" data-testid="recipient-chip">
                <span className="adv-chip-text">{email}</span>
                <button
                  type="button"
                  className="adv-chip-remove"
                  aria-label={t('recipients.remove', { email })}
                  title={t('recipients.remove', { email })}
                  onClick={(e) => {
                    e.stopPropagation();
                    remove(email);
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={`${id}-input`}
          className="adv-chips-input"
          type="text"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          placeholder={emails.length === 0 ? t('recipients.placeholder') : undefined}
          list={suggestions.length > 0 ? `${id}-recent` : undefined}
          value={draft}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            if (draft.trim() !== '') commit();
          }}
        />
      </div>
      <div className="adv-under">
        <span id={`${id}-hint`} className="adv-hint">
          {t('recipients.hint')}
        </span>
        <span className="adv-count">{t('recipients.count', { count: emails.length, max: MAX_EMAIL_RECIPIENTS })}</span>
      </div>
      <ErrorLine id={`${id}-error`} text={errorText} />
      {suggestions.length > 0 && (
        <datalist id={`${id}-recent`}>
          {suggestions.map((email) => (
            <option key={email} value={email} />
          ))}
        </datalist>
      )}
    </div>
  );
}
