/**
 * The outbox and history on disk: atomic records, unreadable ones moved aside (never
 * deleted), the cross-process lock, the journal surviving a torn last line, CSV for Excel.
 */
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { historyCsv } from '../../src-main/core/history/csv';
import { HISTORY_FILE, HistoryJournal } from '../../src-main/core/history/journal';
import type { OutboxRecord } from '../../src-main/core/outbox/record';
import { newOutboxId, OutboxStore, systemBootTime } from '../../src-main/core/outbox/store';
import type { HistoryEntry } from '../../src-main/ipc/contract';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-outbox-'));
});
afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

function record(id = newOutboxId()): OutboxRecord {
  return {
    v: 1,
    id,
    kind: 'register',
    createdAt: new Date().toISOString(),
    updatedAt: '',
    method: 'ncalayer',
    language: 'kk',
    file: { path: '/docs/a.pdf', name: 'a.pdf', size: 3, mtimeMs: 1, sha256: 'a'.repeat(64) },
    cms: 'MIIB',
    options: {
      emails: ['a@b.kz'],
      settings: {
        private: false,
        signaturesLimit: 2,
        switchToPrivateAfterLimitReached: false,
        unique: ['iin'],
        strictSignersRequirements: false,
        signersRequirements: [],
        documentAccess: [],
      },
    },
    copyDir: '/docs',
    step: 'signed',
    state: 'active',
    attempts: 0,
  };
}

