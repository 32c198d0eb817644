/**
 * npm run bench — how close the app gets to the machine's limit, against the simulators.
 *
 * The simulators run in a child process of their own and each measured job runs in another
 * (scripts/bench-client.cjs, the built core): the client's CPU time, peak RSS and event-loop
 * delay are ours alone, and the simulators' CPU is printed beside them.
 *
 *   1. Large files: sign + register + upload + copy of one file per size, with the wall time
 *      of `sha256sum` on the same file (one read, one hash: the floor) and our ratios to it.
 *   2. Event-loop delay of the client during the largest file (what decides whether the
 *      window would freeze).
 *   3. Batches: many small files in one job: wall time, NCALayer sign requests (one dialog),
 *      per-file overhead against the same bytes as one file, SIGEX requests per file.
 *   4. History / outbox scale.
 *
 *   BENCH_SIZES_MB="10,100,1024"   large-file sizes
 *   BENCH_BATCH="100x50,20x5120"   batches: <files>x<KiB each> ("" skips)
 *   BENCH_NODES="/path/node,..."   node binaries for the client (default: this one, and the
 *                                  system's /usr/bin/node beside it when it is another version)
 *   BENCH_HISTORY=10000            history entries for the load / search figures (0: skip)
 *   BENCH_OUTBOX=1000              files queued while SIGEX is offline, then delivered (0: skip)
 *   BENCH_CLIENT=source            run the client from the sources (tsx) instead of dist/node
 *   BENCH_REPEAT=3                 each large file and each batch measured this many times (with
 *                                  its own sha256sum / one-file run each time); the row shows
 *                                  the run with the median ratio / overhead, and every run's
 *                                  figure beside it (this VM's runs of the same code vary ~±20 %)
 *   --json                         the LAST stdout line is one JSON object with every figure
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { createWriteStream, existsSync, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { MAX_FILES_PER_BATCH } from '../src-main/ipc/contract';
import { historyScale, outboxScale, type HistoryFigures, type OutboxFigures } from './bench-scale';
import { medianOf, printReport, round, type BatchRow, type LargeRow } from './bench-report';
import { startHarness, type Harness } from '../tests/support/harness';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..');
const CLIENT = path.join(__dirname, 'bench-client.cjs');

/** What one client run reports (scripts/bench-client.cjs). */
interface ClientRun {
  node: string;
  client: string;
  files: number;
  bytes: number;
  statuses: Record<string, number>;
  error?: string;
  wallS: number;
  clientCpuS: number;
  peakRssMb: number;
  steps: Record<string, number>;
  eventLoop: { p50Ms: number; p99Ms: number; maxMs: number };
}

interface SimStats {
  signRequests: number;
  sigexRequests: number;
  cpuS: number;
}

// ------------------------------------------------------------------ the simulators' process

/** Child: starts the simulators, tells the parent where they are, answers "stats" and "stop". */
async function simulatorsProcess(): Promise<void> {
  const h: Harness = await startHarness({ sigex: { maxDataBytes: 8 * 1024 ** 3, emailAttachLimitBytes: 10 * 1048576 } });
  const send = (m: unknown) => process.send?.(m);
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'stats') {
      const cpu = process.cpuUsage();
      send({
        stats: {
          signRequests: h.ncalayer!.requests.filter((r) => r.method === 'sign').length,
          // The status check's GET /api/version is not the job's work.
          sigexRequests: h.sigex.requests.filter((r) => r.route !== 'version').length,
          cpuS: (cpu.user + cpu.system) / 1e6,
        } satisfies SimStats,
      });
    } else if (m.cmd === 'stop') {
      void h.stop().then(() => process.exit(0));
    }
  });
  send({ ready: { env: h.env, workDir: h.workDir, dataDir: h.dataDir } });
}

class Simulators {
  private constructor(
    private readonly child: ChildProcess,
    readonly env: NodeJS.ProcessEnv,
    readonly workDir: string,
    readonly dataDir: string,
  ) {}

