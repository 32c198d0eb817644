/**
 * Channel -> core call. Arguments arrive already validated by guard.ts. Electron-free: the
 * Electron main process and the web host both build their dispatcher from these handlers,
 * passing their own dialogs and shell.
 */
import { acceptDroppedPath, currentPathPlatform } from '../core/dropped-paths';
import type { AddressChange } from '../../src-shared/i18n/address-prompt';
import type { AppInfo, ConnectionStatus, CosignOutcome, EventPayloads, FileEntry, Language } from './contract';
import { AppError, toErrorView } from '../core/errors';
import { isAllowedExternalUrl } from '../core/external';
import { loadSigexConsts } from '../core/sigex-consts';
import type { Handlers } from './guard';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { CoreServices } from '../core/compose';
import { saveCopyAgain } from '../core/history/copy-again';
import { historyCsv } from '../core/history/csv';
import type { OpenedFilesInbox } from './opened-files';
import { diagnosticsText } from '../core/diagnostics';
import { ncaLayerClientFor } from '../core/connection';
import { saveDocumentCard, saveRegisteredCard } from '../core/cosign/card';
import { checkFile, sigexIdOf, type CosignSigexPort } from '../core/cosign/check';
import { cosignFiles, type CosignResult } from '../core/cosign/cosign';
import { CosignQrSessions } from './cosign-qr';
import { ConfirmationGate } from './confirmations';
import { recipientCheck } from './recipients';

/** How many log lines "Copy diagnostics" includes. */
export const DIAGNOSTIC_LOG_LINES = 100;

export type { CoreServices } from '../core/compose';

/** Electron-only pieces, given explicitly (the web host passes its own). */
export interface HostPorts {
  kind: AppInfo['host'];
  version: string;
  systemLanguage: Language;
  /** Native open dialog for documents; resolves to paths (never seen by the renderer). */
  chooseFiles(): Promise<string[]>;
  chooseFolder(): Promise<string | null>;
  chooseCaFile(): Promise<string | null>;
  openExternal(url: string): Promise<void>;
  showItemInFolder(file: string): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** The last lines of the log file (Electron); none where there is no log file. */
  logTail?(lines: number): string[];
  /** Files from the command line / Explorer (the Electron app; the web host has none). */
  openedFiles?: OpenedFilesInbox;
  /** Dropped paths must lie inside this directory (the web host's upload folder). */
  droppedRoot?: string;
  /**
   * Asked (by main, never the renderer) before a SIGEX or NCALayer address change takes effect;
   * false keeps the current address. Electron shows a native dialog.
   */
  confirmAddressChange(changes: AddressChange[]): Promise<boolean>;
  /**
   * Asked (by main, never the renderer) before a signing the renderer started makes SIGEX
   * e-mail `documents` signed documents to addresses the user has not confirmed before; true
   * remembers them. Electron shows a native dialog.
   */
  confirmRecipients(emails: readonly string[], documents: number): Promise<boolean>;
}

export type Emit = <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) => void;

