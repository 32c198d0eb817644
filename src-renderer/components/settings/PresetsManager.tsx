/** Settings view: the list of presets with rename and delete (saved at once). */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset, SettingsPatch } from '../../../src-main/ipc/contract';
import { Confirm } from '../advanced/PresetBar';

interface PresetsManagerProps {
  presets: Preset[];
  busy: boolean;
  /** Saves the patch; resolves true when it was saved. */
  onSave(patch: SettingsPatch, done: string): Promise<boolean>;
}

type Editing = { kind: 'rename'; from: string; name: string; error?: string } | { kind: 'delete'; name: string } | null;

export function PresetsManager({ presets, busy, onSave }: PresetsManagerProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const [editing, setEditing] = useState<Editing>(null);

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    if (editing?.kind !== 'rename') return;
    const name = editing.name.trim();
    if (name === '') return setEditing({ ...editing, error: t('presets.nameEmpty') });
    if (name !== editing.from && presets.some((p) => p.name === name)) return setEditing({ ...editing, error: t('presets.nameTaken') });
    const next = presets.map((p) => (p.name === editing.from ? { ...p, name } : p));
    if (await onSave({ presets: next }, t('presets.renamed'))) setEditing(null);
  };

  const remove = async (name: string) => {
    if (await onSave({ presets: presets.filter((p) => p.name !== name) }, t('presets.deleted', { name }))) setEditing(null);
  };

  return (
    <section className="set-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="set-section-title">
        {t('presets.title')}
      </h3>
      {presets.length === 0 && <p className="set-hint">{t('presets.none')}</p>}
      <ul className="set-presets">
        {presets.map((preset) => (
          <li key={preset.name} className="set-preset" data-testid="settings-preset">
            {editing?.kind === 'rename' && editing.from === preset.name ? (
              <form className="set-inline" onSubmit={(e) => void rename(e)}>
                <label className="visually-hidden" htmlFor={`${id}-rename`}>
                  {t('presets.renameLabel', { name: preset.name })}
                </label>
                <input
                  id={`${id}-rename`}
                  type="text"
                  maxLength={80}
                  autoFocus
                  data-testid="settings-preset-name"
                  value={editing.name}
                  aria-invalid={editing.error ? true : undefined}
                  aria-describedby={editing.error ? `${id}-rename-error` : undefined}
                  onChange={(e) => setEditing({ ...editing, name: e.target.value, error: undefined })}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      e.preventDefault();
                      setEditing(null);
                    }
                  }}
                />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {t('presets.save')}
                </button>
                <button type="button" className="btn" onClick={() => setEditing(null)}>
                  {t('presets.cancel')}
                </button>
                {editing.error && (
                  <p id={`${id}-rename-error`} className="set-error" role="alert">
                    {editing.error}
                  </p>
                )}
              </form>
            ) : editing?.kind === 'delete' && editing.name === preset.name ? (
              <Confirm
                text={t('presets.deleteConfirm', { name: preset.name })}
                confirm={t('presets.confirmDelete')}
                cancel={t('presets.cancel')}
                busy={busy}
                onConfirm={() => void remove(preset.name)}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <div className="set-inline">
                <span className="set-preset-name">{preset.name}</span>
                <button
                  type="button"
                  className="btn"
                  aria-label={`${t('presets.rename')}: ${preset.name}`}
                  onClick={() => setEditing({ kind: 'rename', from: preset.name, name: preset.name })}
                >
                  {t('presets.rename')}
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label={`${t('presets.delete')}: ${preset.name}`}
                  onClick={() => setEditing({ kind: 'delete', name: preset.name })}
                >
                  {t('presets.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