  static async start(): Promise<Simulators> {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--simulators'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const [m] = (await once(child, 'message')) as [{ ready: { env: NodeJS.ProcessEnv; workDir: string; dataDir: string } }];
    return new Simulators(child, m.ready.env, m.ready.workDir, m.ready.dataDir);
  }

  async stats(): Promise<SimStats> {
    this.child.send({ cmd: 'stats' });
    const [m] = (await once(this.child, 'message')) as [{ stats: SimStats }];
    return m.stats;
  }

  async stop(): Promise<void> {
    this.child.send({ cmd: 'stop' });
    await once(this.child, 'exit');
  }
}

// ------------------------------------------------------------------ measuring

async function writeFile(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  const chunk = Buffer.alloc(Math.min(bytes, 1 << 20));
  for (let written = 0, i = 0; written < bytes; i++) {
    const n = Math.min(chunk.length, bytes - written);
    chunk.fill((i * 31 + 7) & 0xff);
    if (!out.write(n === chunk.length ? chunk : chunk.subarray(0, n))) await once(out, 'drain');
    written += n;
  }
  out.end();
  await once(out, 'finish');
}

/** One signing job of `files` in a fresh client process; the simulators' share beside it. */
async function measure(sims: Simulators, node: string, files: string[]): Promise<{ run: ClientRun; sims: SimStats }> {
  const before = await sims.stats();
  const args = process.env.BENCH_CLIENT === 'source' ? ['--import', 'tsx', CLIENT, ...files] : [CLIENT, ...files];
  const { stdout } = await run(node, args, { cwd: ROOT, env: { ...process.env, ...sims.env }, maxBuffer: 1 << 20 });
  const after = await sims.stats();
  const r = JSON.parse(stdout) as ClientRun;
  if (r.error || (r.statuses.registered ?? 0) !== r.files)
    throw new Error(`bench job did not register every file: ${r.error ?? JSON.stringify(r.statuses)}`);
  return {
    run: r,
    sims: {
      signRequests: after.signRequests - before.signRequests,
      sigexRequests: after.sigexRequests - before.sigexRequests,
      cpuS: after.cpuS - before.cpuS,
    },
  };
}

/** `sha256sum` on the same file: wall and CPU (user + system) of the floor. */
async function sha256sum(file: string): Promise<{ wallS: number; cpuS: number }> {
  const { stderr } = await run('bash', ['-c', 'TIMEFORMAT="%R %U %S"; time sha256sum "$1" >/dev/null', 'bash', file]);
  const [real, user, sys] = stderr.trim().split(/\s+/).map(Number) as [number, number, number];
  return { wallS: real, cpuS: user + sys };
}

async function clean(dir: string): Promise<void> {
  for (const name of await fsp.readdir(dir)) await fsp.rm(path.join(dir, name), { recursive: true, force: true });
}

async function nodeVersion(bin: string): Promise<string> {
  return (await run(bin, ['--version'])).stdout.trim();
}

