/**
 * npm run bench, part 4: history and outbox at scale (in this process, against the simulators
 * of a harness of their own). scripts/bench.ts runs these and prints their figures.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { HISTORY_FILE, HistoryJournal } from '../src-main/core/history/journal';
import { DEFAULT_DOCUMENT_SETTINGS, MAX_FILES_PER_BATCH, type HistoryEntry } from '../src-main/ipc/contract';
import { startHarness } from '../tests/support/harness';
import { startCore } from '../tests/support/core';

export interface HistoryFigures {
  entries: number;
  /** First query after start: read + parse the journal, newest first. */
  loadMs: number;
  /** A text search over every entry (name, id, signer), median of 20. */
  searchMs: number;
  /** A date-range query, median of 20. */
  rangeMs: number;
}

/** A journal of n entries as the app writes it (one JSON line each), then load and search it. */
export async function historyScale(dir: string, n: number): Promise<HistoryFigures> {
  await fsp.mkdir(dir, { recursive: true });
  const lines: string[] = [];
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const at = new Date(t0 + i * 3_600_000).toISOString();
    const id = `Doc${i.toString(36).padStart(13, '0')}`;
    const e: HistoryEntry = {
      id: `rec-${i}`,
      kind: 'register',
      name: `Счёт-фактура № ${i} от ${at.slice(0, 10)}.pdf`,
      path: `C:\\Users\\buh\\Documents\\${i}.pdf`,
      size: 100_000 + i,
      sha256: i.toString(16).padStart(64, '0'),
      signedAt: at,
      registeredAt: at,
      signer: { name: i % 2 ? 'ТЕСТОВ ТЕСТ' : 'АЙТБАЕВ МАРАТ', iin: String(850515300125 + (i % 7)) },
      documentId: id,
      documentUrl: `https://sigex.kz/show/?id=${id}`,
      copyPath: `C:\\Users\\buh\\Documents\\${i}-SigexId${id}.pdf`,
      emailOutcome: 'not-sent',
      method: 'ncalayer',
    };
    lines.push(JSON.stringify(e));
  }
  await fsp.writeFile(path.join(dir, HISTORY_FILE), lines.join('\n') + '\n');
  const journal = new HistoryJournal(dir);
  let t = performance.now();
  await journal.query({ limit: 500 });
  const loadMs = performance.now() - t;
  const median = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[10]!;
  };
  const searchMs = await median(() => journal.query({ text: 'айтбаев', limit: 500 }));
  const rangeMs = await median(() => journal.query({ since: '2024-06-01', until: '2024-06-30', limit: 500 }));
  return { entries: n, loadMs, searchMs, rangeMs };
}

export interface OutboxFigures {
  jobs: number;
  /** Signing n files (batches of 100, one NCALayer request each) with SIGEX offline: all queued durably. */
  enqueueS: number;
  /** Delivering every queued record once SIGEX is back (register + upload + copy each). */
  drainS: number;
  registered: number;
  sigexRequestsPerJob: number;
}

export async function outboxScale(n: number): Promise<OutboxFigures> {
  const h = await startHarness();
  try {
    const core = await startCore(h);
    await h.sigex.goOffline();
    const t0 = performance.now();
    for (let start = 0; start < n; start += MAX_FILES_PER_BATCH) {
      const handles: string[] = [];
      for (let i = start; i < Math.min(n, start + MAX_FILES_PER_BATCH); i++) {
        const file = path.join(h.workDir, `file-${i}.pdf`);
        await fsp.writeFile(file, `%PDF outbox bench ${i}`);
        handles.push((await core.files.add(file)).handle);
      }
      const { done } = core.signing.start(
        { handles, method: 'ncalayer', options: { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } } },
        () => {},
      );
      await done;
    }
    const enqueueS = (performance.now() - t0) / 1000;
    const queued = await core.deliveries.list();
    await h.sigex.goOnline();
    const before = h.sigex.requests.length;
    const t1 = performance.now();
    let registered = 0;
    for (const item of queued) {
      const r = await core.deliveries.deliverRecord(item.id);
      if (typeof r !== 'string' && r.view.status === 'registered') registered++;
    }
    const drainS = (performance.now() - t1) / 1000;
    const sigexRequests = h.sigex.requests.length - before;
    await core.close();
    return { jobs: queued.length, enqueueS, drainS, registered, sigexRequestsPerJob: sigexRequests / Math.max(1, queued.length) };
  } finally {
    await h.stop();
  }
}
