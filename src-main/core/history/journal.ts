/**
 * The history: an append-only journal (`<dataDir>/history.jsonl`, one JSON object a line) of
 * every document registered or co-signed from this machine. Never the file's contents or the
 * CMS. A crash can only tear the last line: reading skips a line that does not parse, and the
 * next append starts on a fresh line. Entries are keyed by their outbox id, so writing the
 * same delivery twice (a crash between journal and outbox) keeps one.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { AppError } from '../errors';
import type { HistoryEntry, HistoryPage, HistoryQuery } from '../../../src-shared/model';

export const HISTORY_FILE = 'history.jsonl';

/** The journal as last read (or appended to by this process), with the file's size and time then. */
interface Loaded {
  size: number;
  mtimeMs: number;
  entries: HistoryEntry[];
  ids: Set<string>;
}

export class HistoryJournal {
  readonly file: string;
  private cache: Loaded | null = null;
  private appends: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, HISTORY_FILE);
  }

  /** Appends one entry durably (fsync) unless its id is already there. */
  append(entry: HistoryEntry): Promise<void> {
    return this.write(entry, false);
  }

  /** A newer version of an entry (e.g. its copy saved later): the last line for an id wins. */
  replace(entry: HistoryEntry): Promise<void> {
    return this.write(entry, true);
  }

  private write(entry: HistoryEntry, replace: boolean): Promise<void> {
    const run = this.appends.then(async () => {
      const known = await this.load();
      if (!replace && known.ids.has(entry.id)) return;
      await fsp.mkdir(path.dirname(this.file), { recursive: true });
      const h = await fsp.open(this.file, 'a+');
      let after: { size: number; mtimeMs: number; json: string } | null = null;
      try {
        const { size } = await h.stat();
        let lead = '';
        if (size > 0) {
          const last = Buffer.alloc(1);
          await h.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) lead = '\n'; // a torn last line stays alone on its line
        }
        const json = JSON.stringify(entry);
        const line = Buffer.from(`${lead}${json}\n`);
        await h.write(line);
        await h.sync();
        // The file as read, plus this line alone (nobody else appended meanwhile): the cache
        // takes the entry instead of reading and parsing the whole journal again at the next
        // append (one per file delivered: with a long history, most of a batch's disk reads).
        const st = await h.stat();
        if (size === known.size && st.size === size + line.length) after = { size: st.size, mtimeMs: st.mtimeMs, json };
      } finally {
        await h.close();
      }
      this.cache = after && this.cache === known ? withLine(known, after) : null;
    });
    this.appends = run.catch(() => undefined);
    return run;
  }

  /** All entries, newest first (re-read only when the file changed, e.g. by the CLI). */
  async all(): Promise<HistoryEntry[]> {
    return (await this.load()).entries;
  }

  async has(id: string): Promise<boolean> {
    return (await this.load()).ids.has(id);
  }

  async get(id: string): Promise<HistoryEntry | null> {
    return (await this.all()).find((e) => e.id === id) ?? null;
  }

  async query(q: HistoryQuery = {}): Promise<HistoryPage> {
    const matches = filterHistory(await this.all(), q);
    return { entries: q.limit ? matches.slice(0, q.limit) : matches, total: matches.length };
  }

  private async load(): Promise<Loaded> {
    const st = await fsp.stat(this.file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (!st) return (this.cache = { size: 0, mtimeMs: 0, entries: [], ids: new Set() });
    if (this.cache && this.cache.size === st.size && this.cache.mtimeMs === st.mtimeMs) return this.cache;
    const entries = parseJournal(await fsp.readFile(this.file, 'utf8'));
    return (this.cache = { size: st.size, mtimeMs: st.mtimeMs, entries, ids: new Set(entries.map((e) => e.id)) });
  }
}

/**
 * The journal as `known` plus the line just appended (`json`), read back as a re-read would
 * read it: the entry with its id replaces an earlier one, newest first as parseJournal orders.
 */
function withLine(known: Loaded, line: { size: number; mtimeMs: number; json: string }): Loaded | null {
  const entry: unknown = JSON.parse(line.json);
  if (!isEntry(entry)) return null;
  const entries = known.ids.has(entry.id) ? known.entries.filter((e) => e.id !== entry.id) : [...known.entries];
  const at = entries.findIndex((e) => newerFirst(entry, e) < 0);
  entries.splice(at < 0 ? entries.length : at, 0, entry);
  return { size: line.size, mtimeMs: line.mtimeMs, entries, ids: new Set(known.ids).add(entry.id) };
}

function newerFirst(a: HistoryEntry, b: HistoryEntry): number {
  return b.registeredAt.localeCompare(a.registeredAt) || b.id.localeCompare(a.id);
}

/** Lines -> entries, newest first; unreadable lines (a torn last write) are skipped. */
export function parseJournal(text: string): HistoryEntry[] {
  const byId = new Map<string, HistoryEntry>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch {
      continue; // a torn line: the rest of the journal stays readable
    }
    if (isEntry(e)) byId.set(e.id, e);
  }
  return [...byId.values()].sort(newerFirst);
}

function isEntry(e: unknown): e is HistoryEntry {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return ['id', 'name', 'path', 'signedAt', 'registeredAt', 'documentId', 'documentUrl'].every((k) => typeof o[k] === 'string');
}

/** Search by name / id / signer (case-insensitive), filter by registration date (inclusive). */
export function filterHistory(entries: readonly HistoryEntry[], q: HistoryQuery): HistoryEntry[] {
  const text = q.text?.trim().toLocaleLowerCase() ?? '';
  const since = q.since ? dayStart(q.since) : null;
  const until = q.until ? dayEnd(q.until) : null;
  return entries.filter((e) => {
    if (since !== null && e.registeredAt < since) return false;
    if (until !== null && e.registeredAt > until) return false;
    if (text === '') return true;
    const hay = [e.name, e.documentId, e.signer?.name, e.signer?.iin, e.signer?.bin].filter(Boolean).join('\n').toLocaleLowerCase();
    return hay.includes(text);
  });
}

function dayStart(d: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? isoOf(`${d}T00:00:00.000Z`) : isoOf(d);
}

function dayEnd(d: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? isoOf(`${d}T23:59:59.999Z`) : isoOf(d);
}

function isoOf(d: string): string {
  const t = Date.parse(d);
  if (!Number.isFinite(t)) throw new AppError('invalid-input', `not a date: ${d}`, { params: { value: d } });
  return new Date(t).toISOString();
}