/** The client's node binaries: this one first, then the system's when it is another version. */
async function clientNodes(): Promise<string[]> {
  if (process.env.BENCH_NODES) return process.env.BENCH_NODES.split(',').filter(Boolean);
  const nodes = [process.execPath];
  const system = '/usr/bin/node';
  if (existsSync(system) && (await nodeVersion(system)) !== process.version) nodes.push(system);
  return nodes;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const sizes = (process.env.BENCH_SIZES_MB ?? '10,100,1024')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const batches = (process.env.BENCH_BATCH ?? '100x50,20x5120')
    .split(',')
    .filter(Boolean)
    .map((b) => {
      const [files, kb] = b.split('x').map(Number) as [number, number];
      if (!(files > 0 && files <= MAX_FILES_PER_BATCH && kb > 0)) throw new Error(`BENCH_BATCH: "${b}" is not <files>x<KiB>`);
      return { files, kb };
    });
  const repeat = Number(process.env.BENCH_REPEAT ?? 3);
  if (!(Number.isInteger(repeat) && repeat >= 1)) throw new Error(`BENCH_REPEAT: "${process.env.BENCH_REPEAT}" is not a whole number >= 1`);
  const nodes = await clientNodes();
  const large: LargeRow[] = [];
  const batch: BatchRow[] = [];
  let eventLoop: (ClientRun['eventLoop'] & { node: string; sizeMb: number }) | undefined;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');

  const sims = await Simulators.start();
  try {
    for (const node of nodes) {
      const version = await nodeVersion(node);
      for (const mb of sizes) {
        const file = path.join(sims.workDir, `bench-${mb}MiB.bin`);
        await writeFile(file, Math.round(mb * 1048576));
        const { median, all } = await medianOf(
          repeat,
          async () => {
            const floor = await sha256sum(file);
            const m = await measure(sims, node, [file]);
            return { floor, ...m, ratio: m.run.wallS / floor.wallS };
          },
          (x) => x.ratio,
        );
        const { floor, run: r, sims: s } = median;
        large.push({
          node: version,
          sizeMb: mb,
          wallS: round(r.wallS),
          clientCpuS: round(r.clientCpuS),
          // the highest of the runs: memory is a limit, not a typical value
          peakRssMb: round(Math.max(...all.map((x) => x.run.peakRssMb)), 1),
          sha256sumS: round(floor.wallS),
          sha256sumCpuS: round(floor.cpuS),
          wallRatio: round(r.wallS / floor.wallS, 2),
          cpuRatio: round(r.clientCpuS / Math.max(floor.cpuS, 0.001), 2),
          simulatorCpuS: round(s.cpuS),
          steps: r.steps,
          wallRatios: all.map((x) => round(x.ratio, 2)),
        });
        say(
          `large ${version} ${mb} MiB: ${r.wallS.toFixed(2)} s wall, ${r.clientCpuS.toFixed(2)} s CPU, ${r.peakRssMb.toFixed(0)} MiB peak`,
        );
        if (node === nodes[0] && mb === Math.max(...sizes)) eventLoop = { node: version, sizeMb: mb, ...r.eventLoop };
        await clean(sims.workDir);
      }
      for (const b of batches) {
        const { median, all } = await medianOf(
          repeat,
          async () => {
            const files: string[] = [];
            for (let i = 0; i < b.files; i++) {
              const f = path.join(sims.workDir, `batch-${i}.pdf`);
              await writeFile(f, b.kb * 1024);
              files.push(f);
            }
            const many = await measure(sims, node, files);
            await clean(sims.workDir);
            const whole = path.join(sims.workDir, 'batch-as-one.bin');
            await writeFile(whole, b.files * b.kb * 1024);
            const one = await measure(sims, node, [whole]);
            await clean(sims.workDir);
            return { many, one, overheadMs: ((many.run.wallS - one.run.wallS) * 1000) / b.files };
          },
          (x) => x.overheadMs,
        );
        const { many, one } = median;
        batch.push({
          node: version,
          files: b.files,
          fileKb: b.kb,
          wallS: round(many.run.wallS),
          oneFileWallS: round(one.run.wallS),
          ncalayerRequests: many.sims.signRequests,
          perFileOverheadMs: round(median.overheadMs, 1),
          sigexRequestsPerFile: round(many.sims.sigexRequests / b.files, 2),
          clientCpuS: round(many.run.clientCpuS),
          simulatorCpuS: round(many.sims.cpuS),
          perFileOverheadsMs: all.map((x) => round(x.overheadMs, 1)),
        });
        say(`batch ${version} ${b.files} x ${b.kb} KiB: ${many.run.wallS.toFixed(2)} s`);
      }
    }
  } finally {
    await sims.stop();
  }

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

  printReport({ large, batch, json, ...(eventLoop ? { eventLoop } : {}), ...(history ? { history } : {}), ...(outbox ? { outbox } : {}) });
}

if (process.argv[2] === '--simulators') {
  simulatorsProcess().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