export function createHandlers(core: CoreServices, host: HostPorts, emit: Emit): Handlers {
  const qrSessions = new CosignQrSessions();
  // One gate for every native confirmation the renderer can cause (see confirmations.ts).
  const confirmations = new ConfirmationGate();
  // Every channel that makes SIGEX send an e-mail goes through this check first.
  const confirmRecipients = recipientCheck({
    store: core.settings,
    gate: confirmations,
    dialog: (emails, documents) => host.confirmRecipients(emails, documents),
    log: (level, message) => host.log(level, message),
  });
  const addPaths = async (paths: readonly string[]): Promise<FileEntry[]> => {
    const out: FileEntry[] = [];
    for (const p of paths) out.push(await core.files.add(p));
    return out;
  };
  // The renderer names these paths itself: each must pass the dropped-path rules first.
  const addDropped = async (paths: readonly string[]): Promise<FileEntry[]> => {
    const platform = currentPathPlatform();
    const accepted: string[] = [];
    for (const p of paths) accepted.push(await acceptDroppedPath(p, { platform, ...(host.droppedRoot ? { root: host.droppedRoot } : {}) }));
    return addPaths(accepted);
  };

  const lang = (): Language => core.settings.effective().language ?? host.systemLanguage;

  return {
    'app:info': () => {
      const eff = core.settings.effective();
      return {
        version: host.version,
        sigexUrl: eff.sigexUrl,
        ncalayerUrl: eff.ncalayerUrl,
        overriddenByEnv: (Object.keys(core.settings.overrides) as AppInfo['overriddenByEnv']).slice(),
        host: host.kind,
        systemLanguage: host.systemLanguage,
        notices: [...core.settings.notices],
      };
    },
    'settings:get': () => core.settings.view(),
    'settings:update': async (patch) => {
      const stored = core.settings.view();
      const changes: AddressChange[] = [];
      for (const field of ['sigexUrl', 'ncalayerUrl'] as const) {
        const to = patch[field];
        if (to !== undefined && to !== stored[field]) changes.push({ field, from: stored[field], to });
      }
      if (changes.length > 0) {
        const items = changes.map((c) => `${c.field}:${c.to.replace(/\/+$/, '')}`);
        const outcome = await confirmations.ask(items, () => host.confirmAddressChange(changes));
        if (outcome !== 'confirmed') {
          throw new AppError('cancelled', `the address change was not confirmed (${outcome})`, {
            params: { fields: changes.map((c) => c.field).join(', '), reason: outcome },
          });
        }
      }
      return core.settings.update(patch);
    },
    'settings:chooseCopyFolder': async () => {
      const dir = await host.chooseFolder();
      return dir ? core.settings.setPath('copyFolder', dir) : core.settings.view();
    },
    'settings:chooseCaFile': async () => {
      const file = await host.chooseCaFile();
      return file ? core.settings.setPath('extraCaFile', file) : core.settings.view();
    },
    'files:choose': async () => addPaths(await host.chooseFiles()),
    'files:addDropped': (paths) => addDropped(paths),
    'files:takeOpened': () => host.openedFiles?.take() ?? { files: [], errors: [] },
    'files:release': (handles) => core.files.release(handles),
    'connection:check': (): Promise<ConnectionStatus> => core.connection.check(),
    // The typed addresses, except where an environment variable decides (that is what Save would give).
    'connection:test': (typed): Promise<ConnectionStatus> =>
      core.connection.check({
        sigexUrl: core.settings.overrides.sigexUrl ?? typed.sigexUrl.replace(/\/+$/, ''),
        ncalayerUrl: core.settings.overrides.ncalayerUrl ?? typed.ncalayerUrl,
      }),
    'sigex:consts': () => loadSigexConsts(core.connection.sigexClient()),
    'sign:start': async (req) => {
      // By NCALayer or by eGov QR alike: nothing reaches SIGEX before the recipients are confirmed.
      await confirmRecipients(req.options.emails, req.handles.length);
      const { jobId } = core.signing.start(req, (view) => emit('job:update', view));
      return { jobId };
    },
    'sign:cancel': (jobId) => core.signing.cancel(jobId),
    'sign:saveCopy': ({ jobId, handle }) => core.signing.saveCopy(jobId, handle),
    'shell:showCopy': ({ jobId, handle }) => {
      const f = core.signing.file(jobId, handle);
      if (!f.copyPath) throw new AppError('invalid-input', 'no saved copy');
      host.showItemInFolder(f.copyPath);
    },
    'shell:openExternal': async (url) => {
      if (!isAllowedExternalUrl(url, core.settings.effective().sigexUrl)) {
        host.log('warn', `refused to open a URL outside the allow-list`);
        return false;
      }
      await host.openExternal(url);
      return true;
    },
    'log:write': (level, message) => host.log(level, `[renderer] ${message}`),
    'app:diagnostics': async () =>
      diagnosticsText({
        version: host.version,
        host: host.kind,
        settings: core.settings.effective(),
        overriddenByEnv: Object.keys(core.settings.overrides),
        outboxCount: (await core.deliveries.list()).length,
        logTail: host.logTail?.(DIAGNOSTIC_LOG_LINES) ?? [],
      }),
    'sign:retryFile': ({ jobId, handle }) => core.signing.retryFile(jobId, handle),
    'outbox:list': () => core.deliveries.list(),
    'outbox:retry': (id) => {
      // Returns at once; progress arrives as outbox (and job) updates.
      void core.deliveries.deliverRecord(id).catch((e: unknown) => host.log('error', `outbox retry failed: ${String(e)}`));
    },
    'outbox:discard': (id) => core.deliveries.discard(id),
    'history:query': (q) => core.history.query(q),
    'history:exportCsv': async () => historyCsv(await core.history.all()),
    'history:showCopy': async (id) => {
      const entry = await core.history.get(id);
      if (!entry?.copyPath || !(await exists(entry.copyPath))) throw new AppError('invalid-input', 'the copy is not there any more');
      host.showItemInFolder(entry.copyPath);
    },
    'history:saveCopy': (id) => saveCopyAgain(core.history, id, core.settings.effective()),
    'cosign:check': (handle) => {
      const eff = core.settings.effective();
      return checkFile(core.files.get(handle).path, { sigex: core.connection.sigexClient(), sigexUrl: eff.sigexUrl, lang: lang() });
    },
    'cosign:sign': async (handles) => {
      const eff = core.settings.effective();
      const sigexClient = core.connection.sigexClient();
      const results = await cosignFiles(
        handles.map((h) => core.files.get(h).path),
        { sigex: sigexClient, ncalayer: await ncaLayerClientFor(eff), sigexUrl: eff.sigexUrl, lang: lang(), deliveries: core.deliveries },
      );
      return cosignOutcomes(results, eff.autoSaveCard, sigexClient);
    },
    'cosign:qrStart': async (handles) => {
      const eff = core.settings.effective();
      const sigexClient = core.connection.sigexClient();
      const paths = handles.map((h) => core.files.get(h).path);
      const ncalayer = await ncaLayerClientFor(eff);
      return qrSessions.start(async (qr, signal) => {
        const results = await cosignFiles(paths, {
          sigex: sigexClient,
          ncalayer,
          sigexUrl: eff.sigexUrl,
          lang: lang(),
          deliveries: core.deliveries,
          qr,
          signal,
        });
        return cosignOutcomes(results, eff.autoSaveCard, sigexClient);
      });
    },
    'cosign:qrNext': (sessionId, afterVersion) => qrSessions.next(sessionId, afterVersion),
    'cosign:qrCancel': (sessionId) => qrSessions.cancel(sessionId),
    'sign:saveCard': ({ jobId, handle }) => {
      const f = core.signing.file(jobId, handle);
      const documentId = f.view.documentId;
      if (!documentId || f.view.status !== 'registered') throw new AppError('invalid-input', 'the file is not registered yet');
      if (!f.snap) throw new AppError('internal', 'a registered file without its snapshot');
      const dir = f.copyPath ? path.dirname(f.copyPath) : path.dirname(f.file.path);
      // The signed bytes (the copy, or the original while unchanged), never a file edited since.
      const signed = { path: f.file.path, signed: f.snap, ...(f.copyPath ? { copyPath: f.copyPath } : {}) };
      return saveRegisteredCard(signed, documentId, core.connection.sigexClient(), { dir });
    },
    'cosign:saveCard': (handle) => {
      const eff = core.settings.effective();
      const file = core.files.get(handle).path;
      return saveDocumentCard(file, sigexIdOf(file, eff.sigexUrl, lang()), core.connection.sigexClient());
    },
  };
}

