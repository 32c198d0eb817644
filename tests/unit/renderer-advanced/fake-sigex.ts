/**
 * A fake `window.sigex` for the advanced/settings component tests: settings live in memory,
 * updateSettings applies the patch like main does and the dialogs change them, so a test sees
 * what a save left behind. Kept apart from tests/unit/renderer/harness.tsx on purpose: that
 * harness loads the whole App, these tests only the components under test.
 */
import {
  DEFAULT_DOCUMENT_SETTINGS,
  type AppInfo,
  type ConnectionStatus,
  type SettingsPatch,
  type SettingsView,
  type SigexApi,
  type SigexConsts,
} from '../../../src-main/ipc/contract';
import { initI18n } from '../../../src-renderer/i18n';
import { useOptionsStore } from '../../../src-renderer/store/options';

export function baseSettings(patch: Partial<SettingsView> = {}): SettingsView {
  return {
    language: 'en',
    sigexUrl: 'https://sigex.kz',
    ncalayerUrl: 'wss://127.0.0.1:13579/',
    extraCaFile: null,
    autoSaveCopy: true,
    autoSaveCard: false,
    copyLocation: 'next-to-original',
    copyFolder: null,
    defaultOptions: { emails: [], settings: DEFAULT_DOCUMENT_SETTINGS },
    presets: [],
    recentEmails: [],
    ...patch,
  };
}

export const APP_INFO: AppInfo = {
  version: '0.1.0',
  sigexUrl: 'https://sigex.kz',
  ncalayerUrl: 'wss://127.0.0.1:13579/',
  overriddenByEnv: [],
  host: 'web',
  systemLanguage: 'en',
  notices: [],
};

export const CONSTS: SigexConsts = {
  authorities: [
    { oid: '1.2.398.3.3.4.1.2.1', names: { en: 'CEO (from SIGEX)', ru: 'Руководитель (из SIGEX)', kk: 'Басшы (SIGEX-тен)' } },
    { oid: '1.2.398.3.3.4.1.2.3', names: { en: 'Finance signer (from SIGEX)', ru: 'Финансы (из SIGEX)', kk: 'Қаржы (SIGEX-тен)' } },
  ],
  certificationAuthorities: [{ id: 'nca', names: { en: 'NCA RK', ru: 'НУЦ РК', kk: 'ҚР ҰКО' } }],
};

export const CONNECTION_OK: ConnectionStatus = {
  ncalayer: { state: 'ok', service: 'NCALayer', version: '1.4' },
  sigex: { state: 'ok', version: '3.0' },
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
    checkConnection: jest.fn(async () => CONNECTION_OK),
    testConnection: jest.fn(async () => CONNECTION_OK),
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
    takeOpenedFiles: jest.fn(async () => ({ files: [], errors: [] })),
    getDiagnostics: jest.fn(async () => 'SIGEX Desktop 0.0.0-test (electron)\nLast log lines (0):\n'),
    onFilesOpened: jest.fn(() => () => undefined),
    onOutboxUpdate: jest.fn(() => () => undefined),
    listOutbox: jest.fn(async () => []),
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
