/**
 * "Copy diagnostics" (Settings): what support needs to help, as plain text the user pastes into
 * an e-mail. Versions, OS, settings without anything personal (addresses are counted, paths
 * reduced to set / not set), the outbox size and the last lines of the (redacted) log.
 */
import * as os from 'node:os';
import type { SettingsView } from '../../src-shared/model';
import { redact } from './log-file';

const EMAIL = /[^\s@"',;<>]+@([^\s@"',;<>]+\.[^\s@"',;<>]+)/g;

export interface DiagnosticsInput {
  version: string;
  host: string;
  settings: SettingsView;
  overriddenByEnv: readonly string[];
  outboxCount: number;
  logTail: readonly string[];
  versions?: NodeJS.ProcessVersions;
  now?: Date;
}

export function diagnosticsText(d: DiagnosticsInput): string {
  const v = d.versions ?? process.versions;
  const s = d.settings;
  const settings = {
    language: s.language,
    sigexUrl: s.sigexUrl,
    ncalayerUrl: s.ncalayerUrl,
    extraCaFile: s.extraCaFile ? 'set' : 'not set',
    autoSaveCopy: s.autoSaveCopy,
    copyLocation: s.copyLocation,
    copyFolder: s.copyFolder ? 'set' : 'not set',
    defaultOptions: { ...s.defaultOptions.settings, emails: s.defaultOptions.emails.length },
    presets: s.presets.length,
    recentEmails: s.recentEmails.length,
    overriddenByEnv: d.overriddenByEnv,
  };
  const lines = [
    `SIGEX Desktop ${d.version} (${d.host})`,
    `Time: ${(d.now ?? new Date()).toISOString()}`,
    `OS: ${os.type()} ${os.release()} ${os.arch()}; locale ${Intl.DateTimeFormat().resolvedOptions().locale}`,
    `Runtime: ${v.electron ? `Electron ${v.electron}, Chromium ${v.chrome ?? '?'}, ` : ''}Node ${v.node}`,
    `Outbox: ${d.outboxCount} waiting`,
    `Settings: ${JSON.stringify(settings)}`,
    `Last log lines (${d.logTail.length}):`,
    ...d.logTail,
  ];
  // Settings may hold a signer's IIN or e-mail in the requirements: masked like the log.
  return `${lines.map((l) => redact(l).replace(EMAIL, '***@$1')).join('\n')}\n`;
}
