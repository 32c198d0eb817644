/**
 * The NCALayer simulator reads a large request as its frames arrive: a 300 MiB signing request
 * with `data` before `signingParams` (the app's order before 19bc2a3, and the harder one: every
 * reading of the data is computed) never exists whole in the simulator's memory. The simulator runs in its own process (ncalayer-sim-main.ts), sampling its memory
 * every 10 ms, so the figures are its own and not the sending client's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { runLargeSignRequest } from './ncalayer-sim-client';

const MiB = 1024 * 1024;
let child: ChildProcess;
let lines: AsyncIterator<string>;
let sim: { url: string; caPem: string };

interface Memory {
  peak: { rss: number; arrayBuffers: number; heapUsed: number };
  now: NodeJS.MemoryUsage;
}

async function nextLine(): Promise<string> {
  const r = await lines.next();
  if (r.done) throw new Error('simulator process ended');
  return r.value;
}

async function memory(): Promise<Memory> {
  child.stdin?.write('memory\n');
  return JSON.parse(await nextLine()) as Memory;
}

beforeAll(async () => {
  const root = path.resolve(__dirname, '../..');
  // encapsulate may be asked for after the data: the simulator keeps up to this much, so small here
  child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'ncalayer-sim-main.ts'), '--max-encapsulate-mib', '1'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  sim = JSON.parse(await nextLine()) as { url: string; caPem: string };
}, 30_000);

afterAll(() => {
  child.stdin?.end();
});

test('300 MiB request: signed, and the simulator never holds it (array buffers and RSS stay far below)', async () => {
  const before = await memory();
  const run = await runLargeSignRequest({
    url: sim.url,
    caPem: sim.caPem,
    contentBytes: 225 * MiB,
    fragmentBytes: MiB,
    timeoutMs: 120_000,
  });
  const after = await memory();
  expect(run.verified).toBe(true);
  expect(run.messageBytes).toBeGreaterThan(300 * MiB);
  const figures = {
    peakArrayBuffersMib: Math.round(after.peak.arrayBuffers / MiB),
    rssGrowthMib: Math.round((after.peak.rss - before.now.rss) / MiB),
  };
  // a simulator that assembled the message would hold >= 300 MiB of array buffers (over 600 seen)
  expect(figures.peakArrayBuffersMib).toBeLessThan(100);
  expect(figures.rssGrowthMib).toBeLessThan(150);
}, 180_000);
