/** Archive access: the IINs that may open the document and its data in the SIGEX archive. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ACCESS_ROWS, fieldKey } from '../../lib/options-mapping';
import { useOptionsStore } from '../../store/options';
import { IinField } from './fields';

export function AccessEditor() {
  const { t } = useTranslation('advanced');
  const rows = useOptionsStore((s) => s.form.access);
  const { addAccess, updateAccess, removeAccess } = useOptionsStore.getState();
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const titleId = useId();
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusRow) document.getElementById(`access-${focusRow}`)?.focus();
  }, [focusRow]);

  return (
    <section className="adv-group" aria-labelledby={titleId}>
      <h3 id={titleId} className="adv-group-title">
        {t('access.title')}
      </h3>
      <p className="adv-hint">{t('access.hint')}</p>
      {rows.map((row, index) => (
        <div key={row.id} className="adv-row adv-row-inline">
          <IinField
            kind="iin"
            label={t('access.iin', { n: index + 1 })}
            inputId={`access-${row.id}`}
            testId="access-iin"
            value={row.iin}
            errorKey={fieldKey.accessIin(row.id)}
            onChange={(iin) => updateAccess(row.id, iin)}
          />
          <button
            type="button"
            className="btn btn-small adv-remove"
            aria-label={t('access.remove', { n: index + 1 })}
            title={t('access.remove', { n: index + 1 })}
            onClick={() => {
              removeAccess(row.id);
              addRef.current?.focus();
            }}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn"
        ref={addRef}
        data-testid="add-access"
        disabled={rows.length >= MAX_ACCESS_ROWS}
        onClick={() => setFocusRow(addAccess())}
      >
        + {t('access.add')}
      </button>
    </section>
  );
}