describe('outbox store', () => {
  test('a record round-trips, is listed oldest first, and leaves no temp file behind', async () => {
    const store = new OutboxStore(dir);
    const a = record();
    const b = { ...record(), createdAt: new Date(Date.now() - 60_000).toISOString() };
    await store.save(a);
    await store.save(b);
    expect((await store.list()).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(await store.get(a.id)).toMatchObject({ cms: 'MIIB', options: { emails: ['a@b.kz'] }, language: 'kk' });
    expect((await fsp.readdir(store.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await store.remove(a.id);
    expect(await store.get(a.id)).toBeNull();
  });

  test('the outbox folder is made when missing, also when it was removed after the first write', async () => {
    const store = new OutboxStore(path.join(dir, 'data'));
    const a = record();
    const lock = await store.lock(a.id);
    expect(lock).not.toBeNull();
    await lock!.release();
    await fsp.rm(store.dir, { recursive: true });
    await store.save(a);
    expect(await store.get(a.id)).toMatchObject({ id: a.id });
    await fsp.rm(store.dir, { recursive: true });
    expect(await store.lock(a.id)).not.toBeNull();
    await store.remove(a.id); // already gone with its folder: not an error
  });

  test('a record that cannot be read (torn, wrong shape) is moved aside, not deleted, and the rest stay readable', async () => {
    const store = new OutboxStore(dir);
    const good = record();
    await store.save(good);
    const bad = newOutboxId();
    await fsp.writeFile(path.join(store.dir, `${bad}.json`), '{"v":1,"id":"' + bad + '","cms":"MII');
    expect((await store.list()).map((r) => r.id)).toEqual([good.id]);
    const names = await fsp.readdir(store.dir);
    expect(names.some((n) => n.startsWith(`${bad}.json.unreadable-`))).toBe(true);
  });

  test('the lock: one holder at a time; a lock of a dead process is taken over; a live one is not', async () => {
    const store = new OutboxStore(dir);
    const id = newOutboxId();
    const first = await store.lock(id);
    expect(first).not.toBeNull();
    expect(await store.lock(id)).toBeNull(); // this process holds it
    await first!.release();
    const again = await store.lock(id);
    expect(again).not.toBeNull();
    await again!.release();

    // a lock left by a process that is gone (SIGKILL) is stale
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((r) => dead.on('exit', () => r(dead.pid!)));
    await fsp.writeFile(path.join(store.dir, `${id}.lock`), JSON.stringify({ pid: deadPid, host: os.hostname() }));
    const taken = await store.lock(id);
    expect(taken).not.toBeNull();
    await taken!.release();

    // a lock held by another live process is respected
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await fsp.writeFile(path.join(store.dir, `${id}.lock`), JSON.stringify({ pid: alive.pid, host: os.hostname() }));
      expect(await store.lock(id)).toBeNull();
      await fsp.writeFile(
        path.join(store.dir, `${id}.lock`),
        JSON.stringify({ pid: alive.pid, host: os.hostname(), boot: systemBootTime() }),
      );
      expect(await store.lock(id)).toBeNull();
    } finally {
      alive.kill();
    }
  });

  test('a live lock stays held when the clock is set back: a later boot time is what a restart gives, never an earlier one', async () => {
    // NTP corrects a fast clock by two minutes while another process (the app, the CLI) delivers
    // the record: the boot time computed now is earlier than the one in its lock.
    const store = new OutboxStore(dir);
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    const real = Date.now;
    try {
      for (const pid of [alive.pid!, process.pid]) {
        const id = newOutboxId();
        await fsp.mkdir(store.dir, { recursive: true });
        await fsp.writeFile(path.join(store.dir, `${id}.lock`), JSON.stringify({ pid, host: os.hostname(), boot: systemBootTime() }));
        Date.now = () => real() - 2 * 60_000;
        try {
          expect(await store.lock(id)).toBeNull();
        } finally {
          Date.now = real;
        }
      }
    } finally {
      Date.now = real;
      alive.kill();
    }
  });

  test('a live lock stays held when the clock is set forward: its holder still touches it', async () => {
    // A clock set forward by two minutes makes the holder's lock look taken before a restart;
    // the holder (here a store of this process) touches its lock file as long as it holds it.
    const holder = new OutboxStore(dir, undefined, 40);
    const other = new OutboxStore(dir, undefined, 40);
    const id = newOutboxId();
    const held = await holder.lock(id);
    expect(held).not.toBeNull();
    const real = Date.now;
    Date.now = () => real() + 2 * 60_000;
    try {
      expect(await other.lock(id)).toBeNull();
    } finally {
      Date.now = real;
    }
    await held!.release();
    // Released: the next one takes it at once.
    const next = await other.lock(id);
    expect(next).not.toBeNull();
    await next!.release();
  });

  test('a lock from before a restart after which the clock is behind (a flat CMOS battery) is stale: the uptime is smaller now', async () => {
    // Taken an hour into the previous boot with the clock right; after the power cut the clock is
    // an hour behind, so the boot time computed now looks EARLIER than the lock's.
    const store = new OutboxStore(dir, undefined, 40);
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      const id = newOutboxId();
      await fsp.mkdir(store.dir, { recursive: true });
      const owner = { pid: alive.pid, host: os.hostname(), boot: systemBootTime() + 3600_000, uptime: os.uptime() + 3600 };
      await fsp.writeFile(path.join(store.dir, `${id}.lock`), JSON.stringify(owner));
      const taken = await store.lock(id);
      expect(taken).not.toBeNull();
      await taken!.release();
    } finally {
      alive.kill();
    }
  });

  test('a lock left before the system restarted is stale, even when its process id now belongs to a live process', async () => {
    // A power cut during a delivery; after the restart the lock's process id is reused (here by
    // a live process, and by this very process): the record must not wait for it forever.
    const store = new OutboxStore(dir, undefined, 40);
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      const beforeRestart = systemBootTime() - 3 * 3600_000;
      for (const pid of [alive.pid!, process.pid]) {
        const id = newOutboxId();
        await fsp.mkdir(store.dir, { recursive: true });
        await fsp.writeFile(path.join(store.dir, `${id}.lock`), JSON.stringify({ pid, host: os.hostname(), boot: beforeRestart }));
        const taken = await store.lock(id);
        expect(taken).not.toBeNull();
        expect(JSON.parse(await fsp.readFile(path.join(store.dir, `${id}.lock`), 'utf8'))).toMatchObject({ pid: process.pid });
        await taken!.release();
      }
    } finally {
      alive.kill();
    }
  });
});

function entry(i: number, o: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `ob_entry${String(i).padStart(8, '0')}`,
    kind: 'register',
    name: `file ${i}.pdf`,
    path: `/docs/file ${i}.pdf`,
    size: i,
    sha256: 'b'.repeat(64),
    signedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
    registeredAt: new Date(Date.UTC(2026, 10, 1, 0, i, 30)).toISOString(),
    documentId: `DOC${i}`,
    documentUrl: `https://sigex.kz/show/?id=DOC${i}`,
    method: 'ncalayer',
    ...o,
  };
}

