/**
 * npm run bench — figures for large files, measured end to end through the real core:
 * the NCALayer request (streamed, fragmented), the SIGEX /data upload (streamed) and the
 * signed copy, against the simulators. The client runs in its own process so its peak
 * memory (maxRSS) is not mixed with the simulators'.
 *
 *   BENCH_SIZES_MB="16,256"  sizes to try (default 16,256; e.g. "1536" for 1.5 GiB)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createWriteStream, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { createCore } from '../src-main/core/compose';
import { DEFAULT_DOCUMENT_SETTINGS, type JobView } from '../src-main/ipc/contract';
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
