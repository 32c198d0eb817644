/**
 * Small building blocks of the advanced settings panel: a checkbox with the seed's
 * explanation under it, an inline error line, and an IIN/BIN input that checks the
 * check digit while typing.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanIinBin, type FieldError, type IdKind } from '../../lib/options-mapping';
import { formatError } from '../../../src-shared/i18n/format-error';
import { toErrorView } from '../../store/app';
import { useOptionsStore } from '../../store/options';
import { useLanguage } from '../common';

/** Text for a rejected IPC call (main rejects with ErrorViews), through the shared formatError. */
export function useDescribeFailure(): (e: unknown) => string {
  const lang = useLanguage();
  return (e) => {
    const f = formatError(toErrorView(e), lang);
    return f.description ? `${f.message} ${f.description}` : f.message;
  };
}

export function useFieldErrorText(error: FieldError | null | undefined): string | null {
  const { t } = useTranslation('advanced');
  return error ? t(`errors.${error.code}`, error.params ?? {}) : null;
}

export function ErrorLine({ id, text }: { id: string; text: string | null }) {
  if (!text) return null;
  return (
    <p id={id} className="adv-error" role="alert">
      {text}
    </p>
  );
}

interface CheckFieldProps {
  testId: string;
  label: string;
  hint: string;
  checked: boolean;
  disabled?: boolean;
  onChange(checked: boolean): void;
  /** Extra lines under the explanation (notes, warnings). */
  children?: ReactNode;
}

export function CheckField({ testId, label, hint, checked, disabled, onChange, children }: CheckFieldProps) {
  const id = useId();
  return (
    <div className={disabled ? 'adv-field adv-field-disabled' : 'adv-field'}>
      <div className="adv-check">
        <input
          id={id}
          type="checkbox"
          data-testid={testId}
          checked={checked}
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <div id={`${id}-hint`} className="adv-hint-block">
        <p className="adv-hint">{hint}</p>
        {children}
      </div>
    </div>
  );
}

interface IinFieldProps {
  kind: IdKind;
  label: string;
  value: string;
  /** Key into the store's `errors` (fieldKey.*). */
  errorKey: string;
  testId: string;
  inputId?: string;
  onChange(value: string): void;
}

/**
 * Shows a wrong length only once the user leaves the field; a wrong check digit or a
 * stray character as soon as it is typed.
 */
export function IinField({ kind, label, value, errorKey, testId, inputId, onChange }: IinFieldProps) {
  const generated = useId();
  const id = inputId ?? generated;
  const [touched, setTouched] = useState(false);
  const error = useOptionsStore((s) => s.errors[errorKey]);
  const digits = cleanIinBin(value, kind);
  const visible = error && (touched || digits.length >= 12 || /\D/.test(digits)) ? error : null;
  const text = useFieldErrorText(visible);
  return (
    <div className="adv-iin">
      <label htmlFor={id} className="adv-small-label">
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={40}
        size={14}
        data-testid={testId}
        value={value}
        aria-invalid={visible ? true : undefined}
        aria-describedby={visible ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => setTouched(true)}
      />
      <ErrorLine id={`${id}-error`} text={text} />
    </div>
  );
}
