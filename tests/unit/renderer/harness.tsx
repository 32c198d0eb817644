/**
 * Test harness for renderer components: a fake `window.sigex` (jest.fn per method, job
 * updates pushed by the test), i18n set up with a missing-key recorder, stores reset.
 */
import { act, render } from '@testing-library/react';
import { App } from '../../../src-renderer/App';
import type {
  AppInfo,
  ConnectionStatus,
  DocumentCard,
  FileEntry,
  FileJobView,
  JobView,
  OutboxItemView,
  SettingsView,
  SigexApi,
} from '../../../src-main/ipc/contract';
import { DEFAULT_DOCUMENT_SETTINGS } from '../../../src-main/ipc/contract';
import { initI18n } from '../../../src-renderer/i18n';
import { useAppStore } from '../../../src-renderer/store/app';
import { useConnectionStore } from '../../../src-renderer/store/connection';
import { useFilesStore } from '../../../src-renderer/store/files';
import { useJobsStore } from '../../../src-renderer/store/jobs';
import { useOutboxStore } from '../../../src-renderer/store/outbox';
import { useSettingsStore } from '../../../src-renderer/store/settings';
import { initOptionsFromSettings } from '../../../src-renderer/store/options';

type Mocked<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? jest.Mock<R, A> : T[K] };

export type FakeSigex = Mocked<SigexApi> & {
  /** Pushes a job update to every subscriber, as main does. */
  emit(job: JobView): void;
  listeners: Set<(job: JobView) => void>;
  /** Pushes an outbox list to every subscriber, as main does. */
  emitOutbox(items: OutboxItemView[]): void;
  outboxListeners: Set<(items: OutboxItemView[]) => void>;
};

export const HANDLE_A = 'fh_aaaaaaaaaaaaaaaaaaaaaaaa';
export const HANDLE_B = 'fh_bbbbbbbbbbbbbbbbbbbbbbbb';
export const JOB_ID = 'job_test0001';
export const DOC_ID = 'lQsqLBaS4nQAIIMm';

export const settingsView = (over: Partial<SettingsView> = {}): SettingsView => ({
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
  ...over,
});

export const appInfo = (over: Partial<AppInfo> = {}): AppInfo => ({
  version: '0.1.0',
  sigexUrl: 'https://sigex.kz',
  ncalayerUrl: 'wss://127.0.0.1:13579/',
  overriddenByEnv: [],
  host: 'web',
  systemLanguage: 'ru',
  notices: [],
  ...over,
});

export const connectionOk: ConnectionStatus = {
  ncalayer: { state: 'ok', service: 'NCALayer', version: '1.4' },
  sigex: { state: 'ok', version: '3.0' },
};

export function fileEntry(name: string, handle = HANDLE_A, size = 2048, sigexIdInName?: string): FileEntry {
  return { handle, name, size, ...(sigexIdInName ? { sigexIdInName } : {}) };
}

export function registeredFile(over: Partial<FileJobView> = {}): FileJobView {
  return {
    handle: HANDLE_A,
    name: 'act.pdf',
    size: 2048,
    status: 'registered',
    documentId: DOC_ID,
    documentUrl: `https://sigex.kz/en/show/?id=${DOC_ID}`,
    verifyUrl: 'https://sigex.kz/en/verify/',
    emailOutcome: 'not-sent',
    copy: { name: `act-SigexId${DOC_ID}.pdf`, saved: true, folder: 'C:\\Users\\acc\\Documents' },
    suggestedNames: { withExtension: `act-SigexId${DOC_ID}.pdf`, withoutExtension: `act-SigexId${DOC_ID}` },
    ...over,
  };
}

/** A document card with `n` signatures (S0, S1, ...), no limit or restrictions, this file's bytes. */
export const documentCard = (n: number): DocumentCard => ({
  file: '/w/act-SigexId.pdf',
  documentId: DOC_ID,
  title: 'act.pdf',
  signaturesTotal: n,
  signatures: Array.from({ length: n }, (_, i) => ({ signId: i + 1, signer: `S${i}`, tsp: true, ocsp: true })),
  signaturesLimit: 0,
  restrictions: { unique: [], requirements: 0, strictRequirements: false },
  documentUrl: `https://sigex.kz/show/?id=${DOC_ID}`,
  sha256: 'ab',
  size: 10,
  matches: true,
});

export function job(over: Partial<JobView> = {}): JobView {
  return { jobId: JOB_ID, method: 'ncalayer', phase: 'connecting', files: [], cancellable: true, ...over };
}

