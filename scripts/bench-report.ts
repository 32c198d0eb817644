/**
 * The benchmark's rows and how they are printed (scripts/bench.ts measures them): a table per
 * kind of figure on stdout, and with --json one last line holding every figure.
 */
import * as os from 'node:os';
import type { HistoryFigures, OutboxFigures } from './bench-scale';

export interface LargeRow {
  node: string;
  sizeMb: number;
  wallS: number;
  clientCpuS: number;
  peakRssMb: number;
  sha256sumS: number;
  sha256sumCpuS: number;
  wallRatio: number;
  cpuRatio: number;
  simulatorCpuS: number;
  steps: Record<string, number>;
  /** every repetition's wall ratio, in run order (the row is the median one's) */
  wallRatios: number[];
}

export interface BatchRow {
  node: string;
  files: number;
  fileKb: number;
  wallS: number;
  oneFileWallS: number;
  ncalayerRequests: number;
  perFileOverheadMs: number;
  sigexRequestsPerFile: number;
  clientCpuS: number;
  simulatorCpuS: number;
  /** every repetition's per-file overhead, in run order (the row is the median one's) */
  perFileOverheadsMs: number[];
}

export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `once` `times` times; the result whose `key` is the median (the lower middle for an even count). */
export async function medianOf<T>(times: number, once: () => Promise<T>, key: (t: T) => number): Promise<{ median: T; all: T[] }> {
  const all: T[] = [];
  for (let i = 0; i < times; i++) all.push(await once());
  const sorted = [...all].sort((a, b) => key(a) - key(b));
  return { median: sorted[Math.floor((sorted.length - 1) / 2)] as T, all };
}

export interface EventLoopRow {
  node: string;
  sizeMb: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function printReport(p: {
  large: LargeRow[];
  batch: BatchRow[];
  json: boolean;
  eventLoop?: EventLoopRow;
  history?: HistoryFigures;
  outbox?: OutboxFigures;
}): void {
  const { large, batch, json, eventLoop, history, outbox } = p;
  const cpus = os.cpus();
  console.log(`\nSIGEX Desktop benchmark: ${cpus.length} x ${cpus[0]?.model ?? 'CPU'}, client ${large[0]?.node ?? process.version}`);
  console.log('(client in its own process; simulators in another, their CPU in the last column)\n');
  console.log('node     | MiB  | wall s | client CPU s | peak RSS MiB | sha256sum s | wall / floor | CPU / floor | simulators CPU s');
  for (const r of large) {
    console.log(
      [
        r.node.padEnd(8),
        String(r.sizeMb).padStart(4),
        r.wallS.toFixed(2).padStart(6),
        r.clientCpuS.toFixed(2).padStart(12),
        r.peakRssMb.toFixed(0).padStart(12),
        r.sha256sumS.toFixed(2).padStart(11),
        r.wallRatio.toFixed(2).padStart(12),
        r.cpuRatio.toFixed(2).padStart(11),
        r.simulatorCpuS.toFixed(2).padStart(16),
      ].join(' | '),
    );
    console.log(`         steps (s): ${JSON.stringify(r.steps)}`);
    if (r.wallRatios.length > 1)
      console.log(`         wall / floor of each run: ${r.wallRatios.join(', ')} (the row: the median run; RSS: the highest)`);
  }
  if (eventLoop) {
    console.log(
      `\nEvent-loop delay of the client during ${eventLoop.sizeMb} MiB (${eventLoop.node}): p50 ${eventLoop.p50Ms.toFixed(1)} ms, p99 ${eventLoop.p99Ms.toFixed(1)} ms, max ${eventLoop.maxMs.toFixed(1)} ms`,
    );
  }
  if (batch.length > 0) {
    console.log(
      '\nnode     | files x KiB  | wall s | same bytes as one file s | per-file overhead ms | NCALayer requests | SIGEX requests / file',
    );
    for (const b of batch) {
      console.log(
        [
          b.node.padEnd(8),
          `${b.files} x ${b.fileKb}`.padEnd(12),
          b.wallS.toFixed(2).padStart(6),
          b.oneFileWallS.toFixed(2).padStart(24),
          b.perFileOverheadMs.toFixed(1).padStart(20),
          String(b.ncalayerRequests).padStart(17),
          b.sigexRequestsPerFile.toFixed(2).padStart(21),
        ].join(' | '),
      );
      if (b.perFileOverheadsMs.length > 1)
        console.log(`         per-file overhead of each run (ms): ${b.perFileOverheadsMs.join(', ')} (the row: the median run)`);
    }
  }
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
  if (json) {
    console.log(
      JSON.stringify({
        machine: { cpus: cpus.length, model: cpus[0]?.model ?? '' },
        large,
        ...(eventLoop ? { eventLoop } : {}),
        batch,
        ...(history ? { history } : {}),
        ...(outbox ? { outbox } : {}),
      }),
    );
  }
}
