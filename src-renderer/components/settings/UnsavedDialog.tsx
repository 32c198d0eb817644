/**
 * "Save the changes?" when Settings is left with edits that are not saved: save and leave,
 * leave without saving, or keep editing (Escape). A modal alert dialog: focus starts on
 * "Keep editing" (the choice that loses nothing) and Tab stays inside.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface UnsavedDialogProps {
  busy: boolean;
  onSave(): void;
  onDiscard(): void;
  onKeep(): void;
}

export function UnsavedDialog({ busy, onSave, onDiscard, onKeep }: UnsavedDialogProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => keepRef.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onKeep();
      return;
    }
    if (e.key !== 'Tab') return;
    const buttons = Array.from(dialogRef.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div
        ref={dialogRef}
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        data-testid="settings-unsaved"
      >
        <h2 id={`${id}-title`}>{t('unsaved.title')}</h2>
        <p id={`${id}-text`}>{t('unsaved.text')}</p>
        <div className="actions">
          <button type="button" className="btn btn-primary" data-testid="unsaved-save" disabled={busy} onClick={onSave}>
            {t('unsaved.save')}
          </button>
          <button type="button" className="btn" data-testid="unsaved-discard" disabled={busy} onClick={onDiscard}>
            {t('unsaved.discard')}
          </button>
          <button type="button" className="btn btn-quiet" data-testid="unsaved-keep" ref={keepRef} onClick={onKeep}>
            {t('unsaved.keep')}
          </button>
        </div>
      </div>
    </div>
  );
}
