/**
 * A fake `window.sigex` for the advanced/settings component tests. Unlike the shared renderer
 * harness (whose data builders it reuses), settings live in memory: updateSettings applies the
 * patch like main does and the dialogs change them, so a test sees what a save left behind.
 */
import type { AppInfo, SettingsPatch, SettingsView, SigexApi, SigexConsts } from '../../../src-main/ipc/contract';
import { initI18n } from '../../../src-renderer/i18n';
import { useOptionsStore } from '../../../src-renderer/store/options';
import { appInfo, connectionOk, settingsView as baseSettings } from '../renderer/harness';

export { baseSettings };
export const APP_INFO: AppInfo = appInfo({ systemLanguage: 'en' });

export const CONSTS: SigexConsts = {
  authorities: [
    { oid: '1.2.398.3.3.4.1.2.1', names: { en: 'CEO (from SIGEX)', ru: 'Руководитель (из SIGEX)', kk: 'Басшы (SIGEX-тен)' } },
    { oid: '1.2.398.3.3.4.1.2.3', names: { en: 'Finance signer (from SIGEX)', ru: 'Финансы (из SIGEX)', kk: 'Қаржы (SIGEX-тен)' } },
  ],
  certificationAuthorities: [{ id: 'nca', names: { en: 'NCA RK', ru: 'НУЦ РК', kk: 'ҚР ҰКО' } }],
};

function applyPatch(s: SettingsView, patch: SettingsPatch): SettingsView {
  const { clearExtraCaFile, ...rest } = patch;
  return { ...s, ...rest, ...(clearExtraCaFile ? { extraCaFile: null } : {}) };
}

export interface FakeSigex {
  api: jest.Mocked<SigexApi>;
  /** The settings "main" holds now. */
  settings(): SettingsView;
}

export function installFakeSigex(initial: SettingsView = baseSettings(), info: AppInfo = APP_INFO): FakeSigex {
  let settings = initial;
  const api = {
    getAppInfo: jest.fn(async () => info),
    getSettings: jest.fn(async () => settings),
    updateSettings: jest.fn(async (patch: SettingsPatch) => {
      settings = applyPatch(settings, patch);
      return settings;
    }),
    chooseCopyFolder: jest.fn(async () => {
      settings = { ...settings, copyFolder: 'C:\\Users\\buh\\Signed' };
      return settings;
    }),
    chooseCaFile: jest.fn(async () => {
      settings = { ...settings, extraCaFile: 'C:\\certs\\nca-root.pem' };
      return settings;
    }),
    checkConnection: jest.fn(async () => connectionOk),
    getSigexConsts: jest.fn(async () => CONSTS),
    log: jest.fn(async () => undefined),
    chooseFiles: jest.fn(),
    releaseFiles: jest.fn(),
    startSigning: jest.fn(),
    cancelSigning: jest.fn(),
    saveCopy: jest.fn(),
    showCopy: jest.fn(),
    openExternal: jest.fn(),
    addDroppedFiles: jest.fn(),
    onJobUpdate: jest.fn(() => () => undefined),
  } as unknown as jest.Mocked<SigexApi>;
  (window as unknown as { sigex: SigexApi }).sigex = api;
  return { api, settings: () => settings };
}

const pristineOptions = useOptionsStore.getState();

/** Fresh store (authorities not loaded yet) and English texts. */
export async function resetForTest(): Promise<void> {
  useOptionsStore.setState(pristineOptions, true);
  await initI18n('en');
}
