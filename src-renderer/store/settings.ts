/** The persisted settings as main reports them; every change goes through main. */
import { create } from 'zustand';
import type { SettingsPatch, SettingsView } from '../../src-main/ipc/contract';
import { logWarning, sigex } from './app';

interface SettingsState {
  settings: SettingsView | null;
  setSettings(settings: SettingsView): void;
  load(): Promise<SettingsView | null>;
  /** Persists a patch; resolves with the settings main saved. */
  update(patch: SettingsPatch): Promise<SettingsView>;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
  load: async () => {
    try {
      const settings = await sigex().getSettings();
      set({ settings });
      return settings;
    } catch (e) {
      logWarning('could not load settings', e);
      return null;
    }
  },
  update: async (patch) => {
    const settings = await sigex().updateSettings(patch);
    set({ settings });
    return settings;
  },
}));