/** What the renderer sees of co-signatures (the CMS and the file's snapshot stay in main); the card saved when the setting asks. */
async function cosignOutcomes(results: CosignResult[], autoSaveCard: boolean, sigexClient: CosignSigexPort): Promise<CosignOutcome[]> {
  const views: CosignOutcome[] = [];
  for (const r of results) {
    const v: CosignOutcome = {
      file: r.file,
      status: r.status,
      ...(r.documentId ? { documentId: r.documentId } : {}),
      ...(r.signId !== undefined ? { signId: r.signId } : {}),
      ...(r.outboxId ? { outboxId: r.outboxId } : {}),
      ...(r.card ? { card: r.card } : {}),
      ...(r.bytesCheck ? { bytesCheck: r.bytesCheck } : {}),
      ...(r.error ? { error: r.error } : {}),
    };
    if (r.status === 'cosigned' && r.documentId && autoSaveCard) {
      try {
        v.cardSaved = await saveDocumentCard(r.file, r.documentId, sigexClient);
      } catch (e) {
        v.cardError = toErrorView(e);
      }
    }
    views.push(v);
  }
  return views;
}

/** Sends the outbox list to the renderer whenever it changes (coalesced: a batch writes often). */
export function forwardOutboxUpdates(core: CoreServices, emit: Emit): () => void {
  let timer: NodeJS.Timeout | null = null;
  return core.deliveries.onChange(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void core.deliveries.list().then(
        (items) => emit('outbox:update', items),
        (e: unknown) => void e,
      );
    }, 150);
  });
}

async function exists(file: string): Promise<boolean> {
  return fsp.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