describe('history journal', () => {
  test('newest first; an entry appended twice is kept once; a replaced entry shows its newer version', async () => {
    const j = new HistoryJournal(dir);
    await j.append(entry(1));
    await j.append(entry(2));
    await j.append(entry(1));
    expect((await j.all()).map((e) => e.documentId)).toEqual(['DOC2', 'DOC1']);
    await j.replace({ ...entry(1), copyPath: '/docs/copy.pdf' });
    expect((await j.get('ob_entry00000001'))?.copyPath).toBe('/docs/copy.pdf');
    expect(await j.all()).toHaveLength(2);
  });

  test('a crash that tore the last line: the rest is read, and the next entry lands on its own line', async () => {
    const j = new HistoryJournal(dir);
    await j.append(entry(1));
    await fsp.appendFile(path.join(dir, HISTORY_FILE), '{"id":"ob_torn","name":"x.pd');
    const reread = new HistoryJournal(dir);
    expect((await reread.all()).map((e) => e.documentId)).toEqual(['DOC1']);
    await reread.append(entry(2));
    expect((await new HistoryJournal(dir).all()).map((e) => e.documentId)).toEqual(['DOC2', 'DOC1']);
  });

  test('appending does not read the whole journal again each time; what it holds is what a fresh read finds', async () => {
    const j = new HistoryJournal(dir);
    await j.append(entry(5));
    await j.all();
    const reads = jest.spyOn(fsp, 'readFile');
    try {
      // Out of order, a duplicate, a replacement: the entries in memory match the file's.
      for (const i of [7, 6, 9, 8]) await j.append(entry(i));
      await j.append(entry(6));
      await j.replace({ ...entry(7), copyPath: '/docs/7.pdf' });
      const held = await j.all();
      expect(reads).not.toHaveBeenCalled();
      expect(held).toEqual(await new HistoryJournal(dir).all());
      expect(held.map((e) => e.documentId)).toEqual(['DOC9', 'DOC8', 'DOC7', 'DOC6', 'DOC5']);
      expect(held.find((e) => e.id === entry(7).id)?.copyPath).toBe('/docs/7.pdf');
    } finally {
      reads.mockRestore();
    }
  });

  test('an entry another process appended meanwhile is not lost from view', async () => {
    const mine = new HistoryJournal(dir);
    const theirs = new HistoryJournal(dir);
    await mine.append(entry(1));
    await theirs.append(entry(2));
    await mine.append(entry(3));
    expect((await mine.all()).map((e) => e.documentId)).toEqual(['DOC3', 'DOC2', 'DOC1']);
    await theirs.append(entry(4));
    expect((await mine.all()).map((e) => e.documentId)).toEqual(['DOC4', 'DOC3', 'DOC2', 'DOC1']);
  });

  test('search by name, id and signer; filter by date; bad dates are refused', async () => {
    const j = new HistoryJournal(dir);
    await j.append(entry(1, { name: 'Договор аренды.pdf', signer: { name: 'ИВАНОВ ИВАН', iin: '123456789012' } }));
    await j.append(entry(2, { registeredAt: '2026-12-02T09:00:00.000Z' }));
    expect((await j.query({ text: 'договор' })).entries.map((e) => e.documentId)).toEqual(['DOC1']);
    expect((await j.query({ text: 'doc2' })).total).toBe(1);
    expect((await j.query({ text: 'иванов' })).total).toBe(1);
    expect((await j.query({ text: '123456789012' })).total).toBe(1);
    expect((await j.query({ since: '2026-12-02' })).entries.map((e) => e.documentId)).toEqual(['DOC2']);
    expect((await j.query({ until: '2026-10-31' })).total).toBe(0);
    expect((await j.query({ until: '2026-11-30' })).entries.map((e) => e.documentId)).toEqual(['DOC1']);
    await expect(j.query({ since: '2026-13-45' })).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  test('CSV: UTF-8 BOM, CRLF, quoted fields, Cyrillic intact, formulas defused', () => {
    const csv = historyCsv([entry(1, { name: 'Счёт "№1".pdf', signer: { name: '=HYPERLINK("x")' } })]);
    expect(csv.startsWith('\uFEFF"registeredAt"')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toBe('');
    expect(rows[1]).toContain('"Счёт ""№1"".pdf"');
    expect(rows[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
