/**
 * Presets of recipients + advanced settings: load the default or a named preset into the
 * form, save the form as the default or as a preset (with overwrite confirmation), delete.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset, SettingsPatch, SettingsView } from '../../../src-main/ipc/contract';
import { sameOptions } from '../../lib/options-mapping';
import { useOptionsStore } from '../../store/options';
import { sigex } from '../../store/app';
import { useDescribeFailure } from './fields';
import './advanced.css';

export { initOptionsFromSettings } from '../../store/options';

export const MAX_PRESETS = 50;
const DEFAULT_VALUE = '__default';
const CHANGED_VALUE = '__changed';

export interface PresetBarProps {
  settings: Pick<SettingsView, 'defaultOptions' | 'presets'>;
  /** Receives the settings returned by `updateSettings` after every save. */
  onSettingsChange(settings: SettingsView): void;
}

type Mode = { kind: 'idle' } | { kind: 'naming'; name: string } | { kind: 'overwrite'; name: string } | { kind: 'deleting'; name: string };
type Status = { tone: 'ok' | 'error'; text: string } | null;

export function PresetBar({ settings, onSettingsChange }: PresetBarProps) {
  const { t } = useTranslation('advanced');
  const options = useOptionsStore((s) => s.options);
  const valid = useOptionsStore((s) => s.valid);
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const describeFailure = useDescribeFailure();

  const current = sameOptions(options, settings.defaultOptions)
    ? DEFAULT_VALUE
    : (settings.presets.find((p) => sameOptions(options, p.options))?.name ?? CHANGED_VALUE);
  const selectedPreset = settings.presets.find((p) => p.name === current);

  const save = async (patch: SettingsPatch, done: string): Promise<boolean> => {
    setBusy(true);
    try {
      onSettingsChange(await sigex().updateSettings(patch));
      setStatus({ tone: 'ok', text: done });
      setMode({ kind: 'idle' });
      return true;
    } catch (e) {
      setStatus({ tone: 'error', text: t('presets.failed', { message: describeFailure(e) }) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const requireValid = () => {
    if (!valid) setStatus({ tone: 'error', text: t('presets.fixErrors') });
    return valid;
  };

  const load = (value: string) => {
    setStatus(null);
    if (value === DEFAULT_VALUE) useOptionsStore.getState().loadFrom(settings.defaultOptions);
    const preset = settings.presets.find((p) => p.name === value);
    if (preset) useOptionsStore.getState().loadFrom(preset.options);
  };

  const saveDefault = async () => {
    if (!requireValid()) return;
    // reset() after a signing returns to the new default.
    if (await save({ defaultOptions: options }, t('presets.savedDefault'))) useOptionsStore.setState({ defaults: options });
  };

  const writePreset = (name: string) => {
    const preset: Preset = { name, options };
    const exists = settings.presets.some((p) => p.name === name);
    const presets = exists ? settings.presets.map((p) => (p.name === name ? preset : p)) : [...settings.presets, preset];
    return save({ presets }, t('presets.savedPreset', { name }));
  };

  const submitName = (e: FormEvent) => {
    e.preventDefault();
    if (mode.kind !== 'naming') return;
    const name = mode.name.trim();
    if (name === '') return setStatus({ tone: 'error', text: t('presets.nameEmpty') });
    if (!requireValid()) return;
    if (settings.presets.some((p) => p.name === name)) return setMode({ kind: 'overwrite', name });
    if (settings.presets.length >= MAX_PRESETS) return setStatus({ tone: 'error', text: t('presets.tooMany', { max: MAX_PRESETS }) });
    void writePreset(name);
  };

  return (
    <div className="adv-presets">
      <div className="adv-presets-row">
        <label htmlFor={`${id}-select`} className="adv-label">
          {t('presets.label')}
        </label>
        <select id={`${id}-select`} data-testid="preset-select" value={current} onChange={(e) => load(e.target.value)}>
          <option value={DEFAULT_VALUE}>{t('presets.default')}</option>
          {settings.presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
          {current === CHANGED_VALUE && (
            <option value={CHANGED_VALUE} disabled>
              {t('presets.changed')}
            </option>
          )}
        </select>
        <button type="button" className="btn" data-testid="save-default" disabled={busy} onClick={() => void saveDefault()}>
          {t('presets.saveDefault')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="save-preset"
          disabled={busy}
          onClick={() => {
            setStatus(null);
            setMode({ kind: 'naming', name: selectedPreset?.name ?? '' });
          }}
        >
          {t('presets.savePreset')}
        </button>
        {selectedPreset && (
          <button
            type="button"
            className="btn btn-quiet"
            data-testid="delete-preset"
            disabled={busy}
            onClick={() => setMode({ kind: 'deleting', name: selectedPreset.name })}
          >
            {t('presets.delete')}
          </button>
        )}
      </div>

      {mode.kind === 'naming' && (
        <form className="adv-presets-row" onSubmit={submitName}>
          <label htmlFor={`${id}-name`} className="adv-small-label">
            {t('presets.name')}
          </label>
          <input
            id={`${id}-name`}
            data-testid="preset-name"
            type="text"
            maxLength={80}
            autoFocus
            value={mode.name}
            onChange={(e) => setMode({ kind: 'naming', name: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setMode({ kind: 'idle' });
              }
            }}
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('presets.save')}
          </button>
          <button type="button" className="btn" onClick={() => setMode({ kind: 'idle' })}>
            {t('presets.cancel')}
          </button>
        </form>
      )}

      {mode.kind === 'overwrite' && (
        <Confirm
          text={t('presets.overwrite', { name: mode.name })}
          confirm={t('presets.replace')}
          cancel={t('presets.cancel')}
          busy={busy}
          onConfirm={() => void writePreset(mode.name)}
          onCancel={() => setMode({ kind: 'naming', name: mode.name })}
        />
      )}

      {mode.kind === 'deleting' && (
        <Confirm
          text={t('presets.deleteConfirm', { name: mode.name })}
          confirm={t('presets.delete')}
          cancel={t('presets.cancel')}
          busy={busy}
          onConfirm={() =>
            void save({ presets: settings.presets.filter((p) => p.name !== mode.name) }, t('presets.deleted', { name: mode.name }))
          }
          onCancel={() => setMode({ kind: 'idle' })}
        />
      )}

      <p className={status?.tone === 'error' ? 'adv-error' : 'adv-status'} role="status" data-testid="preset-status">
        {status?.text}
      </p>
    </div>
  );
}

interface ConfirmProps {
  text: string;
  confirm: string;
  cancel: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function Confirm({ text, confirm, cancel, busy, onConfirm, onCancel }: ConfirmProps) {
  return (
    <div className="adv-confirm" role="group" aria-label={text}>
      <span>{text}</span>
      <button type="button" className="btn btn-primary" data-testid="confirm-yes" disabled={busy} autoFocus onClick={onConfirm}>
        {confirm}
      </button>
      <button type="button" className="btn" data-testid="confirm-no" onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
