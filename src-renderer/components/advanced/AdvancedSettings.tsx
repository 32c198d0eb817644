/**
 * The "Advanced settings" panel: every document setting with the SIGEX page's explanation
 * under it. The caller wraps it in a collapsed disclosure; the values live in
 * useOptionsStore, whose `options` is what the signing sends.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKey, limitValue } from '../../lib/options-mapping';
import { useOptionsStore } from '../../store/options';
import { AccessEditor } from './AccessEditor';
import { RequirementsEditor } from './RequirementsEditor';
import { CheckField, ErrorLine, useFieldErrorText } from './fields';
import './advanced.css';

export function AdvancedSettings() {
  const { t } = useTranslation('advanced');
  const form = useOptionsStore((s) => s.form);
  const hasRequirements = useOptionsStore((s) => s.options.settings.signersRequirements.length > 0);
  const limitError = useOptionsStore((s) => s.errors[fieldKey.limit]);
  const limitErrorText = useFieldErrorText(limitError);
  const { setLimit, setFlag } = useOptionsStore.getState();
  const limitId = useId();
  const hasLimit = limitValue(form) > 0;

  return (
    <div className="adv-panel" data-testid="advanced-panel">
      <div className="adv-field">
        <label htmlFor={limitId} className="adv-label">
          {t('limit.label')}
        </label>
        <input
          id={limitId}
          className="adv-limit"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={6}
          data-testid="limit-input"
          value={form.limit}
          aria-invalid={limitError ? true : undefined}
          aria-describedby={`${limitId}-hint${limitError ? ` ${limitId}-error` : ''}`}
          onChange={(e) => setLimit(e.target.value)}
          onBlur={() => {
            if (form.limit.trim() === '') setLimit('0');
          }}
        />
        <p id={`${limitId}-hint`} className="adv-hint">
          {t('limit.hint')}
        </p>
        <ErrorLine id={`${limitId}-error`} text={limitErrorText} />
      </div>

      <CheckField
        testId="switch-private-checkbox"
        label={t('switchPrivate.label')}
        hint={t('switchPrivate.hint')}
        checked={form.switchToPrivate && hasLimit}
        disabled={!hasLimit}
        onChange={(v) => setFlag('switchToPrivate', v)}
      />

      <CheckField
        testId="private-checkbox"
        label={t('private.label')}
        hint={t('private.hint')}
        checked={form.private}
        onChange={(v) => setFlag('private', v)}
      />

      <CheckField
        testId="unique-iin-checkbox"
        label={t('uniqueIin.label')}
        hint={t('uniqueIin.hint')}
        checked={form.uniqueIin}
        onChange={(v) => setFlag('uniqueIin', v)}
      />

      <CheckField
        testId="unique-bin-checkbox"
        label={t('uniqueBin.label')}
        hint={t('uniqueBin.hint')}
        checked={form.uniqueBin}
        onChange={(v) => setFlag('uniqueBin', v)}
      />

      <RequirementsEditor />

      <CheckField
        testId="strict-checkbox"
        label={t('strict.label')}
        hint={t('strict.hint')}
        checked={form.strict && hasRequirements}
        disabled={!hasRequirements}
        onChange={(v) => setFlag('strict', v)}
      >
        {!hasRequirements && <p className="adv-hint adv-muted">{t('strict.needsRequirements')}</p>}
        {hasRequirements && form.strict && (
          <p className="adv-hint adv-muted" data-testid="strict-auto">
            {t('strict.autoOn')}
          </p>
        )}
        {hasRequirements && form.strict && (
          <p className="adv-warning" data-testid="strict-warning">
            <span aria-hidden="true">⚠ </span>
            {t('strict.warning')}
          </p>
        )}
      </CheckField>

      <AccessEditor />
    </div>
  );
}
