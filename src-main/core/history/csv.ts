/**
 * History as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Cyrillic correctly),
 * CRLF rows, every field quoted, and cells that Excel would run as a formula defused.
 */
import type { HistoryEntry } from '../../../src-shared/model';

const COLUMNS: Array<[string, (e: HistoryEntry) => string]> = [
  ['registeredAt', (e) => e.registeredAt],
  ['signedAt', (e) => e.signedAt],
  ['file', (e) => e.name],
  ['path', (e) => e.path],
  ['documentId', (e) => e.documentId],
  ['documentUrl', (e) => e.documentUrl],
  ['signer', (e) => e.signer?.name ?? ''],
  ['iin', (e) => e.signer?.iin ?? ''],
  ['bin', (e) => e.signer?.bin ?? ''],
  ['kind', (e) => e.kind],
  ['method', (e) => e.method],
  ['email', (e) => e.emailOutcome ?? ''],
  ['copy', (e) => e.copyPath ?? ''],
];

export function csvCell(v: string): string {
  // =, +, -, @ (and tab / CR) at the start make Excel evaluate a cell: keep it text.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function historyCsv(entries: readonly HistoryEntry[]): string {
  const rows = [COLUMNS.map(([h]) => csvCell(h)).join(',')];
  for (const e of entries) rows.push(COLUMNS.map(([, get]) => csvCell(get(e))).join(','));
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
