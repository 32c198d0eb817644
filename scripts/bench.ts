/**
 * npm run bench — figures for large files, measured end to end through the real core:
 * the NCALayer request (streamed, fragmented), the SIGEX /data upload (streamed) and the
 * signed copy, against the simulators. The client runs in its own process so its peak
 * memory (maxRSS) is not mixed with the simulators'.
 *
 *   BENCH_SIZES_MB="16,256"  sizes to try (default 16,256; e.g. "1536" for 1.5 GiB)
 *   BENCH_HISTORY=10000      history entries for the load / search figures (0: skip)
 *   BENCH_OUTBOX=1000        signed files queued while SIGEX is offline, then delivered (0: skip)
 *   --json                   the LAST stdout line is one JSON object with every figure
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createWriteStream, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { createCore } from '../src-main/core/compose';
import { DEFAULT_DOCUMENT_SETTINGS, MAX_FILES_PER_BATCH, type HistoryEntry, type JobView } from '../src-main/ipc/contract';
import { HISTORY_FILE, HistoryJournal } from '../src-main/core/history/journal';
import { FAST_RETRY } from '../tests/support/fast-retry';
import { startHarness } from '../tests/support/harness';

interface ClientResult {
  sizeMb: number;
  status: string;
  error?: string;
  seconds: Record<string, number>;
  maxRssMb: number;
  peakRssByPhaseMb: Record<string, number>;
}

async function client(file: string): Promise<void> {
  const core = await createCore({ dataDir: process.env.SIGEX_DESKTOP_DATA_DIR as string, systemLanguage: 'en' });
  const { handle } = await core.files.add(file);
  const marks: Record<string, number> = {};
  const t0 = performance.now();
  let last = t0;
  let phase = 'prepare';
  const peak: Record<string, number> = {};
  const sampler = setInterval(() => {
    peak[phase] = Math.max(peak[phase] ?? 0, process.memoryUsage().rss / 1048576);
  }, 20);
  const { done } = core.signing.start(
    { handles: [handle], method: 'ncalayer', options: { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } } },
    (v: JobView) => {
      const p = v.phase === 'registering' && v.files[0]?.status === 'uploading' ? 'upload' : v.phase;
      if (p !== phase) {
        const now = performance.now();
        marks[phase] = (marks[phase] ?? 0) + (now - last) / 1000;
        last = now;
        phase = p;
      }
    },
  );
  const job = await done;
  clearInterval(sampler);
  marks[phase] = (marks[phase] ?? 0) + (performance.now() - last) / 1000;
  marks.total = (performance.now() - t0) / 1000;
  const f = job.files[0]!.view;
  const result: ClientResult = {
    sizeMb: f.size / 1048576,
    status: f.status,
    ...(f.error ? { error: `${f.error.kind}: ${f.error.message}` } : {}),
    seconds: marks,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    peakRssByPhaseMb: Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v)])),
  };
  process.stdout.write(JSON.stringify(result));
}

async function writeFile(file: string, mb: number): Promise<void> {
  const out = createWriteStream(file);
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < mb; i++) {
    chunk.fill(i & 0xff);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface HistoryFigures {
  entries: number;
  /** First query after start: read + parse the journal, newest first. */
  loadMs: number;
  /** A text search over every entry (name, id, signer), median of 20. */
  searchMs: number;
  /** A date-range query, median of 20. */
  rangeMs: number;
}

/** A journal of n entries as the app writes it (one JSON line each), then load and search it. */
async function historyScale(dir: string, n: number): Promise<HistoryFigures> {
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

interface OutboxFigures {
  jobs: number;
  /** Signing n files (batches of 100, one NCALayer request each) with SIGEX offline: all queued durably. */
  enqueueS: number;
  /** Delivering every queued record once SIGEX is back (register + upload + copy each). */
  drainS: number;
  registered: number;
  sigexRequestsPerJob: number;
}

async function outboxScale(n: number): Promise<OutboxFigures> {
  const h = await startHarness();
  try {
    const core = await createCore({ dataDir: h.dataDir, env: h.env, systemLanguage: 'en', retry: FAST_RETRY });
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

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES_MB ?? '16,256')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const h = await startHarness({ sigex: { maxDataBytes: 4 * 1024 ** 3, emailAttachLimitBytes: 10 * 1048576 } });
  const rows: ClientResult[] = [];
  try {
    for (const mb of sizes) {
      const file = path.join(h.workDir, `bench-${mb}MiB.bin`);
      await writeFile(file, mb);
      // Asynchronous: the simulators live in this process and must keep answering.
      const { stdout } = await promisify(execFile)(
        path.join(__dirname, '..', 'node_modules', '.bin', 'tsx'),
        [__filename, '--client', file],
        {
          env: { ...process.env, ...h.env },
          maxBuffer: 1 << 20,
        },
      );
      rows.push(JSON.parse(stdout) as ClientResult);
      await fsp.rm(h.workDir, { recursive: true, force: true });
      await fsp.mkdir(h.workDir);
    }
  } finally {
    await h.stop();
  }
  console.log('\nSIGEX Desktop benchmark (client process; simulators in the parent; loopback TLS/HTTP)\n');
  console.log('size MiB | status     | sign s | upload s | copy s | total s | MiB/s total | client peak RSS MiB');
  for (const r of rows) {
    const s = r.seconds;
    const line = [
      r.sizeMb.toFixed(0).padStart(8),
      r.status.padEnd(10),
      (s.signing ?? 0).toFixed(2).padStart(6),
      (s.upload ?? 0).toFixed(2).padStart(8),
      (s.saving ?? 0).toFixed(2).padStart(6),
      (s.total ?? 0).toFixed(2).padStart(7),
      (r.sizeMb / (s.total ?? 1)).toFixed(1).padStart(11),
      r.maxRssMb.toFixed(0).padStart(19),
    ].join(' | ');
    console.log(line + (r.error ? `  (${r.error})` : ''));
    console.log(`         peak RSS by phase (MiB): ${JSON.stringify(r.peakRssByPhaseMb)}`);
  }
  console.log('\n"sign" includes hashing the file and streaming it to NCALayer as base64; peak RSS flat across sizes = streaming works.');

  const historyN = Number(process.env.BENCH_HISTORY ?? 10_000);
  const outboxN = Number(process.env.BENCH_OUTBOX ?? 1_000);
  const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-bench-history-'));
  let history: HistoryFigures | undefined;
  let outbox: OutboxFigures | undefined;
  try {
    if (historyN > 0) history = await historyScale(scratch, historyN);
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }
  if (outboxN > 0) outbox = await outboxScale(outboxN);
  if (history) {
    console.log(
      `\nHistory: ${history.entries} entries: load ${history.loadMs.toFixed(1)} ms, text search ${history.searchMs.toFixed(1)} ms, date range ${history.rangeMs.toFixed(1)} ms (median of 20)`,
    );
  }
  if (outbox) {
    console.log(
      `Outbox: ${outbox.jobs} files signed with SIGEX offline in ${outbox.enqueueS.toFixed(1)} s (queued durably), ` +
        `delivered in ${outbox.drainS.toFixed(1)} s once it was back (${((outbox.drainS * 1000) / Math.max(1, outbox.jobs)).toFixed(1)} ms per file, ` +
        `${outbox.registered} registered, ${outbox.sigexRequestsPerJob.toFixed(2)} SIGEX requests per file)`,
    );
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ large: rows, ...(history ? { history } : {}), ...(outbox ? { outbox } : {}) }));
  }
}

if (process.argv[2] === '--client') {
  client(process.argv[3] as string).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
