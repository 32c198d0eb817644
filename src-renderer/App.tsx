/**
 * The window: the current screen above an always-visible status bar. Screens follow the
 * state (files chosen, job phase), never a router.
 */
import { useEffect, useRef, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AlreadySignedPanel } from './components/AlreadySignedPanel';
import { CheckDropArea, CheckError, CheckScreen } from './components/CheckFile';
import { MultiCosignScreen } from './components/MultiCosignScreen';
import { useCheckStore } from './store/check';
import { DropZone, hasFiles } from './components/DropZone';
import { FilesProblems } from './components/FilesProblems';
import { JobScreen } from './components/JobScreen';
import { SelectedScreen } from './components/SelectedScreen';
import { StatusBar } from './components/StatusBar';
import { HistoryView } from './components/outbox/HistoryView';
import { OutboxPanel } from './components/outbox/OutboxPanel';
import { useOutboxStore } from './store/outbox';
import { SettingsView } from './components/settings/SettingsView';
import { sigex, useAppStore } from './store/app';
import { useConnectionStore } from './store/connection';
import { useFilesStore } from './store/files';
import { useJobsStore, selectCurrentJob } from './store/jobs';
import { useSettingsStore } from './store/settings';

function MainScreen() {
  const files = useFilesStore((s) => s.files);
  const job = useJobsStore(selectCurrentJob);
  const starting = useJobsStore((s) => s.starting);
  const startError = useJobsStore((s) => s.startError);
  const checking = useCheckStore((s) => s.entry);

  const jobScreen = job || starting || startError ? <JobScreen /> : null;
  // A cancelled job renders nothing: back to the selected files (with a notice).
  if (jobScreen && !(job && (job.phase === 'cancelled' || job.error?.kind === 'cancelled'))) return jobScreen;

  if (files.length === 0) {
    if (checking) return <CheckScreen />;
    return (
      <>
        <DropZone />
        <FilesProblems />
        <CheckDropArea />
        <CheckError />
      </>
    );
  }
  const single = files.length === 1 ? files[0] : undefined;
  if (single?.sigexIdInName) return <AlreadySignedPanel file={{ ...single, sigexIdInName: single.sigexIdInName }} />;
  // Several files, all already registered: add my signature to each, in one NCALayer dialog.
  if (files.length > 1 && files.every((f) => f.sigexIdInName)) return <MultiCosignScreen files={files} />;
  return <SelectedScreen />;
}

function Notices() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (!notices.includes('settings-reset')) return null;
  return (
    <div className="notice notice-warn banner" role="status">
      <span>{t('common:notices.settingsReset')}</span>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => dismiss('settings-reset')}>
        {t('common:actions.close')}
      </button>
    </div>
  );
}

export function App() {
  const view = useAppStore((s) => s.view);
  const closeSettings = useAppStore((s) => s.closeSettings);
  const setSettings = useSettingsStore((s) => s.setSettings);

  // Job progress from main; unsubscribed when the app goes away.
  useEffect(() => sigex().onJobUpdate((job) => useJobsStore.getState().applyUpdate(job)), []);

  // Signed files waiting for SIGEX: the list now, then every change.
  useEffect(() => {
    const off = sigex().onOutboxUpdate((items) => useOutboxStore.getState().apply(items));
    void useOutboxStore.getState().load();
    return off;
  }, []);

  // Files from the command line / Explorer: those that came before the window listened, then each arrival.
  useEffect(() => {
    const take = () => void useFilesStore.getState().takeOpened();
    const off = sigex().onFilesOpened(take);
    take();
    return off;
  }, []);

  // Connection: at start, and whenever the window comes back into focus.
  useEffect(() => {
    const connection = useConnectionStore.getState();
    void connection.check();
    const onFocus = () => void useConnectionStore.getState().checkIfStale();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  // A file dropped outside the drop zone must not make the window navigate to it.
  useEffect(() => {
    const stop = (e: globalThis.DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  // Leaving Settings (Close, Escape or History): addresses or trust may have changed, so
  // refresh what depends on them.
  const previousView = useRef(view);
  useEffect(() => {
    if (previousView.current === 'settings' && view !== 'settings') {
      void useAppStore.getState().refreshInfo();
      void useSettingsStore.getState().load();
      void useConnectionStore.getState().check();
    }
    previousView.current = view;
  }, [view]);
  const onClose = closeSettings;

  // Dropping more files anywhere on the selected-files screen adds them.
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e) || view !== 'main') return;
    const state = useJobsStore.getState();
    const job = selectCurrentJob(state);
    if (state.starting || (job && job.phase !== 'cancelled')) return;
    e.preventDefault();
    const dropped = Array.from(e.dataTransfer.files);
    if (dropped.length > 0) void useFilesStore.getState().addDropped(dropped);
  };

  return (
    <div className="app">
      <main id="main" className="app-main" onDragOver={(e) => hasFiles(e) && e.preventDefault()} onDrop={onDrop}>
        <Notices />
        {view === 'settings' ? (
          <SettingsView onClose={onClose} onSettingsChange={setSettings} />
        ) : view === 'history' ? (
          <HistoryView />
        ) : (
          <>
            <MainScreen />
            <OutboxPanel />
          </>
        )}
      </main>
      <StatusBar />
    </div>
  );
}