export function installFakeSigex(): FakeSigex {
  const listeners = new Set<(job: JobView) => void>();
  const outboxListeners = new Set<(items: OutboxItemView[]) => void>();
  const fake = {
    listeners,
    emit: (j: JobView) => act(() => listeners.forEach((l) => l(j))),
    getAppInfo: jest.fn(async () => appInfo()),
    getSettings: jest.fn(async () => settingsView()),
    updateSettings: jest.fn(async (patch) => settingsView(patch as Partial<SettingsView>)),
    chooseCopyFolder: jest.fn(async () => settingsView()),
    chooseCaFile: jest.fn(async () => settingsView()),
    chooseFiles: jest.fn(async () => [] as FileEntry[]),
    addDroppedFiles: jest.fn(async () => [] as FileEntry[]),
    releaseFiles: jest.fn(async () => undefined),
    checkConnection: jest.fn(async () => connectionOk),
    testConnection: jest.fn(async () => connectionOk),
    getSigexConsts: jest.fn(async () => ({ authorities: [], certificationAuthorities: [] })),
    startSigning: jest.fn(async () => ({ jobId: JOB_ID })),
    cancelSigning: jest.fn(async () => undefined),
    saveCopy: jest.fn(async () => registeredFile()),
    showCopy: jest.fn(async () => undefined),
    openExternal: jest.fn(async () => true),
    log: jest.fn(async () => undefined),
    onJobUpdate: jest.fn((listener: (job: JobView) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    takeOpenedFiles: jest.fn(async () => ({ files: [] as FileEntry[], errors: [] })),
    onFilesOpened: jest.fn(() => () => undefined),
    outboxListeners,
    emitOutbox: (items: OutboxItemView[]) => act(() => outboxListeners.forEach((l) => l(items))),
    listOutbox: jest.fn(async () => [] as OutboxItemView[]),
    retryOutbox: jest.fn(async () => undefined),
    discardOutbox: jest.fn(async () => undefined),
    onOutboxUpdate: jest.fn((listener: (items: OutboxItemView[]) => void) => {
      outboxListeners.add(listener);
      return () => outboxListeners.delete(listener);
    }),
    queryHistory: jest.fn(async () => ({ entries: [], total: 0 })),
    exportHistoryCsv: jest.fn(async () => '\uFEFF'),
    showHistoryCopy: jest.fn(async () => undefined),
    saveHistoryCopy: jest.fn(),
    // the document card of a -SigexId file: pending unless a test answers it
    checkDocument: jest.fn(() => new Promise(() => undefined)),
    cosign: jest.fn(),
    cosignQrStart: jest.fn(),
    cosignQrNext: jest.fn(),
    cosignQrCancel: jest.fn(async () => undefined),
    saveDocumentCard: jest.fn(),
  } as unknown as FakeSigex;
  Object.defineProperty(window, 'sigex', { value: fake, configurable: true, writable: true });
  return fake;
}

const initial = {
  app: useAppStore.getState(),
  connection: useConnectionStore.getState(),
  files: useFilesStore.getState(),
  jobs: useJobsStore.getState(),
  settings: useSettingsStore.getState(),
  outbox: useOutboxStore.getState(),
};

export const missingKeys: string[] = [];

/** Fresh stores, the given language, and an empty missing-key list. */
export async function resetRenderer(lang: 'en' | 'ru' | 'kk' = 'en'): Promise<void> {
  useAppStore.setState(initial.app, true);
  useConnectionStore.setState(initial.connection, true);
  useFilesStore.setState(initial.files, true);
  useOutboxStore.setState(initial.outbox, true);
  useJobsStore.setState(initial.jobs, true);
  useSettingsStore.setState(initial.settings, true);
  useAppStore.getState().setInfo(appInfo());
  const settings = settingsView({ language: lang });
  useSettingsStore.getState().setSettings(settings);
  initOptionsFromSettings(settings);
  await initI18n(lang, { onMissingKey: (_lngs, ns, key) => missingKeys.push(`${ns}:${key}`) });
  missingKeys.length = 0;
}

/** Puts a job on screen as if startSigning had returned and main had pushed it. */
export function showJob(view: JobView, method: 'ncalayer' | 'qr' = view.method): void {
  act(() => {
    useJobsStore.setState({
      currentJobId: view.jobId,
      jobs: { [view.jobId]: view },
      starting: false,
      startError: null,
      lastRequest: {
        handles: view.files.map((f) => f.handle).length ? view.files.map((f) => f.handle) : [HANDLE_A],
        method,
        options: { emails: [], settings: DEFAULT_DOCUMENT_SETTINGS },
      },
    });
  });
}

export function setFiles(files: FileEntry[]): void {
  act(() => useFilesStore.setState({ files }));
}

/** A DataTransfer-like object jsdom can carry in a drop event. */
export function dataTransfer(files: File[]) {
  return { files, types: ['Files'], dropEffect: 'none', items: files.map((f) => ({ kind: 'file', type: f.type, getAsFile: () => f })) };
}

/** Renders the whole app and lets the start-up connection check settle inside act(). */
export async function renderApp(): Promise<ReturnType<typeof render>> {
  const view = render(<App />);
  await act(async () => undefined);
  return view;
}
