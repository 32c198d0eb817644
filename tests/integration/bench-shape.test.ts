/**
 * `npm run bench -- --json` on a tiny run (1 MiB, a batch of 5): the last stdout line is one
 * JSON object of the documented shape, so the script cannot rot. No figure is judged here:
 * timings live in the benchmark, not in tests.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');

test('the benchmark prints every figure as one JSON line of the documented shape', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--json'], {
    cwd: ROOT,
    env: {
      ...process.env,
      BENCH_SIZES_MB: '1',
      BENCH_BATCH: '5x50',
      BENCH_HISTORY: '30',
      BENCH_OUTBOX: '3',
      BENCH_REPEAT: '2',
      BENCH_NODES: process.execPath,
      BENCH_CLIENT: 'source',
    },
    maxBuffer: 16 << 20,
  });
  const last = stdout.trim().split('\n').at(-1)!;
  const out = JSON.parse(last) as Record<string, unknown>;
  const num = expect.any(Number);
  expect(out).toMatchObject({
    large: [{ sizeMb: 1, wallS: num, clientCpuS: num, peakRssMb: num, sha256sumS: num, wallRatio: num, cpuRatio: num, simulatorCpuS: num }],
    eventLoop: { p50Ms: num, p99Ms: num, maxMs: num },
    batch: [{ files: 5, fileKb: 50, wallS: num, ncalayerRequests: 1, perFileOverheadMs: num, sigexRequestsPerFile: 2 }],
    history: { entries: 30, loadMs: num, searchMs: num },
    outbox: { jobs: 3, registered: 3, enqueueS: num, drainS: num },
  });
  // each figure comes with every repetition's value (the row is the median run)
  expect((out.large as Array<{ wallRatios: unknown[] }>)[0]!.wallRatios).toHaveLength(2);
  expect((out.batch as Array<{ perFileOverheadsMs: unknown[] }>)[0]!.perFileOverheadsMs).toHaveLength(2);
  const large = (out.large as Array<{ wallS: number; peakRssMb: number; wallRatio: number; sha256sumS: number }>)[0]!;
  // The figures are measurements, not placeholders: a real run takes time and memory.
  expect(large.wallS).toBeGreaterThan(0);
  expect(large.peakRssMb).toBeGreaterThan(10);
  expect(Math.abs(large.wallRatio - large.wallS / large.sha256sumS) / large.wallRatio).toBeLessThan(0.1);
});
