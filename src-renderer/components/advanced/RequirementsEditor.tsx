/**
 * Signer requirements: rows of {IIN, BIN, authorities, CA}. A row left empty is ignored
 * (formToOptions drops it). Authority names come from SIGEX in the current language.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthorityOption } from '../../../src-main/ipc/contract';
import { MAX_AUTHORITIES, MAX_REQUIREMENTS, fieldKey, type CaChoice, type RequirementRow } from '../../lib/options-mapping';
import { useOptionsStore } from '../../store/options';
import { useLanguage } from '../common';
import { IinField } from './fields';

export function RequirementsEditor() {
  const { t } = useTranslation('advanced');
  const rows = useOptionsStore((s) => s.form.requirements);
  const source = useOptionsStore((s) => s.authoritiesSource);
  const { addRequirement } = useOptionsStore.getState();
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const titleId = useId();
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void useOptionsStore.getState().loadAuthorities();
  }, []);

  useEffect(() => {
    if (focusRow) document.getElementById(`req-${focusRow}-iin`)?.focus();
  }, [focusRow]);

  return (
    <section className="adv-group" aria-labelledby={titleId}>
      <h3 id={titleId} className="adv-group-title">
        {t('requirements.title')}
      </h3>
      <p className="adv-hint">{t('requirements.hint')}</p>
      {rows.length === 0 ? (
        <p className="adv-hint adv-muted">{t('requirements.empty')}</p>
      ) : (
        <p className="adv-hint adv-muted">{t('requirements.rowHint')}</p>
      )}
      {source === 'bundled' && rows.length > 0 && <p className="adv-hint adv-muted">{t('requirements.fallback')}</p>}
      {rows.map((row, index) => (
        <RequirementRowEditor key={row.id} row={row} n={index + 1} onRemoved={() => addRef.current?.focus()} />
      ))}
      <button
        type="button"
        className="btn"
        ref={addRef}
        data-testid="add-requirement"
        disabled={rows.length >= MAX_REQUIREMENTS}
        onClick={() => setFocusRow(addRequirement())}
      >
        + {t('requirements.add')}
      </button>
    </section>
  );
}

function RequirementRowEditor({ row, n, onRemoved }: { row: RequirementRow; n: number; onRemoved(): void }) {
  const { t } = useTranslation('advanced');
  const { updateRequirement, removeRequirement } = useOptionsStore.getState();
  const caId = useId();
  return (
    <fieldset className="adv-row" data-testid="requirement-row">
      <legend className="adv-row-legend">{t('requirements.row', { n })}</legend>
      <IinField
        kind="iin"
        label={t('requirements.iin')}
        inputId={`req-${row.id}-iin`}
        testId="requirement-iin"
        value={row.iin}
        errorKey={fieldKey.requirementIin(row.id)}
        onChange={(iin) => updateRequirement(row.id, { iin })}
      />
      <IinField
        kind="bin"
        label={t('requirements.bin')}
        testId="requirement-bin"
        value={row.bin}
        errorKey={fieldKey.requirementBin(row.id)}
        onChange={(bin) => updateRequirement(row.id, { bin })}
      />
      <AuthoritiesPicker selected={row.authorities} onChange={(authorities) => updateRequirement(row.id, { authorities })} />
      <div className="adv-ca">
        <label htmlFor={caId} className="adv-small-label">
          {t('requirements.ca')}
        </label>
        <select
          id={caId}
          data-testid="requirement-ca"
          value={row.ca}
          onChange={(e) => updateRequirement(row.id, { ca: e.target.value as CaChoice })}
        >
          <option value="any">{t('requirements.caAny')}</option>
          <option value="nca">{t('requirements.caNca')}</option>
        </select>
      </div>
      <button
        type="button"
        className="btn btn-small adv-remove"
        aria-label={t('requirements.remove', { n })}
        title={t('requirements.remove', { n })}
        onClick={() => {
          removeRequirement(row.id);
          onRemoved();
        }}
      >
        ×
      </button>
    </fieldset>
  );
}

/** A disclosure with one checkbox per authority: keyboard-friendly, unlike <select multiple>. */
function AuthoritiesPicker({ selected, onChange }: { selected: string[]; onChange(next: string[]): void }) {
  const { t } = useTranslation('advanced');
  const authorities = useOptionsStore((s) => s.authorities);
  const language = useLanguage();
  // Keep OIDs SIGEX does not list (e.g. from an older preset) visible and removable.
  const unknown: AuthorityOption[] = selected
    .filter((oid) => !authorities.some((a) => a.oid === oid))
    .map((oid) => ({ oid, names: { en: oid, ru: oid, kk: oid } }));
  const summary =
    selected.length === 0 ? t('requirements.authoritiesNone') : t('requirements.authoritiesSelected', { count: selected.length });

  const toggle = (oid: string, on: boolean) => {
    if (on && selected.length >= MAX_AUTHORITIES) return;
    onChange(on ? [...selected, oid] : selected.filter((o) => o !== oid));
  };

  return (
    <details className="adv-authorities" data-testid="requirement-authorities">
      <summary>
        <span className="adv-small-label">{t('requirements.authorities')}</span> <span>{summary}</span>
      </summary>
      <fieldset className="adv-authorities-list">
        <legend className="visually-hidden">{t('requirements.authorities')}</legend>
        {[...authorities, ...unknown].map((a) => (
          <label key={a.oid} className="adv-check" title={a.oid}>
            <input type="checkbox" checked={selected.includes(a.oid)} onChange={(e) => toggle(a.oid, e.target.checked)} />
            <span>{unknown.includes(a) ? t('requirements.unknownAuthority', { oid: a.oid }) : a.names[language] || a.oid}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
